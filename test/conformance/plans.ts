import path from 'node:path';
import { Diagnostics, errorMessage, type ObjectiveRegistry } from '@hwcost/core';
import { applyHls4mlConfig, loadHls4mlConfig, loadModelFile, loadWeightsFile } from '@hwcost/model';
import { planPruning, type LayerPlan, type PlanResult } from '@hwcost/plan';
import { conformanceDir, diff, type Summary } from './harness.js';

interface ExpectedLayer {
  layerType: string;
  optimizable: boolean;
  structureType: string | null;
  patternOffset?: number;
  consecutivePatterns?: number;
  shape: number[];
  resourcesBefore: number[];
  resourcesAfter: number[];
  kept: number;
  savings?: number[];
  groups?: number;
  keptGroups?: number;
  mask: number[] | null;
  /** Local cases: the layer's own limit on its kept savings. */
  budget?: number[];
}

export interface PlanCase {
  id: string;
  model: string;
  config: string;
  weights: string;
  objective: string;
  sparsity: number;
  metric: 'l1' | 'l2';
  local: boolean;
  uniqueOptimum: boolean;
  formulation: { budgetBase: number[] };
  expected: { layers: Record<string, ExpectedLayer>; resourcesBefore: number[]; resourcesAfter: number[]; budget?: number[] };
}

/** The layer as plans.json describes it; what only an optimizable layer has is left out otherwise. */
function described(plan: LayerPlan, expected: ExpectedLayer, unique: boolean) {
  const optimizable = plan.notPruned === null;
  const pattern = plan.attributes?.structureType === 'pattern' ? { patternOffset: plan.attributes.patternOffset, consecutivePatterns: plan.attributes.consecutivePatterns } : {};
  return {
    layerType: plan.layerType,
    optimizable,
    structureType: plan.structureType,
    ...(expected.patternOffset === undefined ? {} : pattern),
    ...(expected.budget === undefined ? {} : { budget: plan.budget }),
    shape: plan.shape,
    resourcesBefore: plan.before,
    ...(optimizable ? { savings: plan.savingsPerGroup, groups: plan.groups } : {}),
    // With ties at the boundary another optimal plan keeps other groups, even of other layers: then
    // only the model's resources after pruning are compared (below), not each layer's.
    ...(unique || !optimizable ? { kept: plan.keptWeights, resourcesAfter: plan.after } : {}),
    ...(unique && optimizable ? { keptGroups: plan.keptGroups } : {}),
  };
}

function expectedDescription(layer: ExpectedLayer, unique: boolean) {
  const { mask: _mask, kept, keptGroups, savings, groups, resourcesAfter, ...rest } = layer;
  return {
    ...rest,
    ...(layer.optimizable ? { savings, groups } : {}),
    ...(unique || !layer.optimizable ? { kept, resourcesAfter } : {}),
    ...(unique && layer.optimizable ? { keptGroups } : {}),
  };
}

/** First position where the planned mask differs from the expected one, if any. */
function maskDifference(plan: PlanResult, name: string, expected: number[]): string | undefined {
  const mask = plan.masks.get(name);
  if (!mask) return 'no mask';
  if (mask.data.length !== expected.length) return `mask has ${mask.data.length} entries, expected ${expected.length}`;
  const at = expected.findIndex((v, i) => v !== mask.data[i]);
  return at < 0 ? undefined : `mask differs first at flat index ${at} (got ${mask.data[at]}, expected ${expected[at]})`;
}

/**
 * Checks one case in the hls4ml formulation: per listed layer its description, resources before and
 * (for a unique optimum) after, kept groups and mask; the totals over the listed layers, after
 * pruning included, whatever the ties; the budget and its base.
 */
async function checkCase(c: PlanCase, registry: ObjectiveRegistry): Promise<string[]> {
  const problems: string[] = [];
  const diagnostics = new Diagnostics();
  const imported = await loadModelFile(path.join(conformanceDir, c.model));
  const model = applyHls4mlConfig(imported, await loadHls4mlConfig(path.join(conformanceDir, c.config)), diagnostics);
  const weights = await loadWeightsFile(path.join(conformanceDir, c.weights));
  const plan = await planPruning(
    model,
    weights,
    { objective: registry.get(c.objective), budget: { sparsity: c.sparsity }, metric: c.metric, local: c.local, formulation: 'hls4ml', solver: 'auto', bestEffort: false },
    diagnostics,
  );
  const width = plan.dimensions.length;
  const totals = { resourcesBefore: new Array<number>(width).fill(0), resourcesAfter: new Array<number>(width).fill(0) };
  for (const [name, expected] of Object.entries(c.expected.layers)) {
    const layer = plan.layers.find((l) => l.name === name);
    if (!layer) {
      problems.push(`layer ${name} is missing`);
      continue;
    }
    const d = diff(described(layer, expected, c.uniqueOptimum), expectedDescription(expected, c.uniqueOptimum));
    if (d) problems.push(`${name}: ${d}`);
    if (c.uniqueOptimum && expected.mask) {
      const m = maskDifference(plan, name, expected.mask);
      if (m) problems.push(`${name}: ${m}`);
    }
    layer.before?.forEach((v, m) => (totals.resourcesBefore[m]! += v));
    layer.after?.forEach((v, m) => (totals.resourcesAfter[m]! += v));
  }
  // Totals sum the listed layers, as models.json's do.
  const t = diff(totals, { resourcesBefore: c.expected.resourcesBefore, resourcesAfter: c.expected.resourcesAfter }, 'totals');
  if (t) problems.push(t);
  const b = diff({ budgetBase: plan.budgetBase, ...(c.expected.budget ? { budget: plan.budget } : {}) }, { budgetBase: c.formulation.budgetBase, ...(c.expected.budget ? { budget: c.expected.budget } : {}) });
  if (b) problems.push(b);
  return problems;
}

/** Runs every plan case; a case that throws fails with its message. */
export async function runPlanCases(cases: PlanCase[], registry: ObjectiveRegistry): Promise<Summary> {
  const failures: string[] = [];
  for (const c of cases) {
    try {
      const problems = await checkCase(c, registry);
      if (problems.length > 0) failures.push(`${c.id}: ${problems.join('; ')}`);
    } catch (error) {
      failures.push(`${c.id}: ${errorMessage(error)}`);
    }
  }
  return { total: cases.length, failures };
}
