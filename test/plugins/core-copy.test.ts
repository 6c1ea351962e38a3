import { cp, mkdir, readFile, realpath, rm } from 'node:fs/promises';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fixtureProject, repoRoot, runHwcost, writePlugin } from './fixtures.js';

// A plugin whose `@hwcost/core` is another copy than hwcost's: DI tokens are registered symbols and
// errors carry a code, so most of it works, but classes its `injectable` records live in another
// tsyringe. Installed, such a plugin is named; under development (`--plugin ./dir`, core as a
// devDependency) hwcost serves it its own core instead.

let project: string;
const hostCore = path.join(repoRoot, 'packages/core');
let hostVersion: string;

/** A plugin with an @injectable() class that takes the run's diagnostic sink. */
const source = (name: string) => `import { DIAGNOSTIC_SINK, OBJECTIVE_ESTIMATOR, inject, injectable } from '@hwcost/core';
class SinkEstimator {
  constructor(sink) { this.sink = sink; this.id = 'sink-units'; this.dimensions = ['units']; }
  isLayerOptimizable() { return { optimizable: false, attributes: null }; }
  layerResources() { return [1]; }
  layerSavings() { return [0]; }
}
// What TypeScript's legacy decorators compile to.
inject(DIAGNOSTIC_SINK)(SinkEstimator, undefined, 0);
injectable()(SinkEstimator);
export default {
  meta: { name: '${name}', version: '1.0.0', apiVersion: 1 },
  register(container) { container.register(OBJECTIVE_ESTIMATOR, { useClass: SinkEstimator }); },
};
`;

/** A plugin package with a copy of core (and of its dependencies) in its own node_modules, as npm nests one. */
async function withOwnCore(dir: string, name: string): Promise<void> {
  await writePlugin(dir, { name, source: source(name) });
  const copy = path.join(dir, 'node_modules/@hwcost/core');
  await mkdir(copy, { recursive: true });
  await cp(path.join(hostCore, 'package.json'), path.join(copy, 'package.json'));
  await cp(path.join(hostCore, 'dist'), path.join(copy, 'dist'), { recursive: true });
  // Core's dependencies as the workspace installs them (tslib, tsyringe's dependency, beside tsyringe).
  const tsyringe = await realpath(path.join(hostCore, 'node_modules/tsyringe'));
  const packages = { tsyringe, 'reflect-metadata': await realpath(path.join(hostCore, 'node_modules/reflect-metadata')), tslib: await realpath(path.join(tsyringe, '../tslib')) };
  for (const [dependency, from] of Object.entries(packages)) {
    await cp(from, path.join(copy, 'node_modules', dependency), { recursive: true, dereference: true });
  }
}

beforeAll(async () => {
  project = await fixtureProject('core-copy');
  hostVersion = (JSON.parse(await readFile(path.join(hostCore, 'package.json'), 'utf8')) as { version: string }).version;
  await Promise.all([
    withOwnCore(path.join(project, 'node_modules/hwcost-plugin-own-core'), 'hwcost-plugin-own-core'),
    withOwnCore(path.join(project, 'dev/hwcost-plugin-dev'), 'hwcost-plugin-dev'),
    writePlugin(path.join(project, 'node_modules/hwcost-plugin-future'), { name: 'hwcost-plugin-future', source: source('hwcost-plugin-future'), coreRange: '^2.0.0' }),
  ]);
});

afterAll(async () => {
  if (project) await rm(project, { recursive: true, force: true });
});

interface Listing {
  objectives: { id: string; plugin: { name: string } }[];
  problems: { plugin: string; kind: string; message: string }[];
}

function listing(...args: string[]): Listing {
  const result = runHwcost(['objectives', '--format', 'json', ...args], project);
  expect(result.status, result.stderr).toBe(0);
  return JSON.parse(result.stdout) as Listing;
}

describe('a second copy of @hwcost/core', () => {
  it('in an installed plugin is named, and so is the class it cannot create', async () => {
    const problems = listing().problems.filter((p) => p.plugin === 'hwcost-plugin-own-core');
    const copy = await realpath(path.join(project, 'node_modules/hwcost-plugin-own-core/node_modules/@hwcost/core'));
    expect(problems.map((p) => [p.kind, p.message])).toEqual([
      [
        'warning',
        `plugin hwcost-plugin-own-core: imports its own copy of @hwcost/core (${hostVersion} in ${copy}), not hwcost's (${hostVersion} in ${await realpath(hostCore)}); make @hwcost/core a peer dependency of hwcost-plugin-own-core so that it uses hwcost's (with another copy, classes registered with useClass cannot be created)`,
      ],
      [
        'load',
        "plugin hwcost-plugin-own-core: class SinkEstimator could not be created: it carries injection metadata, but not from hwcost's copy of tsyringe; import injectable and inject from '@hwcost/core', not from 'tsyringe'",
      ],
    ]);
  });

  it('in a plugin under development (--plugin ./dir) is replaced by hwcost\'s own core', () => {
    const listed = listing('--no-discovery', '--plugin', './dev/hwcost-plugin-dev');
    expect(listed.problems).toEqual([]);
    expect(listed.objectives.find((o) => o.id === 'sink-units')?.plugin.name).toBe('hwcost-plugin-dev');
    const result = runHwcost(['estimate', '--no-discovery', '--plugin', './dev/hwcost-plugin-dev', '--objective', 'sink-units', '--format', 'json'], project);
    expect(result.status, result.stderr).toBe(0);
  });
});

describe('a plugin whose peer range excludes the host\'s core', () => {
  it('is not loaded, and the problem names both versions', () => {
    expect(listing().problems.filter((p) => p.plugin === 'hwcost-plugin-future').map((p) => [p.kind, p.message])).toEqual([
      ['load', `plugin hwcost-plugin-future: needs @hwcost/core ^2.0.0 (its peerDependencies), but this hwcost runs @hwcost/core ${hostVersion}; use a release of hwcost-plugin-future made for @hwcost/core ${hostVersion}`],
    ]);
  });
});
