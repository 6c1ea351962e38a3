import type { HlsLayer } from '../layer.js';
import { CALIBRATION, type Calibration } from './calibration.js';
import { controlCost } from './control.js';
import { fifoRegisters, streamFifos } from './fifos.js';
import type { MultiplierPlan } from './multipliers.js';
import { productTree } from './pipeline.js';

/** Bits of the register that holds a DSP slice's result (the 48-bit P register). */
const SLICE_RESULT_BITS = 48;

/** Table lookups of an io_parallel softmax that hold a lane each: exponent, sum, inverse. */
const SOFTMAX_STAGES = 3;

/**
 * Rule "hand-offs between layers" (io_parallel): the top function pipelines the layers one after
 * another, registering a layer's outputs where the next one cannot start in the same cycle. The
 * public tutorial projects register each activation's outputs, a combinational product layer's
 * outputs when it takes more than half a cycle, softmax's inputs, and the input port; outputs that
 * are constants (every weight of theirs pruned) are not registered.
 */
function handOffBits(layer: HlsLayer, plan: MultiplierPlan | undefined, calibration: Calibration): number {
  if (layer.io !== 'io_parallel') return 0;
  let bits = layer.readsInput ? layer.inputSize * layer.inputWidth : 0;
  if (plan && layer.role === 'multiply' && !plan.shared && productTree(layer, plan, calibration).slow) {
    const live = plan.perOutput.filter((n) => n > 0).length * (plan.products / Math.max(1, layer.multsPerPixel));
    bits += Math.min(layer.outputSize, live) * layer.resultWidth;
  }
  // Constant inputs (pruned columns of the layer before) stay constants: nothing to register.
  const live = Math.max(0, layer.inputSize - layer.constantInputs);
  if (layer.role === 'activation' || layer.role === 'normalize') bits += Math.min(layer.outputSize, live) * layer.resultWidth;
  if (layer.role === 'softmax') bits += live * layer.inputWidth;
  return bits;
}

/**
 * Registers of a multiplying layer:
 * - rule "pipeline cuts" (see {@link productTree}) for the unrolled products of the Latency strategy;
 * - rule "shared multipliers hold their products": with RF > 1, the products a multiplier computes
 *   before its last turn wait in registers for the tree, `(DSP-worthy − multipliers) × accumulator`
 *   (the tree then spreads over RF cycles, so the larger of the two counts);
 * - rule "Resource pipelines": every multiplier of the Resource strategy carries its input, weight,
 *   product and accumulator through the reuse loop's pipeline, plus the outputs' accumulators;
 * - rule "wide products register each slice": a product over several DSP slices keeps each slice's result;
 * - io_stream: the inputs of a pixel (the kernel window, or a dense layer's whole input) and its outputs.
 */
function productRegisters(layer: HlsLayer, plan: MultiplierPlan, calibration: Calibration): number {
  let bits = 0;
  if (layer.strategy === 'Latency') {
    const cuts = productTree(layer, plan, calibration).cutBits;
    const waiting = plan.shared ? Math.max(0, plan.dspWorthy - plan.limit) * layer.accumWidth : 0;
    bits += Math.max(cuts, waiting);
  } else {
    const weightWidth = layer.weight?.width ?? 16;
    bits += plan.limit * (layer.inputWidth + weightWidth + plan.productWidth + layer.accumWidth) + layer.nOut * layer.accumWidth;
  }
  if (plan.slicesPerProduct > 1) bits += plan.dspProducts * plan.slicesPerProduct * SLICE_RESULT_BITS;
  if (layer.io === 'io_stream') bits += layer.nIn * layer.inputWidth + layer.nOut * layer.resultWidth;
  return bits;
}

/** Registers of a layer without products. */
function elementwiseRegisters(layer: HlsLayer): number {
  const lanes = Math.max(1, layer.io === 'io_stream' ? layer.outChannels : layer.outputSize);
  if (layer.role === 'softmax') return lanes * layer.resultWidth * SOFTMAX_STAGES + (layer.legacySoftmax ? lanes * lanes * (layer.tableWidth ?? 18) : 0);
  if (layer.io !== 'io_stream') return 0;
  // A pooling window per channel, held and compared; global pooling keeps one running value per channel.
  if (layer.role === 'pooling') return 2 * (layer.globalPooling ? Math.max(1, layer.inChannels) : layer.poolWindow * lanes) * layer.resultWidth;
  return lanes * layer.resultWidth;
}

/** Register bits of the layer's own instance: its products' pipeline, or its lanes. */
export function instanceRegisters(layer: HlsLayer, plan: MultiplierPlan | undefined, calibration: Calibration = CALIBRATION): number {
  return plan ? productRegisters(layer, plan, calibration) : elementwiseRegisters(layer);
}

/**
 * Flip-flops of a layer: the register bits HLS builds for it, each counted as the bits it holds (its
 * instance's, the hand-offs to the next layer, its stream FIFOs' pointers), plus its loop's control
 * (see {@link Calibration.control}).
 */
export function ffRule(layer: HlsLayer, plan: MultiplierPlan | undefined, calibration: Calibration = CALIBRATION): number {
  const fifos = streamFifos(layer);
  const bits = instanceRegisters(layer, plan, calibration) + handOffBits(layer, plan, calibration) + (fifos ? fifoRegisters(fifos) : 0);
  return Math.round(bits + controlCost(layer, plan, calibration.control.ff));
}
