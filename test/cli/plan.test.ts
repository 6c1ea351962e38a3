import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { unzipSync } from 'fflate';
import { afterAll, describe, expect, it } from 'vitest';
import { oneLineError, runHwcost } from '../support/cli.js';
import { keras3WeightsFile } from '../plan/support.js';

const models = '../shared/conformance/models';
const dense = `${models}/KERAS_dense_16x100x100x100x100x100x5`;
const dir = mkdtempSync(path.join(tmpdir(), 'hwcost-plan-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const plan = (...args: string[]) => runHwcost(['plan', ...args]);

/** The arrays of an .npz: shape from each .npy header, float32 data after it. */
function readNpz(file: string): Record<string, { shape: number[]; data: Float32Array }> {
  const arrays: Record<string, { shape: number[]; data: Float32Array }> = {};
  for (const [name, npy] of Object.entries(unzipSync(readFileSync(file)))) {
    const headerLength = npy[8]! | (npy[9]! << 8);
    const header = new TextDecoder().decode(npy.subarray(10, 10 + headerLength));
    const shape = /'shape': \(([^)]*)\)/.exec(header)![1]!;
    arrays[name.replace(/\.npy$/, '')] = {
      shape: shape.split(',').filter((s) => s.trim() !== '').map(Number),
      data: new Float32Array(npy.slice(10 + headerLength).buffer),
    };
  }
  return arrays;
}

const npzShapes = (file: string) => Object.fromEntries(Object.entries(readNpz(file)).map(([name, array]) => [name, array.shape]));

/** KERAS_3layer's kernels, read from its weights, for writing variants of them. */
const threeLayerKernels = { fc1_relu: [16, 64], fc2_relu: [64, 32], fc3_relu: [32, 32], output_softmax: [32, 5] } as const;
function threeLayerWeights(change: (name: string, data: Float32Array) => void = () => {}) {
  let seed = 3;
  return keras3WeightsFile(
    Object.fromEntries(
      Object.entries(threeLayerKernels).map(([name, shape]) => {
        const data = Float32Array.from({ length: shape[0] * shape[1] }, () => ((seed = (seed * 69069 + 1) % 4294967296) / 4294967296) * 2 - 1);
        change(name, data);
        return [name, { shape: [...shape], data }];
      }),
    ),
  );
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

  it('keeps every output neuron in the README example, saying why the last layer is not pruned', () => {
    const masks = path.join(dir, 'readme.npz');
    const result = plan(`${models}/KERAS_3layer.json`, '--objective', 'gpu-flops', '--sparsity', '0.9', '--masks', masks, '--format', 'json');
    expect(result.status).toBe(0);
    const report = JSON.parse(result.stdout);
    const output = report.layers.find((l: { name: string }) => l.name === 'output_softmax');
    expect(output).toMatchObject({ pruned: false, notPruned: { reason: 'last-layer' }, structureType: 'structured', keptFraction: 1, before: [325], after: [325] });
    expect(report.layers.find((l: { name: string }) => l.name === 'input_1')).toMatchObject({ pruned: false, notPruned: { reason: 'no-weights' } });
    const mask = readNpz(masks).output_softmax!;
    expect(mask.shape).toEqual([32, 5]);
    expect(mask.data.every((v) => v === 1)).toBe(true);
    const table = plan(`${models}/KERAS_3layer.json`, '--objective', 'gpu-flops', '--sparsity', '0.9');
    expect(table.stdout).toMatch(/│ output_softmax +│ – \(last layer\) +│/);
    expect(table.stdout).toContain('  - output_softmax: the last layer with weights: structured pruning would remove outputs');
  });

  it('plans as hls4ml with --formulation hls4ml, and says plainly when that ends above the target', () => {
    const args = [`${models}/KERAS_3layer.json`, '--config', `${models}/KERAS_3layer.layertype-resource.yml`, '--objective', 'gpu-flops', '--sparsity', '0.25', '--formulation', 'hls4ml'];
    const report = JSON.parse(plan(...args, '--format', 'json').stdout);
    // The first golden case of plans.json.
    expect(report).toMatchObject({ formulation: 'hls4ml', budget: [6240], budgetOn: 'kept-savings', budgetBase: [8320], before: [8645], after: [6539], aboveTarget: ['FLOPs'] });
    expect(report.layers.filter((l: { pruned: boolean }) => l.pruned).map((l: { keptGroups: number }) => l.keptGroups)).toEqual([51, 19, 32]);
    const table = plan(...args).stdout;
    expect(table).toContain('objective gpu-flops (hls4ml formulation, global, l1, sparsity 0.25)');
    expect(table).toContain('budget on the savings of the kept groups (hls4ml): FLOPs ≤ 6,240 (of 8,320 in the pruned layers)');
    expect(table).toContain('FLOPs after pruning is 6539, above (1 - 0.25) x 8645 = 6483.75: the hls4ml formulation bounds the savings of the kept groups (to 6240), not the resources');
    const budget = plan(`${models}/KERAS_3layer.json`, '--objective', 'gpu-flops', '--budget', 'FLOPs=5000', '--formulation', 'hls4ml');
    expect(oneLineError(budget)).toBe('hwcost: --formulation hls4ml needs --sparsity (hls4ml plans a fraction, not absolute limits)');
  });

  it('explains both formulations in --help', () => {
    const help = plan('--help').stdout;
    expect(help).toMatch(/--formulation <name> +how the knapsack is posed/);
    expect(help).toContain('hwcost (default)  Keeps the resources after pruning of the whole model');
    expect(help).toContain("hls4ml            Plans exactly as hls4ml's get_model_masks");
  });

  it('writes CSV with why each layer is not pruned, and the warnings on stderr', () => {
    const result = plan(`${models}/KERAS_3layer.json`, '--config', `${models}/KERAS_3layer.layertype-resource.yml`, '--objective', 'gpu-flops', '--sparsity', '0.25', '--formulation', 'hls4ml', '--format', 'csv');
    expect(result.status).toBe(0);
    const lines = result.stdout.trim().split('\n');
    expect(lines[0]).toBe('layer,type,pruned,reason,structure,groups,kept groups,weights,kept weights,kept fraction,FLOPs before,FLOPs after');
    expect(lines).toContain('input_1,InputLayer,false,no-weights,,0,0,0,0,1,0,0');
    expect(lines).toContain('fc1_relu,Dense,true,,structured,64,51,1024,816,0.796875,2112,1683');
    expect(lines).toContain('output_softmax,Dense,false,last-layer,structured,0,0,160,160,1,325,325');
    expect(lines.at(-1)).toBe('total,,,,,,,,,,8645,6539');
    expect(result.stderr).toBe('hwcost: warning: FLOPs after pruning is 6539, above (1 - 0.25) x 8645 = 6483.75: the hls4ml formulation bounds the savings of the kept groups (to 6240), not the resources\n');
  });

  it("refuses another model's weights in one line and writes no masks", () => {
    const masks = path.join(dir, 'other.npz');
    const weights = `${dense}_weights.h5`;
    const result = plan(`${models}/KERAS_3layer.json`, '--objective', 'gpu-flops', '--sparsity', '0.5', '--weights', weights, '--masks', masks);
    expect(result.status).toBe(2);
    // The weights reader checks shapes before decoding; the planner checks again for weights given in code.
    const line = oneLineError(result);
    expect(line.startsWith(`hwcost: ${weights}: layer fc1_relu: `)).toBe(true);
    expect(line).toMatch(/\[16, 100\].*\[16, 64\]/);
    expect(existsSync(masks)).toBe(false);
  });

  it('refuses a kernel with a NaN, naming the layer, and empty weights, writing no masks', async () => {
    const masks = path.join(dir, 'nan.npz');
    const nan = path.join(dir, 'nan.weights.h5');
    writeFileSync(nan, await threeLayerWeights((name, data) => name === 'fc2_relu' && (data[5 * 32 + 7] = Number.NaN)));
    const result = plan(`${models}/KERAS_3layer.json`, '--objective', 'parameter', '--sparsity', '0.5', '--weights', nan, '--masks', masks);
    expect(oneLineError(result)).toBe(`hwcost: ${nan}: layer fc2_relu: kernel weight [5, 7] is NaN; a plan needs finite weights`);
    const empty = path.join(dir, 'empty.weights.h5');
    writeFileSync(empty, await keras3WeightsFile({}));
    const none = plan(`${models}/KERAS_3layer.json`, '--objective', 'parameter', '--sparsity', '0.5', '--weights', empty, '--masks', masks);
    expect(none.status).toBe(2);
    expect(oneLineError(none)).toBe(`hwcost: ${empty}: the weights hold no kernel for any layer`);
    expect(existsSync(masks)).toBe(false);
    // The same kernels, all finite, plan fine.
    const fine = path.join(dir, 'fine.weights.h5');
    writeFileSync(fine, await threeLayerWeights());
    expect(plan(`${models}/KERAS_3layer.json`, '--objective', 'parameter', '--sparsity', '0.5', '--weights', fine, '--masks', masks).status).toBe(0);
    expect(existsSync(masks)).toBe(true);
  });

  it('fails in one line when no layer can be pruned, writing no masks', async () => {
    const model = path.join(dir, 'one-dense.json');
    writeFileSync(
      model,
      JSON.stringify({
        class_name: 'Sequential',
        config: { name: 'one', layers: [{ class_name: 'Dense', config: { name: 'out', units: 5, batch_input_shape: [null, 32] } }] },
      }),
    );
    const weights = path.join(dir, 'one-dense.weights.h5');
    writeFileSync(weights, await keras3WeightsFile({ out: { shape: [32, 5], data: new Float32Array(160).fill(0.5) } }));
    const masks = path.join(dir, 'none.npz');
    const result = plan(model, '--objective', 'gpu-flops', '--sparsity', '0.5', '--weights', weights, '--masks', masks);
    expect(result.status).toBe(2);
    expect(oneLineError(result)).toBe(
      'hwcost: nothing to plan: no layer of the model can be pruned for objective gpu-flops (out: the last layer with weights: structured pruning would remove outputs)',
    );
    expect(existsSync(masks)).toBe(false);
  });

  it('names the missing weights', () => {
    const result = plan(`${models}/KERAS_conv2d_model.json`, '--objective', 'parameter', '--sparsity', '0.5', '--weights', path.join(dir, 'none.h5'));
    expect(result.status).toBe(2);
    expect(oneLineError(result)).toBe(`hwcost: cannot read weights ${path.join(dir, 'none.h5')}: no such file`);
  });
});
