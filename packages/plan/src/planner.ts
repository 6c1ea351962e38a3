import { HwcostError, type Diagnostics, type ObjectiveEstimator } from '@hwcost/core';
import { solveClassKnapsack, type KnapsackSolverName } from '@hwcost/knapsack';
import type { ImportedModel, ModelWeights } from '@hwcost/model';
import { resolveBudget, sparsityLimit, type BudgetSpec } from './budget.js';
import { assessLayers, type AssessedLayer } from './eligibility.js';
import { itemClassOf, unremovable, type Prunable } from './formulation.js';
import { maskOf, type GroupMetric } from './groups.js';
import { checkKernels } from './kernels.js';
import type { Formulation, LayerMask, LayerPlan, PlanResult } from './result.js';

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
  /** Called as the plan progresses, for progress display. */
  onProgress?: (done: number, total: number) => void;
}

/** One knapsack: the layers it plans, its constrained dimensions and the limit on their kept savings. */
interface Knapsack {
  members: Prunable[];
  rows: number[];
  capacity: number[];
}

/** The knapsacks of a plan and the budget they come from, as a formulation poses them. */
interface Posed {
  budget: (number | null)[];
  budgetBase: number[];
  knapsacks: Knapsack[];
  /** Local plans: each layer's own limit. */
  layerBudgets: Map<string, number[]>;
}

/**
 * Decides which weight groups to keep so the objective's budget is met while the kept importance
 * (group norms) is maximal, after checking the weights against the model. Layers are sorted by
 * hls4ml's `optimize_model` rules (see `assessLayers`); the knapsack is posed by `formulation`. A
 * layer's resources after pruning are its resources less the savings of its removed groups.
 * @throws HwcostError when the weights do not fit the model, no layer can be pruned, or (`hwcost`,
 *   without `bestEffort`) the budget is unreachable ({@link BudgetUnreachableError}).
 */
export async function planPruning(model: ImportedModel, weights: ModelWeights, options: PlanOptions, diagnostics: Diagnostics): Promise<PlanResult> {
  const { objective } = options;
  const formulation = options.formulation ?? 'hwcost';
  const sparsity = 'sparsity' in options.budget ? options.budget.sparsity : undefined;
  if (options.local && sparsity === undefined) throw new HwcostError('a local plan needs a sparsity (a per-layer fraction), not absolute budget limits');
  if (formulation === 'hls4ml' && sparsity === undefined) throw new HwcostError('the hls4ml formulation takes a sparsity, not absolute budget limits');
  const width = objective.dimensions.length;

  const kernels = checkKernels(model, weights, diagnostics, options.weightsSource);
  const assessed = assessLayers(model, kernels, objective, options.metric, diagnostics);
  const prunable = assessed.flatMap((a): Prunable[] =>
    a.groups ? [{ name: a.layer.name, structureType: a.attributes!.structureType, groups: a.groups, savings: a.savings!, before: a.resources! }] : [],
  );
  if (prunable.length === 0) throw new HwcostError(nothingToPrune(objective, assessed));
  const before = sumRows(assessed.map((a) => a.resources), width);
  const posed = formulation === 'hls4ml' ? poseHls4ml(prunable, sparsity!, options.local) : poseHwcost(prunable, assessed, before, options);
  options.onProgress?.(1, posed.knapsacks.length + 1);

  const kept = new Map<string, Uint8Array>();
  const solves = [];
  for (const [index, knapsack] of posed.knapsacks.entries()) {
    const classes = knapsack.members.map((p) => itemClassOf(p, knapsack.rows, formulation, options.local));
    const result = await solveClassKnapsack(classes, knapsack.capacity, { solver: options.solver, ...(options.timeLimitMs === undefined ? {} : { timeLimitMs: options.timeLimitMs }) });
    knapsack.members.forEach((p, s) => kept.set(p.name, result.chosen[s]!));
    solves.push(result);
    options.onProgress?.(index + 2, posed.knapsacks.length + 1);
  }

  const layers = assessed.map((a) => layerPlan(a, kept.get(a.layer.name), posed.layerBudgets.get(a.layer.name)));
  const masks = new Map<string, LayerMask>();
  for (const a of assessed) {
    if (!a.kernel) continue;
    const chosen = kept.get(a.layer.name);
    const n = a.kernel.data.length;
    masks.set(a.layer.name, { shape: a.kernel.shape, data: chosen && a.groups ? maskOf(a.groups, chosen, n) : new Uint8Array(n).fill(1) });
  }
  const after = sumRows(layers.map((l) => l.after), width);
  const target = sparsity === undefined ? null : before.map((b) => (1 - sparsity) * b);
  const aboveTarget = target ? objective.dimensions.filter((_d, m) => after[m]! > target[m]!) : [];
  report(formulation, posed, { before, after }, options, diagnostics);
  return {
    formulation,
    local: options.local,
    dimensions: [...objective.dimensions],
    budget: posed.budget,
    budgetOn: formulation === 'hls4ml' ? 'kept-savings' : 'resources',
    budgetBase: posed.budgetBase,
    target,
    aboveTarget,
    before,
    after,
    solver: {
      name: [...new Set(solves.map((s) => s.solver))].join(', ') || 'none',
      optimal: solves.every((s) => s.optimal),
      ms: solves.reduce((a, s) => a + s.ms, 0),
    },
    layers,
    masks,
  };
}

