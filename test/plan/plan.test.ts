import { describe, expect, it } from 'vitest';
import { Diagnostics, layerAttributes } from '@hwcost/core';
import { planPruning } from '@hwcost/plan';
import { selectObjectives } from '@hwcost/engine';
import type { ImportedModel, ModelWeights } from '@hwcost/model';
import { firstPartyRegistry } from '../support/first-party.js';

function denseModel(widths: number[], rf: number, precision: string): { model: ImportedModel; weights: ModelWeights } {
  const weights: ModelWeights = new Map();
  let seed = 7;
  const random = () => ((seed = (seed * 1103515245 + 12345) % 2147483648) / 2147483648) * 2 - 1;
  const layers = widths.slice(1).map((nOut, i) => {
    const nIn = widths[i]!;
    const name = `fc${i + 1}`;
    weights.set(name, { shape: [nIn, nOut], data: Float64Array.from({ length: nIn * nOut }, random) });
    const attributes = layerAttributes({
      name,
      layerType: 'Dense',
      weightShape: [nIn, nOut],
      inputShape: [nIn],
      outputShape: [nOut],
      hls4ml: { nIn, nOut, ioType: 'io_stream', strategy: 'Resource', weightPrecision: precision, outputPrecision: 'ap_fixed<16,6>', reuseFactor: rf },
    });
    return { attributes, supported: true };
  });
  return { model: { name: 'test', source: 'test', layers }, weights };
}

describe('planPruning', () => {
  const registry = firstPartyRegistry();

  it('meets a sparsity budget in every dimension of a composite', async () => {
    const { model, weights } = denseModel([16, 40, 40, 10], 8, 'ap_fixed<18,8>');
    const [objective] = selectObjectives(registry, 'vivado-dsp-bram,parameter', { composite: true });
    const diagnostics = new Diagnostics();
    const plan = await planPruning(model, weights, { objective: objective!, budget: { sparsity: 0.5 }, metric: 'l1', local: false, solver: 'auto', bestEffort: false }, diagnostics);
    expect(plan.dimensions).toEqual(['DSP', 'BRAM', 'parameters']);
    plan.after.forEach((value, m) => expect(value).toBeLessThanOrEqual(plan.budget[m]!));
    expect(plan.layers.map((l) => l.structureType)).toEqual(['pattern', 'pattern', 'pattern']);
    const mask = plan.masks.get('fc2')!;
    expect(mask.shape).toEqual([40, 40]);
    const kept = mask.data.reduce((a, b) => a + b, 0);
    // Each kept pattern group holds weights/offset × consecutive patterns weights.
    expect(kept).toBe(plan.layers[1]!.kept * (1600 / (1600 / 8)) * 2);
  });

  it('keeps a layer whole with a warning when its pattern does not tile', async () => {
    // 6-bit weights: 6 consecutive patterns, which do not divide the offset 640/8 = 80.
    const { model, weights } = denseModel([16, 40, 10], 8, 'ap_fixed<6,2>');
    const [objective] = selectObjectives(registry, 'vivado-dsp-bram', { composite: true });
    const diagnostics = new Diagnostics();
    const plan = await planPruning(model, weights, { objective: objective!, budget: { sparsity: 0.1 }, metric: 'l2', local: false, solver: 'auto', bestEffort: true }, diagnostics);
    expect(plan.layers[0]).toMatchObject({ name: 'fc1', structureType: null, groups: 0 });
    expect(diagnostics.lines().join('\n')).toMatch(/layer fc1: kept whole: consecutive patterns 6 do not divide the pattern offset 80/);
  });

  it('says in one line when the budget is unreachable, with the smallest reachable resources', async () => {
    const { model, weights } = denseModel([16, 40, 10], 8, 'ap_fixed<6,2>');
    const [objective] = selectObjectives(registry, 'vivado-dsp-bram', { composite: true });
    await expect(
      planPruning(model, weights, { objective: objective!, budget: { sparsity: 0.5 }, metric: 'l1', local: false, solver: 'auto', bestEffort: false }, new Diagnostics()),
    ).rejects.toThrow(/budget cannot be met for the model even by removing every removable group: smallest reachable DSP=130 \(budget 65\), BRAM=23 \(budget 11\)$/);
  });

  it('plans each layer to the same sparsity with local', async () => {
    const { model, weights } = denseModel([16, 32, 8], 1, 'ap_fixed<16,6>');
    const [objective] = selectObjectives(registry, 'parameter', { composite: true });
    const plan = await planPruning(model, weights, { objective: objective!, budget: { sparsity: 0.25 }, metric: 'l1', local: true, solver: 'auto', bestEffort: false }, new Diagnostics());
    expect(plan.layers.map((l) => l.after[0])).toEqual([384, 192]);
  });
});
