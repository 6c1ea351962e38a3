import {
  KERNEL_KINDS,
  PRUNABLE_KINDS,
  isDeclined,
  layerKind,
  type Diagnostics,
  type LayerAttributes,
  type ObjectiveEstimator,
  type OptimizationAttributes,
} from '@hwcost/core';
import type { ImportedModel, WeightTensor } from '@hwcost/model';
import { groupWeights, type GroupMetric, type WeightGroups } from './groups.js';
import type { NotPrunedReason } from './result.js';

/** One layer sorted by hls4ml's rules: its resources, and either its groups or why it is not pruned. */
export interface AssessedLayer {
  layer: LayerAttributes;
  kernel: WeightTensor | undefined;
  /** The objective's resources for the layer; null where it has none (not in totals). */
  resources: number[] | null;
  attributes: OptimizationAttributes | null;
  notPruned: { reason: NotPrunedReason; detail: string } | null;
  /** Set for a layer to prune. */
  groups?: WeightGroups;
  savings?: number[];
}

const KIND_NOT_OPTIMIZED = "hls4ml's optimize_model prunes only Dense, Conv2D, QDense and QConv2D layers";

/**
 * Applies hls4ml's `optimize_model` to every layer: only Dense and Conv2D kinds (QKeras and ONNX
 * twins included, by the kind table) are asked `isLayerOptimizable`; from the last layer with a
 * kernel on, structured pruning is turned off (it would remove outputs) and the layer stays
 * optimizable only through weight sharing, which hwcost does not plan. Every layer the objective
 * has figures for keeps its resources, pruned or not. A layer to prune is grouped for `metric`.
 */
export function assessLayers(
  model: ImportedModel,
  kernels: ReadonlyMap<string, WeightTensor>,
  objective: ObjectiveEstimator,
  metric: GroupMetric,
  diagnostics: Diagnostics,
): AssessedLayer[] {
  const last = lastLayerWithKernel(model, kernels);
  return model.layers.map(({ attributes: layer, supported, reason }, index) => {
    const kernel = kernels.get(layer.name);
    const context = diagnostics.contextFor(objective.id, layer.name);
    const assessed = (resources: number[] | null, why: NotPrunedReason, detail: string, attributes: OptimizationAttributes | null = null): AssessedLayer => ({
      layer,
      kernel,
      resources,
      attributes,
      notPruned: { reason: why, detail },
    });
    if (!supported) {
      const detail = reason ?? `class ${layer.layerType} is unknown to hwcost`;
      const masked = kernel ? 'its mask keeps every weight' : 'no mask is written for it';
      diagnostics.warn(`${detail}: not in the totals or the budget, and not pruned (${masked})`, { layer: layer.name });
      return assessed(null, 'unsupported', detail);
    }
    const resources = resourcesOf(objective, layer, diagnostics);
    if (layer.weightShape.length === 0) return assessed(resources, 'no-weights', 'the layer has no weights');
    const kind = layerKind(layer.layerType);
    if (kind === undefined || !PRUNABLE_KINDS.has(kind)) return assessed(resources, 'kind-not-optimized', KIND_NOT_OPTIMIZED);

    let decision;
    try {
      decision = objective.isLayerOptimizable(layer, context);
    } catch (error) {
      if (!isDeclined(error)) throw error;
      return assessed(resources, 'objective-declines', error.reason);
    }
    const attributes = decision.attributes ? { ...decision.attributes } : null;
    let optimizable = decision.optimizable && attributes !== null;
    const lastLayer = index >= last && attributes?.structureType === 'structured' && attributes.pruning;
    if (lastLayer) {
      attributes.pruning = false;
      optimizable = attributes.weightSharing;
    }
    if (!optimizable || !attributes?.pruning) {
      if (lastLayer) return assessed(resources, 'last-layer', 'the last layer with weights: structured pruning would remove outputs', attributes);
      const detail = optimizable ? `objective ${objective.id} plans weight sharing only, which hwcost does not plan` : `objective ${objective.id} does not optimize it`;
      return assessed(resources, 'objective-declines', detail, attributes);
    }
    const planned: LayerAttributes = { ...layer, optimizable: true, optimizationAttributes: attributes };
    const grouping = groupWeights(planned, kernel!, metric);
    if (!grouping.ok) {
      diagnostics.warn(`kept whole: ${grouping.reason}`, { objective: objective.id, layer: layer.name });
      return assessed(resources, 'structure-does-not-tile', grouping.reason, attributes);
    }
    if (attributes.weightSharing) diagnostics.warn('the objective also plans weight sharing, which hwcost does not plan: groups are valued for pruning only', { objective: objective.id, layer: layer.name });
    let savings;
    try {
      savings = objective.layerSavings(planned, context);
    } catch (error) {
      if (!isDeclined(error)) throw error;
      return assessed(resources, 'objective-declines', error.reason, attributes);
    }
    if (!resources) return assessed(resources, 'objective-declines', 'the objective has no resources for it', attributes);
    return { layer, kernel, resources, attributes, notPruned: null, groups: grouping.groups, savings };
  });
}

/** The layer's resources, or null (with a warning) when the objective declines it. */
function resourcesOf(objective: ObjectiveEstimator, layer: LayerAttributes, diagnostics: Diagnostics): number[] | null {
  try {
    return objective.layerResources(layer, diagnostics.contextFor(objective.id, layer.name));
  } catch (error) {
    if (!isDeclined(error)) throw error;
    diagnostics.warn(`not in the totals: ${error.reason}`, { objective: objective.id, layer: layer.name });
    return null;
  }
}

/**
 * Index of the last layer with a Keras `kernel` (hls4ml's `get_last_layer_with_weights`), a layer
 * of unknown class that has a kernel counting as one; the layer count when there is none.
 */
function lastLayerWithKernel(model: ImportedModel, kernels: ReadonlyMap<string, WeightTensor>): number {
  for (let i = model.layers.length - 1; i >= 0; i--) {
    const { attributes, supported } = model.layers[i]!;
    const kind = layerKind(attributes.layerType);
    if (supported ? kind !== undefined && KERNEL_KINDS.has(kind) : kernels.has(attributes.name)) return i;
  }
  return model.layers.length;
}
