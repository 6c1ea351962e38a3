import { solveGreedy } from './greedy.js';
import { lpDualPrices } from './lp-relaxation.js';
import { indicesOf, totalValue } from './problem.js';
import type { KnapsackProblem, KnapsackSolution } from './types.js';

/** Nodes between two looks at the clock. */
const CLOCK_EVERY = 1024;

/**
 * Exact multi-dimensional 0/1 knapsack by depth-first branch and bound.
 *
 * Bound: the rows are merged into one surrogate row with the dual prices of the root LP
 * relaxation, whose LP optimum (Dantzig's fractional fill, in ratio order) is then exactly the
 * root LP bound; deeper down it stays a valid bound for any residual capacities and skips the
 * items that no longer fit some row on their own. Items are branched on in surrogate-ratio order,
 * taking an item before leaving it, starting from the greedy choice as incumbent. When the clock
 * passes `deadline` (a `performance.now()` time) the best choice so far is returned, unproven.
 */
export function solveBranchAndBound(problem: KnapsackProblem, deadline = Infinity): KnapsackSolution {
  const { values, weights, capacity } = problem;
  const n = values.length;
  const m = weights.length;

  const prices = lpDualPrices(problem);
  const surrogate = new Float64Array(n);
  for (let k = 0; k < m; k++) for (let i = 0; i < n; i++) surrogate[i] += prices[k] * weights[k][i];
  const order = Int32Array.from({ length: n }, (_, i) => i).sort((a, b) => ratioOrder(values, surrogate, a, b));

  // Item-major copies in branching order keep each node's work on contiguous memory.
  const value = new Float64Array(n);
  const size = new Float64Array(n);
  const weight = new Float64Array(n * m);
  for (let t = 0; t < n; t++) {
    const i = order[t];
    value[t] = values[i];
    size[t] = surrogate[i];
    for (let k = 0; k < m; k++) weight[t * m + k] = weights[k][i];
  }

  const incumbent = solveGreedy(problem);
  let best = incumbent.value;
  let bestChoice = incumbent.selected;
  const integral = values.every(Number.isInteger);
  // With integer values only an improvement by a whole unit counts; otherwise a relative 1e-12
  // absorbs the round-off of the bound's fractional term.
  const improves = (bound: number): boolean =>
    integral ? Math.floor(bound + 1e-9 * Math.max(1, bound)) > best : bound > best + 1e-12 * Math.max(1, best);

  const residual = Float64Array.from(capacity);
  const fits = (t: number): boolean => {
    for (let k = 0; k < m; k++) if (weight[t * m + k] > residual[k]) return false;
    return true;
  };
  const bound = (from: number): number => {
    let room = 0;
    for (let k = 0; k < m; k++) room += prices[k] * residual[k];
    let extra = 0;
    for (let t = from; t < n; t++) {
      if (!fits(t)) continue;
      if (size[t] <= room) {
        room -= size[t];
        extra += value[t];
      } else {
        extra += (value[t] * room) / size[t];
        break;
      }
    }
    return extra;
  };

  // Iterative depth-first search: stage[d] is 0 on entering depth d, 1 while the "take order[d]"
  // subtree runs, 2 while the "leave it" subtree runs. gained[d] is the value taken above depth d.
  const stage = new Uint8Array(n + 1);
  const gained = new Float64Array(n + 1);
  const taken = new Uint8Array(n);
  let nodes = 0;
  let complete = true;
  let depth = 0;
  while (depth >= 0) {
    if (stage[depth] === 0) {
      if (nodes++ % CLOCK_EVERY === 0 && performance.now() > deadline) {
        complete = false;
        break;
      }
      const current = gained[depth];
      if (current > best) {
        best = current;
        bestChoice = choiceOf(taken, depth, order);
      }
      if (depth === n || !improves(current + bound(depth))) {
        depth--;
        continue;
      }
      if (fits(depth)) {
        stage[depth] = 1;
        move(depth, 1);
        gained[depth + 1] = current + value[depth];
      } else {
        stage[depth] = 2;
        gained[depth + 1] = current;
      }
      stage[++depth] = 0;
    } else if (stage[depth] === 1) {
      move(depth, -1);
      stage[depth] = 2;
      gained[depth + 1] = gained[depth];
      stage[++depth] = 0;
    } else depth--;
  }
  return { value: totalValue(problem, bestChoice), selected: bestChoice, optimal: complete };

  /** Takes (+1) or puts back (-1) the item at branching position t. */
  function move(t: number, sign: 1 | -1): void {
    taken[t] = sign > 0 ? 1 : 0;
    for (let k = 0; k < m; k++) residual[k] -= sign * weight[t * m + k];
  }
}

/** Descending value per surrogate weight; weightless items first. */
function ratioOrder(values: Float64Array, size: Float64Array, a: number, b: number): number {
  const ra = size[a] > 0 ? values[a] / size[a] : Infinity;
  const rb = size[b] > 0 ? values[b] / size[b] : Infinity;
  return rb > ra ? 1 : rb < ra ? -1 : a - b;
}

/** The chosen problem indices, ascending, from the flags of the first `depth` branching positions. */
function choiceOf(taken: Uint8Array, depth: number, order: Int32Array): number[] {
  const mask = new Uint8Array(taken.length);
  for (let t = 0; t < depth; t++) if (taken[t]) mask[order[t]] = 1;
  return indicesOf(mask);
}
