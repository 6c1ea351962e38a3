import { describe, expect, it } from 'vitest';
import { Diagnostics } from '@hwcost/core';
import { planPruning, type PlanOptions } from '@hwcost/plan';
import type { ImportedModel, ModelWeights } from '@hwcost/model';
import { firstPartyRegistry } from '../support/first-party.js';
import { dense, testModel, type TestLayer } from './support.js';

const registry = firstPartyRegistry();

function plan(model: ImportedModel, weights: ModelWeights, objective: string, diagnostics = new Diagnostics(), options: Partial<PlanOptions> = {}) {
  return planPruning(model, weights, { objective: registry.get(objective), budget: { sparsity: 0.5 }, metric: 'l1', local: false, solver: 'auto', bestEffort: false, ...options }, diagnostics);
}

const batchNorm = (name: string, channels: number): TestLayer => ({ name, layerType: 'BatchNormalization', weightShape: [channels], inputShape: [channels], outputShape: [channels] });
const conv1d = (name: string, length: number, cin: number, cout: number): TestLayer => ({
  name,
  layerType: 'Conv1D',
  weightShape: [3, cin, cout],
  inputShape: [length, cin],
  outputShape: [length - 2, cout],
});
const flatten = (name: string, shape: number[]): TestLayer => ({ name, layerType: 'Flatten', inputShape: shape, outputShape: [shape.reduce((a, b) => a * b, 1)] });
const reasons = (layers: { name: string; notPruned: { reason: string } | null }[]) => Object.fromEntries(layers.map((l) => [l.name, l.notPruned?.reason ?? 'pruned']));

describe("hls4ml's optimize_model rules", () => {
  it('prunes only Dense and Conv2D kinds; the others keep their resources in the totals and an all-ones mask', async () => {
    const { model, weights } = testModel([conv1d('conv', 10, 2, 4), batchNorm('bn', 4), flatten('flat', [8, 4]), dense('fc1', 32, 16), dense('out', 16, 5)]);
    const result = await plan(model, weights, 'parameter');
    expect(reasons(result.layers)).toEqual({ conv: 'kind-not-optimized', bn: 'kind-not-optimized', flat: 'no-weights', fc1: 'pruned', out: 'pruned' });
    expect(result.layers.find((l) => l.name === 'bn')).toMatchObject({ before: [4], after: [4], groups: 0, keptFraction: 1 });
    // 24 + 4 + 512 + 80 parameters: the Conv1D and BatchNormalization count, and are left whole.
    expect(result.before).toEqual([620]);
    expect(result.budget).toEqual([310]);
    expect(result.after[0]).toBeLessThanOrEqual(310);
    expect([...result.masks.get('conv')!.data].every((v) => v === 1)).toBe(true);
    expect([...result.masks.get('bn')!.data].every((v) => v === 1)).toBe(true);
    expect(result.masks.has('flat')).toBe(false);
  });

  it('turns structured pruning off in the last layer with weights, which then keeps every output', async () => {
    const { model, weights } = testModel([dense('fc1', 16, 32), dense('fc2', 32, 32), dense('out', 32, 5), batchNorm('bn', 5)]);
    const result = await plan(model, weights, 'gpu-flops', new Diagnostics(), { budget: { sparsity: 0.9 }, bestEffort: true });
    const out = result.layers.find((l) => l.name === 'out')!;
    // The BatchNormalization after it has weights but no Keras kernel, so `out` is hls4ml's last layer.
    expect(out.notPruned?.reason).toBe('last-layer');
    expect(out.attributes).toMatchObject({ structureType: 'structured', pruning: false, weightSharing: false });
    expect(out.keptFraction).toBe(1);
    expect([...result.masks.get('out')!.data].every((v) => v === 1)).toBe(true);
    expect(result.layers.find((l) => l.name === 'fc2')!.notPruned).toBeNull();
  });

  it('leaves the last layer to other structures, and the rule to the last layer with a kernel', async () => {
    const two = testModel([dense('fc1', 16, 8), dense('out', 8, 4)]);
    const unstructured = await plan(two.model, two.weights, 'parameter');
    expect(reasons(unstructured.layers)).toEqual({ fc1: 'pruned', out: 'pruned' });
    // A Conv1D has a Keras kernel: after it, the Dense is no longer the last layer with weights.
    const { model, weights } = testModel([dense('fc1', 16, 8, {}), { ...conv1d('conv', 8, 1, 2), inputShape: [8, 1] }]);
    const structured = await plan(model, weights, 'gpu-flops', new Diagnostics(), { bestEffort: true });
    expect(structured.layers.find((l) => l.name === 'fc1')!.notPruned).toBeNull();
  });

  it('reports a layer of unknown class that has weights, keeps it whole and out of the totals, and says so', async () => {
    const unknown: TestLayer = { name: 'custom', layerType: 'MyDense', supported: false, kernelShape: [8, 3] };
    const { model, weights } = testModel([dense('fc1', 16, 8), unknown]);
    const diagnostics = new Diagnostics();
    const result = await plan(model, weights, 'gpu-flops', diagnostics);
    const custom = result.layers.find((l) => l.name === 'custom')!;
    expect(custom).toMatchObject({ notPruned: { reason: 'unsupported' }, before: null, after: null, weights: 24, keptWeights: 24 });
    expect(result.masks.get('custom')).toMatchObject({ shape: [8, 3] });
    expect(diagnostics.lines()).toContain('layer custom: class MyDense is unknown to hwcost: not in the totals or the budget, and not pruned (its mask keeps every weight)');
    // It has weights, so fc1 is not the last layer with weights and may lose neurons.
    expect(result.layers.find((l) => l.name === 'fc1')!.notPruned).toBeNull();
  });

  it('says why when the objective leaves a layer alone', async () => {
    // 6-bit weights use no DSPs, so vivado-dsp does not optimize fc2.
    const { model, weights } = testModel([dense('fc1', 16, 8, { rf: 4 }), dense('fc2', 8, 8, { rf: 4, precision: 'ap_fixed<6,2>' }), dense('out', 8, 4, { rf: 4 })]);
    const result = await plan(model, weights, 'vivado-dsp');
    expect(result.layers.find((l) => l.name === 'fc2')!.notPruned).toEqual({ reason: 'objective-declines', detail: 'objective vivado-dsp does not optimize it' });
  });

  it('fails in one line, naming each layer and why, when no layer can be pruned', async () => {
    const { model, weights } = testModel([conv1d('conv', 10, 2, 4), batchNorm('bn', 4), flatten('flat', [8, 4]), dense('out', 32, 5)]);
    await expect(plan(model, weights, 'gpu-flops')).rejects.toThrow(
      "nothing to plan: no layer of the model can be pruned for objective gpu-flops (conv: hls4ml's optimize_model prunes only Dense, Conv2D, QDense and QConv2D layers; bn: hls4ml's optimize_model prunes only Dense, Conv2D, QDense and QConv2D layers; out: the last layer with weights: structured pruning would remove outputs)",
    );
  });
});
