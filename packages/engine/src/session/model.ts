import { existsSync } from 'node:fs';
import path from 'node:path';
import { HwcostError, type Diagnostics } from '@hwcost/core';
import { applyHls4mlConfig, loadHls4mlConfig, loadModelFile, type Hls4mlConfig, type ImportedModel } from '@hwcost/model';

/** The files a command reads a model from; both optional. */
export interface ModelInput {
  model?: string;
  config?: string;
}

/** A model with its hls4ml attributes resolved, and where it came from. */
export interface LoadedModel {
  model: ImportedModel;
  modelFile: string;
  config?: Hls4mlConfig;
}

/**
 * Loads the model and resolves its hls4ml attributes. Without a model path the config's `KerasJson`
 * is used.
 */
export async function loadModelInput(input: ModelInput, diagnostics: Diagnostics): Promise<LoadedModel> {
  const configFile = input.config;
  if (configFile === undefined && input.model === undefined) throw new HwcostError('no model given: name a model file or an hls4ml config whose KerasJson names one');
  const config = configFile === undefined ? undefined : await loadHls4mlConfig(configFile);
  const modelFile = input.model ?? config?.kerasJson;
  if (modelFile === undefined) {
    const h5 = config?.kerasH5 ? ` (KerasH5 holds weights; hwcost reads the architecture from model JSON or a .keras archive)` : '';
    throw new HwcostError(`${configFile}: the config names no KerasJson${h5}, so the model file must be given as well`);
  }
  const model = applyHls4mlConfig(await loadModelFile(modelFile), config, diagnostics);
  return { model, modelFile, ...(config ? { config } : {}) };
}

/**
 * Where a model's weights are: `--weights`, else a `.keras` archive itself, else the config's
 * `KerasH5`, else `<model>_weights.h5` or `<model>.h5` beside a model JSON (hls4ml's examples).
 */
export function resolveWeightsFile(loaded: LoadedModel, explicit: string | undefined): string {
  if (explicit) return explicit;
  const { modelFile, config } = loaded;
  if (modelFile.toLowerCase().endsWith('.keras')) return modelFile;
  if (config?.kerasH5) return config.kerasH5;
  const stem = modelFile.replace(/\.json$/i, '');
  const found = [`${stem}_weights.h5`, `${stem}.h5`, `${stem}.weights.h5`].find((candidate) => existsSync(candidate));
  if (found) return found;
  throw new HwcostError(`no weights found for ${modelFile} (looked for ${path.basename(stem)}_weights.h5 and ${path.basename(stem)}.h5 beside it); name the weights file (.h5)`);
}
