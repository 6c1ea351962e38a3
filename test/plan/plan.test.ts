import { describe, expect, it } from 'vitest';
import { Diagnostics } from '@hwcost/core';
import { planPruning, type PlanOptions } from '@hwcost/plan';
import { selectObjectives } from '@hwcost/engine';
import type { ImportedModel, ModelWeights } from '@hwcost/model';
import { firstPartyRegistry } from '../support/first-party.js';
import { dense, denseChain, testModel } from './support.js';

const registry = firstPartyRegistry();

function plan(model: ImportedModel, weights: ModelWeights, objective: string, options: Partial<PlanOptions> = {}, diagnostics = new Diagnostics()) {
  const [composite] = selectObjectives(registry, objective, { composite: true });
  return planPruning(model, weights, { objective: composite!, budget: { sparsity: 0.5 }, metric: 'l1', local: false, solver: 'auto', bestEffort: false, ...options }, diagnostics);
}

describe('planPruning', () => {
  it('meets a sparsity budget in every dimension of a composite', async () => {
    const { model, weights } = testModel(denseChain([16, 40, 40, 10], { rf: 8, precision: 'ap_fixed<18,8>' }));
    const result = await plan(model, weights, 'vivado-dsp-bram,parameter');
    expect(result.dimensions).toEqual(['DSP', 'BRAM', 'parameters']);
    result.after.forEach((value, m) => expect(value).toBeLessThanOrEqual(result.budget[m]!));
    expect(result.layers.map((l) => l.structureType)).toEqual(['pattern', 'pattern', 'pattern']);
    const mask = result.masks.get('fc2')!;
    expect(mask.shape).toEqual([40, 40]);
    const kept = mask.data.reduce((a, b) => a + b, 0);
    // Each kept pattern group holds weights/offset × consecutive patterns weights.
    expect(kept).toBe(result.layers[1]!.keptGroups * (1600 / (1600 / 8)) * 2);
    expect(result.layers[1]!.keptWeights).toBe(kept);
  });

  it('keeps a layer whole, saying why, when its pattern does not tile', async () => {
    // 6-bit weights: 6 consecutive patterns, which do not divide fc1's offset 640/8 = 80.
    const { model, weights } = testModel([dense('fc1', 16, 40, { rf: 8, precision: 'ap_fixed<6,2>' }), dense('fc2', 40, 12, { rf: 8, precision: 'ap_fixed<6,2>' })]);
    const diagnostics = new Diagnostics();
    const result = await plan(model, weights, 'vivado-dsp-bram', { budget: { sparsity: 0.1 }, metric: 'l2', bestEffort: true }, diagnostics);
    expect(result.layers[0]).toMatchObject({ name: 'fc1', structureType: 'pattern', groups: 0, notPruned: { reason: 'structure-does-not-tile' } });
    expect(result.layers[1]).toMatchObject({ name: 'fc2', notPruned: null });
    expect([...result.masks.get('fc1')!.data].every((v) => v === 1)).toBe(true);
    expect(diagnostics.lines().join('\n')).toMatch(/layer fc1: kept whole: consecutive patterns 6 do not divide the pattern offset 80/);
  });

  it('says in one line when the budget is unreachable, with the smallest reachable resources', async () => {
    const { model, weights } = testModel([dense('fc1', 16, 40, { rf: 8, precision: 'ap_fixed<6,2>' }), dense('fc2', 40, 12, { rf: 8, precision: 'ap_fixed<6,2>' })]);
    await expect(plan(model, weights, 'vivado-dsp-bram')).rejects.toThrow(
      /^the budget cannot be met for the model even by removing every removable group: smallest reachable DSP=\d+ \(budget \d+\), BRAM=\d+ \(budget \d+\)$/,
    );
  });

  it('plans each layer to the same sparsity with local', async () => {
    const { model, weights } = testModel(denseChain([16, 32, 8]));
    const result = await plan(model, weights, 'parameter', { budget: { sparsity: 0.25 }, local: true });
    expect(result.layers.map((l) => l.after![0])).toEqual([384, 192]);
    expect(result.layers.map((l) => l.budget)).toEqual([[384], [192]]);
  });

  it('needs a sparsity for local plans and for the hls4ml formulation', async () => {
    const { model, weights } = testModel(denseChain([16, 32, 8]));
    const limits = { limits: new Map([['parameters', 100]]) };
    await expect(plan(model, weights, 'parameter', { budget: limits, local: true })).rejects.toThrow('a local plan needs a sparsity');
    await expect(plan(model, weights, 'parameter', { budget: limits, formulation: 'hls4ml' })).rejects.toThrow('the hls4ml formulation takes a sparsity, not absolute budget limits');
  });

  it('prunes groups of zeros even where they would fit, since keeping them adds nothing', async () => {
    const { model, weights } = testModel(denseChain([4, 6, 5, 3]));
    // fc1's column 2 is all zeros.
    const fc1 = weights.get('fc1')!;
    for (let r = 0; r < 4; r++) fc1.data[r * 6 + 2] = 0;
    // FLOPs: fc1 54 (9 a neuron), fc2 65 (13 a neuron), fc3 33 (the last layer, kept); the budget
    // floor(0.94 × 152) = 142 forces out one fc2 neuron, after which fc1's zero column would fit.
    const result = await plan(model, weights, 'gpu-flops', { budget: { sparsity: 0.06 } });
    expect(result.layers.map((l) => l.keptGroups)).toEqual([5, 4, 0]);
    expect([...result.masks.get('fc1')!.data].filter((_v, i) => i % 6 === 2)).toEqual([0, 0, 0, 0]);
    expect(result.after).toEqual([152 - 9 - 13]);
  });
});
