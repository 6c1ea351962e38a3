import type { HlsLayer } from '../layer.js';
import type { MultiplierPlan } from './multipliers.js';

/**
 * DSP slices of a layer. Multiplying layers: the DSP-worthy products, at most hls4ml's multiplier
 * limit, times the slices each takes. Softmax and batch normalization multiply each element once
 * per reuse (rule "elementwise products"), in DSPs when the operand is wide.
 */
export function dspRule(layer: HlsLayer, plan: MultiplierPlan | undefined): number {
  if (plan) return plan.dspProducts * plan.slicesPerProduct;
  if (layer.role === 'softmax' || layer.role === 'normalize') {
    if (layer.inputWidth < 10) return 0;
    const lanes = layer.io === 'io_stream' ? layer.outChannels : layer.outputSize;
    return Math.ceil(lanes / Math.max(1, layer.reuseFactor));
  }
  return 0;
}
