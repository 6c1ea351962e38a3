import { HwcostError, type Diagnostics, type ObjectiveEstimator } from '@hwcost/core';
import { solveClassKnapsack, type ClassKnapsackResult } from '@hwcost/knapsack';
import type { ImportedModel, ModelWeights } from '@hwcost/model';
import { assessLayers, type AssessedLayer } from './eligibility.js';
import { itemClassOf, type Prunable } from './formulation.js';
import { maskOf } from './groups.js';
import { checkKernels } from './kernels.js';
import { BudgetUnreachableError, type PlanOptions } from './options.js';
import { poseHls4ml, poseHwcost, sumRows, type Posed } from './pose.js';
import { mergeWarnings, reestimate, type Reestimation } from './reestimate.js';
import { MAX_ROUNDS, NARROWING_STEPS, bestRound, excessOf, fingerprint, keptCount, keptValue, measureCurves, nearlyFull, scopeTotal, segmentedKnapsack, unsettled, type Round } from './rounds.js';
import { keepTop, keptOf, predictedCost } from './segments.js';
import type { Formulation, LayerMask, LayerPlan, PlanResult } from './result.js';

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

