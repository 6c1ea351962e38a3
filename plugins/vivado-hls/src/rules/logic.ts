import type { HlsLayer } from '../layer.js';
import { CALIBRATION, type Calibration } from './calibration.js';
import { controlCost } from './control.js';
import { fifoLuts, streamFifos } from './fifos.js';
import type { MultiplierPlan } from './multipliers.js';
import { activationTables } from './tables.js';

/**
 * Rule "rounding and saturating accumulators": an accumulator type with a rounding mode (`AP_RND…`)
 * adds a rounding increment to every addition, one with saturation (`AP_SAT…`) an overflow test and
 * a clamp (two more adder-wide levels): the additions cannot be merged into a plain adder tree.
 */
export function adderCost(layer: HlsLayer): number {
  const acc = layer.accumulator;
  const rounds = acc?.rounding !== undefined && /^RND/.test(acc.rounding) ? 1 : 0;
  const saturates = acc?.saturation !== undefined && /^SAT/.test(acc.saturation) ? 2 : 0;
  return 1 + rounds + saturates;
}

/** Lanes an elementwise layer processes at once: the whole vector in io_parallel, one pixel's channels in io_stream. */
function lanes(layer: HlsLayer): number {
  return Math.max(1, layer.io === 'io_stream' ? layer.outChannels : layer.outputSize);
}

/**
 * Adder bits of a layer, the common measure of its logic:
 * - products: the adder tree summing the products (one accumulator-wide adder per product beyond
 *   the first of each output) and the shift-add terms of logic-built constants (one adder per
 *   signed digit beyond the first);
 * - shared multipliers (Latency, RF > 1): multiplexers choosing each turn's input and constant;
 * - narrow general products: a LUT array of about a×b/2;
 * - elementwise layers: a comparator or table index per lane; pooling a comparator and select per window entry;
 * - stream FIFOs held in shift registers.
 */
export function adderBits(layer: HlsLayer, plan: MultiplierPlan | undefined): number {
  const fifos = streamFifos(layer);
  let bits = fifos ? fifoLuts(fifos) : 0;
  if (plan) {
    // Each product is cast to the accumulator and added: casts round and saturate as additions do.
    const casts = layer.strategy === 'Latency' ? plan.nonZero : plan.limit;
    bits += (plan.adders * adderCost(layer) + casts * (adderCost(layer) - 1)) * layer.accumWidth;
    bits += plan.logicProducts * Math.max(0, plan.logicDigits - 1) * plan.productWidth;
    const weightWidth = layer.weight?.width ?? 16;
    // A shared multiplier picks each turn's input and constant: a 2:1 multiplexer bit (half a LUT) per bit of both, per product beyond its first.
    if (layer.strategy === 'Latency' && plan.shared) bits += (Math.max(0, plan.dspWorthy - plan.limit) * (layer.inputWidth + weightWidth)) / 2;
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
      // The legacy softmax subtracts, clamps into a table index and sums every pair of inputs.
      if (layer.legacySoftmax) return bits + n * n * (2 * layer.inputWidth + (layer.tableWidth ?? 18));
      return bits + n * (layer.accumWidth + 2 * layer.resultWidth) + 4 * 18 * n;
    case 'normalize':
      return bits + n * layer.resultWidth * 2;
    case 'pooling':
      // A comparator and a select per window entry beyond the first; global pooling keeps a running value per channel.
      if (layer.globalPooling) return bits + Math.max(1, layer.inChannels) * layer.resultWidth * 2;
      return bits + n * layer.resultWidth * 2 * Math.max(1, layer.poolWindow - 1);
    case 'buffer':
      return bits + n * layer.resultWidth;
    default:
      return bits;
  }
}

/**
 * LUTs of a layer: its adder bits, one LUT each (a 6-input LUT and its carry make one bit of an
 * adder), plus its loop's control (see {@link Calibration.control}).
 */
export function lutRule(layer: HlsLayer, plan: MultiplierPlan | undefined, calibration: Calibration = CALIBRATION): number {
  return Math.round(adderBits(layer, plan) + controlCost(layer, plan, calibration.control.lut));
}