/**
 * hwcost's formulation: the resources after pruning of every layer the objective costs stay within
 * the budget, so each knapsack's capacity is the budget less what pruning cannot remove.
 */
function poseHwcost(prunable: Prunable[], assessed: AssessedLayer[], before: number[], options: PlanOptions): Posed {
  const dims = options.objective.dimensions;
  const fixed = sumRows(
    assessed.filter((a) => !a.groups).map((a) => a.resources),
    dims.length,
  );
  const budget = resolveBudget(options.budget, dims, before);
  const layerBudgets = new Map<string, number[]>();
  const pose = (members: Prunable[], limits: (number | null)[], base: number[], scope: string): Knapsack => {
    const rows = limits.flatMap((limit, m) => (limit === null ? [] : [m]));
    const untouchable = members.reduce((acc, p) => acc.map((v, m) => v + unremovable(p)[m]!), base);
    const floor = members.reduce((acc, p) => acc.map((v, m) => v + Math.max(0, unremovable(p)[m]!)), base);
    const short = rows.filter((m) => limits[m]! < floor[m]!);
    if (short.length > 0 && !options.bestEffort) {
      throw new BudgetUnreachableError(
        `the budget cannot be met for the ${scope} even by removing every removable group: smallest reachable ${short.map((m) => `${dims[m]}=${floor[m]} (budget ${limits[m]})`).join(', ')}`,
      );
    }
    return { members, rows, capacity: rows.map((m) => Math.max(0, limits[m]! - untouchable[m]!)) };
  };
  if (!options.local) return { budget, budgetBase: before, knapsacks: [pose(prunable, budget, fixed, 'model')], layerBudgets };
  const sparsity = (options.budget as { sparsity: number }).sparsity;
  const knapsacks = prunable.map((p) => {
    const limits = sparsityLimit(sparsity, p.before);
    layerBudgets.set(p.name, limits);
    return pose([p], limits, new Array<number>(dims.length).fill(0), `layer ${p.name}`);
  });
  return { budget, budgetBase: before, knapsacks, layerBudgets };
}

/**
 * hls4ml's formulation (`get_model_masks`): the savings of the kept groups stay within
 * `floor((1 − sparsity) × Σ resources)` of the pruned layers, or of each layer when local.
 */
