import type { HlsLayer } from '../layer.js';
import type { MultiplierPlan } from './multipliers.js';
import { activationTables, bram18 } from './tables.js';

/**
 * Calibration of the logic rules. The counted structures are physical (adder bits, register bits,
 * the control of a loop); these four scale factors are fitted on the public folder by
 * `node scripts/groundtruth-fit.mjs`, which prints each fit's error and its leave-one-project-out
 * error. Fit (23 projects, csynth): see the README section "How close are the estimates?".
 */
export const LOGIC_CALIBRATION = {
  /** LUTs per counted adder bit (adder trees, shift-add terms, comparators, muxes). */
  lutPerAdderBit: 1.09,
  /** Flip-flops per counted register bit (pipelined products and sums, accumulators, windows). */
  ffPerRegisterBit: 0.193,
  /** LUTs of the control of a looping layer (io_stream, Resource, RF > 1): counters, FSM, handshakes. */
  lutPerLoop: 2000,
  /** Flip-flops of the control of a looping layer. */
  ffPerLoop: 1500,
};

/**
 * Rule "loops cost control": a layer that iterates (io_stream pixels, Resource, shared multipliers)
 * gets counters, a state machine and stream handshakes; a fully unrolled io_parallel layer does not.
 */
export function loops(layer: HlsLayer, plan: MultiplierPlan | undefined): boolean {
  return layer.io === 'io_stream' || layer.strategy === 'Resource' || (plan?.shared ?? false);
}

/** Lanes an elementwise layer processes at once: the whole vector in io_parallel, one pixel's channels in io_stream. */
function lanes(layer: HlsLayer): number {
  return Math.max(1, layer.io === 'io_stream' ? layer.outChannels : layer.outputSize);
}

/** Stream FIFOs too small for block RAM are shift registers in LUTs (32 deep per LUT). */
function fifoLuts(layer: HlsLayer): number {
  if (layer.io !== 'io_stream') return 0;
  const pixels = Math.max(1, layer.outputSize / Math.max(1, layer.outChannels));
  return bram18(pixels, layer.resultWidth) > 0 ? 0 : layer.outChannels * layer.resultWidth * Math.ceil(pixels / 32);
}

/**
 * Adder bits of a layer, the common measure of its logic:
 * - products: the adder tree summing the products (one accumulator-wide adder per product beyond
 *   the first of each output) and the shift-add terms of logic-built constants (one adder per
 *   signed digit beyond the first);
 * - shared multipliers (Latency, RF > 1): multiplexers choosing each multiplier's constant;
 * - narrow general products: a LUT array of about a×b/2;
 * - elementwise layers: a comparator or table index per lane; pooling a comparator per window entry;
 * - stream FIFOs held in shift registers.
 */
export function adderBits(layer: HlsLayer, plan: MultiplierPlan | undefined): number {
  let bits = fifoLuts(layer);
  if (plan) {
    bits += plan.adders * layer.accumWidth;
    bits += plan.logicProducts * Math.max(0, plan.logicDigits - 1) * plan.productWidth;
    const weightWidth = layer.weight?.width ?? 16;
    if (layer.strategy === 'Latency' && plan.shared) bits += plan.limit * weightWidth * Math.ceil(Math.log2(layer.reuseFactor));
    if (layer.strategy === 'Resource' && plan.dspProducts === 0) bits += (plan.limit * layer.inputWidth * weightWidth) / 2;
    // Resource: each multiplier picks its input among RF and adds into one of the outputs' accumulators.
    if (layer.strategy === 'Resource') bits += plan.limit * (layer.inputWidth + layer.accumWidth) * Math.ceil(Math.log2(Math.max(2, layer.reuseFactor))) + layer.nOut * layer.accumWidth;
    return bits;
  }
  const n = lanes(layer);
  switch (layer.role) {
    case 'activation':
      return bits + n * layer.resultWidth * (activationTables(layer).tables > 0 ? 2 : 1);
    case 'softmax':
      return bits + n * (layer.accumWidth + 2 * layer.resultWidth) + 4 * 18 * n;
    case 'normalize':
      return bits + n * layer.resultWidth * 2;
    case 'pooling':
      return bits + n * layer.resultWidth * 4;
    case 'buffer':
      return bits + n * layer.resultWidth;
    default:
      return bits;
  }
}

/**
 * Register bits of a layer: pipelined products and partial sums (each non-zero product's width
 * once), outputs held between layers, and, in io_stream, a pixel's worth of every channel per stage
 * and a convolution's kernel window.
 */
export function registerBits(layer: HlsLayer, plan: MultiplierPlan | undefined): number {
  const out = layer.io === 'io_stream' ? layer.outChannels : layer.outputSize;
  if (plan) {
    const live = layer.strategy === 'Latency' ? Math.min(plan.nonZero, plan.limit * layer.reuseFactor) : plan.limit;
    // io_stream convolutions hold a kernel window of inputs.
    const window = layer.io === 'io_stream' && layer.inPixels > 1 ? layer.nIn * layer.inputWidth : 0;
    return live * layer.accumWidth + out * layer.accumWidth + window;
  }
  if (layer.io === 'io_stream') return lanes(layer) * layer.resultWidth * 2;
  return layer.role === 'softmax' || layer.role === 'normalize' ? lanes(layer) * layer.resultWidth * 2 : 0;
}

/** LUTs: counted adder bits, plus a loop's control. */
export function lutRule(layer: HlsLayer, plan: MultiplierPlan | undefined): number {
  return Math.round(adderBits(layer, plan) * LOGIC_CALIBRATION.lutPerAdderBit + (loops(layer, plan) ? LOGIC_CALIBRATION.lutPerLoop : 0));
}

/** Flip-flops: counted register bits, plus a loop's control. */
export function ffRule(layer: HlsLayer, plan: MultiplierPlan | undefined): number {
  return Math.round(registerBits(layer, plan) * LOGIC_CALIBRATION.ffPerRegisterBit + (loops(layer, plan) ? LOGIC_CALIBRATION.ffPerLoop : 0));
}
