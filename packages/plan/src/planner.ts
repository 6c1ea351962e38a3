import { HwcostError, isDeclined, type Diagnostics, type LayerAttributes, type ObjectiveEstimator, type StructureType } from '@hwcost/core';
import { solveKnapsack, type KnapsackSolverName } from '@hwcost/knapsack';
import type { NpyArray } from './masks/npz.js';
import type { ImportedModel, ModelWeights } from '@hwcost/model';
import { resolveBudget, type BudgetSpec } from './budget.js';
import { groupWeights, maskOf, type GroupMetric, type WeightGroups } from './groups.js';

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
  solver: KnapsackSolverName;
  timeLimitMs?: number;
  /** Plan anyway when the budget is unreachable, with the smallest reachable resources. */
  bestEffort: boolean;
  /** Called as layers are grouped and problems solved, for progress display. */
  onProgress?: (done: number, total: number) => void;
}

/** The plan for one layer. */
export interface LayerPlan {
  name: string;
  layerType: string;
  /** The structure removed; null when the layer is kept whole. */
  structureType: StructureType | null;
  groups: number;
  kept: number;
  before: number[];
  after: number[];
}

export interface PlanResult {
  dimensions: string[];
  /** Limit per dimension; null where the budget leaves the dimension free. */
  budget: (number | null)[];
  before: number[];
  after: number[];
  solver: { name: string; optimal: boolean; ms: number };
  layers: LayerPlan[];
  /** 0/1 masks in each planned layer's kernel shape, by layer name. */
  masks: Map<string, NpyArray>;
}

interface Removable {
  plan: LayerPlan;
  groups: WeightGroups;
  /** Savings of removing one group, per dimension. */
  savings: number[];
  shape: number[];
  kept?: Uint8Array;
}

const sum = (rows: readonly number[][], width: number): number[] => rows.reduce((acc, r) => acc.map((v, i) => v + r[i]!), new Array<number>(width).fill(0));

/**
 * Decides which weight groups to keep so that the objective's resources stay within budget while
 * the kept importance (group norms) is maximal: hls4ml's knapsack formulation. A layer's resources
 * after pruning are its resources less the savings of its removed groups.
 */
export async function planPruning(model: ImportedModel, weights: ModelWeights, options: PlanOptions, diagnostics: Diagnostics): Promise<PlanResult> {
  const { objective } = options;
  const width = objective.dimensions.length;
  const layers = model.layers.filter((l) => l.supported && l.attributes.weightShape.length > 0).map((l) => l.attributes);
  const fixed: LayerPlan[] = [];
  const removable: Removable[] = [];
  layers.forEach((layer, index) => {
    try {
      classify(layer, weights, options, diagnostics, fixed, removable);
    } catch (error) {
      // The objective declined this layer (e.g. DSPs of a BatchNormalization): it is not planned.
      if (!isDeclined(error)) throw error;
      diagnostics.warn(`not planned: ${error.reason}`, { objective: options.objective.id, layer: layer.name });
    }
    options.onProgress?.(index + 1, layers.length + 1);
  });

  const planned = [...fixed, ...removable.map((r) => r.plan)];
  const before = sum(planned.map((p) => p.before), width);
  const budget = resolveBudget(options.budget, objective.dimensions, before);
  if (options.local && !('sparsity' in options.budget)) throw new HwcostError('a local plan needs a sparsity (a per-layer fraction), not absolute budget limits');

  const solves = options.local
    ? await Promise.all(removable.map((r) => solve([r], sparsityBudget(r.plan.before, options.budget), [], options, `layer ${r.plan.name}`)))
    : [await solve(removable, budget, fixed, options, 'model')];
  options.onProgress?.(layers.length + 1, layers.length + 1);

  for (const r of removable) {
    const removed = r.groups.count - r.kept!.reduce((a, b) => a + b, 0);
    r.plan.kept = r.groups.count - removed;
    r.plan.after = r.plan.before.map((b, m) => Math.max(0, b - removed * r.savings[m]!));
  }
  const order = new Map(layers.map((l, i) => [l.name, i]));
  planned.sort((a, b) => order.get(a.name)! - order.get(b.name)!);
  const byName = new Map(removable.map((r) => [r.plan.name, r]));
  const masks = new Map<string, NpyArray>();
  for (const p of planned) {
    const r = byName.get(p.name);
    const kernel = weights.get(p.name);
    if (r) masks.set(p.name, { shape: r.shape, data: Float32Array.from(maskOf(r.groups, r.kept!)) });
    else if (kernel) masks.set(p.name, { shape: kernel.shape, data: new Float32Array(kernel.data.length).fill(1) });
  }
  const after = sum(planned.map((p) => p.after), width);
  budget.forEach((limit, m) => {
    if (limit !== null && after[m]! > limit && !options.bestEffort) {
      diagnostics.warn(`${objective.dimensions[m]} after pruning (${after[m]}) exceeds the budget (${limit}): the objective's savings do not add up to its resources`);
    }
  });
  return {
    dimensions: [...objective.dimensions],
    budget,
    before,
    after,
    solver: {
      name: [...new Set(solves.map((s) => s.solver))].join(', ') || 'none',
      optimal: solves.every((s) => s.optimal),
      ms: solves.reduce((a, s) => a + s.ms, 0),
    },
    layers: planned,
    masks,
  };
}

