// Tests of the plugin with @hwcost/testkit, run by `node --test`: each case is one test, and the
// contract sweep checks every layer kind, structure type and precision. The plugin is loaded as
// hwcost loads it, through the same contract checks and result guard.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { estimateModelFile, testObjective } from '@hwcost/testkit';
import plugin from './index.js';

const hls4ml = { nIn: 16, nOut: 64, ioType: 'io_parallel', strategy: 'Latency', weightPrecision: 'ap_fixed<8,3>', outputPrecision: 'ap_fixed<16,6>', reuseFactor: 1 };
const dense = { name: 'fc1', layerType: 'Dense', weightShape: [16, 64], inputShape: [16], outputShape: [64], hls4ml };

testObjective(plugin, [
  { name: 'a Dense layer costs weights × width and saves one width per pruned weight', layer: dense, resources: [16 * 64 * 8], structure: 'unstructured', savings: [8] },
  { name: 'a layer without weights costs nothing', layer: { name: 'relu', layerType: 'Activation', inputShape: [64], outputShape: [64] }, resources: [0], optimizable: false },
  { name: 'a layer without hls4ml attributes is declined, naming what is missing', layer: { ...dense, hls4ml: null }, declines: /hls4ml attributes/ },
]);

test('a model file with its hls4ml config, as hwcost estimate runs it', async () => {
  const fixtures = new URL('./fixtures/', import.meta.url).pathname;
  const result = await estimateModelFile(plugin, `${fixtures}mlp.json`, { config: `${fixtures}mlp-config.yml` });
  assert.deepEqual(result.totals['weight-bits'], [16 * 8 * 8 + 8 * 4 * 12]);
});
