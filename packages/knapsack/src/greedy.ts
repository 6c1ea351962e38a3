import { indicesOf, totalValue } from './problem.js';
import type { KnapsackProblem, KnapsackSolution } from './types.js';

/**
 * Value-per-weight greedy. Unlike hls4ml's, it does not stop at the first item that does not fit
 * but keeps trying the rest, and it never returns an infeasible choice: the lone most valuable
 * item that fits replaces the greedy set when it is worth more (which bounds the loss to half the
 * optimum in one dimension). Never claims optimality.
 */
export function solveGreedy(problem: KnapsackProblem): KnapsackSolution {
  const { values, weights, capacity } = problem;
  const n = values.length;
  const m = weights.length;
  // Like hls4ml, each row is scaled by its largest weight so no dimension dominates the ratio.
  const scale = weights.map((row) => {
    let max = 0;
    for (let i = 0; i < n; i++) if (row[i] > max) max = row[i];
    return max > 0 ? 1 / max : 0;
  });
  const ratio = new Float64Array(n);
  const order = new Uint32Array(n);
  for (let i = 0; i < n; i++) {
    let size = 0;
    for (let k = 0; k < m; k++) size += weights[k][i] * scale[k];
    ratio[i] = size > 0 ? values[i] / size : Infinity;
    order[i] = i;
  }
  order.sort((a, b) => (ratio[b] > ratio[a] ? 1 : ratio[b] < ratio[a] ? -1 : a - b));

  const used = new Float64Array(m);
  const chosen = new Uint8Array(n);
  let value = 0;
  let single = -1;
  for (const i of order) {
    let fits = true;
    let fitsAlone = true;
    for (let k = 0; k < m; k++) {
      const w = weights[k][i];
      if (used[k] + w > capacity[k]) fits = false;
      if (w > capacity[k]) fitsAlone = false;
    }
    if (fitsAlone && (single < 0 || values[i] > values[single])) single = i;
    if (!fits) continue;
    chosen[i] = 1;
    value += values[i];
    for (let k = 0; k < m; k++) used[k] = used[k] + weights[k][i];
  }
  const selected = single >= 0 && values[single] > value ? [single] : indicesOf(chosen);
  return { value: totalValue(problem, selected), selected, optimal: false };
}
