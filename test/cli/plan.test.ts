import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { unzipSync } from 'fflate';
import { afterAll, describe, expect, it } from 'vitest';
import { oneLineError, runHwcost } from '../support/cli.js';

const models = '../shared/conformance/models';
const dense = `${models}/KERAS_dense_16x100x100x100x100x100x5`;
const dir = mkdtempSync(path.join(tmpdir(), 'hwcost-plan-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const plan = (...args: string[]) => runHwcost(['plan', ...args]);

/** Shapes of the arrays in an .npz, read from each .npy header. */
function npzShapes(file: string): Record<string, number[]> {
  const shapes: Record<string, number[]> = {};
  for (const [name, npy] of Object.entries(unzipSync(readFileSync(file)))) {
    const headerLength = npy[8]! | (npy[9]! << 8);
    const header = new TextDecoder().decode(npy.subarray(10, 10 + headerLength));
    const shape = /'shape': \(([^)]*)\)/.exec(header)![1]!;
    shapes[name.replace(/\.npy$/, '')] = shape.split(',').filter((s) => s.trim() !== '').map(Number);
  }
  return shapes;
}

describe('hwcost plan', () => {
  it('keeps every dimension of a composite within a sparsity budget and writes masks', () => {
    const masks = path.join(dir, 'masks.npz');
    const result = plan(`${dense}.json`, '--config', `${dense}.stream-resource.json`, '--objective', 'vivado-dsp-bram,parameter', '--sparsity', '0.5', '--masks', masks, '--format', 'json');
    expect(result.stderr).toBe('');
    expect(result.status).toBe(0);
    const report = JSON.parse(result.stdout);
    expect(report.objectives).toEqual([
      { id: 'vivado-dsp-bram', dimensions: ['DSP', 'BRAM'] },
      { id: 'parameter', dimensions: ['parameters'] },
    ]);
    expect(report.before).toEqual([1480, 654, 42100]);
    expect(report.budget).toEqual([740, 327, 21050]);
    report.after.forEach((value: number, m: number) => expect(value).toBeLessThanOrEqual(report.budget[m]));
    expect(report.solver).toMatchObject({ optimal: true });
    expect(report.layers.find((l: { name: string }) => l.name === 'fc2_relu')).toMatchObject({ structureType: 'pattern', groups: 200 });
    expect(report.warnings.join('\n')).toMatch(/fc1_relu: kept whole: consecutive patterns 6 do not divide the pattern offset 160/);
    expect(npzShapes(masks)).toEqual({
      fc1_relu: [16, 100],
      fc2_relu: [100, 100],
      fc3_relu: [100, 100],
      fc4_relu: [100, 100],
      fc5_relu: [100, 100],
      output_softmax: [100, 5],
    });
  });

  it('meets absolute limits on named dimensions only', () => {
    const result = plan(`${dense}.json`, '--config', `${dense}.stream-resource.json`, '--objective', 'vivado-dsp-bram', '--budget', 'DSP=900', '--format', 'json');
    expect(result.status).toBe(0);
    const report = JSON.parse(result.stdout);
    expect(report.budget).toEqual([900, null]);
    expect(report.after[0]).toBeLessThanOrEqual(900);
  });

  it('gives every layer the same sparsity with --local', () => {
    const result = plan(`${models}/KERAS_3layer.json`, '--objective', 'parameter', '--sparsity', '0.25', '--local', '--metric', 'l2', '--format', 'json');
    expect(result.status).toBe(0);
    const layers = JSON.parse(result.stdout).layers as { before: number[]; after: number[] }[];
    for (const layer of layers) expect(layer.after[0]).toBe(Math.floor(0.75 * layer.before[0]!));
  });

  it('prints a table with before → after per dimension', () => {
    const result = plan(`${dense}.json`, '--config', `${dense}.stream-resource.json`, '--objective', 'vivado-dsp', '--sparsity', '0.5');
    expect(result.status).toBe(0);
    expect(result.stdout).toMatch(/budget: DSP ≤ 610/);
    expect(result.stdout).toMatch(/│ total .*1,220 → \d+/);
  });

  it('says in one line when the budget cannot be met, writes no masks, and plans anyway with --best-effort', () => {
    const masks = path.join(dir, 'unreachable.npz');
    const args = [`${dense}.json`, '--config', `${dense}.stream-resource.json`, '--objective', 'vivado-dsp-bram', '--budget', 'DSP=100', '--masks', masks];
    const failed = plan(...args);
    expect(failed.status).toBe(2);
    expect(oneLineError(failed)).toBe(
      'hwcost: the budget cannot be met for the model even by removing every removable group: smallest reachable DSP=260 (budget 100); use --best-effort to plan anyway',
    );
    expect(existsSync(masks)).toBe(false);
    const best = plan(...args, '--best-effort', '--format', 'json');
    expect(best.status).toBe(0);
    expect(JSON.parse(best.stdout).after[0]).toBe(260);
    expect(existsSync(masks)).toBe(true);
  });

  it.each([
    [['--sparsity', '0.5'], 'hwcost: plan needs --objective <ids> (e.g. vivado-dsp-bram,parameter)'],
    [['--objective', 'parameter'], 'hwcost: plan needs exactly one of --sparsity <fraction> or --budget DIM=N[,DIM=N...]'],
    [['--objective', 'parameter', '--sparsity', '0.5', '--budget', 'parameters=1'], 'hwcost: plan needs exactly one of --sparsity <fraction> or --budget DIM=N[,DIM=N...]'],
    [['--objective', 'parameter', '--sparsity', '1.5'], 'hwcost: --sparsity must be a number in [0, 1), got "1.5"'],
    [['--objective', 'parameter', '--budget', 'LUT=5'], 'hwcost: budget: unknown dimension "LUT"; the objective\'s dimensions are parameters'],
    [['--objective', 'parameter', '--budget', 'parameters=1', '--local'], 'hwcost: --local needs --sparsity (a per-layer fraction), not absolute --budget limits'],
    [['--objective', 'parameter', '--sparsity', '0.5', '--solver', 'dp', '--time-limit', '-1'], 'hwcost: --time-limit must be a positive number of milliseconds, got "-1"'],
  ])('rejects %j', (args, message) => {
    const result = plan(`${models}/KERAS_3layer.json`, ...args);
    expect(result.status).toBe(2);
    expect(oneLineError(result)).toBe(message);
  });

  it('names the missing weights', () => {
    const result = plan(`${models}/KERAS_conv2d_model.json`, '--objective', 'parameter', '--sparsity', '0.5', '--weights', path.join(dir, 'none.h5'));
    expect(result.status).toBe(2);
    expect(oneLineError(result)).toBe(`hwcost: cannot read weights ${path.join(dir, 'none.h5')}: no such file`);
  });
});
