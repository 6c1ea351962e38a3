import { mkdir, mkdtemp, symlink, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { repoRoot } from '../support/cli.js';

export { cliBin, oneLineError, repoRoot, runHwcost, type CliResult } from '../support/cli.js';

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
 * plugin (and `objectives`, when given), and `source` becomes index.js. Omit `source` to leave the
 * entry missing.
 */
export async function writePlugin(
  dir: string,
  options: { name: string; source?: string; entry?: string; objectives?: string[]; coreRange?: string },
): Promise<string> {
  await mkdir(dir, { recursive: true });
  const hwcost = { plugin: options.entry ?? './index.js', ...(options.objectives ? { objectives: options.objectives } : {}) };
  const manifest = { name: options.name, version: '1.0.0', type: 'module', hwcost, peerDependencies: { '@hwcost/core': options.coreRange ?? '^0.1.0' } };
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
  layers: { name: string; estimates: Record<string, { resources: number[] | null; savings: number[] | null }> }[];
  totals: Record<string, number[]>;
  warnings: string[];
}

