import { describe, expect, it } from 'vitest';
import { Diagnostics } from '@hwcost/core';
import { checkKernels, planPruning } from '@hwcost/plan';
import { firstPartyRegistry } from '../support/first-party.js';
import { dense, denseChain, testModel } from './support.js';

describe('kernels checked against the model before planning', () => {
  const check = (model: Parameters<typeof checkKernels>[0], weights: Parameters<typeof checkKernels>[1], diagnostics = new Diagnostics()) =>
    checkKernels(model, weights, diagnostics, 'w.h5');

  it("refuses another model's weights: a kernel of another shape, even in a layer the objective would keep whole", () => {
    // The last layer of a gpu-flops plan is never pruned, and used to skip the check.
    const { model, weights } = testModel([dense('fc1', 16, 64), { ...dense('out', 64, 5), kernelShape: [100, 5] }]);
    expect(() => check(model, weights)).toThrow("w.h5: layer out: the weights' kernel has shape [100, 5], the model's is [64, 5] (are they another model's weights?)");
    const plan = planPruning(model, weights, { objective: firstPartyRegistry().get('gpu-flops'), budget: { sparsity: 0.5 }, metric: 'l1', local: false, solver: 'auto', bestEffort: true }, new Diagnostics());
    return expect(plan).rejects.toThrow("layer out: the weights' kernel has shape [100, 5]");
  });

  it('refuses weights missing a layer, and a kernel for a layer without weights', () => {
    const { model, weights } = testModel(denseChain([16, 8, 4]));
    weights.delete('fc2');
    expect(() => check(model, weights)).toThrow("w.h5: layer fc2: the weights have no kernel for it (are they another model's?)");
    const flat = testModel([{ name: 'flat', layerType: 'Flatten', inputShape: [4, 4], outputShape: [16], kernelShape: [4, 4] }, dense('fc', 16, 2)]);
    expect(() => check(flat.model, flat.weights)).toThrow("w.h5: layer flat: the weights' kernel has shape [4, 4], the model gives the layer no weights");
  });

  it.each([
    [Number.NaN, 'NaN'],
    [Number.POSITIVE_INFINITY, 'Infinity'],
    [Number.NEGATIVE_INFINITY, '-Infinity'],
  ])('refuses a kernel holding %s, naming the layer and the weight', (value, text) => {
    const { model, weights } = testModel(denseChain([16, 8, 4]));
    weights.get('fc2')!.data[2 * 4 + 3] = value;
    expect(() => check(model, weights)).toThrow(`w.h5: layer fc2: kernel weight [2, 3] is ${text}; a plan needs finite weights`);
  });

  it('refuses empty weights and warns about kernels of layers the model does not have', () => {
    const { model, weights } = testModel(denseChain([16, 8, 4]));
    expect(() => check(model, new Map())).toThrow('w.h5: the weights hold no kernel for any layer');
    weights.set('ghost', { shape: [1], data: new Float32Array(1) });
    const diagnostics = new Diagnostics();
    expect([...check(model, weights, diagnostics).keys()]).toEqual(['fc1', 'fc2']);
    expect(diagnostics.lines()).toEqual(['the weights hold kernels for layers the model does not have, ignored: ghost']);
  });
});
