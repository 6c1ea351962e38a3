import type { LayerAttributes } from '@hwcost/core';
import type { ModelWeights } from '@hwcost/model';

/** The kernels under the synthesised layers' names, and how those that were renamed were paired. */
export interface MatchedWeights {
  weights: ModelWeights;
  /** One line per kernel found under another name: `conv1 ← conv1d`. */
  renamed: string[];
}

function sameShape(a: readonly number[], b: readonly number[]): boolean {
  return a.length === b.length && a.every((n, i) => n === b[i]);
}

/**
 * Gives the model's kernels the names of the layers they belong to. By name first; the firmware
 * may name a layer otherwise than the model file does (hls4ml's renaming, hand edits, a weights
 * file keyed by something else), so the layers left over are then paired, in call order, with the
 * first kernel left over of exactly their kernel shape, in the file's order. A layer with no
 * kernel of its shape stays without one (its estimate then expects the weights' spread).
 */
export function matchWeights(layers: readonly LayerAttributes[], weights: ModelWeights): MatchedWeights {
  const matched: ModelWeights = new Map();
  const renamed: string[] = [];
  const leftover = [...weights.keys()].filter((name) => !layers.some((l) => l.name === name));
  for (const layer of layers) {
    const own = weights.get(layer.name);
    if (own) {
      matched.set(layer.name, own);
      continue;
    }
    if (layer.weightShape.length === 0) continue;
    const index = leftover.findIndex((name) => sameShape(weights.get(name)!.shape, layer.weightShape));
    if (index < 0) continue;
    const [name] = leftover.splice(index, 1);
    matched.set(layer.name, weights.get(name!)!);
    renamed.push(`${layer.name} ← ${name}`);
  }
  return { weights: matched, renamed };
}
