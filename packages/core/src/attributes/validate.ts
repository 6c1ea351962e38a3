import { HwcostError } from '../errors.js';

/** Checks that `value` is an integer ≥ `min`; `what` names the offending key in the error. */
export function requireInteger(value: unknown, what: string, min: number): number {
  if (typeof value !== 'number' || !Number.isInteger(value) || value < min) {
    throw new HwcostError(`${what} must be an integer ≥ ${min}, got ${JSON.stringify(value)}`);
  }
  return value;
}

/**
 * Checks that every entry of a shape is an integer ≥ `min`: 1 for kernels; 0 is allowed for
 * activations, since Keras yields empty outputs for a valid convolution larger than its input.
 */
export function requireShape(value: unknown, what: string, min = 1): number[] {
  if (!Array.isArray(value)) throw new HwcostError(`${what} must be an array of integers ≥ ${min}, got ${JSON.stringify(value)}`);
  value.forEach((entry, i) => requireInteger(entry, `${what}[${i}]`, min));
  return [...value] as number[];
}

export function requireBoolean(value: unknown, what: string): boolean {
  if (typeof value !== 'boolean') throw new HwcostError(`${what} must be true or false, got ${JSON.stringify(value)}`);
  return value;
}

/** Product of the entries of a shape (1 for an empty shape). */
export function product(shape: readonly number[]): number {
  let p = 1;
  for (const n of shape) p *= n;
  return p;
}
