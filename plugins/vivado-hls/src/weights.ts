import type { PrecisionType } from '@hwcost/core';

/**
 * Rule "narrow constants go to logic": HLS builds a multiplication by a constant whose two's
 * complement width, trailing zeros stripped, is below this many bits from shifts and adds in LUTs
 * (a power of two is a bare shift, zero is removed). Read off Vitis HLS's own binding report
 * (`mul_16s_6ns`, the narrowest multiplier it put in a DSP) and confirmed per layer on the
 * tutorial's dense layers (csynth 477/575/349/114 DSP against 488/541/333/112 counted).
 */
export const MIN_DSP_CONSTANT_WIDTH = 6;

/** How a layer's constant weights split, as the HLS tools would see them after quantization. */
export interface WeightClasses {
  total: number;
  zero: number;
  /** Non-zero weights built from shifts and adds (powers of two and narrow constants). */
  logic: number;
  /** Weights wide enough for a DSP multiplier. */
  dsp: number;
  /** Mean number of non-zero signed digits of the logic-built weights: the adders each costs. */
  logicDigits: number;
  /** Non-zero weights per output (the kernel's last axis), when the number of outputs was given. */
  perOutput?: number[];
}

/** Width of `m`'s two's complement after dropping trailing zeros: what a constant multiplier needs. */
export function constantWidth(m: number): number {
  if (m === 0) return 0;
  let odd = Math.abs(m);
  while (odd % 2 === 0) odd /= 2;
  const magnitude = Math.floor(Math.log2(odd)) + 1;
  // A negative odd constant needs a sign bit on top of its magnitude.
  return magnitude + (m < 0 ? 1 : 0);
}

/** Non-zero digits of `m` in canonical signed-digit form: the shift-add terms of `x × m`. */
export function signedDigits(m: number): number {
  let n = Math.abs(m);
  let digits = 0;
  while (n > 0) {
    if (n % 2 === 1) {
      digits++;
      n = n % 4 === 3 ? (n + 1) / 2 : (n - 1) / 2;
    } else n /= 2;
  }
  return digits;
}

/**
 * The integer the HLS type stores for `value`: scaled by its fractional bits, rounded as the type
 * rounds (truncation unless it says RND), and saturated or wrapped into its range.
 */
export function quantize(value: number, p: PrecisionType): number {
  const fractional = p.width - p.integer;
  const scaled = value * 2 ** fractional;
  let m = p.rounding && p.rounding.startsWith('RND') ? Math.round(scaled) : Math.floor(scaled);
  const lo = p.signed ? -(2 ** (p.width - 1)) : 0;
  const hi = p.signed ? 2 ** (p.width - 1) - 1 : 2 ** p.width - 1;
  if (m < lo || m > hi) {
    if (p.saturation && p.saturation.startsWith('SAT')) m = Math.min(hi, Math.max(lo, m));
    else {
      const span = 2 ** p.width;
      m = ((((m - lo) % span) + span) % span) + lo;
    }
  }
  return m;
}

/**
 * Splits real weights into zero, logic-built and DSP-worthy constants under precision `p`; with
 * `outputs`, also counts the non-zero weights of each output (Keras kernels keep the output index
 * last, so weight `i` feeds output `i mod outputs`).
 */
export function classifyWeights(data: ArrayLike<number>, p: PrecisionType, outputs?: number): WeightClasses {
  let zero = 0;
  let logic = 0;
  let dsp = 0;
  let digits = 0;
  const perOutput = outputs ? new Array<number>(outputs).fill(0) : undefined;
  for (let i = 0; i < data.length; i++) {
    const m = quantize(data[i]!, p);
    if (m === 0) {
      zero++;
      continue;
    }
    if (perOutput) perOutput[i % outputs!]!++;
    if (constantWidth(m) < MIN_DSP_CONSTANT_WIDTH) {
      logic++;
      digits += signedDigits(m);
    } else dsp++;
  }
  return { total: data.length, zero, logic, dsp, logicDigits: logic > 0 ? digits / logic : 0, ...(perOutput ? { perOutput } : {}) };
}

/**
 * Without weights: the share of non-zero weights that would be DSP-worthy if they were spread as
 * a trained layer's usually are, normal with Glorot's standard deviation √(2 / (fan-in + fan-out)),
 * then quantized to `p`. No constant is fitted; this is the expectation over that distribution.
 */
export function expectedDspShare(p: PrecisionType, fanIn: number, fanOut: number): { dsp: number; logicDigits: number } {
  const sigma = Math.sqrt(2 / Math.max(1, fanIn + fanOut)) * 2 ** (p.width - p.integer);
  const limit = Math.min(2 ** (p.width - (p.signed ? 1 : 0)), Math.ceil(6 * sigma) + 1);
  // Integers beyond this are sampled on a stride; their widths repeat with a short period.
  const stride = Math.max(1, Math.floor(limit / 50_000));
  let dspMass = 0;
  let logicMass = 0;
  let digitMass = 0;
  for (let m = 1; m <= limit; m += stride) {
    const density = Math.exp(-(m * m) / (2 * sigma * sigma));
    for (const signed of p.signed ? [m, -m] : [m]) {
      if (constantWidth(signed) >= MIN_DSP_CONSTANT_WIDTH) dspMass += density;
      else {
        logicMass += density;
        digitMass += density * signedDigits(signed);
      }
    }
  }
  const nonZero = dspMass + logicMass;
  return nonZero > 0 ? { dsp: dspMass / nonZero, logicDigits: logicMass > 0 ? digitMass / logicMass : 0 } : { dsp: 0, logicDigits: 0 };
}

/** Outputs of a kernel (its last axis) whose weights are all zero: with a constant bias, they are constants. */
export function zeroColumns(kernel: { shape: readonly number[]; data: ArrayLike<number> }): number {
  const outputs = kernel.shape.at(-1) ?? 0;
  if (outputs === 0) return 0;
  const live = new Uint8Array(outputs);
  for (let i = 0; i < kernel.data.length; i++) if (kernel.data[i] !== 0) live[i % outputs] = 1;
  return outputs - live.reduce((sum, x) => sum + x, 0);
}
