import { NOT_OPTIMIZABLE, hasWeights, inject, injectable, product, prunable, requireHls4ml, type EstimateContext, type Hls4mlAttributes, type LayerAttributes, type ObjectiveEstimator, type OptimizableResult } from '@hwcost/core';
import { VIVADO_DEVICE, type VivadoDevice } from './device.js';

const ID = 'vivado-dsp';

/**
 * DSP blocks of the Vivado backend (hls4ml's VivadoDSPEstimator): one multiplier per weight
 * processed in parallel, i.e. weights / reuse factor. Under the Resource strategy the weights are
 * streamed in patterns of `weights / RF`; removing a whole pattern frees a DSP.
 */
@injectable()
export class VivadoDspEstimator implements ObjectiveEstimator {
  readonly id = ID;
  readonly dimensions = ['DSP'];
  readonly aliases = ['VivadoDSPEstimator'];
  readonly description = 'DSP blocks of the Vivado backend';

  constructor(@inject(VIVADO_DEVICE) private readonly device: VivadoDevice) {}

  /** hls4ml attributes of a layer that uses DSPs, or undefined when it uses none. */
  private dspLayer(layer: LayerAttributes): Hls4mlAttributes | undefined {
    if (!hasWeights(layer)) return undefined;
    const hls4ml = requireHls4ml(layer, ID);
    return hls4ml.weightPrecision.width < this.device.minDspWidth ? undefined : hls4ml;
  }

  isLayerOptimizable(layer: LayerAttributes): OptimizableResult {
    const hls4ml = this.dspLayer(layer);
    if (!hls4ml) return NOT_OPTIMIZABLE;
    if (hls4ml.strategy === 'Latency') return prunable('unstructured');
    return prunable('pattern', { patternOffset: Math.floor(product(layer.weightShape) / hls4ml.reuseFactor) });
  }

  layerResources(layer: LayerAttributes): number[] {
    const hls4ml = this.dspLayer(layer);
    return [hls4ml ? Math.floor(product(layer.weightShape) / hls4ml.reuseFactor) : 0];
  }

  layerSavings(layer: LayerAttributes, context: EstimateContext): number[] {
    const hls4ml = this.dspLayer(layer);
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
  }
}
