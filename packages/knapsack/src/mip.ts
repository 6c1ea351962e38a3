import { createRequire } from 'node:module';
import type { Highs } from 'highs';
import { isFeasible, totalValue } from './problem.js';
import type { KnapsackProblem, KnapsackSolution } from './types.js';

/** HiGHS reports a primal solution as feasible with this `primal_solution_status`. */
const FEASIBLE = 2;

let runtime: Promise<Highs> | undefined;

/** Loads the HiGHS WebAssembly runtime on first use only; a failed load is retried next time. */
function loadHighs(): Promise<Highs> {
  // Required, not imported: hwcost's command line runs this code from V8's code cache, where
  // Node 20 cannot run import(). The package's CommonJS build exports the loader itself.
  runtime ??= Promise.resolve()
    .then(() => (createRequire(import.meta.url)('highs') as () => Promise<Highs>)())
    .catch((error: unknown) => {
      runtime = undefined;
      throw error;
    });
  return runtime;
}

/**
 * The knapsack as a 0/1 MIP for HiGHS (branch and cut, compiled to WebAssembly), seeded with
 * `start`. HiGHS runs synchronously once loaded and stops at `deadline` (a `performance.now()`
 * time); the result is optimal only when HiGHS proves it with no gap. Returns undefined when
 * HiGHS cannot be loaded or run, or ends with no feasible solution, so the caller can fall back.
 */
export async function solveMip(problem: KnapsackProblem, deadline: number, start: KnapsackSolution): Promise<KnapsackSolution | undefined> {
  let highs: Highs;
  try {
    highs = await loadHighs();
  } catch {
    return undefined;
  }
  const { values, weights, capacity } = problem;
  const n = values.length;
  const m = weights.length;
  const starts = new Int32Array(n + 1);
  const indices: number[] = [];
  const coefficients: number[] = [];
  for (let i = 0; i < n; i++) {
    for (let k = 0; k < m; k++) {
      if (weights[k][i] === 0) continue;
      indices.push(k);
      coefficients.push(weights[k][i]);
    }
    starts[i + 1] = indices.length;
  }
  const seeded = new Float64Array(n);
  for (const i of start.selected) seeded[i] = 1;

  try {
    return highs.withModel(
      {
        numCols: n,
        numRows: m,
        sense: highs.constants.objectiveSense.maximize,
        colCost: values,
        colLower: new Float64Array(n),
        colUpper: new Float64Array(n).fill(1),
        rowLower: new Float64Array(m).fill(-highs.infinity),
        rowUpper: capacity,
        matrix: { format: 'csc', numRows: m, numCols: n, starts, indices: Int32Array.from(indices), values: Float64Array.from(coefficients) },
        integrality: new Int32Array(n).fill(highs.constants.variableType.integer),
      },
      (model) => {
        const seconds = (deadline - performance.now()) / 1000;
        model.options.set({ output_flag: false, mip_rel_gap: 0, mip_abs_gap: 1e-9, ...(Number.isFinite(seconds) ? { time_limit: Math.max(0, seconds) } : {}) });
        model.setSolution({ colValue: seeded });
        model.run();
        if (Number(model.info.get('primal_solution_status')) !== FEASIBLE) return undefined;
        const { colValue } = model.getSolution();
        const selected: number[] = [];
        for (let i = 0; i < n; i++) if (colValue[i] > 0.5) selected.push(i);
        // Integrality and feasibility tolerances could in principle let a rounded choice overflow.
        if (!isFeasible(problem, selected)) return undefined;
        const value = totalValue(problem, selected);
        if (value < start.value) return { ...start, optimal: false };
        return { value, selected, optimal: model.getModelStatus() === highs.constants.modelStatus.optimal };
      },
    );
  } catch {
    return undefined;
  }
}
