import type { KnapsackProblem } from './types.js';

/** Sum of the values of `selected`, added in the order given. */
export function totalValue(problem: KnapsackProblem, selected: readonly number[]): number {
  let value = 0;
  for (const i of selected) value += problem.values[i];
  return value;
}

/** Whether `selected` keeps every row within its capacity. */
export function isFeasible(problem: KnapsackProblem, selected: readonly number[]): boolean {
  return problem.weights.every((row, k) => {
    let used = 0;
    for (const i of selected) used += row[i];
    return used <= problem.capacity[k];
  });
}

/** Ascending indices of the set entries of a 0/1 mask. */
export function indicesOf(mask: Uint8Array): number[] {
  let count = 0;
  for (let i = 0; i < mask.length; i++) count += mask[i];
  // Sized up front: growing a plain array by push is several times slower at a million entries.
  const selected = new Array<number>(count);
  for (let i = 0, t = 0; t < count; i++) if (mask[i]) selected[t++] = i;
  return selected;
}
