import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { repoRoot, type EstimateReport } from './fixtures.js';

// The third-party author's path end to end: the example plugin is packed and installed from its
// tarball, beside hwcost's own packed packages, into a project outside the repository, as a user would.

const example = path.join(repoRoot, 'examples/objective-plugin');
const npx = process.platform === 'win32' ? 'npx.cmd' : 'npx';
const { NODE_OPTIONS: _ignored, ...baseEnv } = process.env;
// Run pnpm pinned, as scripts/pnpm.mjs does.
const env = { ...baseEnv, pnpm_config_manage_package_manager_versions: 'false' };
const { packageManager } = JSON.parse(readFileSync(path.join(repoRoot, 'package.json'), 'utf8')) as { packageManager: string };

/** What `pnpm pack --json` reports of one tarball. */
interface Packed {
  name: string;
  filename: string;
}

let root: string;
let project: string;

function run(command: string, args: readonly string[], cwd: string): string {
  const result = spawnSync(command, args, { cwd, env, encoding: 'utf8', timeout: 150_000 });
  if (result.status !== 0) throw new Error(`${command} ${args.join(' ')} (in ${cwd}) failed with ${result.status ?? result.signal}:\n${result.stdout}\n${result.stderr}`);
  return result.stdout;
}

function hwcost(...args: string[]): unknown {
  return JSON.parse(run(npx, ['--no', 'hwcost', ...args], project));
}

beforeAll(async () => {
  root = await mkdtemp(path.join(os.tmpdir(), 'hwcost-third-party-'));
  const tarballs = path.join(root, 'tarballs');
  project = path.join(root, 'project');
  await mkdir(project, { recursive: true });
  // pnpm pack rewrites the `workspace:` ranges of hwcost's packages into real ones.
  const pack = (args: readonly string[], cwd: string): Packed[] => [JSON.parse(run(npx, ['-y', packageManager, ...args, 'pack', '--json', '--pack-destination', tarballs], cwd)) as Packed | Packed[]].flat();
  const packed = [...pack(['-r', '--filter', './packages/**', '--filter', './plugins/**'], repoRoot), ...pack([], example)];
  const dependencies = Object.fromEntries(packed.map(({ name, filename }) => [name, `file:${filename}`]));
  expect(Object.keys(dependencies).sort()).toEqual(['@hwcost/cli', '@hwcost/core', '@hwcost/engine', '@hwcost/knapsack', '@hwcost/model', '@hwcost/plan', '@hwcost/plugin-gpu', '@hwcost/plugin-parameter', '@hwcost/plugin-vivado', 'hwcost-plugin-weight-bits']);
  await writeFile(path.join(project, 'package.json'), JSON.stringify({ name: 'third-party-project', private: true, dependencies }, null, 2));
  run('npm', ['install', '--no-audit', '--no-fund', '--prefer-offline', '--loglevel=error'], project);
}, 180_000);

afterAll(async () => {
  if (root) await rm(root, { recursive: true, force: true });
});

describe('an objective plugin installed from its tarball', () => {
  it('is listed by hwcost objectives with its plugin name and version', () => {
    const listed = hwcost('objectives', '--format', 'json') as { objectives: { id: string; dimensions: string[]; plugin: object; source: string }[]; problems: unknown[] };
    expect(listed.problems).toEqual([]);
    expect(listed.objectives.map((o) => o.id)).toEqual(['gpu-flops', 'parameter', 'vivado-dsp', 'vivado-ff', 'vivado-dsp-bram', 'weight-bits']);
    expect(listed.objectives.find((o) => o.id === 'weight-bits')).toMatchObject({
      dimensions: ['bits'],
      plugin: { name: 'hwcost-plugin-weight-bits', version: '1.0.0' },
      source: path.join(project, 'node_modules/hwcost-plugin-weight-bits/index.js'),
    });
  });

  it('estimates with its objective, by id or class-name alias', () => {
    const report = hwcost('estimate', '--objective', 'WeightBitsEstimator,parameter', '--format', 'json') as EstimateReport;
    // The bundled example has ap_fixed<16,6> weights throughout: 16 bits per parameter.
    expect(report.totals['weight-bits']).toEqual([report.totals.parameter![0]! * 16]);
    const dense = report.layers.filter((l) => (l.estimates.parameter?.resources?.[0] ?? 0) > 0);
    expect(dense.length).toBeGreaterThan(0);
    for (const layer of dense) {
      expect(layer.estimates['weight-bits']!.resources).toEqual([layer.estimates.parameter!.resources![0]! * 16]);
      expect(layer.estimates['weight-bits']!.savings).toEqual([16]);
    }
  });
});

describe('the example plugin', () => {
  it('passes its own tests', () => {
    expect(run(process.execPath, ['--test', 'index.test.js'], example)).toMatch(/# pass 3\n# fail 0/);
  });
});
