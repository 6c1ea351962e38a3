import { HwcostError, type Diagnostics, type ObjectiveEstimator } from '@hwcost/core';
import { solveClassKnapsack, type ClassKnapsackResult, type ItemClass, type KnapsackSolverName } from '@hwcost/knapsack';
import type { ImportedModel, ModelWeights } from '@hwcost/model';
import { resolveBudget, sparsityLimit, type BudgetSpec } from './budget.js';
import { assessLayers, type AssessedLayer } from './eligibility.js';
import { itemClassOf, unremovable, type Prunable } from './formulation.js';
import { maskOf, type GroupMetric } from './groups.js';
import { checkKernels } from './kernels.js';
import { mergeWarnings, reestimate, type Reestimate, type Reestimation } from './reestimate.js';
import { SEGMENTS, keepTop, keptOf, measureSegments, predictedCost, segmentClasses, segmentLayer, type SegmentedLayer } from './segments.js';
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
  /**
   * For an objective that reads weights: how to re-estimate it on the pruned kernels (see
   * {@link Reestimation}). Without it such an objective's after figures are linear predictions, and
   * a warning says so.
   */
  reestimation?: Reestimation;
  /** Called as the plan progresses, for progress display. */
  onProgress?: (done: number, total: number) => void;
}

/** One knapsack: the layers it plans, its constrained dimensions and the limit on their kept savings. */
interface Knapsack {
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
interface Posed {
  budget: (number | null)[];
  budgetBase: number[];
  knapsacks: Knapsack[];
  /** Local plans: each layer's own limit. */
  layerBudgets: Map<string, number[]>;
}

/**
 * At most this many knapsacks are solved for a plan whose objective re-estimates the pruned
 * kernels (each followed by one re-estimate of the model), each after correcting every pruned
 * layer's costs by what the objective measured for the last plan. Measured on the golden projects
 * planned with hls-dsp at sparsity 0.5, global and local: where the solves reach the budget, the
 * first plan within it came by the third solve, mostly within {@link SLACK} of it by the second
 * (tutorial: 735 of 737 DSP); the slowest still moved by a DSP or two at the eighth. Eight bound a
 * plan to eight re-estimates past the measuring ones; a 4-million-weight synthetic model took 14 s.
 */
const MAX_ROUNDS = 8;

/**
 * When no round ends within budget, at most this many more solves bisect the share of the capacity
 * the knapsack may fill (1/64 resolution), and the plan removing everything removable comes last.
 */
const NARROWING_STEPS = 6;

/**
 * Re-estimated costs reach the knapsack as integers scaled so that the smallest positive cost per
 * group is at least this many units: rounding each group up then overstates a layer's cost by
 * under 1%, which only makes a plan keep slightly less than it could.
 */
const COST_RESOLUTION = 100;

/**
 * A plan within budget that leaves less than this share of every re-estimated limit unused (or
 * one unit, for small limits) ends the solves early: the rest could keep little more importance.
 */
const SLACK = 0.01;

/**
 * Decides which weight groups to keep so the objective's budget is met while the kept importance
 * (group norms) is maximal, after checking the weights against the model. Layers are sorted by
 * hls4ml's `optimize_model` rules (see `assessLayers`); the knapsack is posed by `formulation`. A
 * layer's resources after pruning are its resources less the savings of its removed groups, except
 * in the dimensions `reestimation` marks: there they are the objective's own estimate of the pruned
 * kernels, and the `hwcost` formulation solves again with each layer's costs corrected from those
 * estimates until a plan is within budget by them (at most {@link MAX_ROUNDS} solves).
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
  const reestimation = reestimationOf(options, diagnostics);

  const kernels = checkKernels(model, weights, diagnostics, options.weightsSource);
  const assessed = assessLayers(model, kernels, objective, options.metric, diagnostics);
  const prunable = assessed.flatMap((a, index): Prunable[] =>
    a.groups ? [{ name: a.layer.name, index, structureType: a.attributes!.structureType, groups: a.groups, savings: a.savings!, before: a.resources! }] : [],
  );
  if (prunable.length === 0) throw new HwcostError(nothingToPrune(objective, assessed));
  const before = sumRows(assessed.map((a) => a.resources), width);
  const measure = (kept: ReadonlyMap<string, Uint8Array>) => reestimate(assessed, objective, reestimation!, kernels, prunedMasks(prunable, assessed, kept));
  // Every removable group removed: the least each layer can cost by the objective's own estimate.
  const floors = reestimation && formulation === 'hwcost' ? measure(new Map(prunable.map((p) => [p.name, new Uint8Array(p.groups.count)]))).figures : null;
  const posed = formulation === 'hls4ml' ? poseHls4ml(prunable, sparsity!, options.local) : poseHwcost(prunable, assessed, before, floors, options);
  const measured = floors ? reestimation!.dimensions : new Array<boolean>(width).fill(false);
  const rounds = measured.some(Boolean) ? MAX_ROUNDS : 1;

  const segments = rounds > 1 ? measureCurves(prunable, floors!, measured, measure) : null;
  const correction = new Map(prunable.map((p) => [p.name, p.before.map(() => 1)]));
  let current = assessed.map((a) => a.resources);
  const solveCalls = segments ? rounds + NARROWING_STEPS : rounds;
  const steps = solveCalls * posed.knapsacks.length + 1;
  options.onProgress?.(1, steps);
  const tried: Round[] = [];
  /** Re-estimates a plan (when the objective reads weights) and records it among those tried. */
  const measurePlan = (kept: Map<string, Uint8Array>, solves: ClassKnapsackResult[] = []): Round => {
    const estimate = reestimation ? measure(kept) : null;
    const figures = assessed.map((a, i) => (estimate && a.resources ? a.resources.map((_b, m) => (reestimation!.dimensions[m] ? estimate.figures[i]![m]! : null)) : null));
    const excess = measured.some(Boolean) ? posed.knapsacks.reduce((sum, k) => sum + excessOf(k, figures, measured), 0) : 0;
    const value = solves.length > 0 ? solves.reduce((sum, s) => sum + s.value, 0) : keptValue(prunable, kept);
    const round = { kept, solves, figures, excess, value, warnings: estimate?.diagnostics ?? null };
    tried.push(round);
    return round;
  };
  /** Solves every knapsack (re-estimated rows: `share` of their capacity) and re-estimates the plan. */
  const solveRound = async (share: number): Promise<Round & { predicted: Map<string, number[]> }> => {
    const kept = new Map<string, Uint8Array>();
    const predicted = new Map<string, number[]>();
    const solves = [];
    for (const [index, knapsack] of posed.knapsacks.entries()) {
      const limit = options.timeLimitMs === undefined ? {} : { timeLimitMs: options.timeLimitMs };
      if (!segments) {
        const classes = knapsack.members.map((p) => itemClassOf(p, knapsack.rows, formulation, options.local));
        const result = await solveClassKnapsack(classes, knapsack.capacity, { solver: options.solver, ...limit });
        knapsack.members.forEach((p, s) => kept.set(p.name, result.chosen[s]!));
        solves.push(result);
      } else {
        const layers = knapsack.members.map((p) => segments.get(p.name)!);
        const { classes, capacity } = segmentedKnapsack(knapsack, layers, measured, correction, current, share);
        // The segments' costs are a model the re-estimate then checks, so proving a plan optimal
        // for them buys nothing: by default the value-per-cost greedy solves each round (the MIP
        // took 2-8 s a round on the 4,256 weights of the tutorial's dense layers).
        const result = await solveClassKnapsack(classes, capacity, { solver: options.solver === 'auto' ? 'greedy' : options.solver, ...limit });
        let c = 0;
        for (const s of layers) {
          const chosen = result.chosen.slice(c, (c += s.perGroup.length));
          kept.set(s.layer.name, keptOf(s, chosen));
          predicted.set(s.layer.name, s.layer.before.map((_b, m) => predictedCost(s, chosen, m, correction.get(s.layer.name)![m]!)));
        }
        solves.push(result);
      }
      options.onProgress?.(tried.length * posed.knapsacks.length + index + 2, steps);
    }
    return { ...measurePlan(kept, solves), predicted };
  };
  const seen = new Set<string>();
  for (let r = 0; r < rounds; r++) {
    const { kept, figures, predicted, excess } = await solveRound(1);
    if (!segments || (excess === 0 && posed.knapsacks.every((k) => nearlyFull(k, figures, measured)))) break;
    const plan = fingerprint(prunable.map((p) => kept.get(p.name)!));
    // A plan seen before would come back unchanged: the corrections have settled.
    if (seen.has(plan)) break;
    seen.add(plan);
    for (const p of prunable) {
      const factors = correction.get(p.name)!;
      predicted.get(p.name)!.forEach((guess, m) => {
        const floor = segments.get(p.name)!.floor[m]!;
        if (measured[m] && guess - floor > 1e-9) factors[m] = (factors[m]! * Math.max(0, figures[p.index]![m]! - floor)) / (guess - floor);
      });
    }
    current = assessed.map((a, i) => (a.resources ? a.resources.map((b, m) => figures[i]?.[m] ?? b) : null));
  }
  if (segments && bestRound(tried).excess > 0) {
    // The corrections need not settle within budget where costs do not add up over groups.
    // Removing everything removable is within budget unless the budget is unreachable (the floors
    // were checked), so first the share of the capacity the knapsack may fill is bisected between
    // that and the last plan.
    let [low, high] = [0, 1];
    for (let step = 0; step < NARROWING_STEPS; step++) {
      const share = (low + high) / 2;
      if ((await solveRound(share)).excess === 0) low = share;
      else high = share;
    }
    // Costs that depend on how many groups a layer keeps rather than on which (a ReuseFactor's
    // shared multipliers) can defeat the segments altogether: then every layer keeps the same
    // share of its most important groups, the share bisected down to none, which is within budget
    // or (best effort) the smallest reachable.
    const keepShare = (share: number) => measurePlan(new Map(prunable.map((p) => [p.name, keepTop(segments.get(p.name)!, Math.floor(share * p.groups.count))])));
    if (bestRound(tried).excess > 0) {
      [low, high] = [0, 1];
      for (let step = 0; step < NARROWING_STEPS; step++) {
        const share = (low + high) / 2;
        if (keepShare(share).excess === 0) low = share;
        else high = share;
      }
      if (low === 0) keepShare(0);
    }
  }
  const chosen = bestRound(tried);
  if (chosen.excess > 0 && !options.bestEffort) throw new BudgetUnreachableError(unsettled(objective, posed, chosen, tried.length));
  if (chosen.warnings) mergeWarnings(diagnostics, chosen.warnings);
  if (tried.length < solveCalls) options.onProgress?.(steps, steps);

