import { existsSync } from 'node:fs';
import path from 'node:path';
import { HwcostError, type Diagnostics } from '@hwcost/core';
import { applyHls4mlConfig, configModelKey, loadHls4mlConfig, loadModelFile, locateConfigFile, type Hls4mlConfig, type ImportedModel } from '@hwcost/model';

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
 * Loads the model and resolves its hls4ml attributes. Without a model path the config names it, as
 * hls4ml's converter reads it: `OnnxModel`, `PytorchModel`, `KerasModel`, `KerasJson`, or `KerasH5`
 * as a whole model (`model.save()`); each is looked for from the current directory, then in the
 * config's folder.
 */
export async function loadModelInput(input: ModelInput, diagnostics: Diagnostics): Promise<LoadedModel> {
  const configFile = input.config;
  if (configFile === undefined && input.model === undefined) throw new HwcostError('no model given: name a model file or an hls4ml config whose KerasJson names one');
  const config = configFile === undefined ? undefined : await loadHls4mlConfig(configFile);
  const key = config ? configModelKey(config) : undefined;
  const modelFile = input.model ?? (config && key ? locateConfigFile(config, key) : undefined);
  if (modelFile === undefined) throw new HwcostError(`${configFile}: the config names no model (KerasJson or KerasH5), so the model file must be given as well`);
  const model = applyHls4mlConfig(await loadModelFile(modelFile), config, diagnostics);
  return { model, modelFile, ...(config ? { config } : {}) };
}

/**
 * Where a model's weights are: `--weights`, else the model file itself when it holds them (a `.keras`
 * archive, a whole-model `.h5`, an ONNX model), else the config's `KerasH5` (from the current
 * directory, the config's folder, or beside the model), else `<model>_weights.h5` or `<model>.h5`
 * beside a model JSON (hls4ml's examples).
 */
export function resolveWeightsFile(loaded: LoadedModel, explicit: string | undefined): string {
  const found = findWeightsFile(loaded, explicit);
  if (found) return found;
  const stem = path.basename(loaded.modelFile.replace(/\.json$/i, ''));
  throw new HwcostError(`no weights found for ${loaded.modelFile} (looked for ${stem}_weights.h5 and ${stem}.h5 beside it); name the weights file (.h5)`);
}

/**
 * Like {@link resolveWeightsFile}, but undefined when the model has no weights to be found. A
 * `KerasH5` the config names but that is nowhere to be found is an error naming the places tried.
 */
export function findWeightsFile(loaded: LoadedModel, explicit: string | undefined): string | undefined {
  if (explicit) return explicit;
  const { model, modelFile, config } = loaded;
  if (model.holdsWeights) return modelFile;
  if (config?.files?.KerasH5 !== undefined) return locateConfigFile(config, 'KerasH5', modelFile);
  const stem = modelFile.replace(/\.json$/i, '');
  return [`${stem}_weights.h5`, `${stem}.h5`, `${stem}.weights.h5`].find((candidate) => existsSync(candidate));
}
