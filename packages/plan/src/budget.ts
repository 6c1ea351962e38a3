import { HwcostError } from '@hwcost/core';

/** A resource budget: a fraction of the model's resources to remove, or absolute limits. */
export type BudgetSpec = { sparsity: number } | { limits: ReadonlyMap<string, number> };

/** `floor((1 − sparsity) × amount)` per dimension: hls4ml's target (numpy's `astype(int)` of a non-negative float). */
export function sparsityLimit(sparsity: number, amounts: readonly number[]): number[] {
  return amounts.map((a) => Math.floor((1 - sparsity) * a));
}

/**
 * The limit per dimension, or null where the budget leaves a dimension free. With a sparsity the
 * limit is `floor((1 - sparsity) × total)` in every dimension, as hls4ml computes it. Absolute limits
 * name dimensions case-insensitively, either bare (`DSP`) or qualified (`vivado-dsp:DSP`).
 */
export function resolveBudget(spec: BudgetSpec, dimensions: readonly string[], totals: readonly number[]): (number | null)[] {
  if ('sparsity' in spec) return sparsityLimit(spec.sparsity, totals);
  const budget: (number | null)[] = dimensions.map(() => null);
  for (const [key, limit] of spec.limits) {
    const wanted = key.toLowerCase();
    const matches = dimensions.flatMap((d, i) => (d.toLowerCase() === wanted || d.toLowerCase().endsWith(`:${wanted}`) ? [i] : []));
    if (matches.length === 0) throw new HwcostError(`budget: unknown dimension "${key}"; the objective's dimensions are ${dimensions.join(', ')}`);
    if (matches.length > 1) throw new HwcostError(`budget: "${key}" is ambiguous; use one of ${matches.map((i) => dimensions[i]).join(', ')}`);
    // Two names for one dimension (BRAM and vivado-dsp-bram:BRAM) must not leave the last one silently winning.
    if (budget[matches[0]!] !== null) throw new HwcostError(`budget: dimension ${dimensions[matches[0]!]} is limited twice; name it once`);
    budget[matches[0]!] = limit;
  }
  return budget;
}
