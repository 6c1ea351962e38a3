import { NOT_OPTIMIZABLE, hasWeights, product, prunable, requireHls4ml, type LayerAttributes, type ObjectiveEstimator } from '@hwcost/core';

const ID = 'vivado-dsp';

/** Vivado maps multiplications narrower than this many weight bits to LUTs, not DSPs. */
const MIN_DSP_WIDTH = 9;

/** hls4ml attributes of a layer that uses DSPs, or undefined when it uses none. */
function dspLayer(layer: LayerAttributes) {
  if (!hasWeights(layer)) return undefined;
  const hls4ml = requireHls4ml(layer, ID);
  return hls4ml.weightPrecision.width < MIN_DSP_WIDTH ? undefined : hls4ml;
}

/**
 * DSP blocks of the Vivado backend (hls4ml's VivadoDSPEstimator): one multiplier per weight
 * processed in parallel, i.e. weights / reuse factor. Under the Resource strategy the weights are
 * streamed in patterns of `weights / RF`; removing a whole pattern frees a DSP.
 */
export const vivadoDspEstimator: ObjectiveEstimator = {
  id: ID,
  dimensions: ['DSP'],
  aliases: ['VivadoDSPEstimator'],
  description: 'DSP blocks of the Vivado backend',

  isLayerOptimizable(layer) {
    const hls4ml = dspLayer(layer);
    if (!hls4ml) return NOT_OPTIMIZABLE;
    if (hls4ml.strategy === 'Latency') return prunable('unstructured');
    return prunable('pattern', { patternOffset: Math.floor(product(layer.weightShape) / hls4ml.reuseFactor) });
  },

  layerResources(layer) {
    const hls4ml = dspLayer(layer);
    return [hls4ml ? Math.floor(product(layer.weightShape) / hls4ml.reuseFactor) : 0];
  },

  layerSavings(layer, context) {
    const hls4ml = dspLayer(layer);
    if (!hls4ml) return [0];
    const { pruning, structureType, patternOffset, consecutivePatterns } = layer.optimizationAttributes;
    if (!pruning) {
      context.warn('pruning needs to be enabled to decrease the number of DSPs; use the attributes returned by isLayerOptimizable');
      return [0];
    }
    const rf = hls4ml.reuseFactor;
    if (hls4ml.strategy === 'Latency') return [rf === 1 ? 1 : 0];
    switch (structureType) {
      case 'unstructured':
        return [rf === 1 ? 1 : 0];
      case 'structured':
        return [rf === hls4ml.nIn ? 1 : 0];
      case 'pattern':
        return [Math.floor(product(layer.weightShape) / patternOffset) === rf ? consecutivePatterns : 0];
      case 'block':
        context.warn('hls4ml does not support block sparsity patterns; layer savings are zero');
        return [0];
    }
  },
};
