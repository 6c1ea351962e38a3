import type { HlsLayer } from '../layer.js';
import type { MultiplierPlan } from './multipliers.js';

/**
 * Rule "Resource pipelines": under the Resource strategy a pixel's products are read from memory
 * and summed in a loop of RF iterations whose pipeline, about this many cycles deep per DSP slice
 * of a product, drains before the next pixel starts. Fitted on the public folder's Resource
 * convolutions (RF 3 to 72): 12 and 45 cycles per pixel measured where 3+9 and 36+9 are predicted.
 */
export const RESOURCE_DRAIN_CYCLES = 9;

/**
 * Rule "Vitis HLS line buffers": Vitis HLS schedules hls4ml's io_stream line-buffer convolution at
 * RF 1 with an initiation interval of this many cycles per input pixel, where Vivado HLS reaches 1.
 * Read off the two public Vitis HLS io_stream convolutions (2,355 cycles for 784 pixels; 393 for 130).
 */
export const VITIS_LINE_BUFFER_INTERVAL = 3;

/**
 * Cycles of one step of a recurrent layer: its two products (input and state, 2 cycles each) and
 * the two gate lookups (2 each), plus the state update. Not fitted (one public recurrent project).
 */
const RECURRENT_STEP_CYCLES = 9;

/** Cycles an io_parallel softmax takes (exponent lookup, sum, inversion lookup, product). */
const SOFTMAX_CYCLES = 4;

/**
 * Latency of a layer in clock cycles, as its csynth instance reports it plus the register that
 * hands its outputs on (rule "one hand-off per dense layer" in io_parallel).
 * - io_parallel, Latency strategy: the unrolled product and adder tree take one cycle at the usual
 *   clocks, plus the hand-off; shared multipliers add their turns, and hls4ml's older
 *   `compute_layer` and the Resource strategy run their RF iterations in sequence.
 * - io_stream: every input pixel passes through; a pixel costs its initiation interval: 1 at RF 1,
 *   `⌈products / multipliers⌉ + 1` under Latency, `RF + drain` under Resource.
 * The dataflow of io_stream overlaps layers: a design's latency is then its slowest layer's,
 * which is how `hwcost compare` totals this objective for io_stream projects.
 */
export function latencyRule(layer: HlsLayer, plan: MultiplierPlan | undefined): number {
  const rf = Math.max(1, layer.reuseFactor);
  if (layer.role === 'recurrent') return (layer.sequence ?? 1) * RECURRENT_STEP_CYCLES;
  if (layer.io === 'io_parallel') {
    if (plan) {
      // Products wait for their turn on a shared multiplier; older compute_layer and Resource iterate RF times.
      const sequential = layer.function === 'compute_layer' || layer.strategy === 'Resource';
      const turns = sequential ? rf : plan.shared ? Math.min(rf, Math.ceil(plan.dspProducts > 0 ? plan.nonZero / plan.limit : 1)) : 0;
      return turns + 1 + 1 + (plan.slicesPerProduct > 1 ? 1 : 0);
    }
    if (layer.role === 'softmax') return SOFTMAX_CYCLES;
    if (layer.role === 'activation' && /^(sigmoid|tanh|elu|selu|softplus|softsign)/.test(layer.function)) return 2;
    return layer.role === 'normalize' ? 1 : 0;
  }
  const pixels = Math.max(1, layer.inPixels > 1 ? layer.inPixels : layer.inputSize / Math.max(1, layer.inChannels));
  if (!plan) return Math.ceil(pixels) + (layer.role === 'softmax' ? SOFTMAX_CYCLES : 1);
  if (layer.outPixels <= 1 && layer.inPixels <= 1) return rf + 4;
  const unshared = layer.tool === 'Vitis HLS' ? VITIS_LINE_BUFFER_INTERVAL : 1;
  const interval = layer.strategy === 'Resource' ? rf + RESOURCE_DRAIN_CYCLES * plan.slicesPerProduct : rf === 1 ? unshared : Math.ceil(layer.multsPerPixel / Math.max(1, plan.limit)) + 1;
  return Math.ceil(pixels) * interval + 3;
}
