import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdir, mkdtemp, symlink, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

/** The repository root. */
export const repoRoot = fileURLToPath(new URL('../..', import.meta.url));
/** The built CLI: these tests run hwcost as users do, not its sources. */
export const cliBin = path.join(repoRoot, 'packages/cli/dist/bin.js');

export interface CliResult {
  status: number | null;
  stdout: string;
  stderr: string;
}

/** Runs the built `hwcost` with `args` in `cwd`. */
export function runHwcost(args: readonly string[], cwd: string): CliResult {
  if (!existsSync(cliBin)) throw new Error(`${cliBin} is missing: run "npm run -s build" first`);
  // NODE_OPTIONS could carry the test runner's source condition into the child, which must use dist.
  const { NODE_OPTIONS: _ignored, ...env } = process.env;
  const result = spawnSync(process.execPath, [cliBin, ...args], { cwd, encoding: 'utf8', env, timeout: 60_000 });
  return { status: result.status, stdout: result.stdout, stderr: result.stderr };
}

/**
 * A temporary project outside the repository: a package.json and `node_modules/@hwcost/core` linked
 * to the workspace's core, so fixture plugins import the same core as the CLI, as with a real install.
 */
export async function fixtureProject(prefix: string): Promise<string> {
  const dir = await mkdtemp(path.join(os.tmpdir(), `hwcost-${prefix}-`));
  await writeFile(path.join(dir, 'package.json'), JSON.stringify({ name: `${prefix}-project`, private: true }));
  await mkdir(path.join(dir, 'node_modules/@hwcost'), { recursive: true });
  await symlink(path.join(repoRoot, 'packages/core'), path.join(dir, 'node_modules/@hwcost/core'), 'dir');
  return dir;
}

/**
 * Writes a plugin package at `dir`: its package.json declares `entry` (default `./index.js`) as the
 * plugin, and `source` becomes index.js. Omit `source` to leave the entry missing.
 */
export async function writePlugin(dir: string, options: { name: string; source?: string; entry?: string }): Promise<string> {
  await mkdir(dir, { recursive: true });
  const manifest = { name: options.name, version: '1.0.0', type: 'module', hwcost: { plugin: options.entry ?? './index.js' }, peerDependencies: { '@hwcost/core': '^0.1.0' } };
  await writeFile(path.join(dir, 'package.json'), JSON.stringify(manifest, null, 2));
  if (options.source !== undefined) await writeFile(path.join(dir, 'index.js'), options.source);
  return dir;
}

/**
 * Source of a plugin module named `name` whose `register` body is `register` (JavaScript, with
 * `container`, `OBJECTIVE_ESTIMATOR` and `estimator(id, resources)` in scope). `estimator` builds a
 * one-dimension objective whose `layerResources` is `resources` and that optimizes nothing.
 */
export function pluginSource(name: string, register: string, meta: string = `{ name: '${name}', version: '1.0.0', apiVersion: 1 }`): string {
  return `import { OBJECTIVE_ESTIMATOR } from '@hwcost/core';
const estimator = (id, resources) => ({
  id,
  dimensions: ['units'],
  isLayerOptimizable: () => ({ optimizable: false, attributes: null }),
  layerResources: resources,
  layerSavings: () => [0],
});
export default {
  meta: ${meta},
  register(container) {
    ${register}
  },
};
`;
}

/** The parts of `hwcost estimate --format json` these tests read. */
export interface EstimateReport {
  layers: { name: string; estimates: Record<string, { resources: number[]; savings: number[] | null }> }[];
  totals: Record<string, number[]>;
}

/** The single line hwcost printed on stderr; fails when there is more, e.g. a stack trace. */
export function oneLineError(result: CliResult): string {
  const lines = result.stderr.trim().split('\n');
  if (lines.length !== 1) throw new Error(`expected one line on stderr, got:\n${result.stderr}`);
  return lines[0]!;
}