  const layers = assessed.map((a, i) => layerPlan(a, chosen.kept.get(a.layer.name), chosen.figures[i]!, posed.layerBudgets.get(a.layer.name)));
  const masks = new Map<string, LayerMask>();
  for (const a of assessed) {
    if (!a.kernel) continue;
    const kept = chosen.kept.get(a.layer.name);
    const n = a.kernel.data.length;
    masks.set(a.layer.name, { shape: a.kernel.shape, data: kept && a.groups ? maskOf(a.groups, kept, n) : new Uint8Array(n).fill(1) });
  }
  const after = sumRows(layers.map((l) => l.after), width);
  const target = sparsity === undefined ? null : before.map((b) => (1 - sparsity) * b);
  const aboveTarget = target ? objective.dimensions.filter((_d, m) => after[m]! > target[m]!) : [];
  report(formulation, posed, { before, after, chosen }, measured, options, diagnostics);
  const solves = chosen.solves;
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
    reestimated: reestimation ? { dimensions: objective.dimensions.filter((_d, m) => reestimation.dimensions[m]), plans: tried.length } : null,
    solver: {
      name: [...new Set(solves.map((s) => s.solver))].join(', ') || 'none',
      optimal: solves.length > 0 && solves.every((s) => s.optimal),
      ms: tried.reduce((sum, t) => sum + t.solves.reduce((a, s) => a + s.ms, 0), 0),
    },
    layers,
    masks,
  };
}

