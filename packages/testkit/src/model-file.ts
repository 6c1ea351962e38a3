import type { ObjectiveRegistry } from '@hwcost/core';
import { loadRun, runDiagnostics, runEstimate, selectObjectives, type LoadedRun, type ModelEstimate, type RunInput } from '@hwcost/engine';
import { registryOf, type ObjectiveSubject } from './subject.js';

export interface ModelFileOptions extends Omit<RunInput, 'model'> {
  /** Objectives as `--objective` takes them; default `all` (every objective of the subject). */
  objectives?: string;
}

export interface ModelFileEstimate extends ModelEstimate {
  model: LoadedRun['model'];
  warnings: string[];
}

/**
 * Runs a model file (Keras JSON, `.keras`, whole-model `.h5`, with an optional hls4ml config)
 * through the subject exactly as `hwcost estimate --plugin` would: model import, config resolution,
 * the run services (weights when an objective reads them), declined layers as `n/a`.
 */
export async function estimateModelFile(subject: ObjectiveSubject | ObjectiveRegistry, modelFile: string, options: ModelFileOptions = {}): Promise<ModelFileEstimate> {
  const registry = 'services' in subject ? subject : registryOf(subject);
  const estimators = selectObjectives(registry, options.objectives ?? 'all');
  const diagnostics = runDiagnostics(registry);
  const { objectives: _objectives, ...input } = options;
  const loaded = await loadRun(registry, { ...input, model: modelFile }, estimators, diagnostics, { command: 'estimate' });
  return { ...runEstimate(loaded.model, estimators, diagnostics), model: loaded.model, warnings: diagnostics.lines() };
}
