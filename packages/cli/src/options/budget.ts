import { HwcostError } from '@hwcost/core';

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
