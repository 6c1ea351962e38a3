import type { Hls4mlAttributes } from '../attributes/hls4ml.js';
import type { LayerAttributes } from '../attributes/layer.js';
import type { StructureType } from '../attributes/optimization.js';
import { product } from '../attributes/validate.js';
import { EstimatorError } from '../errors.js';
import { layerKind } from '../layers/kinds.js';
import type { EstimateContext, OptimizableResult } from './estimator.js';

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

/**
 * The usual answer of `isLayerOptimizable` for a layer with weights: optimizable by pruning (no
 * weight sharing) with the given structure; pattern parameters default to 1 as in hls4ml.
 */
export function prunable(structureType: StructureType, pattern: { patternOffset?: number; consecutivePatterns?: number } = {}): OptimizableResult {
  return {
    optimizable: true,
    attributes: {
      structureType,
      pruning: true,
      weightSharing: false,
      blockShape: [1, 1],
      patternOffset: pattern.patternOffset ?? 1,
      consecutivePatterns: pattern.consecutivePatterns ?? 1,
    },
  };
}

/** What `isLayerOptimizable` returns for a layer an objective leaves alone. */
export const NOT_OPTIMIZABLE: Readonly<OptimizableResult> = Object.freeze({ optimizable: false, attributes: null });

/**
 * How many weights one group of the layer's structure holds: 1 (unstructured), a Dense column or
 * Conv2D filter (structured), `weights / patternOffset × consecutivePatterns` (pattern), a block.
 * Structured groups are defined for Dense and Conv2D kernels only; other layers are declined with
 * an error naming `objective`.
 */
export function weightsPerGroup(layer: LayerAttributes, objective: string): number {
  const { structureType, patternOffset, consecutivePatterns, blockShape } = layer.optimizationAttributes;
  switch (structureType) {
    case 'unstructured':
      return 1;
    case 'structured': {
      const kind = layerKind(layer.layerType);
      if (kind !== 'dense' && kind !== 'conv2d') {
        throw new EstimatorError(objective, layer.name, `structured groups are defined for Dense and Conv2D layers, not ${layer.layerType}`);
      }
      return product(layer.weightShape.slice(0, -1));
    }
    case 'pattern':
      return Math.floor(product(layer.weightShape) / patternOffset) * consecutivePatterns;
    case 'block':
      return product(blockShape);
  }
}
