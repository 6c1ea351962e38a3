import { errorMessage } from '@hwcost/core';
import { solveKnapsack, type KnapsackResult, type KnapsackSolverName } from '@hwcost/knapsack';
import type { Summary } from './harness.js';

export interface KnapsackCase {
  id: string;
  values: number[];
  /** M rows x N items. */
  weights: number[][];
  capacity: number[];
  optimal: number;
}

const EXACT: ReadonlySet<KnapsackSolverName> = new Set(['auto', 'dp', 'bnb', 'mip', 'equal']);

/** The solvers that apply to a case: dp for one row, equal when each row's weights are all equal. */
export function solversFor(c: KnapsackCase): KnapsackSolverName[] {
  const solvers: KnapsackSolverName[] = ['auto', 'bnb', 'mip', 'greedy'];
  if (c.weights.length === 1) solvers.push('dp');
  if (c.weights.every((row) => row.every((w) => w === row[0]))) solvers.push('equal');
  return solvers;
}

/** What is wrong with a solver's result for a case, or undefined. */
export function checkResult(c: KnapsackCase, solver: KnapsackSolverName, result: KnapsackResult): string | undefined {
  const { selected } = result;
  const n = c.values.length;
  for (let t = 0; t < selected.length; t++) {
    const i = selected[t];
    if (!Number.isInteger(i) || i < 0 || i >= n) return `selected holds ${i}, not an item index`;
    if (t > 0 && i <= selected[t - 1]) return `selected is not strictly ascending: ${JSON.stringify(selected)}`;
  }
  for (let k = 0; k < c.weights.length; k++) {
    const used = selected.reduce((sum, i) => sum + c.weights[k][i], 0);
    if (used > c.capacity[k]) return `infeasible: row ${k} weighs ${used} > capacity ${c.capacity[k]}`;
  }
  const sum = selected.reduce((s, i) => s + c.values[i], 0);
  if (Math.abs(sum - result.value) > 1e-9 * Math.max(1, Math.abs(sum))) return `value ${result.value} but the chosen values sum to ${sum}`;
  const atOptimum = Math.abs(result.value - c.optimal) <= 1e-6 * Math.max(1, Math.abs(c.optimal));
  if (EXACT.has(solver) && !(atOptimum && result.optimal)) return `value ${result.value} (optimal: ${result.optimal}), expected the optimum ${c.optimal}`;
  if (result.optimal && !atOptimum) return `claims optimal with ${result.value}, the optimum is ${c.optimal}`;
  return undefined;
}

/** Runs every applicable solver on every case; a case passes when all of them do. */
export async function runKnapsackCases(cases: KnapsackCase[]): Promise<Summary> {
  const failures: string[] = [];
  for (const c of cases) {
    const problems: string[] = [];
    for (const solver of solversFor(c)) {
      try {
        const problem = checkResult(c, solver, await solveKnapsack(c.values, c.weights, c.capacity, { solver }));
        if (problem) problems.push(`${solver}: ${problem}`);
      } catch (error) {
        problems.push(`${solver}: threw ${errorMessage(error)}`);
      }
    }
    if (problems.length > 0) failures.push(`${c.id}: ${problems.join('; ')}`);
  }
  return { total: cases.length, failures };
}
