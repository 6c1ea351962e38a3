import { NOT_OPTIMIZABLE, hasWeights, product, prunable, removesWeights, requireHls4ml, weightsPerGroup, type Hls4mlAttributes, type LayerAttributes, type ObjectiveEstimator } from '@hwcost/core';

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

/**
 * FFs saved per removed weight group when the weights sit in FFs. A neuron counts as hls4ml's `nIn`
 * weights, which for a Conv2D is the kernel window without its channels (hls4ml's definition).
 */
function weightGroupBits(layer: LayerAttributes, h: Hls4mlAttributes): number {
  const weights = layer.optimizationAttributes.structureType === 'structured' ? h.nIn : weightsPerGroup(layer, ID);
  return weights * h.weightPrecision.width;
}

/** Flip-flops of the Vivado backend (hls4ml's VivadoFFEstimator); consistently rough, as hls4ml's is. */
export const vivadoFfEstimator: ObjectiveEstimator = {
  id: ID,
  dimensions: ['FF'],
  aliases: ['VivadoFFEstimator'],
  description: 'flip-flops of the Vivado backend',

  isLayerOptimizable(layer, context) {
    if (!hasWeights(layer)) return NOT_OPTIMIZABLE;
    const hls4ml = requireHls4ml(layer, ID);
    const { weights, outputs } = storage(hls4ml);
    if (!weights && !outputs) {
      context.warn('FFs are at minimum utilization with io_stream and the Resource strategy');
      return NOT_OPTIMIZABLE;
    }
    // Outputs alone in FFs: only removing whole neurons shrinks them; otherwise every weight counts.
    return prunable(weights ? 'unstructured' : 'structured');
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
