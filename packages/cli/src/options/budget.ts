import { HwcostError, MAX_EXACT, quote } from '@hwcost/core';

/** A fraction written as a plain decimal: `0.5`, `.25`, `0`; no hex, exponents or signs. */
const FRACTION = /^(?:\d+(?:\.\d*)?|\.\d+)$/;
/** A resource count: decimal digits only, so `0x10`, `1e3` and `2.9` are refused rather than read as something else. */
const COUNT = /^\d+$/;

/** Parses `--sparsity`: a fraction in [0, 1). */
export function parseSparsity(text: string): number {
  const value = Number(text.trim());
  if (!FRACTION.test(text.trim()) || value >= 1) {
    throw new HwcostError(`--sparsity must be a number in [0, 1), got ${quote(text)}`);
  }
  return value;
}

/**
 * Parses `--budget DSP=200,BRAM=40` into dimension name → limit (names are matched later). Limits
 * are whole resource counts in decimal; a dimension named twice is an error, never "the last wins".
 */
export function parseBudgetLimits(text: string): Map<string, number> {
  const limits = new Map<string, number>();
  const seen = new Map<string, string>();
  for (const part of text.split(',').map((p) => p.trim()).filter(Boolean)) {
    const match = /^([^=]+)=\s*(\S+)$/.exec(part);
    const [name, value] = match ? [match[1]!.trim(), match[2]!] : ['', ''];
    if (!match || !COUNT.test(value)) {
      throw new HwcostError(`--budget: ${quote(part)} is not DIMENSION=whole-number (e.g. DSP=200,BRAM=40; limits are resource counts, in decimal)`);
    }
    const limit = Number(value);
    if (limit > MAX_EXACT) throw new HwcostError(`--budget: ${quote(part)} is beyond 2^53 - 1, the largest count hwcost handles exactly`);
    const previous = seen.get(name.toLowerCase());
    if (previous !== undefined) throw new HwcostError(`--budget names ${quote(name)} twice (${quote(previous)} and ${quote(part)}); give each dimension once`);
    seen.set(name.toLowerCase(), part);
    limits.set(name, limit);
  }
  if (limits.size === 0) throw new HwcostError('--budget is empty; expected e.g. DSP=200,BRAM=40');
  return limits;
}
