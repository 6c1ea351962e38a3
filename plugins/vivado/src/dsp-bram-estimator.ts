import { NOT_OPTIMIZABLE, hasWeights, inject, injectable, product, prunable, requireHls4ml, type EstimateContext, type LayerAttributes, type ObjectiveEstimator, type OptimizableResult } from '@hwcost/core';
import { VIVADO_DEVICE, type VivadoDevice } from './device.js';

const ID = 'vivado-dsp-bram';

/**
 * DSPs and BRAM of the Vivado backend together (hls4ml's VivadoMultiObjectiveEstimator). Under the
 * Resource strategy with RF > 1 the weights live in BRAM, `weights × width / (RF × word)` blocks; a
 * pattern group is as many consecutive patterns as fill one BRAM word, so removing it frees one
 * BRAM block as well as its DSPs.
 */
@injectable()
export class VivadoDspBramEstimator implements ObjectiveEstimator {
  readonly id = ID;
  readonly dimensions = ['DSP', 'BRAM'];
  readonly aliases = ['VivadoMultiObjectiveEstimator'];
  readonly description = 'DSP blocks and BRAM of the Vivado backend';

  constructor(@inject(VIVADO_DEVICE) private readonly device: VivadoDevice) {}

  isLayerOptimizable(layer: LayerAttributes): OptimizableResult {
    if (!hasWeights(layer)) return NOT_OPTIMIZABLE;
    const hls4ml = requireHls4ml(layer, ID);
    if (hls4ml.strategy === 'Latency' || hls4ml.reuseFactor === 1) return prunable('unstructured');
    const width = hls4ml.weightPrecision.width;
    const word = this.device.bramWordBits;
    const consecutivePatterns = word % width === 0 ? Math.floor(word / width) : Math.ceil((2 * word) / width);
    return prunable('pattern', { patternOffset: Math.floor(product(layer.weightShape) / hls4ml.reuseFactor), consecutivePatterns });
  }

  layerResources(layer: LayerAttributes): number[] {
    if (!hasWeights(layer)) return [0, 0];
    const hls4ml = requireHls4ml(layer, ID);
    const weights = product(layer.weightShape);
    const dsp = Math.floor(weights / hls4ml.reuseFactor);
    // Latency strategy, and Resource with RF 1, keep the weights in registers, not BRAM.
    if (hls4ml.strategy === 'Latency' || hls4ml.reuseFactor === 1) return [dsp, 0];
    return [dsp, Math.ceil((weights * hls4ml.weightPrecision.width) / (hls4ml.reuseFactor * this.device.bramWordBits))];
  }

  layerSavings(layer: LayerAttributes, context: EstimateContext): number[] {
    if (!hasWeights(layer)) return [0, 0];
    const { pruning, structureType, patternOffset, consecutivePatterns } = layer.optimizationAttributes;
    if (!pruning) {
      context.warn('pruning needs to be enabled to decrease the number of DSPs; use the attributes returned by isLayerOptimizable');
      return [0, 0];
    }
    const hls4ml = requireHls4ml(layer, ID);
    const rf = hls4ml.reuseFactor;
    if (hls4ml.strategy === 'Latency') return rf === 1 ? [1, 0] : [0, 0];
    if (rf === 1) return [1, 0];
    if (structureType === 'pattern') {
      const width = hls4ml.weightPrecision.width;
      const word = this.device.bramWordBits;
      const patterns = Math.floor(product(layer.weightShape) / patternOffset);
      const fillsBramWord = (consecutivePatterns * width === word && word % width === 0) || consecutivePatterns * width === 2 * word;
      if (patterns === rf && fillsBramWord) return [consecutivePatterns, 1];
    }
    context.warn('multi-objective savings are only modelled for BRAM-aligned patterns; layer savings are zero');
    return [0, 0];
  }
}