/** One plan tried (a solve of the knapsacks, or a share of every layer's groups) and what the objective re-estimated for it. */
interface Round {
  kept: Map<string, Uint8Array>;
  solves: ClassKnapsackResult[];
  /** Per layer, the re-estimated figure of each re-estimated dimension (null in the others); null for a layer without figures or a plan without re-estimates. */
  figures: Figures;
  /** How far the re-estimated figures end above the knapsacks' limits, each relative to its limit; 0 within budget. */
  excess: number;
  value: number;
  warnings: Diagnostics | null;
}

/** The most valuable plan within budget by the re-estimates, else the one least above it. */
function bestRound(tried: readonly Round[]): Round {
  return tried.reduce((best, r) => (r.excess < best.excess || (r.excess === best.excess && r.value > best.value) ? r : best));
}

/** The re-estimation of the plan, or null when the objective reads no weights; a warning when it reads them and none was given. */
function reestimationOf(options: PlanOptions, diagnostics: Diagnostics): Reestimation | null {
  const { objective, reestimation } = options;
  if (reestimation && reestimation.dimensions.length !== objective.dimensions.length) {
    throw new HwcostError(`re-estimation marks ${reestimation.dimensions.length} dimension(s), objective ${objective.id} has ${objective.dimensions.length}`);
  }
  if (reestimation?.dimensions.some(Boolean)) return reestimation;
  if (objective.usesWeights && !reestimation) {
    diagnostics.warn(`the objective reads the weights, but the plan cannot re-estimate the pruned kernels: its after figures are its savings per group times the groups removed`, { objective: objective.id });
  }
  return null;
}

