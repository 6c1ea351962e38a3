import type { Hls4mlAttributes } from '../attributes/hls4ml.js';
import type { LayerAttributes } from '../attributes/layer.js';
import { EstimatorError } from '../errors.js';
import type { EstimateContext } from './estimator.js';

/** The layer's hls4ml attributes, or an error naming the layer and objective when it has none. */
export function requireHls4ml(layer: LayerAttributes, objective: string): Hls4mlAttributes {
  const hls4ml = layer.args.hls4ml;
  if (!hls4ml) {
    throw new EstimatorError(objective, layer.name, `needs hls4ml attributes (reuse factor, strategy, precision), but layer type ${layer.layerType} has none`);
  }
  return hls4ml;
}

/** True when the layer has a kernel (hls4ml's `weight_shape` is non-empty). */
export function hasWeights(layer: LayerAttributes): boolean {
  return layer.weightShape.length > 0;
}

/**
 * The common precondition of savings that come only from removing weights: pruning on, sharing off.
 * Warns (as hls4ml does) and returns false otherwise; `what` names the resource, e.g. "FLOPs".
 */
export function removesWeights(layer: LayerAttributes, context: EstimateContext, what: string): boolean {
  const { pruning, weightSharing } = layer.optimizationAttributes;
  if (weightSharing) {
    context.warn(`weight sharing does not decrease ${what}; use the attributes returned by isLayerOptimizable`);
    return false;
  }
  if (!pruning) {
    context.warn(`pruning needs to be enabled to decrease ${what}; use the attributes returned by isLayerOptimizable`);
    return false;
  }
  return true;
}
