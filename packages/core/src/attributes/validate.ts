import { HwcostError } from '../errors.js';
import { quote } from '../quote.js';

/**
 * Counts hwcost adds up stay below 2^53 so that every one is an exact integer: past it, doubles skip
 * integers (9007199254740993 reads as 9007199254740992) and sums silently go wrong or to Infinity.
 */
export const MAX_EXACT = Number.MAX_SAFE_INTEGER;

/** Checks that `value` is an integer ≥ `min` and below 2^53; `what` names the offending key in the error. */
export function requireInteger(value: unknown, what: string, min: number): number {
  if (typeof value !== 'number' || !Number.isInteger(value) || value < min) {
    throw new HwcostError(`${what} must be an integer ≥ ${min}, got ${quote(value)}`);
  }
  if (value > MAX_EXACT) throw new HwcostError(`${what} is ${quote(value)}, too large to count exactly (the limit is 2^53 - 1 = ${MAX_EXACT})`);
  return value;
}

/**
 * Checks that every entry of a shape is an integer ≥ `min`: 1 for kernels; 0 is allowed for
 * activations, since Keras yields empty outputs for a valid convolution larger than its input. The
 * number of elements must stay below 2^53 as well.
 */
export function requireShape(value: unknown, what: string, min = 1): number[] {
  if (!Array.isArray(value)) throw new HwcostError(`${what} must be an array of integers ≥ ${min}, got ${quote(value)}`);
  value.forEach((entry, i) => requireInteger(entry, `${what}[${i}]`, min));
  const shape = [...value] as number[];
  if (product(shape) > MAX_EXACT) throw new HwcostError(`${what} ${quote(shape)} has more elements than can be counted exactly (2^53 - 1)`);
  return shape;
}

export function requireBoolean(value: unknown, what: string): boolean {
  if (typeof value !== 'boolean') throw new HwcostError(`${what} must be true or false, got ${quote(value)}`);
  return value;
}

/** Product of the entries of a shape (1 for an empty shape). */
export function product(shape: readonly number[]): number {
  let p = 1;
  for (const n of shape) p *= n;
  return p;
}

/**
 * `a + b` for counts, refused once the sum passes 2^53 - 1 where it would stop being exact; `what`
 * names the total in the error.
 */
export function addExact(a: number, b: number, what: string): number {
  const sum = a + b;
  if (sum > MAX_EXACT) throw new HwcostError(`${what} exceeds 2^53 - 1 = ${MAX_EXACT}, past which totals are no longer exact`);
  return sum;
}