function poseHls4ml(prunable: Prunable[], sparsity: number, local: boolean): Posed {
  const width = prunable[0]!.before.length;
  const budgetBase = sumRows(
    prunable.map((p) => p.before),
    width,
  );
  const rows = budgetBase.map((_b, m) => m);
  const budget = sparsityLimit(sparsity, budgetBase);
  const layerBudgets = new Map<string, number[]>();
  if (!local) return { budget, budgetBase, knapsacks: [{ members: prunable, rows, capacity: budget }], layerBudgets };
  const knapsacks = prunable.map((p) => {
    const capacity = sparsityLimit(sparsity, p.before);
    layerBudgets.set(p.name, capacity);
    return { members: [p], rows, capacity };
  });
  return { budget, budgetBase, knapsacks, layerBudgets };
}

function layerPlan(a: AssessedLayer, kept: Uint8Array | undefined, budget: number[] | undefined): LayerPlan {
  const weights = a.kernel?.data.length ?? 0;
  const groups = a.groups && kept ? a.groups.count : 0;
  let keptGroups = 0;
  if (kept) for (let g = 0; g < kept.length; g++) keptGroups += kept[g]!;
  const removed = groups - keptGroups;
  const keptWeights = a.groups && kept ? keptGroups * a.groups.size : weights;
  return {
    name: a.layer.name,
    layerType: a.layer.layerType,
    notPruned: a.notPruned,
    attributes: a.attributes,
    structureType: a.attributes?.structureType ?? null,
    shape: a.kernel?.shape ?? a.layer.weightShape,
    groups,
    keptGroups,
    weights,
    keptWeights,
    keptFraction: weights > 0 ? keptWeights / weights : 1,
    savingsPerGroup: a.savings && kept ? a.savings : null,
    before: a.resources,
    after: a.resources && a.savings && kept ? a.resources.map((b, m) => Math.max(0, b - removed * a.savings![m]!)) : a.resources,
    ...(budget ? { budget } : {}),
  };
}

/** Warns where the plan ends above what was asked: over an hwcost budget, or above (1 − sparsity) × before. */
function report(formulation: Formulation, posed: Posed, result: { before: number[]; after: number[] }, options: PlanOptions, diagnostics: Diagnostics): void {
  const { before, after } = result;
  options.objective.dimensions.forEach((d, m) => {
    const limit = posed.budget[m];
    if (formulation === 'hwcost' && !options.local && limit !== null && limit !== undefined && after[m]! > limit) {
      if (!options.bestEffort) diagnostics.warn(`${d} after pruning (${after[m]}) exceeds the budget (${limit}): the objective's savings do not add up to its resources`);
      return;
    }
    if (!('sparsity' in options.budget)) return;
    const sparsity = options.budget.sparsity;
    const target = (1 - sparsity) * before[m]!;
    if (after[m]! <= target) return;
    const why =
      formulation === 'hls4ml'
        ? `the hls4ml formulation bounds the savings of the kept groups (to ${limit}), not the resources`
        : 'layers that are not pruned keep all their resources';
    diagnostics.warn(`${d} after pruning is ${after[m]}, above (1 - ${sparsity}) x ${before[m]} = ${target}: ${why}`);
  });
}

/** The message when no layer can be pruned: each layer with weights and why it is not. */
function nothingToPrune(objective: ObjectiveEstimator, assessed: AssessedLayer[]): string {
  const withWeights = assessed.filter((a) => a.notPruned && a.notPruned.reason !== 'no-weights');
  const listed = withWeights.slice(0, 5).map((a) => `${a.layer.name}: ${a.notPruned!.detail}`);
  if (withWeights.length > 5) listed.push(`and ${withWeights.length - 5} more`);
  const why = listed.length > 0 ? listed.join('; ') : 'the model has no layer with weights';
  return `nothing to plan: no layer of the model can be pruned for objective ${objective.id} (${why})`;
}

/** Sums rows of `width` numbers, skipping nulls (figures the objective does not have). */
function sumRows(rows: readonly (readonly number[] | null)[], width: number): number[] {
  const total = new Array<number>(width).fill(0);
  for (const row of rows) if (row) row.forEach((v, m) => (total[m]! += v));
  return total;
}
