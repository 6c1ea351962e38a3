import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { Diagnostics } from '@hwcost/core';
import { applyHls4mlConfig, loadHls4mlConfig, loadModelFile, loadWeightsFile } from '@hwcost/model';
import { planPruning, type BudgetSpec, type Formulation, type PlanResult } from '@hwcost/plan';
import { firstPartyRegistry } from '../support/first-party.js';

// The golden case KERAS_3layer.layertype-resource.w.vivado-dsp.s0.25.l2.global of plans.json: three
// Resource-strategy Dense layers pruned by DSP patterns, and an unstructured output layer whose
// groups save nothing (RF 32 under Latency).
const models = '../shared/conformance/models';
const registry = firstPartyRegistry();

async function goldenPlan(objective: string, formulation: Formulation, budget: BudgetSpec, diagnostics = new Diagnostics()): Promise<PlanResult> {
  const model = applyHls4mlConfig(await loadModelFile(path.join(models, 'KERAS_3layer.json')), await loadHls4mlConfig(path.join(models, 'KERAS_3layer.layertype-resource.yml')), diagnostics);
  const weights = await loadWeightsFile(path.join(models, 'KERAS_3layer_weights.h5'));
  return planPruning(model, weights, { objective: registry.get(objective), budget, formulation, metric: 'l2', local: false, solver: 'auto', bestEffort: false }, diagnostics);
}

const keptGroups = (plan: PlanResult) => Object.fromEntries(plan.layers.filter((l) => !l.notPruned).map((l) => [l.name, l.keptGroups]));

describe('the hwcost and hls4ml formulations, on one golden case (every difference the README lists)', () => {
  it('1. hwcost bounds the resources after pruning; hls4ml bounds the savings of the kept groups and can end above the target', async () => {
    const diagnostics = new Diagnostics();
    const hls4ml = await goldenPlan('vivado-dsp', 'hls4ml', { sparsity: 0.25 }, diagnostics);
    const hwcost = await goldenPlan('vivado-dsp', 'hwcost', { sparsity: 0.25 });
    expect(hls4ml).toMatchObject({ before: [133], budget: [99], budgetOn: 'kept-savings', budgetBase: [133], after: [104], target: [99.75], aboveTarget: ['DSP'] });
    expect(diagnostics.lines()).toContain('DSP after pruning is 104, above (1 - 0.25) x 133 = 99.75: the hls4ml formulation bounds the savings of the kept groups (to 99), not the resources');
    expect(hwcost).toMatchObject({ before: [133], budget: [99], budgetOn: 'resources', after: [99], aboveTarget: [] });
  });

  it('2. hls4ml leaves pattern group values unnormalised: the same limit on kept savings keeps other groups', async () => {
    const hls4ml = await goldenPlan('vivado-dsp', 'hls4ml', { sparsity: 0.25 });
    // hwcost held to the absolute budget that leaves the same savings (99 + 5 unremovable DSPs).
    const hwcost = await goldenPlan('vivado-dsp', 'hwcost', { limits: new Map([['DSP', 104]]) });
    expect(hwcost.after).toEqual(hls4ml.after);
    // Unnormalised, fc2's patterns are the weakest and take every loss; normalised per layer, losses spread.
    expect(keptGroups(hls4ml)).toEqual({ fc1_relu: 32, fc2_relu: 35, fc3_relu: 32, output_softmax: 160 });
    expect(keptGroups(hwcost)).not.toEqual(keptGroups(hls4ml));
    expect(hwcost.layers.find((l) => l.name === 'fc1_relu')!.keptGroups).toBeLessThan(32);
  });

  it('3. hwcost can find a budget unreachable; hls4ml always plans', async () => {
    // The output layer's 5 DSPs cannot be removed (its groups save nothing): below 5, hwcost stops.
    await expect(goldenPlan('vivado-dsp', 'hwcost', { sparsity: 0.97 })).rejects.toThrow(
      'the budget cannot be met for the model even by removing every removable group: smallest reachable DSP=5 (budget 3)',
    );
    expect(await goldenPlan('vivado-dsp', 'hls4ml', { sparsity: 0.97 })).toMatchObject({ budget: [3], after: [8], aboveTarget: ['DSP'] });
  });

  it('4. hls4ml takes a sparsity only; hwcost also takes absolute limits', async () => {
    await expect(goldenPlan('vivado-dsp', 'hls4ml', { limits: new Map([['DSP', 104]]) })).rejects.toThrow('the hls4ml formulation takes a sparsity');
  });
});
