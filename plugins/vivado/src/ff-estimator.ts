import { hasWeights, product, removesWeights, requireHls4ml, type Hls4mlAttributes, type LayerAttributes, type ObjectiveEstimator } from '@hwcost/core';

const ID = 'vivado-ff';

/**
 * Where the Vivado backend keeps a layer's data, which decides what flip-flops hold:
 * - stream + Resource: weights and activations in BRAM, minimal FFs;
 * - stream + Latency: weights in FFs;
 * - parallel + Resource: weights in BRAM, outputs in FFs;
 * - parallel + Latency: weights and outputs in FFs.
 */
function storage(h: Hls4mlAttributes): { weights: boolean; outputs: boolean } {
  if (h.ioType === 'io_stream') return { weights: h.strategy === 'Latency', outputs: false };
  return { weights: h.strategy === 'Latency', outputs: true };
}

/** FFs saved per removed weight group when the weights sit in FFs. */
function weightGroupBits(layer: LayerAttributes, h: Hls4mlAttributes): number {
  const { structureType, patternOffset, consecutivePatterns, blockShape } = layer.optimizationAttributes;
  const width = h.weightPrecision.width;
  switch (structureType) {
    case 'unstructured':
      return width;
    case 'structured':
      return h.nIn * width;
    case 'pattern':
      return Math.floor(product(layer.weightShape) / patternOffset) * consecutivePatterns * width;
    case 'block':
      return product(blockShape) * width;
  }
}

/** Flip-flops of the Vivado backend (hls4ml's VivadoFFEstimator); consistently rough, as hls4ml's is. */
export const vivadoFfEstimator: ObjectiveEstimator = {
  id: ID,
  dimensions: ['FF'],
  aliases: ['VivadoFFEstimator'],
  description: 'flip-flops of the Vivado backend',

  isLayerOptimizable(layer, context) {
    if (!hasWeights(layer)) return { optimizable: false, attributes: null };
    const hls4ml = requireHls4ml(layer, ID);
    const { weights, outputs } = storage(hls4ml);
    if (!weights && !outputs) {
      context.warn('FFs are at minimum utilization with io_stream and the Resource strategy');
      return { optimizable: false, attributes: null };
    }
    // Outputs alone in FFs: only removing whole neurons shrinks them; otherwise every weight counts.
    const structureType = weights ? 'unstructured' : 'structured';
    return {
      optimizable: true,
      attributes: { structureType, pruning: true, weightSharing: false, blockShape: [1, 1], patternOffset: 1, consecutivePatterns: 1 },
    };
  },

  layerResources(layer) {
    if (!hasWeights(layer)) return [0];
    const hls4ml = requireHls4ml(layer, ID);
    const { weights, outputs } = storage(hls4ml);
    return [
      (weights ? product(layer.weightShape) * hls4ml.weightPrecision.width : 0) +
        (outputs ? product(layer.outputShape) * hls4ml.outputPrecision.width : 0),
    ];
  },

  layerSavings(layer, context) {
    if (!hasWeights(layer) || !removesWeights(layer, context, 'the number of FFs')) return [0];
    const hls4ml = requireHls4ml(layer, ID);
    const { weights, outputs } = storage(hls4ml);
    const structured = layer.optimizationAttributes.structureType === 'structured';
    if (weights) return [weightGroupBits(layer, hls4ml) + (outputs && structured ? hls4ml.outputPrecision.width : 0)];
    return [outputs && structured ? hls4ml.outputPrecision.width : 0];
  },
};