/** The masks of the pruned layers (one flag per weight), for re-estimates. */
function prunedMasks(prunable: readonly Prunable[], assessed: readonly AssessedLayer[], kept: ReadonlyMap<string, Uint8Array>): Map<string, Uint8Array> {
  return new Map(prunable.map((p) => [p.name, maskOf(p.groups, kept.get(p.name)!, assessed[p.index]!.kernel!.data.length)]));
}

/** The kept importance of a plan, each layer's groups normalised by its largest, as the hwcost formulation values them. */
function keptValue(prunable: readonly Prunable[], kept: ReadonlyMap<string, Uint8Array>): number {
  let value = 0;
  for (const { name, groups } of prunable) {
    const flags = kept.get(name)!;
    const read = groups.importanceOver(groups.max > 0 ? groups.max : 1);
    for (let g = 0; g < flags.length; g++) if (flags[g]) value += read(g);
  }
  return value;
}

/** Tells plans apart: kept counts and an FNV-1a hash of the kept flags. */
function fingerprint(kept: readonly Uint8Array[]): string {
  let hash = 0x811c9dc5;
  for (const flags of kept) for (let g = 0; g < flags.length; g++) hash = Math.imul(hash ^ flags[g]!, 0x01000193);
  return `${kept.map(keptCount).join(',')}:${hash >>> 0}`;
}

function keptCount(kept: Uint8Array): number {
  let n = 0;
  for (let g = 0; g < kept.length; g++) n += kept[g]!;
  return n;
}

/**
 * hwcost's formulation: the resources after pruning of every layer the objective costs stay within
 * the budget, so each knapsack's capacity is the budget less what pruning cannot remove. With
 * `floors` (the re-estimate with every removable group removed), what pruning cannot remove in a
 * re-estimated dimension is what that re-estimate leaves.
 */
