import path from 'node:path';
import { EstimatorError, LAYER_KINDS, LAYER_WEIGHTS, STRUCTURE_TYPES, inject, injectable, isPrunableLayerType, type LayerAttributes, type LayerWeights, type ObjectiveEstimator } from '@hwcost/core';
import parameter from '@hwcost/plugin-parameter';
import { FIXTURE_PRECISIONS, checkObjective, estimateModelFile, layerFixtures, sweepObjective, testObjective, type TestRunner } from '@hwcost/testkit';
import { describe, expect, it } from 'vitest';
import { repoRoot } from '../support/cli.js';

// The test kit must catch what it promises to catch: each check is shown failing on a bad objective.

const units = (overrides: Partial<ObjectiveEstimator> = {}): ObjectiveEstimator => ({
  id: 'units',
  dimensions: ['units'],
  isLayerOptimizable: (layer) => (layer.weightShape.length ? { optimizable: true, attributes: { structureType: 'unstructured', pruning: true, weightSharing: false, blockShape: [1, 1], patternOffset: 1, consecutivePatterns: 1 } } : { optimizable: false, attributes: null }),
  layerResources: (layer) => [layer.weightShape.length ? 1 : 0],
  layerSavings: () => [1],
  ...overrides,
});
const dense = { name: 'fc1', layerType: 'Dense', weightShape: [4, 2] };

describe('layerFixtures', () => {
  it('covers every layer kind × structure type × precision, with hls4ml attributes where hls4ml prunes', () => {
    const fixtures = layerFixtures();
    for (const { kind } of LAYER_KINDS) {
      for (const structure of STRUCTURE_TYPES) {
        for (const precision of FIXTURE_PRECISIONS) expect(fixtures.some((f) => f.kind === kind && f.structure === structure && f.precision === precision), `${kind}/${structure}/${precision}`).toBe(true);
      }
    }
    expect(fixtures.filter((f) => f.layer.args.hls4ml).every((f) => isPrunableLayerType(f.layer.layerType))).toBe(true);
    expect(new Set(fixtures.map((f) => f.name)).size).toBe(fixtures.length);
  });
});

describe('checkObjective', () => {
  it('passes right expectations and reports each wrong one', () => {
    expect(checkObjective(units(), [{ layer: dense, resources: [1], structure: 'unstructured', savings: [1], warns: false }])).toEqual([]);
    expect(checkObjective(units(), [{ name: 'wrong', layer: dense, resources: [2], savings: null }])).toEqual([
      { name: 'wrong', message: 'layerResources returned [1], expected [2]; layerSavings returned [1], expected null' },
    ]);
  });

  it('tells a decline from a crash', () => {
    const declining = units({ layerResources: (l) => { throw new EstimatorError('units', l.name, 'needs hls4ml attributes'); } });
    expect(checkObjective(declining, [{ layer: dense, declines: /hls4ml/ }])).toEqual([]);
    expect(checkObjective(declining, [{ name: 'd', layer: dense, resources: [1] }])).toEqual([{ name: 'd', message: 'declined the layer: needs hls4ml attributes (plugin (tested objective))' }]);
    const crashing = units({ layerResources: () => { throw new TypeError('x is undefined'); } });
    expect(checkObjective(crashing, [{ name: 'c', layer: dense, declines: true }])).toEqual([
      { name: 'c', message: 'objective units, layer fc1: layerResources threw: x is undefined (plugin (tested objective))' },
    ]);
    expect(checkObjective(units(), [{ name: 'n', layer: dense, declines: true }])).toEqual([{ name: 'n', message: 'did not decline the layer (resources [1])' }]);
  });

  it('checks warnings', () => {
    const warning = units({ layerSavings: (_l, context) => (context.warn('careful'), [0]) });
    expect(checkObjective(warning, [{ layer: dense, warns: /careful/ }])).toEqual([]);
    expect(checkObjective(warning, [{ name: 'w', layer: dense, warns: false }])).toEqual([{ name: 'w', message: 'warned: careful' }]);
  });

  it('fills LAYER_WEIGHTS with the case\'s kernel for an injectable class', () => {
    @injectable()
    class Nonzero implements ObjectiveEstimator {
      readonly id = 'nonzero';
      readonly dimensions = ['weights'];
      readonly usesWeights = true;
      constructor(@inject(LAYER_WEIGHTS) private readonly weights: LayerWeights) {}
      isLayerOptimizable = () => ({ optimizable: false, attributes: null });
      layerResources = (layer: LayerAttributes) => [Array.from(this.weights.kernel(layer.name)?.data ?? []).filter((v) => v !== 0).length];
      layerSavings = () => [0];
    }
    expect(checkObjective(Nonzero, [{ layer: dense, kernel: { shape: [4, 2], data: [0, 1, 2, 0, 0, 0, 3, 0] }, resources: [3] }, { layer: dense, resources: [0] }])).toEqual([]);
  });
});

describe('sweepObjective', () => {
  it('passes a well-behaved objective', () => {
    expect(sweepObjective(units())).toEqual([]);
  });

  it('names the fixtures where an objective crashes or returns a malformed result', () => {
    const fragile = units({ layerResources: (layer) => (layer.layerType === 'Conv1D' ? (null as unknown as number[]).slice() : layer.layerType === 'LSTM' ? [1, 2] : [1]) });
    const failures = sweepObjective(fragile);
    expect(failures.some((f) => f.fixture.startsWith('Conv1D/') && /layerResources threw: Cannot read properties of null/.test(f.message))).toBe(true);
    expect(failures.some((f) => f.fixture.startsWith('LSTM/') && /layerResources returned \[1, 2\]; expected 1 non-negative integer/.test(f.message))).toBe(true);
    expect(failures.every((f) => /^(Conv1D|LSTM)\//.test(f.fixture))).toBe(true);
  });

  it('catches savings that break on a structure another objective of a composite chose', () => {
    const picky = units({ layerSavings: (layer) => (layer.optimizationAttributes.structureType === 'block' ? [-1] : [1]) });
    expect(sweepObjective(picky).map((f) => f.fixture.split('/')[1])).toEqual(expect.arrayContaining(['block']));
  });
});

describe('testObjective', () => {
  it('declares one test per case and the sweep, and a failing case fails its test', async () => {
    const declared: { name: string; body: () => void | Promise<void> }[] = [];
    const runner: TestRunner = { describe: (_name, body) => body(), it: (name, body) => declared.push({ name, body }) };
    testObjective(units(), [{ name: 'right', layer: dense, resources: [1] }, { name: 'wrong', layer: dense, resources: [5] }], { runner });
    expect(declared.map((t) => t.name)).toEqual(['right', 'wrong', 'keeps the contract on every layer kind, structure type and precision']);
    await declared[0]!.body();
    await expect(async () => declared[1]!.body()).rejects.toThrow('wrong: layerResources returned [1], expected [5]');
    await declared[2]!.body();
  });
});

describe('estimateModelFile', () => {
  it('runs a model file and its config through a plugin as hwcost estimate does', async () => {
    const example = path.join(repoRoot, 'packages/cli/examples/jet-tagging');
    const result = await estimateModelFile(parameter, path.join(example, 'jet-tagging.json'), { config: path.join(example, 'hls4ml-config.yml') });
    // 16→64→32→32→5: the kernels' weights.
    expect(result.totals.parameter).toEqual([16 * 64 + 64 * 32 + 32 * 32 + 32 * 5]);
    expect(result.model.layers.length).toBeGreaterThan(4);
  });
});
