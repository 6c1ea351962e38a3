// An hwcost objective plugin: how many bits of weight storage a layer needs, and how many pruning saves.
// Importing this module only defines values; hwcost calls register() when it loads the plugin.
import { OBJECTIVE_ESTIMATOR, hasWeights, product, removesWeights, requireHls4ml } from '@hwcost/core';

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
    if (!hasWeights(layer)) return { optimizable: false, attributes: null };
    // Every weight removed frees its bits, so the finest structure is the best one.
    return {
      optimizable: true,
      attributes: { structureType: 'unstructured', pruning: true, weightSharing: false, blockShape: [1, 1], patternOffset: 1, consecutivePatterns: 1 },
    };
  },

  layerResources(layer) {
    return [hasWeights(layer) ? product(layer.weightShape) * weightWidth(layer) : 0];
  },

  layerSavings(layer, context) {
    if (!hasWeights(layer) || !removesWeights(layer, context, 'weight bits')) return [0];
    const { structureType, blockShape, patternOffset, consecutivePatterns } = layer.optimizationAttributes;
    const weightsPerGroup = {
      unstructured: 1,
      // A neuron or filter: every weight of the kernel but those along the last axis.
      structured: product(layer.weightShape.slice(0, -1)),
      pattern: Math.floor(product(layer.weightShape) / patternOffset) * consecutivePatterns,
      block: product(blockShape),
    }[structureType];
    return [weightsPerGroup * weightWidth(layer)];
  },
};

/** @type {import('@hwcost/core').HwcostPlugin} */
export default {
  meta: { name: 'hwcost-plugin-weight-bits', version: '1.0.0', apiVersion: 1 },
  register(container) {
    container.register(OBJECTIVE_ESTIMATOR, { useValue: weightBitsEstimator });
  },
};
