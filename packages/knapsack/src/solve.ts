import { HwcostError } from '@hwcost/core';
import { solveBranchAndBound } from './branch-and-bound.js';
import { DP_MAX_CELLS, dpCells, solveDynamicProgramming } from './dynamic-programming.js';
import { hasEqualWeights, solveEqualWeights } from './equal-weights.js';
import { solveGreedy } from './greedy.js';
import { solveMip } from './mip.js';
import { indicesOf, totalValue } from './problem.js';
import { reduceProblem } from './reduce.js';
import type { KnapsackMethod, KnapsackOptions, KnapsackProblem, KnapsackResult, KnapsackSolution, KnapsackSolverName } from './types.js';
import { validateOptions, validateProblem } from './validate.js';

/** `auto` uses branch and bound up to this many undecided items. */
const BNB_MAX_ITEMS = 64;
/**
 * `auto` uses HiGHS up to this many undecided items and greedy above: HiGHS' presolve grows about
 * quadratically with the column count and ignores the time limit (measured here: 1.4 s at 2e4
 * items, 8 s at 5e4, 69 s at 1e5).
 */
const MIP_MAX_ITEMS = 20_000;

interface Outcome {
  solution: KnapsackSolution;
  method: KnapsackMethod;
}

/**
 * Chooses items maximising the total value with every row's total weight within its capacity:
 * hls4ml's `solve_knapsack`, with `weights` given as M rows x N items. Never returns an infeasible
 * choice.
 *
 * Asynchronous because the HiGHS MIP solver loads lazily as WebAssembly; the other solvers run
 * synchronously inside the call, and so does HiGHS once loaded.
 *
 * Whatever the solver, the shortcuts come first, as in hls4ml: no items or everything fits → take
 * all (`trivial`); each row's weights all equal → the most valuable items, selected exactly
 * (`equal`). Failing those, weightless items are taken, items too heavy for some row on their own
 * and rows that cannot overflow are set aside, and the shortcuts are tried again. Then:
 * - `auto`: `dp` when one row remains and its table N·(C+1) has at most 5e7 cells, else `bnb` up
 *   to 64 items, else `mip` up to 20,000 items (falling back to `greedy` if HiGHS is unavailable
 *   or finds nothing), else `greedy`;
 * - `dp` throws when more than one row remains; past 5e7 cells it defers to `auto`;
 * - `equal` throws unless the weights are equal as above;
 * - `bnb`, `greedy`, `mip` run as asked (`mip` with the same fallback).
 * `timeLimitMs` bounds `bnb` and `mip`, which then return their best choice unproven (HiGHS checks
 * its clock only between phases, so a huge `mip` can overrun it).
 * @throws HwcostError on malformed input or an inapplicable solver.
 */
export async function solveKnapsack(
  values: ArrayLike<number>,
  weights: readonly ArrayLike<number>[],
  capacity: ArrayLike<number>,
  options: KnapsackOptions = {},
): Promise<KnapsackResult> {
  const started = performance.now();
  const problem = validateProblem(values, weights, capacity);
  const { solver, timeLimitMs } = validateOptions(options);
  const { solution, method } = await solveProblem(problem, solver, started + timeLimitMs);
  return { ...solution, solver: method, ms: performance.now() - started };
}

async function solveProblem(problem: KnapsackProblem, solver: KnapsackSolverName, deadline: number): Promise<Outcome> {
  const shortcut = shortcutFor(problem);
  if (shortcut) return shortcut;
  const { always, items, problem: rest } = reduceProblem(problem);
  const { solution, method } = shortcutFor(rest) ?? (await runSolver(rest, solver, deadline));
  const chosen = new Uint8Array(problem.values.length);
  for (const i of always) chosen[i] = 1;
  for (const t of solution.selected) chosen[items[t]] = 1;
  const selected = indicesOf(chosen);
  return { solution: { value: totalValue(problem, selected), selected, optimal: solution.optimal }, method };
}

/** The cases that need no search: everything fits, or each row's weights are all equal. */
function shortcutFor(problem: KnapsackProblem): Outcome | undefined {
  const { values, weights, capacity } = problem;
  const fits = weights.every((row, k) => {
    let total = 0;
    for (let i = 0; i < row.length; i++) total += row[i];
    return total <= capacity[k];
  });
  if (fits) {
    const selected = indicesOf(new Uint8Array(values.length).fill(1));
    return { solution: { value: totalValue(problem, selected), selected, optimal: true }, method: 'trivial' };
  }
  if (hasEqualWeights(problem)) return { solution: solveEqualWeights(problem), method: 'equal' };
  return undefined;
}

async function runSolver(problem: KnapsackProblem, solver: KnapsackSolverName, deadline: number): Promise<Outcome> {
  const method = chooseMethod(problem, solver);
  switch (method) {
    case 'dp':
      return { solution: solveDynamicProgramming(problem), method };
    case 'bnb':
      return { solution: solveBranchAndBound(problem, deadline), method };
    case 'greedy':
      return { solution: solveGreedy(problem), method };
    case 'mip': {
      const greedy = solveGreedy(problem);
      const mip = await solveMip(problem, deadline, greedy);
      return mip ? { solution: mip, method } : { solution: greedy, method: 'greedy' };
    }
  }
}

function chooseMethod(problem: KnapsackProblem, solver: KnapsackSolverName): 'dp' | 'bnb' | 'greedy' | 'mip' {
  const rows = problem.weights.length;
  const dpFits = rows === 1 && dpCells(problem) <= DP_MAX_CELLS;
  switch (solver) {
    case 'equal':
      throw new HwcostError(
        "knapsack: solver 'equal' needs each row's weights to be all equal (weightless and oversized items aside); use another solver",
      );
    case 'dp':
      if (rows > 1) throw new HwcostError(`knapsack: solver 'dp' handles one constrained row, but ${rows} rows can bind here; use bnb, mip or auto`);
      if (dpFits) return 'dp';
      break;
    case 'auto':
      break;
    default:
      return solver;
  }
  if (dpFits) return 'dp';
  const n = problem.values.length;
  return n <= BNB_MAX_ITEMS ? 'bnb' : n <= MIP_MAX_ITEMS ? 'mip' : 'greedy';
}
