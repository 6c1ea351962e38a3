import { HwcostError } from '../errors.js';

/** A resource budget: a fraction of the model's resources to remove, or absolute limits. */
export type BudgetSpec = { sparsity: number } | { limits: ReadonlyMap<string, number> };

/** Parses `--sparsity`: a fraction in [0, 1). */
export function parseSparsity(text: string): number {
  const value = Number(text);
  if (text.trim() === '' || !Number.isFinite(value) || value < 0 || value >= 1) {
    throw new HwcostError(`--sparsity must be a number in [0, 1), got "${text}"`);
  }
  return value;
}

/** Parses `--budget DSP=200,BRAM=40` into dimension name → limit (names are matched later). */
export function parseBudgetLimits(text: string): Map<string, number> {
  const limits = new Map<string, number>();
  for (const part of text.split(',').map((p) => p.trim()).filter(Boolean)) {
    const match = /^([^=]+)=\s*(\S+)$/.exec(part);
    const value = match ? Number(match[2]) : Number.NaN;
    if (!match || !Number.isFinite(value) || value < 0) {
      throw new HwcostError(`--budget: "${part}" is not DIMENSION=non-negative-number (e.g. DSP=200,BRAM=40)`);
    }
    limits.set(match[1]!.trim(), Math.floor(value));
  }
  if (limits.size === 0) throw new HwcostError('--budget is empty; expected e.g. DSP=200,BRAM=40');
  return limits;
}

/**
 * The limit per dimension, or null where the budget leaves a dimension free. With a sparsity the
 * limit is `floor((1 - sparsity) × total)` in every dimension, as hls4ml computes it. Absolute limits
 * name dimensions case-insensitively, either bare (`DSP`) or qualified (`vivado-dsp:DSP`).
 */
export function resolveBudget(spec: BudgetSpec, dimensions: readonly string[], totals: readonly number[]): (number | null)[] {
  if ('sparsity' in spec) return totals.map((t) => Math.floor((1 - spec.sparsity) * t));
  const budget: (number | null)[] = dimensions.map(() => null);
  for (const [key, limit] of spec.limits) {
    const wanted = key.toLowerCase();
    const matches = dimensions.flatMap((d, i) => (d.toLowerCase() === wanted || d.toLowerCase().endsWith(`:${wanted}`) ? [i] : []));
    if (matches.length === 0) throw new HwcostError(`--budget: unknown dimension "${key}"; the objective's dimensions are ${dimensions.join(', ')}`);
    if (matches.length > 1) throw new HwcostError(`--budget: "${key}" is ambiguous; use one of ${matches.map((i) => dimensions[i]).join(', ')}`);
    budget[matches[0]!] = limit;
  }
  return budget;
}
