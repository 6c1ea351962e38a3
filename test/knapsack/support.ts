import type { KnapsackResult } from '@hwcost/knapsack';
import { integer } from '../../bench/random.mjs';

export { integer, random } from '../../bench/random.mjs';

export interface Instance {
  values: number[];
  weights: number[][];
  capacity: number[];
}

/**
 * A random instance whose rows each hold about half their total weight. `correlated` makes values
 * follow the weights (plus a constant), the classic hard case for branch and bound.
 */
export function randomInstance(rnd: () => number, n: number, m: number, options: { maxWeight?: number; integral?: boolean; correlated?: boolean } = {}): Instance {
  const { maxWeight = 20, integral = false, correlated = false } = options;
  const weights = Array.from({ length: m }, () => Array.from({ length: n }, () => integer(rnd, 1, maxWeight)));
  const values = Array.from({ length: n }, (_, i) => {
    const value = correlated ? weights.reduce((sum, row) => sum + row[i], 0) / m + maxWeight / 10 : rnd() * maxWeight;
    return integral ? Math.round(value) : value;
  });
  const capacity = weights.map((row) => Math.floor(row.reduce((a, b) => a + b, 0) / 2));
  return { values, weights, capacity };
}

/** The optimum by enumerating every subset (small N only). */
export function bruteForce({ values, weights, capacity }: Instance): number {
  const n = values.length;
  let best = 0;
  for (let mask = 0; mask < 1 << n; mask++) {
    let value = 0;
    let feasible = true;
    for (let k = 0; k < weights.length && feasible; k++) {
      let used = 0;
      for (let i = 0; i < n; i++) if (mask & (1 << i)) used += weights[k][i];
      feasible = used <= capacity[k];
    }
    if (!feasible) continue;
    for (let i = 0; i < n; i++) if (mask & (1 << i)) value += values[i];
    best = Math.max(best, value);
  }
  return best;
}

/** Throws unless `result` is a feasible choice whose value is the sum of its items' values. */
export function expectFeasible({ values, weights, capacity }: Instance, result: KnapsackResult): void {
  const { selected } = result;
  selected.forEach((i, t) => {
    if (!Number.isInteger(i) || i < 0 || i >= values.length) throw new Error(`selected holds ${i}`);
    if (t > 0 && i <= selected[t - 1]) throw new Error(`selected is not ascending: ${selected.join(',')}`);
  });
  weights.forEach((row, k) => {
    const used = selected.reduce((sum, i) => sum + row[i], 0);
    if (used > capacity[k]) throw new Error(`row ${k} weighs ${used} > ${capacity[k]}`);
  });
  const sum = selected.reduce((s, i) => s + values[i], 0);
  if (Math.abs(sum - result.value) > 1e-9 * Math.max(1, sum)) throw new Error(`value ${result.value} but the items sum to ${sum}`);
}
