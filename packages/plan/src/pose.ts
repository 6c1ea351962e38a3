import { resolveBudget, sparsityLimit } from './budget.js';
import type { AssessedLayer } from './eligibility.js';
import { unremovable, type Prunable } from './formulation.js';
import { BudgetUnreachableError, type PlanOptions } from './options.js';

/** One knapsack: the layers it plans, its constrained dimensions and the limit on their kept savings. */
export interface Knapsack {
  members: Prunable[];
  rows: number[];
  /** Per constrained row, as posed from the objective's savings. */
  capacity: number[];
  /** Per dimension, the limit on the resources of the members and the fixed layers (null: free). */
  limits: (number | null)[];
  /** Indices of the layers that count towards the limits but are not pruned. */
  fixed: number[];
  /** Names the knapsack in messages: `model` or `layer <name>`. */
  scope: string;
  /** Per dimension, the least the members and fixed layers cost with every removable group removed. */
  floor: number[];
}

/** The knapsacks of a plan and the budget they come from, as a formulation poses them. */
export interface Posed {
  budget: (number | null)[];
  budgetBase: number[];
  knapsacks: Knapsack[];
  /** Local plans: each layer's own limit. */
  layerBudgets: Map<string, number[]>;
}

/**
 * hwcost's formulation: the resources after pruning of every layer the objective costs stay within
 * the budget, so each knapsack's capacity is the budget less what pruning cannot remove. With
 * `floors` (the re-estimate with every removable group removed), what pruning cannot remove in a
 * re-estimated dimension is what that re-estimate leaves.
 */
export function poseHwcost(prunable: Prunable[], assessed: AssessedLayer[], before: number[], floors: (number[] | null)[] | null, options: PlanOptions): Posed {
  const dims = options.objective.dimensions;
  const measured = (m: number) => floors !== null && options.reestimation!.dimensions[m]!;
  const fixedLayers = assessed.flatMap((a, i) => (!a.groups && a.resources ? [i] : []));
  const budget = resolveBudget(options.budget, dims, before);
  const layerBudgets = new Map<string, number[]>();
  const pose = (members: Prunable[], limits: (number | null)[], fixed: number[], scope: string): Knapsack => {
    const rows = limits.flatMap((limit, m) => (limit === null ? [] : [m]));
    const base = sumRows(fixed.map((i) => assessed[i]!.resources), dims.length);
    const untouchable = members.reduce((acc, p) => acc.map((v, m) => v + unremovable(p)[m]!), base);
    const floor = members.reduce((acc, p) => acc.map((v, m) => v + Math.max(0, unremovable(p)[m]!)), base);
    const least = sumRows([...fixed, ...members.map((p) => p.index)].map((i) => floors?.[i] ?? null), dims.length);
    dims.forEach((_d, m) => {
      if (measured(m)) floor[m] = least[m]!;
    });
    const short = rows.filter((m) => limits[m]! < floor[m]!);
    if (short.length > 0 && !options.bestEffort) {
      throw new BudgetUnreachableError(
        `the budget cannot be met for the ${scope} even by removing every removable group: smallest reachable ${short.map((m) => `${dims[m]}=${floor[m]} (budget ${limits[m]})`).join(', ')}`,
      );
    }
    return { members, rows, limits, fixed, scope, floor, capacity: rows.map((m) => Math.max(0, limits[m]! - untouchable[m]!)) };
  };
  if (!options.local) return { budget, budgetBase: before, knapsacks: [pose(prunable, budget, fixedLayers, 'model')], layerBudgets };
  const sparsity = (options.budget as { sparsity: number }).sparsity;
  const knapsacks = prunable.map((p) => {
    const limits = sparsityLimit(sparsity, p.before);
    layerBudgets.set(p.name, limits);
    return pose([p], limits, [], `layer ${p.name}`);
  });
  return { budget, budgetBase: before, knapsacks, layerBudgets };
}

/**
 * hls4ml's formulation (`get_model_masks`): the savings of the kept groups stay within
 * `floor((1 − sparsity) × Σ resources)` of the pruned layers, or of each layer when local.
 */
export function poseHls4ml(prunable: Prunable[], sparsity: number, local: boolean): Posed {
  const width = prunable[0]!.before.length;
  const budgetBase = sumRows(
    prunable.map((p) => p.before),
    width,
  );
  const rows = budgetBase.map((_b, m) => m);
  const budget = sparsityLimit(sparsity, budgetBase);
  const layerBudgets = new Map<string, number[]>();
  const knapsack = (members: Prunable[], capacity: number[], scope: string): Knapsack => ({ members, rows, capacity, limits: capacity, fixed: [], scope, floor: capacity.map(() => 0) });
  if (!local) return { budget, budgetBase, knapsacks: [knapsack(prunable, budget, 'model')], layerBudgets };
  const knapsacks = prunable.map((p) => {
    const capacity = sparsityLimit(sparsity, p.before);
    layerBudgets.set(p.name, capacity);
    return knapsack([p], capacity, `layer ${p.name}`);
  });
  return { budget, budgetBase, knapsacks, layerBudgets };
}

/** Sums rows of `width` numbers, skipping nulls (figures the objective does not have). */
export function sumRows(rows: readonly (readonly number[] | null)[], width: number): number[] {
  const total = new Array<number>(width).fill(0);
  for (const row of rows) if (row) row.forEach((v, m) => (total[m]! += v));
  return total;
}
