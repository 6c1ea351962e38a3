import { indicesOf, totalValue } from './problem.js';
import type { KnapsackProblem, KnapsackSolution } from './types.js';

/** Whether every row's weights are all equal (hls4ml's special case; usual for pattern pruning). */
export function hasEqualWeights(problem: KnapsackProblem): boolean {
  return problem.weights.every((row) => {
    for (let i = 1; i < row.length; i++) if (row[i] !== row[0]) return false;
    return true;
  });
}

/**
 * Exact solution when every row's weights are all equal: any K items cost the same, so the K
 * most valuable are optimal, K being the most items every row can afford. The K-th largest value is
 * found by selection in expected linear time (no sort), then one pass picks the items above it
 * and, in index order, as many ties as remain.
 */
export function solveEqualWeights(problem: KnapsackProblem): KnapsackSolution {
  const { values, weights, capacity } = problem;
  const n = values.length;
  let count = n;
  weights.forEach((row, k) => {
    if (n > 0 && row[0] > 0) count = Math.min(count, Math.floor(capacity[k] / row[0]));
  });
  const chosen = new Uint8Array(n);
  if (count >= n) chosen.fill(1);
  else if (count > 0) {
    const threshold = selectKth(values.slice(), n - count);
    let ties = count;
    for (let i = 0; i < n; i++) if (values[i] > threshold) ties--;
    for (let i = 0; i < n; i++) {
      const v = values[i];
      if (v > threshold || (v === threshold && ties-- > 0)) chosen[i] = 1;
    }
  }
  const selected = indicesOf(chosen);
  return { value: totalValue(problem, selected), selected, optimal: true };
}

/**
 * The value an ascending sort would put at index k, found by quickselect (Hoare partitioning,
 * which copes with many equal values). Pivots are medians of three; should the search outlast
 * 2·log2(n) rounds (an input built against that rule), they become pseudo-random, which keeps the
 * expected time linear on any input. Reorders `a` in place.
 */
export function selectKth(a: Float64Array, k: number): number {
  let lo = 0;
  let hi = a.length - 1;
  let budget = 2 * Math.ceil(Math.log2(a.length + 1));
  let seed = 0x2545f491;
  while (lo < hi) {
    let p: number;
    if (budget-- > 0) {
      const mid = lo + ((hi - lo) >> 1);
      p = medianIndex(a, lo, mid, hi);
    } else {
      seed ^= seed << 13;
      seed ^= seed >>> 17;
      seed ^= seed << 5;
      p = lo + ((seed >>> 0) % (hi - lo + 1));
    }
    const pivot = a[p];
    let i = lo;
    let j = hi;
    while (i <= j) {
      while (a[i] < pivot) i++;
      while (a[j] > pivot) j--;
      if (i <= j) {
        const t = a[i];
        a[i++] = a[j];
        a[j--] = t;
      }
    }
    // Now a[lo..j] ≤ pivot ≤ a[i..hi], and everything strictly between j and i equals the pivot.
    if (k <= j) hi = j;
    else if (k >= i) lo = i;
    else return a[k];
  }
  return a[k];
}

function medianIndex(a: Float64Array, x: number, y: number, z: number): number {
  const ax = a[x];
  const ay = a[y];
  const az = a[z];
  if (ax < ay) return ay < az ? y : ax < az ? z : x;
  return ax < az ? x : ay < az ? z : y;
}
