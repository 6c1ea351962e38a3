import type { HlsLayer } from '../layer.js';
import type { MultiplierPlan } from './multipliers.js';
import { CALIBRATION, type Calibration } from './calibration.js';
import { cycleBudget, dspProductDelay, productTree } from './pipeline.js';

/** Cycles of an activation's table lookup (index, read). */
const TABLE_LOOKUP_CYCLES = 2;

/** Cycles an io_parallel softmax takes (exponent lookup, sum, inversion lookup, product). */
const SOFTMAX_CYCLES = 4;

/** Cycles of an elementwise product (a recurrent gate times the state): the DSP's own pipeline at the clock. */
function elementwiseProductCycles(layer: HlsLayer, calibration: Calibration): number {
  return Math.max(1, Math.ceil(dspProductDelay(layer, calibration.delays) / cycleBudget(layer) - 1e-9));
}

/**
 * Cycles of one step of a recurrent layer: its two dense products (pipelined as any product, see
 * {@link productTree}, plus a hand-off each), the gate and candidate lookups, the two elementwise
 * products with the gates, and the state update.
 */
function recurrentStep(layer: HlsLayer, plan: MultiplierPlan, calibration: Calibration): number {
  const dense = productTree(layer, plan, calibration).stages + 1;
  return 2 * dense + 2 * TABLE_LOOKUP_CYCLES + 2 * elementwiseProductCycles(layer, calibration) + 1;
}

/**
 * Latency of a layer in clock cycles, as its csynth instance reports it plus the registers that
 * hand its outputs on.
 * - io_parallel, Latency strategy: the product and adder tree take the stages HLS pipelines them
 *   into (see {@link productTree}); shared multipliers add their turns, and hls4ml's older
 *   `compute_layer` and the Resource strategy run their RF iterations in sequence. Rule "hand-offs
 *   between layers": an activation registers its outputs for the next layer (one cycle), as does a
 *   combinational product layer that takes more than half a cycle, and softmax its inputs.
 * - io_stream: every input pixel passes through; a pixel costs its initiation interval: 1 at RF 1
 *   (rule "Vitis HLS line buffers": {@link Calibration.vitisLineBufferInterval} under Vitis HLS),
 *   `⌈products / multipliers⌉ + 1` under Latency, `RF + drain` under Resource (rule "Resource
 *   pipelines": {@link Calibration.resourceDrainCycles}).
 * The dataflow of io_stream overlaps layers: a design's latency is then its slowest layer's,
 * which is how `hwcost compare` totals this objective for io_stream projects.
 */
export function latencyRule(layer: HlsLayer, plan: MultiplierPlan | undefined, calibration: Calibration = CALIBRATION): number {
  const rf = Math.max(1, layer.reuseFactor);
  if (layer.role === 'recurrent') return (layer.sequence ?? 1) * (plan ? recurrentStep(layer, plan, calibration) : 1);
  if (layer.io === 'io_parallel') {
    if (plan) {
      // Products wait for their turn on a shared multiplier; older compute_layer and Resource iterate RF times.
      const sequential = layer.function === 'compute_layer' || layer.strategy === 'Resource';
      const turns = sequential ? rf : plan.shared ? Math.min(rf, Math.ceil(plan.dspProducts > 0 ? plan.nonZero / plan.limit : 1)) : 0;
      const tree = productTree(layer, plan, calibration);
      return turns + tree.stages + (tree.slow && !plan.shared ? 1 : 0);
    }
    if (layer.role === 'softmax') return SOFTMAX_CYCLES + 1;
    if (layer.role === 'activation') return (/^(sigmoid|tanh|elu|selu|softplus|softsign)/.test(layer.function) ? TABLE_LOOKUP_CYCLES : 0) + 1;
    return layer.role === 'normalize' ? 2 : 0;
  }
  const pixels = Math.max(1, layer.inPixels > 1 ? layer.inPixels : layer.inputSize / Math.max(1, layer.inChannels));
  if (!plan) return Math.ceil(pixels) + (layer.role === 'softmax' ? SOFTMAX_CYCLES : 1);
  if (layer.outPixels <= 1 && layer.inPixels <= 1) return rf + 4;
  const unshared = layer.tool === 'Vitis HLS' ? calibration.vitisLineBufferInterval : 1;
  const interval = layer.strategy === 'Resource' ? rf + calibration.resourceDrainCycles : rf === 1 ? unshared : Math.ceil(layer.multsPerPixel / Math.max(1, plan.limit)) + 1;
  return Math.ceil(pixels) * interval + 3;
}
