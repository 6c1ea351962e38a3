import type { ItemClass } from '@hwcost/knapsack';
import type { Prunable } from './formulation.js';

/**
 * Segments per pruned layer when an objective re-estimates the pruned kernels. The cost of a
 * layer that reads its weights is rarely spread evenly over its groups (hls-dsp: a zero or
 * narrow weight costs no DSP, a wide one a whole slice), so the layer's groups, most important
 * first, are cut into this many segments of equal size and each segment's cost per kept group is
 * measured: one re-estimate of the model per inner boundary. Eight keep that to seven extra
 * re-estimates while letting a plan keep the cheap groups of a layer and drop its costly ones.
 */
export const SEGMENTS = 8;

/** A pruned layer's groups by importance, cut into segments with a measured cost per kept group. */
export interface SegmentedLayer {
  layer: Prunable;
  /** Group indices, most important first (ties by index). */
  order: Uint32Array;
  /** Rank boundaries: segment j holds ranks bounds[j] ≤ r < bounds[j + 1]. */
  bounds: number[];
  /** Per dimension, the layer's cost with no group kept (re-estimated dimensions; else 0). */
  floor: number[];
  /** Per segment, per dimension: cost of one kept group (re-estimated dimensions; else 0). */
  perGroup: number[][];
}

/** The layer's groups ranked and cut into {@link SEGMENTS} segments, costs still unknown. */
export function segmentLayer(layer: Prunable): SegmentedLayer {
  const { groups } = layer;
  const order = new Uint32Array(groups.count);
  for (let g = 0; g < order.length; g++) order[g] = g;
  const values = Float64Array.from(order, (g) => groups.importance(g));
  order.sort((a, b) => values[b]! - values[a]! || a - b);
  const bounds = Array.from({ length: SEGMENTS + 1 }, (_v, j) => Math.round((j * groups.count) / SEGMENTS));
  const width = layer.before.length;
  return { layer, order, bounds, floor: new Array<number>(width).fill(0), perGroup: bounds.slice(1).map(() => new Array<number>(width).fill(0)) };
}

/** Kept flags keeping the layer's `count` most important groups. */
export function keepTop(s: SegmentedLayer, count: number): Uint8Array {
  const kept = new Uint8Array(s.order.length);
  for (let r = 0; r < count; r++) kept[s.order[r]!] = 1;
  return kept;
}

/**
 * Sets the segments' costs from the layer's measured costs keeping the top `bounds[j]` groups,
 * `prefix[j]` for every boundary j: a segment costs what adding it to the groups before it added
 * (never less than nothing), spread over its groups.
 */
export function measureSegments(s: SegmentedLayer, prefix: readonly (readonly number[])[], dimensions: readonly boolean[]): void {
  s.floor = prefix[0]!.map((v, m) => (dimensions[m] ? v : 0));
  s.perGroup = s.bounds.slice(1).map((end, j) => {
    const size = end - s.bounds[j]!;
    return prefix[j]!.map((v, m) => (dimensions[m] && size > 0 ? Math.max(0, prefix[j + 1]![m]! - v) / size : 0));
  });
}

/**
 * The layer's segments as knapsack classes over the constrained `rows`: a group weighs its
 * segment's cost times `correction[m]` in re-estimated rows, scaled by `scale[row]` and rounded up,
 * and the objective's savings elsewhere. Values are normalised by the layer's largest group, as
 * the hwcost formulation does.
 */
export function segmentClasses(s: SegmentedLayer, rows: readonly number[], measured: readonly boolean[], correction: readonly number[], scale: readonly number[]): ItemClass[] {
  const { groups, savings } = s.layer;
  const read = groups.importanceOver(groups.max > 0 ? groups.max : 1);
  return s.perGroup.map((cost, j) => {
    const start = s.bounds[j]!;
    return {
      count: s.bounds[j + 1]! - start,
      weights: rows.map((m, row) => (measured[m] ? Math.max(0, Math.ceil(cost[m]! * correction[m]! * scale[row]! - 1e-9)) : savings[m]!)),
      value: (i: number) => read(s.order[start + i]!),
    };
  });
}

/** The layer's kept flags from the choices of its segment classes. */
export function keptOf(s: SegmentedLayer, chosen: readonly Uint8Array[]): Uint8Array {
  const kept = new Uint8Array(s.order.length);
  chosen.forEach((flags, j) => {
    for (let i = 0; i < flags.length; i++) if (flags[i]) kept[s.order[s.bounds[j]! + i]!] = 1;
  });
  return kept;
}

/** What the segments predict the layer costs in dimension `m` with these choices. */
export function predictedCost(s: SegmentedLayer, chosen: readonly Uint8Array[], m: number, correction: number): number {
  let cost = s.floor[m]!;
  chosen.forEach((flags, j) => {
    let n = 0;
    for (let i = 0; i < flags.length; i++) n += flags[i]!;
    cost += n * s.perGroup[j]![m]! * correction;
  });
  return cost;
}
