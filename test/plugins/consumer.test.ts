import { spawnSync } from 'node:child_process';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { repoRoot, type EstimateReport } from './fixtures.js';

// The user's and the third-party author's path end to end: `npm run pack`'s tarballs of every
// hwcost package and the example plugin's own tarball are installed with npm into a project
// outside the repository (third-party dependencies come from the npm registry), and hwcost is used
// there as the README says: the command, and the library API.

const example = path.join(repoRoot, 'examples/objective-plugin');
const npx = process.platform === 'win32' ? 'npx.cmd' : 'npx';
const npm = process.platform === 'win32' ? 'npm.cmd' : 'npm';
const { NODE_OPTIONS: _ignored, ...env } = process.env;

let root: string;
let project: string;

function run(command: string, args: readonly string[], cwd: string): string {
  const result = spawnSync(command, args, { cwd, env, encoding: 'utf8', timeout: 240_000 });
  if (result.status !== 0) throw new Error(`${command} ${args.join(' ')} (in ${cwd}) failed with ${result.status ?? result.signal}:\n${result.stdout}\n${result.stderr}`);
  return result.stdout;
}

function hwcost(...args: string[]): unknown {
  return JSON.parse(run(npx, ['--no', 'hwcost', ...args], project));
}

/** Bytes of every file under `dir`, following no symlinks (npm installs real directories). */
function bytesUnder(dir: string): number {
  return readdirSync(dir, { withFileTypes: true }).reduce((sum, entry) => {
    const full = path.join(dir, entry.name);
    return sum + (entry.isDirectory() ? bytesUnder(full) : statSync(full).size);
  }, 0);
}

beforeAll(async () => {
  root = await mkdtemp(path.join(os.tmpdir(), 'hwcost-consumer-'));
  const tarballs = path.join(root, 'tarballs');
  project = path.join(root, 'project');
  await mkdir(project, { recursive: true });
  const packed = run(process.execPath, [path.join(repoRoot, 'scripts/pack.mjs'), '--out', tarballs], repoRoot).trim().split('\n');
  packed.push(path.join(tarballs, run(npm, ['pack', '--silent', '--pack-destination', tarballs], example).trim()));
  expect(packed.map((file) => path.basename(file)).sort()).toEqual(expect.arrayContaining(['hwcost-cli-0.1.0.tgz', 'hwcost-core-0.1.0.tgz', 'hwcost-plugin-weight-bits-1.0.0.tgz']));
  await writeFile(path.join(project, 'package.json'), JSON.stringify({ name: 'consumer-project', private: true, type: 'module' }, null, 2));
  // What the README's install line does, with the tarballs standing in for the registry.
  run(npm, ['install', '-D', '--no-audit', '--no-fund', '--prefer-offline', '--loglevel=error', ...packed], project);
}, 300_000);

afterAll(async () => {
  if (root) await rm(root, { recursive: true, force: true });
});

describe('hwcost installed from its tarballs', () => {
  it('lists the first-party objectives and the installed plugin\'s, with no problem', () => {
    const listed = hwcost('objectives', '--strict', '--format', 'json') as { objectives: { id: string; plugin: object; source: string }[]; problems: unknown[] };
    expect(listed.problems).toEqual([]);
    expect(listed.objectives.map((o) => o.id)).toEqual(['gpu-flops', 'parameter', 'vivado-dsp', 'vivado-ff', 'vivado-dsp-bram', 'hls-dsp', 'hls-bram', 'hls-ff', 'hls-lut', 'hls-latency', 'weight-bits']);
    expect(listed.objectives.find((o) => o.id === 'weight-bits')).toMatchObject({
      plugin: { name: 'hwcost-plugin-weight-bits', version: '1.0.0' },
      source: path.join(project, 'node_modules/hwcost-plugin-weight-bits/index.js'),
    });
  });

  it('estimates with the plugin\'s objective, by id or class-name alias', () => {
    const report = hwcost('estimate', '--objective', 'WeightBitsEstimator,parameter', '--format', 'json') as EstimateReport;
    // The bundled example has ap_fixed<16,6> weights throughout: 16 bits per parameter.
    expect(report.totals['weight-bits']).toEqual([report.totals.parameter![0]! * 16]);
  });

  it('plans the bundled example within budget', () => {
    const plan = hwcost('plan', '--objective', 'parameter', '--sparsity', '0.5', '--format', 'json') as { before: number[]; after: number[]; budget: number[] };
    expect(plan.after[0]).toBeLessThanOrEqual(plan.budget[0]!);
    expect(plan.after[0]).toBeLessThan(plan.before[0]!);
  });

  it('is usable as a library: createHwcost from @hwcost/cli estimates and plans with defaults', async () => {
    await writeFile(
      path.join(project, 'use.mjs'),
      `import { createHwcost } from '@hwcost/cli';
const example = new URL('./node_modules/@hwcost/cli/examples/jet-tagging/', import.meta.url).pathname;
const hw = await createHwcost();
const estimate = await hw.estimate(example + 'jet-tagging.json', { config: example + 'hls4ml-config.yml', objectives: ['weight-bits', 'parameter'] });
const plan = await hw.plan(example + 'jet-tagging.json', { config: example + 'hls4ml-config.yml', objectives: 'parameter', sparsity: 0.5 });
console.log(JSON.stringify({ totals: estimate.totals, ids: estimate.objectives.map((o) => o.id), before: plan.before, after: plan.after, masks: [...plan.masks.keys()] }));
`,
    );
    const out = JSON.parse(run(process.execPath, ['use.mjs'], project)) as { totals: Record<string, number[]>; ids: string[]; before: number[]; after: number[]; masks: string[] };
    expect(out.ids).toEqual(['weight-bits', 'parameter']);
    expect(out.totals['weight-bits']).toEqual([out.totals.parameter![0]! * 16]);
    expect(out.after[0]).toBeLessThanOrEqual(Math.floor(out.before[0]! / 2));
    expect(out.masks.length).toBeGreaterThan(0);
  });

  it('@hwcost/core, what a plugin author installs, depends on tsyringe and reflect-metadata only and stays under 1 MB', () => {
    const coreDir = path.join(project, 'node_modules/@hwcost/core');
    const manifest = JSON.parse(readFileSync(path.join(coreDir, 'package.json'), 'utf8')) as { dependencies: Record<string, string> };
    expect(Object.keys(manifest.dependencies).sort()).toEqual(['reflect-metadata', 'tsyringe']);
    // Its own files plus its dependencies' (tsyringe brings tslib), as npm installed them.
    const installed = [coreDir, ...['tsyringe', 'reflect-metadata', 'tslib'].map((name) => path.join(project, 'node_modules', name))];
    const bytes = installed.reduce((sum, dir) => sum + bytesUnder(dir), 0);
    expect(bytes).toBeLessThan(1024 * 1024);
  });
});

describe('the example plugin', () => {
  it('passes its own tests', () => {
    expect(run(process.execPath, ['--test', 'index.test.js'], example)).toMatch(/# pass 5\n# fail 0/);
  });
});
