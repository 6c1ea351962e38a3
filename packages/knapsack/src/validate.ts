import { HwcostError } from '@hwcost/core';
import type { KnapsackOptions, KnapsackProblem, KnapsackSolverName } from './types.js';

const SOLVERS: readonly KnapsackSolverName[] = ['auto', 'dp', 'bnb', 'greedy', 'mip', 'equal'];

const fail = (reason: string): never => {
  throw new HwcostError(`knapsack: ${reason}`);
};

/** Shares the caller's typed array (solvers never write to it), copies anything else. */
function toFloat64(array: ArrayLike<number>): Float64Array {
  return array instanceof Float64Array ? array : new Float64Array(array);
}

function isArrayLike(value: unknown): value is ArrayLike<number> {
  return Array.isArray(value) || (ArrayBuffer.isView(value) && !(value instanceof DataView));
}

/**
 * Checks the inputs of `solveKnapsack`: values finite and non-negative, weights an M x N matrix of
 * non-negative integers, M non-negative integer capacities.
 */
export function validateProblem(values: ArrayLike<number>, weights: readonly ArrayLike<number>[], capacity: ArrayLike<number>): KnapsackProblem {
  if (!isArrayLike(values)) fail('values must be an array of numbers');
  if (!Array.isArray(weights)) fail('weights must be an array of rows (M rows x N items)');
  if (!isArrayLike(capacity)) fail('capacity must be an array of numbers, one per weight row');
  const n = values.length;
  const m = weights.length;
  if (capacity.length !== m) fail(`capacity has ${capacity.length} entries but weights has ${m} rows`);
  for (let i = 0; i < n; i++) {
    const v = values[i];
    if (typeof v !== 'number' || !(v >= 0) || v === Infinity) fail(`values[${i}] is ${v}; values must be finite and non-negative`);
  }
  for (let k = 0; k < m; k++) {
    const row = weights[k];
    if (!isArrayLike(row)) fail(`weights[${k}] must be an array of numbers`);
    if (row.length !== n) fail(`weights[${k}] has ${row.length} entries but there are ${n} values (weights must be M rows x N items)`);
    for (let i = 0; i < n; i++) {
      const w = row[i];
      if (!Number.isSafeInteger(w) || w < 0) fail(`weights[${k}][${i}] is ${w}; weights must be non-negative integers`);
    }
    const c = capacity[k];
    if (!Number.isSafeInteger(c) || c < 0) fail(`capacity[${k}] is ${c}; capacities must be non-negative integers`);
  }
  return { values: toFloat64(values), weights: weights.map(toFloat64), capacity: toFloat64(capacity) };
}

/** Checks the options of `solveKnapsack` and fills in the defaults. */
export function validateOptions(options: KnapsackOptions): { solver: KnapsackSolverName; timeLimitMs: number } {
  const solver = options.solver ?? 'auto';
  if (!SOLVERS.includes(solver)) fail(`unknown solver ${JSON.stringify(solver)}; expected one of ${SOLVERS.join(', ')}`);
  const timeLimitMs = options.timeLimitMs ?? Infinity;
  if (!(timeLimitMs >= 0)) fail(`timeLimitMs is ${timeLimitMs}; it must be a non-negative number of milliseconds`);
  return { solver, timeLimitMs };
}
