import type { LayerKernel, PrecisionType } from '@hwcost/core';
import { classifyWeights, expectedDspShare, zeroColumns, type WeightClasses } from './weights.js';

/** Every field of a precision, so that two precisions share an entry only when `quantize` treats them alike. */
function precisionKey(p: PrecisionType): string {
  return `${p.kind}|${p.width}|${p.integer}|${p.signed}|${p.rounding ?? ''}|${p.saturation ?? ''}|${p.saturationBits ?? ''}`;
}

/**
 * What the rules read of a kernel once it is quantized, worked out once per run for each kernel and
 * weight precision and then reused: every estimator of the plugin asks for the same layers, and a
 * sweep asks again at every ReuseFactor, strategy and IO type, which change none of these figures.
 * Quantizing every weight on each call was nearly all the time of a sweep. Entries hang off the
 * kernel's data array (weakly): a run that loads other weights gets other entries, never stale ones,
 * and kernels are read-only to estimators ({@link LayerKernel}).
 */
export class KernelFacts {
  private readonly byKernel = new WeakMap<Float32Array, Map<string, unknown>>();
  private readonly shares = new Map<string, { dsp: number; logicDigits: number }>();

  private remember<T>(kernel: LayerKernel, key: string, compute: () => T): T {
    let entries = this.byKernel.get(kernel.data);
    if (!entries) this.byKernel.set(kernel.data, (entries = new Map()));
    if (!entries.has(key)) entries.set(key, compute());
    return entries.get(key) as T;
  }

  /** {@link classifyWeights} of the kernel under the weight precision `p`, with its non-zero weights per output when `outputs` is given. */
  classes(kernel: LayerKernel, p: PrecisionType, outputs?: number): Readonly<WeightClasses> {
    return this.remember(kernel, `classes ${outputs ?? ''} ${precisionKey(p)}`, () => Object.freeze(classifyWeights(kernel.data, p, outputs)));
  }

  /** {@link zeroColumns} of the kernel. */
  zeroColumns(kernel: LayerKernel): number {
    return this.remember(kernel, `zero-columns ${kernel.shape.at(-1) ?? 0}`, () => zeroColumns(kernel));
  }

  /** {@link expectedDspShare}: without weights, the same sum for every layer of the same precision and fan-in and fan-out. */
  expectedShare(p: PrecisionType, fanIn: number, fanOut: number): { dsp: number; logicDigits: number } {
    const key = `${precisionKey(p)} ${fanIn} ${fanOut}`;
    let share = this.shares.get(key);
    if (!share) this.shares.set(key, (share = Object.freeze(expectedDspShare(p, fanIn, fanOut))));
    return share;
  }
}
