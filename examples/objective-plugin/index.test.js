// Checks the plugin the way hwcost loads it: through the registry, so contract violations show up here.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { Diagnostics, ObjectiveRegistry, layerAttributes } from '@hwcost/core';
import { estimateLayer } from '@hwcost/engine';
import plugin from './index.js';

function registry() {
  const objectives = new ObjectiveRegistry();
  assert.deepEqual(objectives.use(plugin), []);
  return objectives;
}

const dense = layerAttributes({
  name: 'fc1',
  layerType: 'Dense',
  weightShape: [16, 64],
  inputShape: [16],
  outputShape: [64],
  hls4ml: { nIn: 16, nOut: 64, ioType: 'io_parallel', strategy: 'Latency', weightPrecision: 'ap_fixed<8,3>', outputPrecision: 'ap_fixed<16,6>', reuseFactor: 1 },
});

test('registers weight-bits, also under its class-name alias', () => {
  const objectives = registry();
  assert.equal(objectives.get('weight-bits').id, 'weight-bits');
  assert.equal(objectives.get('WeightBitsEstimator').id, 'weight-bits');
});

test('a Dense layer costs weights × width and saves one weight width per pruned weight', () => {
  const estimate = estimateLayer(dense, registry().get('weight-bits'), new Diagnostics());
  assert.deepEqual(estimate.resources, [16 * 64 * 8]);
  assert.deepEqual(estimate.savings, [8]);
});

test('a layer without hls4ml attributes is an error naming objective and layer', () => {
  const bare = layerAttributes({ name: 'fc2', layerType: 'Dense', weightShape: [4, 4] });
  assert.throws(() => registry().get('weight-bits').layerResources(bare, new Diagnostics().contextFor('weight-bits', 'fc2')), /weight-bits.*fc2|fc2.*weight-bits/);
});
