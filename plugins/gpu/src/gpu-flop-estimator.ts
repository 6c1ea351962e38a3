import { EstimatorError, NOT_OPTIMIZABLE, hasWeights, layerKind, product, prunable, removesWeights, type LayerAttributes, type ObjectiveEstimator } from '@hwcost/core';

const ID = 'gpu-flops';

/**
 * Floating-point operations of a forward pass on a GPU (hls4ml's GPUFLOPEstimator): a multiply and
 * an add per weight use, plus one bias add per output channel. Only structured pruning (whole neurons
 * or filters) saves FLOPs on a GPU.
 */
export const gpuFlopEstimator: ObjectiveEstimator = {
  id: ID,
  dimensions: ['FLOPs'],
  aliases: ['GPUFLOPEstimator'],
  description: 'GPU floating-point operations per inference',

  isLayerOptimizable(layer) {
    return hasWeights(layer) ? prunable('structured') : NOT_OPTIMIZABLE;
  },

  layerResources(layer) {
    if (!hasWeights(layer)) return [0];
    const w = layer.weightShape;
    if (kindOf(layer, 'FLOP utilization') === 'dense') return [2 * product(w) + w[1]!];
    return [2 * product(w) * outputPixels(layer) + w[3]!];
  },

  layerSavings(layer, context) {
    if (!hasWeights(layer) || !removesWeights(layer, context, 'FLOPs')) return [0];
    if (layer.optimizationAttributes.structureType !== 'structured') {
      context.warn('FLOP savings occur only with structured pruning; use the attributes returned by isLayerOptimizable');
      return [0];
    }
    const w = layer.weightShape;
    if (kindOf(layer, 'FLOP savings') === 'dense') return [2 * w[0]! + 1];
    return [2 * product(w.slice(0, 3)) * outputPixels(layer) + 1];
  },
};

function kindOf(layer: LayerAttributes, what: string): 'dense' | 'conv2d' {
  const kind = layerKind(layer.layerType);
  if (kind === 'dense' || kind === 'conv2d') return kind;
  throw new EstimatorError(ID, layer.name, `cannot estimate ${what} of layer type ${layer.layerType} (Dense and Conv2D only)`);
}

function outputPixels(layer: LayerAttributes): number {
  const [height, width] = layer.outputShape;
  if (height === undefined || width === undefined) {
    throw new EstimatorError(ID, layer.name, `Conv2D output shape ${JSON.stringify(layer.outputShape)} has no height and width`);
  }
  return height * width;
}
