import type { KnapsackProblem } from './types.js';

/** A problem with the decided items and the slack rows taken out. */
export interface Reduction {
  /** Items every solution takes: weightless in every row. */
  always: number[];
  /** Original index of each item of `problem`. */
  items: number[];
  /** The undecided items, over the rows that can still bind. */
  problem: KnapsackProblem;
}

/**
 * Takes the items that weigh nothing, drops the items too heavy for some row on their own, then
 * drops the rows the remaining items cannot overfill even all together. None of this changes the
 * optimum, and it often turns a composite objective's problem into a one-row one.
 */
export function reduceProblem(problem: KnapsackProblem): Reduction {
  const { values, weights, capacity } = problem;
  const n = values.length;
  const m = weights.length;
  const always: number[] = [];
  const items: number[] = [];
  for (let i = 0; i < n; i++) {
    let weightless = true;
    let fits = true;
    for (let k = 0; k < m; k++) {
      const w = weights[k][i];
      if (w > 0) weightless = false;
      if (w > capacity[k]) fits = false;
    }
    if (weightless) always.push(i);
    else if (fits) items.push(i);
  }
  const rows: number[] = [];
  for (let k = 0; k < m; k++) {
    let total = 0;
    for (const i of items) total += weights[k][i];
    if (total > capacity[k]) rows.push(k);
  }
  return {
    always,
    items,
    problem: {
      values: pick(values, items),
      weights: rows.map((k) => pick(weights[k], items)),
      capacity: Float64Array.from(rows, (k) => capacity[k]),
    },
  };
}

function pick(array: Float64Array, items: readonly number[]): Float64Array {
  const picked = new Float64Array(items.length);
  for (let t = 0; t < items.length; t++) picked[t] = array[items[t]];
  return picked;
}
