import { fork } from 'node:child_process';
import { copyFileSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { strToU8, zipSync } from 'fflate';
import h5wasm from 'h5wasm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readKerasWeights } from '@hwcost/model';
import { random } from '../../bench/random.mjs';
import { cliBin } from '../support/cli.js';
import { mutateBytes, mutateText, type Random } from './fuzz/mutate.js';

/**
 * A seeded mutation fuzz of every input kind hwcost reads, run through the built CLI: each mutant
 * must end with exit 0, or exit 2 and exactly one line on stderr without a stack trace, within
 * 20 s, and no worker process may pass 1 GB. Runs happen in-process in two worker processes (see
 * fuzz/worker.mjs), so that a thousand mutants take well under a minute.
 */

const SEED = 20261128;
const PER_KIND = 200;
const TIME_LIMIT_MS = 20_000;
const MEMORY_LIMIT_KB = 1024 * 1024;
const WORKERS = 2;

const models = path.resolve('../shared/conformance/models');
const worker = fileURLToPath(new URL('./fuzz/worker.mjs', import.meta.url));
const dir = mkdtempSync(path.join(tmpdir(), 'hwcost-fuzz-'));
const model = path.join(dir, 'KERAS_3layer.json');
const weights = path.join(dir, 'KERAS_3layer_weights.h5');
afterAll(() => rmSync(dir, { recursive: true, force: true }));

interface Job {
  id: number;
  kind: string;
  args: string[];
}

interface Outcome {
  job: Job;
  status: number | null;
  stderr: string;
  ms: number;
  /** What ended the worker during this run, if it did not come back. */
  ended?: string;
}

/** Keras 3's `model.weights.h5` layout (`layers/<name>/vars/0`) with the kernels of a Keras 2 weights file. */
async function keras3Weights(): Promise<Uint8Array> {
  const kernels = await readKerasWeights(readFileSync(weights), weights);
  const { FS } = await h5wasm.ready;
  const name = `/fuzz-${process.pid}.weights.h5`;
  const file = new h5wasm.File(name, 'w');
  const layers = file.create_group('layers');
  for (const [layer, kernel] of kernels) {
    layers.create_group(layer).create_group('vars').create_dataset({ name: '0', data: Float32Array.from(kernel.data), shape: kernel.shape, dtype: '<f' });
  }
  file.close();
  const bytes = FS.readFile(name);
  FS.unlink(name);
  return bytes;
}

/** A .keras archive as Keras writes it: members stored, not deflated. */
function archive(config: Uint8Array, weightsH5: Uint8Array): Uint8Array {
  return zipSync({ 'metadata.json': [strToU8('{"keras_version": "3.6.0"}'), { level: 0 }], 'config.json': [config, { level: 0 }], 'model.weights.h5': [weightsH5, { level: 0 }] });
}

/** Every mutant of every kind, written to files, with the commands that read them. */
async function mutants(): Promise<Job[]> {
  const rnd: Random = random(SEED);
  const jobs: Job[] = [];
  const modelText = readFileSync(model, 'utf8');
  const yamlText = readFileSync(`${models}/KERAS_3layer.parallel-latency.yml`, 'utf8');
  const jsonConfigText = readFileSync(`${models}/KERAS_3layer.stream-resource.json`, 'utf8');
  const h5 = new Uint8Array(readFileSync(weights));
  const keras3 = await keras3Weights();
  const text = (source: string) => (rnd() < 0.75 ? strToU8(mutateText(rnd, source)) : mutateBytes(rnd, strToU8(source)));
  const add = (kind: string, file: string, content: Uint8Array, commands: string[][]) => {
    writeFileSync(file, content);
    jobs.push({ id: jobs.length, kind, args: commands[jobs.length % commands.length]! });
  };
  const planArgs = (i: number) => ['--objective', 'vivado-dsp-bram,parameter', '--sparsity', '0.5', '--masks', path.join(dir, `masks-${i}.npz`), '--format', 'json'];
  for (let i = 0; i < PER_KIND; i++) {
    const file = path.join(dir, `model-${i}.json`);
    add('model JSON', file, text(modelText), [
      ['estimate', file, '--format', ['table', 'json', 'csv'][i % 3]!],
      ['plan', file, '--weights', weights, ...planArgs(i)],
    ]);
  }
  for (let i = 0; i < PER_KIND; i++) {
    const file = path.join(dir, `config-${i}.yml`);
    add('YAML config', file, text(yamlText), [['estimate', '--config', file], ['plan', '--config', file, '--weights', weights, ...planArgs(i)]]);
  }
  for (let i = 0; i < PER_KIND; i++) {
    const file = path.join(dir, `config-${i}.json`);
    add('JSON config', file, text(jsonConfigText), [['estimate', model, '--config', file, '--format', 'csv'], ['plan', model, '--config', file, '--weights', weights, ...planArgs(i)]]);
  }
  for (let i = 0; i < PER_KIND; i++) {
    const file = path.join(dir, `weights-${i}.h5`);
    // HDF5 keeps its superblock, object headers and attributes in the first few kilobytes.
    add('.h5', file, mutateBytes(rnd, h5, 4096), [['plan', model, '--weights', file, ...planArgs(i)]]);
  }
  for (let i = 0; i < PER_KIND; i++) {
    const file = path.join(dir, `model-${i}.keras`);
    const how = i % 3;
    const content =
      how === 0 ? mutateBytes(rnd, archive(strToU8(modelText), keras3)) : how === 1 ? archive(text(modelText), keras3) : archive(strToU8(modelText), mutateBytes(rnd, keras3, 4096));
    add('.keras', file, content, [['plan', file, ...planArgs(i)], ['estimate', file, '--format', 'json']]);
  }
  return jobs;
}

/** Runs the jobs in worker processes, restarting a worker that dies or hangs; returns every outcome and the peak memory. */
function runAll(jobs: Job[]): Promise<{ outcomes: Outcome[]; peakKb: number }> {
  const queue = [...jobs];
  const outcomes: Outcome[] = [];
  let peakKb = 0;
  const { NODE_OPTIONS: _ignored, ...env } = process.env;
  const slot = (): Promise<void> =>
    new Promise((resolve) => {
      if (queue.length === 0) return resolve();
      // No execArgv: the test runner's flags (its source condition) must not reach the built CLI.
      const child = fork(worker, [], { env, execArgv: [], stdio: ['ignore', 'ignore', 'pipe', 'ipc'] });
      let current: Job | undefined;
      let started = 0;
      let watchdog: NodeJS.Timeout | undefined;
      // What reaches the worker's real stderr (bypassing the CLI's own writes) counts against the run in flight.
      let stray = '';
      let ended: string | undefined;
      child.stderr!.on('data', (chunk: Buffer) => (stray = (stray + chunk.toString('utf8')).slice(-4000)));
      const next = () => {
        current = queue.shift();
        child.send(current ?? { end: true });
      };
      child.on('message', (message: { ready?: true; start?: number; done?: number; status: number; stderr: string; ms: number; maxRssKb: number }) => {
        if (message.maxRssKb) peakKb = Math.max(peakKb, message.maxRssKb);
        if (message.ready) return next();
        if (message.start !== undefined) {
          started = performance.now();
          watchdog = setTimeout(() => {
            ended = `no result after ${TIME_LIMIT_MS} ms (a hang?)`;
            child.kill('SIGKILL');
          }, TIME_LIMIT_MS + 5000);
          return;
        }
        if (message.done !== undefined) {
          clearTimeout(watchdog);
          outcomes.push({ job: current!, status: message.status, stderr: message.stderr + stray, ms: message.ms });
          stray = '';
          current = undefined;
          next();
        }
      });
      child.on('exit', (code, signal) => {
        clearTimeout(watchdog);
        if (current) {
          outcomes.push({ job: current, status: code, stderr: stray, ms: performance.now() - started, ended: ended ?? `the worker ended (exit ${code}, signal ${signal})` });
        }
        resolve(slot());
      });
    });
  return Promise.all(Array.from({ length: WORKERS }, slot)).then(() => ({ outcomes, peakKb }));
}

/** Why an outcome breaks the rule, or undefined when it keeps it. */
function problem(outcome: Outcome): string | undefined {
  const lines = outcome.stderr.split('\n').filter((line) => line !== '');
  if (outcome.ended) return outcome.ended;
  if (outcome.ms > TIME_LIMIT_MS) return `took ${Math.round(outcome.ms)} ms`;
  if (/^\s+at .+:\d+:\d+\)?$/m.test(outcome.stderr)) return 'printed a stack trace';
  if (outcome.status === 0) return lines.every((line) => line.startsWith('hwcost: warning: ')) ? undefined : 'exit 0 with more than warnings on stderr';
  if (outcome.status !== 2) return `exit ${outcome.status}`;
  if (lines.length !== 1 || !lines[0]!.startsWith('hwcost: ')) return `exit 2 with ${lines.length} lines on stderr`;
  return undefined;
}

