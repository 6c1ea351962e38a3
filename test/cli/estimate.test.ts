import { mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { kerasArchive } from '../model/archive-fixtures.js';
import { functional3, modelWithDeclinedAndUnknownLayers, node3 } from '../model/fixtures.js';
import { runHwcost } from '../support/cli.js';

const hwcost = (...args: string[]) => runHwcost(args);

const models = '../shared/conformance/models';
const dir = mkdtempSync(path.join(tmpdir(), 'hwcost-estimate-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function json(...args: string[]) {
  const result = hwcost('estimate', ...args, '--format', 'json');
  expect(result.stderr).toBe('');
  expect(result.status).toBe(0);
  return JSON.parse(result.stdout);
}

describe('hwcost estimate', () => {
  it('estimates the bundled jet-tagging example in a table that fits 120 columns', () => {
    // hls4ml's five objectives; all ten first-party ones need more columns (the HLS ones are checked below).
    const { status, stdout, stderr } = hwcost('estimate', '--objective', 'parameter,gpu-flops,vivado-dsp,vivado-ff,vivado-dsp-bram');
    expect(stderr).toBe('');
    expect(status).toBe(0);
    const lines = stdout.trimEnd().split('\n');
    expect(lines[0]).toBe(`jet_tagging_mlp (${path.join('packages/cli/examples/jet-tagging/jet-tagging.json')})`);
    const table = lines.filter((line) => /^[┌│├└]/.test(line));
    expect(table.length).toBeGreaterThan(10);
    for (const line of table) expect(line.length, line).toBeLessThanOrEqual(120);
    for (const name of ['fc1', 'relu1', 'fc2', 'fc3', 'output', 'softmax', 'total']) expect(stdout).toMatch(new RegExp(`│ ${name}\\s`));
    // 16·64 + 64·32 + 32·32 + 32·5 weights
    expect(stdout).toMatch(/│ total .*4,256/);
    const hls = hwcost('estimate', '--objective', 'hls-dsp,hls-bram,hls-ff,hls-lut,hls-latency');
    expect(hls.status).toBe(0);
    for (const line of hls.stdout.split('\n').filter((l) => /^[┌│├└]/.test(l))) expect(line.length, line).toBeLessThanOrEqual(120);
  });

  it('prints the JSON report schema for a QKeras model under its hls4ml config', () => {
    const report = json(`${models}/qkeras_3layer.json`, '--config', `${models}/qkeras_3layer_config.yml`);
    expect(Object.keys(report)).toEqual(['model', 'objectives', 'layers', 'totals', 'warnings']);
    expect(report.model).toEqual({ name: 'sequential', source: `${models}/qkeras_3layer.json` });
    expect(report.objectives.map((o: { id: string }) => o.id).sort()).toEqual(['gpu-flops', 'hls-bram', 'hls-dsp', 'hls-ff', 'hls-latency', 'hls-lut', 'parameter', 'vivado-dsp', 'vivado-dsp-bram', 'vivado-ff']);
    expect(report.objectives.find((o: { id: string }) => o.id === 'vivado-dsp-bram').dimensions).toEqual(['DSP', 'BRAM']);
    const fc1 = report.layers.find((l: { name: string }) => l.name === 'fc1');
    expect(fc1).toMatchObject({
      type: 'QDense',
      weightShape: [16, 64],
      inputShape: [16],
      outputShape: [64],
      supported: true,
      hls4ml: {
        nIn: 16,
        nOut: 64,
        ioType: 'io_parallel',
        strategy: 'Latency',
        reuseFactor: 1,
        weightPrecision: { width: 6, integer: 1, signed: true },
        outputPrecision: { width: 16, integer: 6, signed: true },
      },
    });
    expect(Object.keys(fc1.estimates['vivado-dsp'])).toEqual(['optimizable', 'optimization', 'resources', 'savings']);
    expect(fc1.estimates.parameter).toEqual({
      optimizable: true,
      optimization: { structureType: 'unstructured', pruning: true, weightSharing: false, blockShape: [1, 1], patternOffset: 1, consecutivePatterns: 1 },
      resources: [1024],
      savings: [1],
    });
    expect(report.layers.find((l: { name: string }) => l.name === 'relu1')).toMatchObject({ type: 'QActivation', hls4ml: null, supported: true });
    expect(report.totals.parameter).toEqual([4256]);
    expect(report.warnings).toEqual([]);
  });

  it('takes the model from the config KerasJson, relative to the config file', () => {
    const report = json('--config', `${models}/KERAS_3layer.layertype-resource.yml`, '--objective', 'vivado-dsp');
    expect(report.model.source).toBe(path.join(models, 'KERAS_3layer.json'));
    expect(report.objectives).toEqual([{ id: 'vivado-dsp', dimensions: ['DSP'] }]);
    expect(report.layers.find((l: { name: string }) => l.name === 'output_softmax').hls4ml).toMatchObject({ strategy: 'Latency', reuseFactor: 32 });
  });

  it('writes CSV for selected objectives', () => {
    const { status, stdout } = hwcost('estimate', `${models}/KERAS_conv2d_model.json`, '--objective', 'parameter,VivadoDSPEstimator', '--format', 'csv');
    expect(status).toBe(0);
    expect(stdout.split('\n').slice(0, 3)).toEqual(['layer,type,supported,parameter:parameters,vivado-dsp:DSP', 'conv2d_1_input,InputLayer,true,0,0', 'conv2d_1,Conv2D,true,18,18']);
    expect(stdout).toContain('total,,,1298,1298\n');
  });

  it('writes the report to --output atomically, leaving no temporary file', () => {
    const output = path.join(dir, 'report.json');
    const { status, stdout } = hwcost('estimate', '--format', 'json', '--output', output);
    expect(status).toBe(0);
    expect(stdout).toBe('');
    expect(JSON.parse(readFileSync(output, 'utf8')).totals.parameter).toEqual([4256]);
    expect(readdirSync(dir).filter((f) => f.includes('.tmp'))).toEqual([]);
  });

  it('marks unsupported layers, and n/a where an objective does not apply to a layer', () => {
    const file = path.join(dir, 'odd.json');
    writeFileSync(file, JSON.stringify(modelWithDeclinedAndUnknownLayers()));
    const table = hwcost('estimate', file);
    expect(table.status).toBe(0);
    expect(table.stdout).toMatch(/│ head\s+│ MyCustomHead \(unsupported\)\s+│\s+–/);
    // gpu-flops (first column) and the Vivado objectives decline BatchNormalization; parameters count it.
    expect(table.stdout).toMatch(/│ bn\s+│ BatchNormalization\s+│\s+n\/a │\s+4 │\s+n\/a │/);
    expect(table.stdout).toContain('n/a: the objective does not apply to that layer (see warnings); totals leave it out');
    expect(table.stdout).toContain('not estimated (unsupported):\n  - head (MyCustomHead): class MyCustomHead is not known to hwcost');
    const report = json(file);
    expect(report.layers.find((l: { name: string }) => l.name === 'head')).toMatchObject({
      supported: false,
      reason: 'class MyCustomHead is not known to hwcost',
      estimates: {},
    });
    const bn = report.layers.find((l: { name: string }) => l.name === 'bn');
    expect(bn).toMatchObject({ supported: true, weightShape: [4], estimates: { parameter: { resources: [4] } } });
    expect(bn.estimates['gpu-flops']).toEqual({
      optimizable: false,
      optimization: null,
      resources: null,
      savings: null,
      error: 'cannot estimate FLOP utilization of layer type BatchNormalization (Dense and Conv2D only) (plugin @hwcost/plugin-gpu)',
    });
    expect(report.warnings).toContain(
      'objective vivado-dsp, layer bn: not estimated: needs hls4ml attributes (reuse factor, strategy, precision), but layer type BatchNormalization has none (plugin @hwcost/plugin-vivado)',
    );
    expect(report.totals.parameter).toEqual([3 * 3 * 3 * 4 + 4 + 256 * 3]);
  });

  it('reads a Keras 3 .keras archive', () => {
    const file = path.join(dir, 'tiny.keras');
    const config = functional3([node3('InputLayer', 'x', { batch_shape: [null, 16] }, []), node3('Dense', 'fc1', { units: 8 }, ['x'])], 'tiny');
    writeFileSync(file, kerasArchive({ 'metadata.json': '{}', 'config.json': JSON.stringify(config), 'model.weights.h5': new Uint8Array(64) }));
    const report = json(file, '--objective', 'parameter');
    expect(report.model).toEqual({ name: 'tiny', source: file });
    expect(report.totals).toEqual({ parameter: [128] });
  });
});
