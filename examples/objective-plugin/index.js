// An hwcost objective plugin: how many bits of weight storage a layer needs, and how many pruning saves.
// Importing this module only defines values; hwcost calls register() when it loads the plugin.
import { NOT_OPTIMIZABLE, OBJECTIVE_ESTIMATOR, hasWeights, product, prunable, removesWeights, requireHls4ml, weightsPerGroup } from '@hwcost/core';

const ID = 'weight-bits';

/** Bits of one weight, from the layer's hls4ml weight precision. */
function weightWidth(layer) {
  return requireHls4ml(layer, ID).weightPrecision.width;
}

/** @type {import('@hwcost/core').ObjectiveEstimator} */
export const weightBitsEstimator = {
  id: ID,
  dimensions: ['bits'],
  aliases: ['WeightBitsEstimator'],
  description: 'bits of weight storage: weights × weight precision width',

  isLayerOptimizable(layer) {
    // Every weight removed frees its bits, so the finest structure is the best one.
    return hasWeights(layer) ? prunable('unstructured') : NOT_OPTIMIZABLE;
  },

  layerResources(layer) {
    return [hasWeights(layer) ? product(layer.weightShape) * weightWidth(layer) : 0];
  },

  layerSavings(layer, context) {
    if (!hasWeights(layer) || !removesWeights(layer, context, 'weight bits')) return [0];
    return [weightsPerGroup(layer, ID) * weightWidth(layer)];
  },
};

/** @type {import('@hwcost/core').HwcostPlugin} */
export default {
  meta: { name: 'hwcost-plugin-weight-bits', version: '1.0.0', apiVersion: 1 },
  register(container) {
    container.register(OBJECTIVE_ESTIMATOR, { useValue: weightBitsEstimator });
  },
};