describe('fuzz: every mutant of every input kind ends in exit 0, or exit 2 with one line', () => {
  let jobs: Job[];
  beforeAll(async () => {
    copyFileSync(`${models}/KERAS_3layer.json`, model);
    copyFileSync(`${models}/KERAS_3layer_weights.h5`, weights);
    jobs = await mutants();
  });

  it(`runs ${PER_KIND} mutants of each kind within ${TIME_LIMIT_MS / 1000} s and 1 GB each`, async () => {
    expect(cliBin).toMatch(/bin\.cjs$/);
    const { outcomes, peakKb } = await runAll(jobs);
    expect(outcomes).toHaveLength(jobs.length);
    const failures = outcomes.flatMap((o) => {
      const why = problem(o);
      return why ? [`${o.job.kind} mutant ${o.job.id} (seed ${SEED}; hwcost ${o.job.args.join(' ')}): ${why}\n${o.stderr.slice(0, 600)}`] : [];
    });
    const count = (status: number) => outcomes.filter((o) => o.status === status).length;
    const slowest = Math.max(...outcomes.map((o) => o.ms));
    console.log(
      `fuzz: ${outcomes.length} mutants (${PER_KIND} per kind, seed ${SEED}): ${count(0)} exit 0, ${count(2)} exit 2; slowest ${Math.round(slowest)} ms; peak worker memory ${Math.round(peakKb / 1024)} MB`,
    );
    expect(failures).toEqual([]);
    expect(peakKb).toBeLessThan(MEMORY_LIMIT_KB);
  });
});
