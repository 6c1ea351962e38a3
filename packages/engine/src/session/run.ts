import type { Diagnostics, LayerKernel, LayerWeights, ObjectiveEstimator, ObjectiveRegistry } from '@hwcost/core';
import { expectedKernels, loadWeightsFile, type ModelWeights } from '@hwcost/model';
import { findWeightsFile, loadModelInput, resolveWeightsFile, type LoadedModel, type ModelInput } from './model.js';

/** The files a run reads: the model input, and the weights when they are not beside the model. */
export interface RunInput extends ModelInput {
  weights?: string;
}

/** A run's model, and its kernels when the run read them. */
export interface LoadedRun extends LoadedModel {
  weights?: ModelWeights;
  weightsFile?: string;
}

export interface LoadRunOptions {
  /** The command, for `RUN_SETTINGS.command`, e.g. `estimate`. */
  command: string;
  /** Weights are needed whatever the estimators read (plans): a missing weights file is an error. */
  requireWeights?: boolean;
}

/**
 * Loads the model of a run and fills the services its estimators inject before any of them is
 * called: `RUN_SETTINGS`, and `LAYER_WEIGHTS` — always when weights are required, else when a
 * selected estimator `usesWeights` and the weights can be found (else they stay empty).
 */
export async function loadRun(registry: ObjectiveRegistry, input: RunInput, estimators: readonly ObjectiveEstimator[], diagnostics: Diagnostics, options: LoadRunOptions): Promise<LoadedRun> {
  const settings = { command: options.command, objectives: estimators.map((e) => e.id) };
  registry.services.useSettings(settings);
  const loaded = await loadModelInput(input, diagnostics);
  const files = { modelFile: loaded.modelFile, ...(input.config === undefined ? {} : { configFile: input.config }) };
  const weightsFile = options.requireWeights
    ? resolveWeightsFile(loaded, input.weights)
    : estimators.some((e) => e.usesWeights)
      ? findWeightsFile(loaded, input.weights)
      : undefined;
  if (weightsFile === undefined) {
    registry.services.useSettings({ ...settings, ...files });
    return loaded;
  }
  const weights = await loadWeightsFile(weightsFile, expectedKernels(loaded.model));
  registry.services.useSettings({ ...settings, ...files, weightsFile });
  registry.services.useWeights(layerWeights(weights));
  return { ...loaded, weights, weightsFile };
}

/** The kernels as estimators see them: the float32 kernels themselves, with a frozen shape made once per layer. */
export function layerWeights(weights: ModelWeights): LayerWeights {
  const cache = new Map<string, LayerKernel>();
  return {
    kernel(layer) {
      const cached = cache.get(layer);
      if (cached) return cached;
      const tensor = weights.get(layer);
      if (!tensor) return undefined;
      const kernel = Object.freeze({ shape: Object.freeze([...tensor.shape]), data: tensor.data });
      cache.set(layer, kernel);
      return kernel;
    },
  };
}
