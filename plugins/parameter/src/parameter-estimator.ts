import { hasWeights, layerKind, product, removesWeights, EstimatorError, type ObjectiveEstimator } from '@hwcost/core';

/** Number of weights: every weight removed saves one parameter (hls4ml's ParameterEstimator). */
export const parameterEstimator: ObjectiveEstimator = {
  id: 'parameter',
  dimensions: ['parameters'],
  aliases: ['ParameterEstimator'],
  description: 'number of weights in the layer kernels',

  isLayerOptimizable(layer) {
    if (!hasWeights(layer)) return { optimizable: false, attributes: null };
    return {
      optimizable: true,
      attributes: { structureType: 'unstructured', pruning: true, weightSharing: false, blockShape: [1, 1], patternOffset: 1, consecutivePatterns: 1 },
    };
  },

  layerResources(layer) {
    return [hasWeights(layer) ? product(layer.weightShape) : 0];
  },

  layerSavings(layer, context) {
    if (!hasWeights(layer) || !removesWeights(layer, context, 'the number of parameters')) return [0];
    const { structureType, patternOffset, consecutivePatterns, blockShape } = layer.optimizationAttributes;
    switch (structureType) {
      case 'unstructured':
        return [1];
      case 'structured': {
        // One neuron (Dense column) or one filter (Conv2D) holds every weight but the last axis.
        const kind = layerKind(layer.layerType);
        if (kind !== 'dense' && kind !== 'conv2d') {
          throw new EstimatorError('parameter', layer.name, `structured savings are defined for Dense and Conv2D layers, not ${layer.layerType}`);
        }
        return [product(layer.weightShape.slice(0, -1))];
      }
      case 'pattern':
        return [Math.floor(product(layer.weightShape) / patternOffset) * consecutivePatterns];
      case 'block':
        return [product(blockShape)];
    }
  },
};
