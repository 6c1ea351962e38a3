import { totalValue } from './problem.js';
import type { KnapsackProblem, KnapsackSolution } from './types.js';

/**
 * Largest DP table, in cells N·(C+1), the solver will build: the decisions take one bit per cell
 * (5e7 cells = 6.25 MB) and the time is proportional to the cell count.
 */
export const DP_MAX_CELLS = 5e7;

/** Cells of the DP table for a one-row problem. */
export function dpCells(problem: KnapsackProblem): number {
  return problem.values.length * (problem.capacity[0] + 1);
}

/**
 * Exact 0/1 knapsack for one row of integer weights in O(N·C) time. The best values live in one
 * array of C+1 entries; the take/skip decisions are kept as one bit per (item, capacity) cell, which
 * is all the walk back needs, instead of hls4ml's (N+1) x (C+1) table of values.
 */
export function solveDynamicProgramming(problem: KnapsackProblem): KnapsackSolution {
  const { values } = problem;
  const weights = new Int32Array(problem.weights[0]);
  const capacity = problem.capacity[0];
  const n = values.length;
  const words = (capacity >>> 5) + 1;
  const best = new Float64Array(capacity + 1);
  const taken = new Int32Array(n * words);
  let later = 0;
  for (let i = 0; i < n; i++) later += weights[i];
  for (let i = 0; i < n; i++) {
    const v = values[i];
    const w = weights[i];
    later -= w;
    // A worthless item can never raise a best value, so its bits would all stay clear anyway.
    if (v <= 0) continue;
    // The walk back only visits capacities the later items can reach down from C; skip the rest.
    const low = Math.max(w, capacity - later);
    const base = i * words;
    // Bits are gathered per 32-capacity word so each word is written once.
    for (let c = capacity; c >= low; ) {
      const word = c >>> 5;
      const end = Math.max(low, word << 5);
      let bits = 0;
      for (; c >= end; c--) {
        const candidate = best[c - w] + v;
        if (candidate > best[c]) {
          best[c] = candidate;
          bits |= 1 << (c & 31);
        }
      }
      if (bits !== 0) taken[base + word] |= bits;
    }
  }
  const selected: number[] = [];
  let c = capacity;
  for (let i = n - 1; i >= 0; i--) {
    if (taken[i * words + (c >>> 5)] & (1 << (c & 31))) {
      selected.push(i);
      c -= weights[i];
    }
  }
  selected.reverse();
  return { value: totalValue(problem, selected), selected, optimal: true };
}
