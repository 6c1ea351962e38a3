import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { unzipSync } from 'fflate';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { kerasH5 } from '../model/h5-fixtures.js';
import { runHwcost } from '../support/cli.js';

const models = '../shared/conformance/models';
const dir = mkdtempSync(path.join(tmpdir(), 'hwcost-whole-model-'));
const wholeModel = path.join(dir, 'keras_model.h5');
afterAll(() => rmSync(dir, { recursive: true, force: true }));

beforeAll(async () => {
  const json = JSON.parse(readFileSync(`${models}/KERAS_3layer.json`, 'utf8'));
  const shapes: Record<string, number[]> = { fc1_relu: [16, 64], fc2_relu: [64, 32], fc3_relu: [32, 32], output_softmax: [32, 5] };
  writeFileSync(wholeModel, await kerasH5(json, Object.fromEntries(Object.entries(shapes).map(([name, shape]) => [name, { shape }]))));
});

function estimateTotals(...args: string[]) {
  const result = runHwcost(['estimate', ...args, '--format', 'json']);
  expect(result.stderr).toBe('');
  expect(result.status).toBe(0);
  return JSON.parse(result.stdout).totals;
}

describe('a whole-model Keras .h5 (model.save())', () => {
  it('estimates as its model JSON does', () => {
    // Objectives that read no weights; those that do see the file's weights, which the JSON lacks.
    const weightFree = ['--objective', 'parameter,gpu-flops,vivado-dsp,vivado-ff,vivado-dsp-bram'];
    expect(estimateTotals(wholeModel, ...weightFree)).toEqual(estimateTotals(`${models}/KERAS_3layer.json`, ...weightFree));
  });

  it('gives its weights to objectives that read them: all-zero kernels cost no DSP', () => {
    expect(estimateTotals(wholeModel, '--objective', 'hls-dsp')['hls-dsp']).toEqual([0]);
    expect(estimateTotals(`${models}/KERAS_3layer.json`, '--objective', 'hls-dsp')['hls-dsp'][0]).toBeGreaterThan(1000);
  });

  it('is the model when a config names it as KerasH5 without KerasJson, as hls4ml loads it', () => {
    const config = path.join(dir, 'config.yml');
    writeFileSync(config, 'KerasH5: keras_model.h5\nIOType: io_parallel\nHLSConfig:\n  Model:\n    ReuseFactor: 4\n    Strategy: Resource\n');
    const report = JSON.parse(runHwcost(['estimate', '--config', config, '--format', 'json', '--objective', 'vivado-dsp']).stdout);
    expect(report.model.source).toBe(path.join(dir, 'keras_model.h5'));
    expect(report.totals['vivado-dsp']).toEqual([(1024 + 2048 + 1024 + 160) / 4]);
  });

  it('plans from the weights in the same file and writes masks in the kernel shapes', () => {
    const masks = path.join(dir, 'masks.npz');
    const result = runHwcost(['plan', wholeModel, '--objective', 'parameter', '--sparsity', '0.5', '--masks', masks, '--format', 'json']);
    expect(result.stderr).toBe('');
    expect(result.status).toBe(0);
    expect(Object.keys(unzipSync(readFileSync(masks))).sort()).toEqual(['fc1_relu.npy', 'fc2_relu.npy', 'fc3_relu.npy', 'output_softmax.npy']);
    expect(JSON.parse(result.stdout).after[0]).toBeLessThanOrEqual(2128);
  });
});
