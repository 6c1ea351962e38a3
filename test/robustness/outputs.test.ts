import { spawn } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import h5wasm from 'h5wasm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cliBin, oneLineError, runHwcost } from '../support/cli.js';

const models = '../shared/conformance/models';
const model = `${models}/KERAS_3layer.json`;
const dir = mkdtempSync(path.join(tmpdir(), 'hwcost-outputs-'));
const big = path.join(dir, 'big.h5');
const pauseAtTemporary = path.join(path.dirname(fileURLToPath(import.meta.url)), 'fixtures', 'pause-at-temporary.mjs');
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** A whole-model .h5 of two Dense layers, 16 -> n -> n, whose masks take a while to write. */
async function bigModel(n: number): Promise<Uint8Array> {
  const { FS } = await h5wasm.ready;
  const layer = (className: string, name: string, config: object) => ({ class_name: className, config: { name, ...config } });
  const layers = [layer('InputLayer', 'in', { batch_input_shape: [null, 16] }), layer('Dense', 'fc1', { units: n }), layer('Dense', 'fc2', { units: n })];
  const name = `/outputs-${process.pid}.h5`;
  const file = new h5wasm.File(name, 'w');
  file.create_attribute('model_config', JSON.stringify({ class_name: 'Sequential', config: { name: 'big', layers }, keras_version: '2.11.0' }));
  const root = file.create_group('model_weights');
  root.create_attribute('layer_names', ['fc1', 'fc2']);
  for (const [layerName, shape] of [['fc1', [16, n]], ['fc2', [n, n]]] as const) {
    const group = root.create_group(layerName);
    group.create_attribute('weight_names', [`${layerName}/kernel:0`]);
    const data = Float32Array.from({ length: shape[0] * shape[1] }, (_v, i) => Math.sin(i));
    group.create_group(layerName).create_dataset({ name: 'kernel:0', data, shape: [...shape], dtype: '<f' });
  }
  file.close();
  const bytes = FS.readFile(name);
  FS.unlink(name);
  return bytes;
}

beforeAll(async () => writeFileSync(big, await bigModel(1500)));

const plan = (...args: string[]) => runHwcost(['plan', model, '--objective', 'parameter', '--sparsity', '0.5', ...args]);

describe('outputs', () => {
  it('checks every output before writing any: the old masks survive a bad --output', () => {
    const masks = path.join(dir, 'keep.npz');
    writeFileSync(masks, 'old masks');
    const missing = path.join(dir, 'no-such-folder', 'report.json');
    const result = plan('--masks', masks, '--output', missing, '--format', 'json');
    expect(result.status).toBe(2);
    expect(oneLineError(result)).toBe(`hwcost: cannot write ${missing}: no such folder ${path.dirname(missing)}`);
    expect(readFileSync(masks, 'utf8')).toBe('old masks');
  });

  it('refuses a directory, a device or two outputs naming one file, before any work', () => {
    const folder = path.join(dir, 'a-folder');
    mkdirSync(folder);
    expect(oneLineError(plan('--output', folder))).toBe(`hwcost: cannot write ${folder}: it is a directory`);
    expect(oneLineError(plan('--output', '/dev/null'))).toBe('hwcost: cannot write /dev/null: it is not a regular file (hwcost replaces its outputs whole)');
    const same = path.join(dir, 'same');
    expect(oneLineError(plan('--masks', same, '--output', `${dir}/./same`))).toBe(`hwcost: ${same} and ${dir}/./same are the same file; give each output its own`);
    expect(oneLineError(runHwcost(['estimate', model, '--output', folder]))).toBe(`hwcost: cannot write ${folder}: it is a directory`);
    const project = '../shared/groundtruth/Hector-Plata__hls4ml-tutorial__model_1-hls4ml_prj__4ac4f07';
    expect(oneLineError(runHwcost(['compare', project, '--output', folder]))).toBe(`hwcost: cannot write ${folder}: it is a directory`);
    expect(oneLineError(runHwcost(['sweep', model, '--vary', 'ReuseFactor=1,2', '--output', folder]))).toBe(`hwcost: cannot write ${folder}: it is a directory`);
    expect(existsSync(same)).toBe(false);
  });

  it('never drops warnings: CSV keeps them off the report and on stderr', () => {
    const config = path.join(dir, 'typo.yml');
    writeFileSync(config, `KerasJson: ${path.resolve(model)}\nHLSConfig:\n  LayerName:\n    fc9_relu:\n      ReuseFactor: 2\n`);
    const table = runHwcost(['estimate', '--config', config, '--objective', 'parameter']);
    const warnings = table.stdout.split('\n').filter((line) => line.startsWith('  - ')).map((line) => line.slice(4));
    expect(warnings.length).toBeGreaterThan(0);
    const csv = runHwcost(['estimate', '--config', config, '--objective', 'parameter', '--format', 'csv']);
    expect(csv.status).toBe(0);
    expect(csv.stdout.split('\n')[0]).toBe('layer,type,supported,parameter:parameters');
    expect(csv.stdout).not.toContain('warning');
    expect(csv.stderr.trim().split('\n')).toEqual(warnings.map((w) => `hwcost: warning: ${w}`));
  });

  it.each([
    ['SIGINT', 130],
    ['SIGTERM', 143],
  ] as const)('removes its temporary files on %s and exits with %i', async (signal, code) => {
    const out = mkdtempSync(path.join(dir, `${signal}-`));
    const { NODE_OPTIONS: _ignored, ...env } = process.env;
    // The preload holds the run once its temporary file is written, so the signal lands mid-write.
    const child = spawn(process.execPath, ['--import', pauseAtTemporary, cliBin, 'plan', big, '--objective', 'parameter', '--sparsity', '0.5', '--masks', path.join(out, 'out.npz')], { env, stdio: ['ignore', 'ignore', 'pipe'] });
    const exited = new Promise<number | null>((resolve) => child.on('exit', (status) => resolve(status)));
    const temporaries = () => readdirSync(out).filter((name) => name.endsWith('.tmp'));
    const paused = await new Promise<boolean>((resolve) => {
      child.stderr.on('data', (chunk: Buffer) => chunk.toString().includes('paused at a temporary file') && resolve(true));
      void exited.then(() => resolve(false));
    });
    expect(paused, 'the run must reach its temporary file').toBe(true);
    expect(temporaries()).toHaveLength(1);
    expect(statSync(path.join(out, temporaries()[0]!)).isFile()).toBe(true);
    child.kill(signal);
    expect(await exited).toBe(code);
    expect(readdirSync(out)).toEqual([]);
  });
});
