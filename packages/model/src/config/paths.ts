import { existsSync } from 'node:fs';
import path from 'node:path';
import { HwcostError, quote } from '@hwcost/core';
import type { Hls4mlConfig } from './load.js';
import { MODEL_FILE_KEYS, type ModelFileKey } from './keys.js';

/**
 * The config key that names the model, as hls4ml's converter picks it: `OnnxModel`, then
 * `PytorchModel`, then `KerasModel`, `KerasJson`, and `KerasH5` (a whole model when alone).
 */
export function configModelKey(config: Hls4mlConfig): ModelFileKey | undefined {
  return MODEL_FILE_KEYS.find((key) => config.files?.[key] !== undefined);
}

/**
 * Finds a file the config names (`KerasJson`, `KerasH5`, …) where hls4ml and its users expect it:
 * as written, from the current directory (hls4ml opens it so); then in the config's folder; then,
 * by its file name, beside the model (`besideModel`, for weights) or beside the config. The error
 * names every place tried.
 */
export function locateConfigFile(config: Hls4mlConfig, key: ModelFileKey, besideModel?: string): string {
  const value = config.files?.[key];
  if (value === undefined) throw new HwcostError(`${config.source}: the config has no ${key}`);
  const configDir = path.dirname(config.source);
  const candidates = path.isAbsolute(value)
    ? [value]
    : [value, path.join(configDir, value), path.join(besideModel === undefined ? configDir : path.dirname(besideModel), path.basename(value))];
  const unique = candidates.filter((c, i) => candidates.findIndex((other) => path.resolve(other) === path.resolve(c)) === i);
  const found = unique.find((candidate) => existsSync(candidate));
  if (found !== undefined) return found;
  throw new HwcostError(`${config.source}: ${key} ${quote(value)} not found; tried ${unique.join(', ')}`);
}
