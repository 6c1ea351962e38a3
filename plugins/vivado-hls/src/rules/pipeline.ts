import type { HlsLayer } from '../layer.js';
import { CALIBRATION, type Calibration } from './calibration.js';
import type { MultiplierPlan } from './multipliers.js';

/** The share of the clock period HLS keeps back as uncertainty by default (12.5 %). */
const CLOCK_UNCERTAINTY = 0.125;

/** 7-series parts (DSP48E1, slower fabric). */
export function is7Series(layer: HlsLayer): boolean {
  return layer.part !== undefined && /^xc7/i.test(layer.part);
}

/** The time HLS schedules into one clock cycle. */
export function cycleBudget(layer: HlsLayer): number {
  return layer.clockNs * (1 - CLOCK_UNCERTAINTY);
}

/** Rule "a wide product is a cascade": each further DSP slice of a product adds a product's delay. */
function productDelay(layer: HlsLayer, plan: MultiplierPlan, delays: Calibration['delays']): number {
  if (plan.dspProducts === 0) return delays.lutProduct;
  return dspProductDelay(layer, delays) * plan.slicesPerProduct;
}

/** The delay of one DSP slice's product on the layer's part. */
export function dspProductDelay(layer: HlsLayer, delays: Calibration['delays']): number {
  return is7Series(layer) ? delays.dspProduct7Series : delays.dspProduct;
}

function adderDelay(layer: HlsLayer, delays: Calibration['delays']): number {
  if (is7Series(layer)) return delays.adderLevel7Series;
  return layer.tool === 'Vitis HLS' ? delays.adderLevelVitis : delays.adderLevel;
}

/** How HLS pipelines an unrolled product and its adder tree. */
export interface TreeSchedule {
  /** Clock cycles from the inputs to the sums (0: the layer is combinational). */
  stages: number;
  /** Register bits at the stage boundaries: the partial sums alive when each cycle ends. */
  cutBits: number;
  /** Whether a combinational layer takes more than half a cycle, leaving the next layer no room. */
  slow: boolean;
}

/**
 * Rule "pipeline cuts": the product and then the adder tree run until the cycle's budget is spent;
 * HLS registers whatever is alive there. After `k` adder levels an output with `n` products has
 * `⌈n / 2^k⌉` partial sums, each as wide as the accumulator. Boundaries inside a DSP slice's own
 * pipeline cost no flip-flops. The deepest tree (most products per output) sets the stages; the
 * operator delays are {@link Calibration.delays}.
 */
export function productTree(layer: HlsLayer, plan: MultiplierPlan, calibration: Calibration = CALIBRATION): TreeSchedule {
  const budget = cycleBudget(layer);
  const product = productDelay(layer, plan, calibration.delays);
  const adder = adderDelay(layer, calibration.delays);
  const deepest = Math.max(1, ...plan.perOutput);
  const total = product + Math.log2(deepest) * adder;
  const stages = Math.max(0, Math.ceil(total / budget - 1e-9) - 1);
  const copies = plan.products / Math.max(1, layer.multsPerPixel);
  let cutBits = 0;
  for (let c = 1; c <= stages; c++) {
    const elapsed = c * budget - product;
    if (plan.dspProducts > 0 && elapsed < -1e-9) continue;
    const levels = Math.max(0, Math.floor(elapsed / adder + 1e-9));
    cutBits += plan.perOutput.reduce((sum, n) => sum + Math.ceil(n / 2 ** levels), 0) * layer.accumWidth;
  }
  return { stages, cutBits: Math.round(cutBits * copies), slow: stages === 0 && total > budget / 2 };
}
