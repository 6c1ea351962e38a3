import { HwcostError, type ObjectiveEstimator } from '@hwcost/core';
import type { KnapsackSolverName } from '@hwcost/knapsack';
import type { BudgetSpec } from './budget.js';
import type { GroupMetric } from './groups.js';
import type { Reestimation } from './reestimate.js';
import type { Formulation } from './result.js';

/** The budget is below what removing every removable group reaches; `bestEffort` plans anyway. */
export class BudgetUnreachableError extends HwcostError {
  constructor(message: string) {
    super(message);
    this.name = 'BudgetUnreachableError';
  }
}

export interface PlanOptions {
  /** The objective to keep within budget; a composite for several. */
  objective: ObjectiveEstimator;
  budget: BudgetSpec;
  metric: GroupMetric;
  /** Equal sparsity per layer (one knapsack per layer) instead of one global knapsack. */
  local: boolean;
  /** How the knapsack is posed (see {@link Formulation}); default `hwcost`. */
  formulation?: Formulation;
  solver: KnapsackSolverName;
  timeLimitMs?: number;
  /** `hwcost` formulation: plan anyway when the budget is unreachable, with the smallest reachable resources. */
  bestEffort: boolean;
  /** Names the weights (e.g. their file) in errors about them. */
  weightsSource?: string;
  /**
   * For an objective that reads weights: how to re-estimate it on the pruned kernels (see
   * {@link Reestimation}). Without it such an objective's after figures are linear predictions, and
   * a warning says so.
   */
  reestimation?: Reestimation;
  /** Called as the plan progresses, for progress display. */
  onProgress?: (done: number, total: number) => void;
}
