import { writeFileSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import {
  Diagnostics,
  MAX_EXACT,
  OBJECTIVE_ESTIMATOR,
  ObjectiveRegistry,
  PLUGIN_API_VERSION,
  definePlugin,
  isPluginContractError,
  layerAttributes,
  parsePrecision,
  requireInteger,
  type ObjectiveEstimator,
} from '@hwcost/core';
import { estimateModel } from '@hwcost/engine';
import { importKerasJson } from '@hwcost/model';
import { runHwcost } from '../support/cli.js';

const model3 = '../shared/conformance/models/KERAS_3layer.json';
const dir = mkdtempSync(path.join(tmpdir(), 'hwcost-numbers-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function counting(resources: number[]): ObjectiveEstimator {
  return {
    id: 'count',
    dimensions: ['units'],
    isLayerOptimizable: () => ({ optimizable: false, attributes: null }),
    layerResources: () => resources,
    layerSavings: () => [0],
  };
}

function guarded(estimator: ObjectiveEstimator): ObjectiveEstimator {
  const registry = new ObjectiveRegistry();
  registry.use(definePlugin({ meta: { name: 'p', version: '1.0.0', apiVersion: PLUGIN_API_VERSION }, register: (c) => void c.register(OBJECTIVE_ESTIMATOR, { useValue: estimator }) }));
  return registry.get(estimator.id);
}

const layer = layerAttributes({ name: 'fc1', layerType: 'Dense', weightShape: [4, 2] });

describe('numbers past 2^53', () => {
  it('refuses integers that are no longer exact', () => {
    expect(requireInteger(MAX_EXACT, 'units', 1)).toBe(MAX_EXACT);
    // 9007199254740993 reads as 9007199254740992: it cannot be told from its neighbour.
    expect(() => requireInteger(9007199254740993, 'units', 1)).toThrow('units is 9007199254740992, too large to count exactly (the limit is 2^53 - 1 = 9007199254740991)');
    expect(() => requireInteger(1e308, 'units', 1)).toThrow('units is 1e+308, too large to count exactly');
  });

  it('refuses shapes with more elements than can be counted exactly', () => {
    expect(() => layerAttributes({ name: 'big', layerType: 'Dense', weightShape: [2 ** 30, 2 ** 30] })).toThrow(
      'layer big: weightShape [1073741824,1073741824] has more elements than can be counted exactly (2^53 - 1)',
    );
  });

  it('a model with units past 2^53 never reaches a plugin: the layer says why it is not counted', () => {
    const json = readFileSync(model3, 'utf8').replace('"units": 64', '"units": 9007199254740993');
    const layers = importKerasJson(json, 'big.json').layers;
    const fc1 = layers.find((l) => l.attributes.name === 'fc1_relu')!;
    expect(fc1).toMatchObject({ supported: false, reason: 'units is 9007199254740992, too large to count exactly (the limit is 2^53 - 1 = 9007199254740991)' });
  });

  it('puts units: 1e308 on the model, not on a plugin', () => {
    const file = path.join(dir, 'e308.json');
    writeFileSync(file, readFileSync(model3, 'utf8').replace('"units": 64', '"units": 1e308'));
    const { status, stdout, stderr } = runHwcost(['estimate', file, '--objective', 'parameter']);
    expect(status).toBe(0);
    expect(stdout + stderr).not.toMatch(/plugin-parameter|Infinity/);
    expect(stdout).toContain('fc1_relu (Dense): units is 1e+308, too large to count exactly');
  });

  it('refuses precision widths beyond what HLS types allow', () => {
    expect(parsePrecision('ap_int<32768>').width).toBe(32768);
    expect(() => parsePrecision('ap_fixed<99999999999999999999,1>')).toThrow(
      'invalid precision "ap_fixed<99999999999999999999,1>": width "99999999999999999999" is beyond ±32768, the widest HLS types allow',
    );
    expect(() => parsePrecision('ac_int<32769,true>')).toThrow('width "32769" is beyond ±32768');
    expect(() => parsePrecision('ap_fixed<16,-99999>')).toThrow('integer bits "-99999" is beyond ±32768');
  });

  it('the result guard refuses a plugin count past 2^53, and accepts the largest exact one', () => {
    expect(guarded(counting([MAX_EXACT])).layerResources(layer, new Diagnostics().contextFor('count', 'fc1'))).toEqual([MAX_EXACT]);
    const broken = guarded(counting([1e308]));
    try {
      broken.layerResources(layer, new Diagnostics().contextFor('count', 'fc1'));
      expect.unreachable();
    } catch (error) {
      expect(isPluginContractError(error)).toBe(true);
      expect((error as Error).message).toBe('objective count, layer fc1: layerResources returned [1e+308]; counts past 2^53 - 1 = 9007199254740991 are not exact (plugin p)');
    }
  });

  it('keeps totals exact: a sum past 2^53 is an error, not a rounded number', () => {
    const layers = ['a', 'b', 'c'].map((name) => layerAttributes({ name, layerType: 'Dense', weightShape: [2, 2] }));
    expect(estimateModel(layers.slice(0, 1), [counting([2 ** 52])], new Diagnostics()).totals).toEqual({ count: [2 ** 52] });
    expect(() => estimateModel(layers, [counting([2 ** 52])], new Diagnostics())).toThrow(
      'the total units of objective count exceeds 2^53 - 1 = 9007199254740991, past which totals are no longer exact',
    );
  });
});
