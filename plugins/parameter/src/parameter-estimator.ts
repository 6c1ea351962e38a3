import { NOT_OPTIMIZABLE, hasWeights, product, prunable, removesWeights, weightsPerGroup, type ObjectiveEstimator } from '@hwcost/core';

/** Number of weights: every weight removed saves one parameter (hls4ml's ParameterEstimator). */
export const parameterEstimator: ObjectiveEstimator = {
  id: 'parameter',
  dimensions: ['parameters'],
  aliases: ['ParameterEstimator'],
  description: 'number of weights in the layer kernels',

  isLayerOptimizable(layer) {
    return hasWeights(layer) ? prunable('unstructured') : NOT_OPTIMIZABLE;
  },

  layerResources(layer) {
    return [hasWeights(layer) ? product(layer.weightShape) : 0];
  },

  layerSavings(layer, context) {
    if (!hasWeights(layer) || !removesWeights(layer, context, 'the number of parameters')) return [0];
    return [weightsPerGroup(layer, 'parameter')];
  },
};
