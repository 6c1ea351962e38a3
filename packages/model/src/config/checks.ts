import type { Diagnostics } from '@hwcost/core';
import { field, isDataObject, type DataObject } from '../io/data.js';
import type { ImportedModel } from '../types.js';
import { BARE_KEYS, LAYER_KEYS, PROJECT_KEYS } from './keys.js';
import type { Hls4mlConfig } from './load.js';

/** Edit distance (insertions, deletions, substitutions), case-insensitive. */
function distance(a: string, b: string): number {
  const x = a.toLowerCase();
  const y = b.toLowerCase();
  let previous = Array.from({ length: y.length + 1 }, (_v, j) => j);
  for (let i = 1; i <= x.length; i++) {
    const current = [i];
    for (let j = 1; j <= y.length; j++) current[j] = Math.min(previous[j]! + 1, current[j - 1]! + 1, previous[j - 1]! + (x[i - 1] === y[j - 1] ? 0 : 1));
    previous = current;
  }
  return previous[y.length]!;
}

/** The known name closest to `name`, when close enough to be a likely typo (a third of its length). */
export function closestName(name: string, known: Iterable<string>): string | undefined {
  let best: string | undefined;
  let bestDistance = Math.max(2, Math.ceil(name.length / 3)) + 1;
  for (const candidate of known) {
    const d = distance(name, candidate);
    if (d < bestDistance) [best, bestDistance] = [candidate, d];
  }
  return best;
}

function unknownKeyWarning(diagnostics: Diagnostics, source: string, path: string, key: string, known: Iterable<string>): void {
  const close = closestName(key, known);
  diagnostics.warn(`${source}: ${path}${key} is not an hls4ml key and is ignored${close === undefined ? '' : `; did you mean ${close}?`}`);
}

/** Layer names a LayerName entry may address: the model's, and the ones hls4ml derives from them (`fc1_relu`, `fc1_input`, …). */
function addressable(model: ImportedModel): (name: string) => boolean {
  const names = model.layers.map((l) => l.attributes.name.toLowerCase());
  const exact = new Set(names);
  return (entry) => {
    const lower = entry.toLowerCase();
    return exact.has(lower) || names.some((name) => lower.startsWith(`${name}_`));
  };
}

/**
 * Warns about what hls4ml would silently ignore: keys it does not know (`Reusefactor`), and
 * `LayerName` entries for layers the model does not have, each with the closest known name.
 */
export function checkConfigNames(model: ImportedModel, config: Hls4mlConfig, diagnostics: Diagnostics): void {
  const { source, prefix, hlsConfig } = config;
  for (const key of config.unknownTopKeys ?? []) unknownKeyWarning(diagnostics, source, '', key, prefix ? PROJECT_KEYS : BARE_KEYS);
  if (prefix) for (const key of Object.keys(hlsConfig).filter((k) => !BARE_KEYS.has(k))) unknownKeyWarning(diagnostics, source, prefix, key, BARE_KEYS);
  const entries: [string, DataObject][] = [];
  const modelEntry = field(hlsConfig, 'Model');
  if (isDataObject(modelEntry)) entries.push([`${prefix}Model.`, modelEntry]);
  for (const section of ['LayerType', 'LayerName']) {
    const byName = field(hlsConfig, section);
    if (!isDataObject(byName)) continue;
    for (const [name, entry] of Object.entries(byName)) if (isDataObject(entry)) entries.push([`${prefix}${section}.${name}.`, entry]);
  }
  for (const [path, entry] of entries) for (const key of Object.keys(entry).filter((k) => !LAYER_KEYS.has(k))) unknownKeyWarning(diagnostics, source, path, key, LAYER_KEYS);
  const layerNames = field(hlsConfig, 'LayerName');
  if (!isDataObject(layerNames)) return;
  const exists = addressable(model);
  for (const name of Object.keys(layerNames).filter((n) => !exists(n))) {
    const close = closestName(name, model.layers.map((l) => l.attributes.name));
    diagnostics.warn(`${source}: ${prefix}LayerName.${name} names no layer of the model and is ignored${close === undefined ? '' : `; did you mean ${close}?`}`);
  }
}
