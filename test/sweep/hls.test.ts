import path from 'node:path';
import { Diagnostics, type LayerWeights } from '@hwcost/core';
import { configForPoint, createRegistry, loadRun, parseSweepAxis, pointAt, runEstimate, runSweep, selectObjectives, sweepSize, useRunContext } from '@hwcost/engine';
import { applyHls4mlConfig } from '@hwcost/model';
import { describe, expect, it } from 'vitest';
import { repoRoot } from '../support/cli.js';

const HLS = 'hls-dsp,hls-bram,hls-ff,hls-lut,hls-latency';
const config = path.join(repoRoot, 'packages/cli/examples/jet-tagging/hls4ml-config.yml');
const layers = ['fc1', 'fc2', 'fc3', 'output'];

/** The bundled example with its weights, read as `hwcost sweep` reads it. */
async function example() {
  const registry = await createRegistry({ discovery: false });
  const estimators = selectObjectives(registry, HLS);
  const loaded = await loadRun(registry, { config }, estimators, new Diagnostics(), { command: 'sweep' });
  expect(loaded.weights).toBeDefined();
  return { registry, loaded };
}

describe('a sweep of the weights-based vivado-hls objectives', () => {
  const axes = ['ReuseFactor=1,3,8', 'Precision=ap_fixed<4,6>,ap_fixed<8,3>,ap_fixed<12,6>,ap_fixed<16,6>', 'Strategy=Latency,Resource'].map(parseSweepAxis);

  it('gives each point the totals of a run of its own, which shares nothing with the sweep', async () => {
    const { registry, loaded } = await example();
    const sweep = await runSweep({ model: loaded.model, config: loaded.config!, axes, objective: HLS, weights: loaded.weights!, settings: { command: 'sweep', objectives: [] } }, { registry, jobs: 1 });
    expect(sweep.points).toHaveLength(sweepSize(axes));
    for (const point of sweep.points) {
      // A new registry per point: the plugin's memo of quantized kernels starts empty.
      const own = await createRegistry({ discovery: false });
      useRunContext(own, { weights: loaded.weights! });
      const diagnostics = new Diagnostics();
      const model = applyHls4mlConfig(loaded.model, configForPoint(loaded.config, pointAt(axes, point.index), layers), diagnostics);
      expect(point.totals, JSON.stringify(point.settings)).toEqual(runEstimate(model, selectObjectives(own, HLS), diagnostics).totals);
    }
  });

  it('gives the figures it gave before the plugin kept quantized kernels for the run', async () => {
    const { registry, loaded } = await example();
    // Read off `hwcost sweep --vary ReuseFactor=1..16 --vary 'Precision=ap_fixed<4..16,6>' --vary Strategy=Latency,Resource` before the change.
    const before: [string, Record<string, number[]>][] = [
      ['ReuseFactor=1 Precision=ap_fixed<4,6> Strategy=Latency', { 'hls-dsp': [0], 'hls-bram': [0], 'hls-ff': [2916], 'hls-lut': [10364], 'hls-latency': [8] }],
      ['ReuseFactor=1 Precision=ap_fixed<4,6> Strategy=Resource', { 'hls-dsp': [2128], 'hls-bram': [0], 'hls-ff': [99108], 'hls-lut': [58448], 'hls-latency': [12] }],
      ['ReuseFactor=2 Precision=ap_fixed<16,6> Strategy=Latency', { 'hls-dsp': [2125], 'hls-bram': [0], 'hls-ff': [20016], 'hls-lut': [125040], 'hls-latency': [16] }],
      ['ReuseFactor=3 Precision=ap_fixed<8,6> Strategy=Latency', { 'hls-dsp': [0], 'hls-bram': [0], 'hls-ff': [3448], 'hls-lut': [19520], 'hls-latency': [8] }],
      ['ReuseFactor=5 Precision=ap_fixed<10,6> Strategy=Resource', { 'hls-dsp': [762], 'hls-bram': [237], 'hls-ff': [53262], 'hls-lut': [75230], 'hls-latency': [28] }],
      ['ReuseFactor=7 Precision=ap_fixed<6,6> Strategy=Latency', { 'hls-dsp': [0], 'hls-bram': [0], 'hls-ff': [3182], 'hls-lut': [14354], 'hls-latency': [8] }],
      ['ReuseFactor=8 Precision=ap_fixed<16,6> Strategy=Resource', { 'hls-dsp': [532], 'hls-bram': [237], 'hls-ff': [49376], 'hls-lut': [68556], 'hls-latency': [40] }],
      ['ReuseFactor=16 Precision=ap_fixed<12,6> Strategy=Latency', { 'hls-dsp': [90], 'hls-bram': [0], 'hls-ff': [6080], 'hls-lut': [146662], 'hls-latency': [24] }],
    ];
    for (const [text, totals] of before) {
      const pointAxes = text.split(' ').map(parseSweepAxis);
      const sweep = await runSweep({ model: loaded.model, config: loaded.config!, axes: pointAxes, objective: HLS, weights: loaded.weights! }, { registry, jobs: 1 });
      expect(sweep.points[0]!.totals, text).toEqual(totals);
    }
  });

  it('keeps what it learns of kernels to the weights it learnt it from: other weights give their own figures', async () => {
    const { registry, loaded } = await example();
    const request = { model: loaded.model, config: loaded.config!, axes: [parseSweepAxis('Strategy=Latency')], objective: 'hls-dsp' };
    const dsp = async (on = registry) => (await runSweep(request, { registry: on, jobs: 1 })).points[0]!.totals['hls-dsp']![0]!;
    const withWeights = await dsp();
    // The same run's services, then another run's, with every kernel zeroed: nothing to multiply, no DSP.
    const zeroed = new Map(layers.map((layer) => [layer, { shape: loaded.weights!.get(layer)!.shape, data: new Float32Array(loaded.weights!.get(layer)!.data.length) }]));
    const zeros: LayerWeights = { kernel: (layer) => zeroed.get(layer) };
    const other = await createRegistry({ discovery: false });
    other.services.useWeights(zeros);
    registry.services.useWeights(zeros);
    expect(withWeights).toBeGreaterThan(0);
    expect([await dsp(), await dsp(other)]).toEqual([0, 0]);
    useRunContext(registry, { weights: loaded.weights! });
    expect(await dsp()).toBe(withWeights);
  });
});