function poseHwcost(prunable: Prunable[], assessed: AssessedLayer[], before: number[], floors: (number[] | null)[] | null, options: PlanOptions): Posed {
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
 * Measures every pruned layer's cost curve: the objective re-estimates the model with each layer
 * keeping its most important groups up to each segment boundary (all layers at once, one
 * re-estimate per inner boundary); the ends are known (`floors`: nothing kept; the layer's
 * resources: everything kept).
 */
function measureCurves(
  prunable: readonly Prunable[],
  floors: readonly (number[] | null)[],
  measured: readonly boolean[],
  measure: (kept: ReadonlyMap<string, Uint8Array>) => Reestimate,
): Map<string, SegmentedLayer> {
  const segments = new Map(prunable.map((p) => [p.name, segmentLayer(p)]));
  const prefix = new Map(prunable.map((p) => [p.name, [floors[p.index]!]]));
  for (let j = 1; j < SEGMENTS; j++) {
    const { figures } = measure(new Map(prunable.map((p) => [p.name, keepTop(segments.get(p.name)!, segments.get(p.name)!.bounds[j]!)])));
    for (const p of prunable) prefix.get(p.name)!.push(figures[p.index]!);
  }
  for (const p of prunable) measureSegments(segments.get(p.name)!, [...prefix.get(p.name)!, p.before], measured);
  return segments;
}

/**
 * The knapsack of one round over the members' segments: in re-estimated rows a group weighs its
 * segment's measured cost times the layer's correction and the capacity is the limit less the
 * members' cost with nothing kept and the fixed layers' latest figures, times `share`, all scaled
 * to integers ({@link COST_RESOLUTION}); other rows are as posed.
 */
function segmentedKnapsack(
  knapsack: Knapsack,
  layers: readonly SegmentedLayer[],
  measured: readonly boolean[],
  correction: ReadonlyMap<string, number[]>,
  current: readonly (number[] | null)[],
  share: number,
): { classes: ItemClass[]; capacity: number[] } {
  const scale = knapsack.rows.map((m) => {
    if (!measured[m]) return 1;
    let least = Infinity;
    let total = 0;
    for (const s of layers) {
      s.perGroup.forEach((cost, j) => {
        const c = cost[m]! * correction.get(s.layer.name)![m]!;
        if (c > 0) least = Math.min(least, c);
        total += c * (s.bounds[j + 1]! - s.bounds[j]!);
      });
    }
    // Scaled totals stay far below 2^53, where integers stop being exact.
    return Math.max(1, Math.min(least === Infinity ? 1 : COST_RESOLUTION / least, 2 ** 40 / Math.max(1, total)));
  });
  const classes = layers.flatMap((s) => segmentClasses(s, knapsack.rows, measured, correction.get(s.layer.name)!, scale));
  const capacity = knapsack.rows.map((m, row) => {
    if (!measured[m]) return knapsack.capacity[row]!;
    const fixed = knapsack.fixed.reduce((sum, i) => sum + current[i]![m]!, 0);
    const floors = layers.reduce((sum, s) => sum + s.floor[m]!, 0);
    return Math.max(0, Math.floor(share * (knapsack.limits[m]! - fixed - floors) * scale[row]! + 1e-9));
  });
  return { classes, capacity };
}

type Figures = readonly ((number | null)[] | null)[];

/** The re-estimated figure of dimension `m` summed over a knapsack's members and fixed layers. */
function scopeTotal(knapsack: Knapsack, figures: Figures, m: number): number {
  return [...knapsack.fixed, ...knapsack.members.map((p) => p.index)].reduce((t, i) => t + (figures[i]?.[m] ?? 0), 0);
}

/** How far a knapsack's layers end above its limits in the re-estimated dimensions, each relative to its limit. */
function excessOf(knapsack: Knapsack, figures: Figures, measured: readonly boolean[]): number {
  return knapsack.rows.reduce((sum, m) => (measured[m] ? sum + Math.max(0, scopeTotal(knapsack, figures, m) - knapsack.limits[m]!) / Math.max(1, knapsack.limits[m]!) : sum), 0);
}

/** Whether a knapsack's layers leave at most {@link SLACK} (or one unit) of every re-estimated limit unused. */
function nearlyFull(knapsack: Knapsack, figures: Figures, measured: readonly boolean[]): boolean {
  return knapsack.rows.every((m) => !measured[m] || knapsack.limits[m]! - scopeTotal(knapsack, figures, m) <= Math.max(1, SLACK * knapsack.limits[m]!));
}

/** Why no plan was found within budget although removing everything reaches it. */
function unsettled(objective: ObjectiveEstimator, posed: Posed, chosen: Round, solves: number): string {
  const dims = objective.dimensions;
  const parts = posed.knapsacks.flatMap((k) =>
    k.rows.flatMap((m) => {
      const total = scopeTotal(k, chosen.figures, m);
      return total > k.limits[m]! ? [`${k.scope}: ${dims[m]}=${total} (budget ${k.limits[m]}, smallest reachable ${k.floor[m]})`] : [];
    }),
  );
  return `no plan within the budget by objective ${objective.id}'s estimate of the pruned kernels after ${solves} solve(s): closest ${parts.join(', ')}`;
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
  const knapsack = (members: Prunable[], capacity: number[], scope: string): Knapsack => ({ members, rows, capacity, limits: capacity, fixed: [], scope, floor: capacity.map(() => 0) });
  if (!local) return { budget, budgetBase, knapsacks: [knapsack(prunable, budget, 'model')], layerBudgets };
  const knapsacks = prunable.map((p) => {
    const capacity = sparsityLimit(sparsity, p.before);
    layerBudgets.set(p.name, capacity);
    return knapsack([p], capacity, `layer ${p.name}`);
  });
  return { budget, budgetBase, knapsacks, layerBudgets };
}

/**
 * The plan of one layer. `figures` holds the objective's re-estimate of the pruned kernel in the
 * dimensions it re-estimates (null in the others): there `after` is that figure and the saving per
 * group is the measured one, (before − after) / removed groups.
 */
function layerPlan(a: AssessedLayer, kept: Uint8Array | undefined, figures: (number | null)[] | null, budget: number[] | undefined): LayerPlan {
  const weights = a.kernel?.data.length ?? 0;
  const groups = a.groups && kept ? a.groups.count : 0;
  const keptGroups = kept ? keptCount(kept) : 0;
  const removed = groups - keptGroups;
  const keptWeights = a.groups && kept ? keptGroups * a.groups.size : weights;
  const pruned = a.resources && a.savings && kept;
  const savingsPerGroup = pruned
    ? a.savings!.map((s, m) => (figures?.[m] == null ? s : removed > 0 ? Number(((a.resources![m]! - figures[m]!) / removed).toFixed(6)) : 0))
    : null;
  const after = a.resources?.map((b, m) => figures?.[m] ?? (pruned ? Math.max(0, b - removed * a.savings![m]!) : b)) ?? null;
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
    savingsPerGroup,
    before: a.resources,
    after,
    ...(budget ? { budget } : {}),
  };
}

/** Warns where the plan ends above what was asked: over an hwcost budget, or above (1 − sparsity) × before. */
function report(formulation: Formulation, posed: Posed, result: { before: number[]; after: number[]; chosen: Round }, measured: readonly boolean[], options: PlanOptions, diagnostics: Diagnostics): void {
  const { before, after, chosen } = result;
  const { objective } = options;
  for (const k of posed.knapsacks) {
    for (const m of k.rows) {
      if (!measured[m]) continue;
      const total = scopeTotal(k, chosen.figures, m);
      if (total <= k.limits[m]!) continue;
      diagnostics.warn(
        `${objective.dimensions[m]} of the ${k.scope} after pruning is ${total} by the objective's estimate of the pruned kernels, above the budget (${k.limits[m]}); the smallest reachable is ${k.floor[m]}`,
        { objective: objective.id },
      );
    }
  }
  objective.dimensions.forEach((d, m) => {
    const limit = posed.budget[m];
    if (formulation === 'hwcost' && !options.local && limit !== null && limit !== undefined && after[m]! > limit) {
      if (measured[m]) return;
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
