/** A solver `solveKnapsack` can be asked for; `auto` picks one by the instance's size and shape. */
export type KnapsackSolverName = 'auto' | 'dp' | 'bnb' | 'greedy' | 'mip' | 'equal';

/**
 * The method that actually produced a result: one of the solvers, or `trivial` when no search was
 * needed (no items, or every item fits).
 */
export type KnapsackMethod = Exclude<KnapsackSolverName, 'auto'> | 'trivial';

export interface KnapsackOptions {
  /** Default `auto`. */
  solver?: KnapsackSolverName;
  /**
   * Wall-clock limit for the searching solvers (`bnb`, `mip`); when it hits they return the best
   * choice found so far with `optimal: false`. Default: no limit.
   */
  timeLimitMs?: number;
}

export interface KnapsackResult {
  /** Total value of the chosen items. */
  value: number;
  /** Indices of the chosen items, ascending. */
  selected: number[];
  /** Whether `value` is proven to be the optimum. */
  optimal: boolean;
  /** The method that produced the result. */
  solver: KnapsackMethod;
  /** Wall-clock time of the whole call, in milliseconds. */
  ms: number;
}

/**
 * A validated instance: maximise `values · x` over x ∈ {0,1}^N subject to `weights[k] · x ≤
 * capacity[k]` for every row k. Weights and capacities are non-negative integers.
 */
export interface KnapsackProblem {
  readonly values: Float64Array;
  /** M rows of N weights. */
  readonly weights: readonly Float64Array[];
  readonly capacity: Float64Array;
}

/** What each solver returns, in the indices of the problem it was given. */
export interface KnapsackSolution {
  value: number;
  /** Ascending. */
  selected: number[];
  optimal: boolean;
}