/** Sorts a layer into kept-whole or removable, grouping its kernel. */
function classify(layer: LayerAttributes, weights: ModelWeights, options: PlanOptions, diagnostics: Diagnostics, fixed: LayerPlan[], removable: Removable[]): void {
  const { objective } = options;
  const context = diagnostics.contextFor(objective.id, layer.name);
  const before = objective.layerResources(layer, context);
  const plan: LayerPlan = { name: layer.name, layerType: layer.layerType, structureType: null, groups: 0, kept: 0, before, after: before };
  const { optimizable, attributes } = objective.isLayerOptimizable(layer, context);
  if (!optimizable || !attributes || !attributes.pruning) {
    fixed.push(plan);
    return;
  }
  const kernel = weights.get(layer.name);
  if (!kernel) throw new HwcostError(`the weights have no kernel for layer ${layer.name}`);
  if (kernel.shape.join('x') !== layer.weightShape.join('x')) {
    throw new HwcostError(`layer ${layer.name}: weights have shape [${kernel.shape.join(', ')}], the model says [${layer.weightShape.join(', ')}]`);
  }
  const planned: LayerAttributes = { ...layer, optimizable: true, optimizationAttributes: attributes };
  const grouping = groupWeights(planned, kernel, options.metric);
  if (!grouping.ok) {
    diagnostics.warn(`kept whole: ${grouping.reason}`, { objective: objective.id, layer: layer.name });
    fixed.push(plan);
    return;
  }
  const savings = objective.layerSavings(planned, context);
  plan.structureType = attributes.structureType;
  plan.groups = grouping.groups.count;
  removable.push({ plan, groups: grouping.groups, savings, shape: kernel.shape });
}

function sparsityBudget(before: number[], spec: BudgetSpec): (number | null)[] {
  return 'sparsity' in spec ? before.map((b) => Math.floor((1 - spec.sparsity) * b)) : before.map(() => null);
}

/**
 * One knapsack over the groups of `layers`: keep groups (value = importance, normalized per layer so
 * large layers do not dominate) with every constrained dimension's kept savings within what the
 * budget leaves after the resources no group removal can touch.
 */
async function solve(layers: Removable[], budget: (number | null)[], fixed: LayerPlan[], options: PlanOptions, scope: string) {
  const rows = budget.flatMap((limit, m) => (limit === null ? [] : [m]));
  const untouchable = budget.map((_l, m) =>
    fixed.reduce((a, f) => a + f.before[m]!, 0) + layers.reduce((a, r) => a + r.plan.before[m]! - r.groups.count * r.savings[m]!, 0),
  );
  const floor = budget.map((_l, m) => fixed.reduce((a, f) => a + f.before[m]!, 0) + layers.reduce((a, r) => a + Math.max(0, r.plan.before[m]! - r.groups.count * r.savings[m]!), 0));
  const short = rows.filter((m) => budget[m]! < floor[m]!);
  if (short.length > 0 && !options.bestEffort) {
    const dims = options.objective.dimensions;
    throw new BudgetUnreachableError(
      `the budget cannot be met for the ${scope} even by removing every removable group: smallest reachable ${short.map((m) => `${dims[m]}=${floor[m]} (budget ${budget[m]})`).join(', ')}`,
    );
  }
  const total = layers.reduce((a, r) => a + r.groups.count, 0);
  const values = new Float64Array(total);
  const weights = rows.map(() => new Float64Array(total));
  let offset = 0;
  for (const r of layers) {
    let max = 0;
    for (const v of r.groups.values) max = Math.max(max, v);
    for (let g = 0; g < r.groups.count; g++) {
      values[offset + g] = max > 0 ? r.groups.values[g]! / max : 0;
      rows.forEach((m, row) => (weights[row]![offset + g] = r.savings[m]!));
    }
    offset += r.groups.count;
  }
  const capacity = rows.map((m) => Math.max(0, budget[m]! - untouchable[m]!));
  const result = await solveKnapsack(values, weights, capacity, { solver: options.solver, timeLimitMs: options.timeLimitMs });
  const chosen = new Uint8Array(total);
  for (const i of result.selected) chosen[i] = 1;
  offset = 0;
  for (const r of layers) {
    r.kept = chosen.subarray(offset, offset + r.groups.count);
    offset += r.groups.count;
  }
  return result;
}
