import { addExact, isDeclined, type Diagnostics, type LayerAttributes, type ObjectiveEstimator, type OptimizationAttributes } from '@hwcost/core';
import type { ImportedModel } from '@hwcost/model';

/** One objective's view of one layer. */
export interface ObjectiveEstimate {
  optimizable: boolean;
  /** The structure the objective chose for the layer; null when not optimizable. */
  optimization: OptimizationAttributes | null;
  /** Null when the objective declined the layer (see `error`). */
  resources: number[] | null;
  /** Savings of one group of `optimization`; null when the layer is not optimizable. */
  savings: number[] | null;
  /** Why the objective cannot estimate this layer (e.g. FLOPs of a Conv1D); absent otherwise. */
  error?: string;
}

/** All objectives' view of one layer. */
export interface LayerEstimate {
  layer: LayerAttributes;
  estimates: Record<string, ObjectiveEstimate>;
}

/** Estimates of a whole model. */
export interface ModelEstimate {
  layers: LayerEstimate[];
  /** Per objective id, the sum of every layer's resources, per dimension. */
  totals: Record<string, number[]>;
}

/**
 * Runs every estimator on one layer. Savings are evaluated with the attributes the layer's own
 * `isLayerOptimizable` returned, which is how hls4ml plans a layer.
 */
export function estimateLayer(layer: LayerAttributes, estimator: ObjectiveEstimator, diagnostics: Diagnostics): ObjectiveEstimate {
  const context = diagnostics.contextFor(estimator.id, layer.name);
  const { optimizable, attributes } = estimator.isLayerOptimizable(layer, context);
  const resources = estimator.layerResources(layer, context);
  if (!optimizable || !attributes) return { optimizable: false, optimization: null, resources, savings: null };
  const planned: LayerAttributes = { ...layer, optimizable: true, optimizationAttributes: attributes };
  return { optimizable: true, optimization: attributes, resources, savings: estimator.layerSavings(planned, context) };
}

/**
 * Like {@link estimateLayer}, but a layer the objective declines (it throws an
 * {@link EstimatorError}, e.g. FLOPs of a Conv1D) is recorded as not estimated, with a warning, so
 * the rest of the model is still costed. A broken plugin still stops the run.
 */
export function tryEstimateLayer(layer: LayerAttributes, estimator: ObjectiveEstimator, diagnostics: Diagnostics): ObjectiveEstimate {
  try {
    return estimateLayer(layer, estimator, diagnostics);
  } catch (error) {
    if (!isDeclined(error)) throw error;
    diagnostics.warn(`not estimated: ${error.reason}`, { objective: estimator.id, layer: layer.name });
    return { optimizable: false, optimization: null, resources: null, savings: null, error: error.reason };
  }
}

/** Runs every estimator on every layer and sums the resources per objective (declined layers add nothing). */
export function estimateModel(layers: readonly LayerAttributes[], estimators: readonly ObjectiveEstimator[], diagnostics: Diagnostics): ModelEstimate {
  const totals: Record<string, number[]> = Object.fromEntries(estimators.map((e) => [e.id, e.dimensions.map(() => 0)]));
  const estimated = layers.map((layer) => {
    const estimates: Record<string, ObjectiveEstimate> = {};
    for (const estimator of estimators) {
      const estimate = tryEstimateLayer(layer, estimator, diagnostics);
      estimates[estimator.id] = estimate;
      const total = totals[estimator.id]!;
      estimate.resources?.forEach((value, i) => (total[i] = addExact(total[i]!, value, `the total ${estimator.dimensions[i]} of objective ${estimator.id}`)));
    }
    return { layer, estimates };
  });
  return { layers: estimated, totals };
}

/**
 * Runs the estimators over the model's supported layers; an objective that declines a layer (FLOPs
 * of a Conv1D, DSPs of a layer hls4ml's pruning does not handle) leaves that cell not estimated.
 */
export function runEstimate(model: ImportedModel, estimators: readonly ObjectiveEstimator[], diagnostics: Diagnostics): ModelEstimate {
  return estimateModel(
    model.layers.filter((l) => l.supported).map((l) => l.attributes),
    estimators,
    diagnostics,
  );
}
