import { mkdir, rm, symlink, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { discoverPlugins, pluginSearchDirs } from '@hwcost/engine';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fixtureProject, pluginSource, runHwcost, writePlugin } from './fixtures.js';

const PLAIN = 1_800;
const SCOPES = 10;
const PER_SCOPE = 20;

let project: string;
let nodeModules: string;

async function writePackage(dir: string, manifest: object | string): Promise<void> {
  await mkdir(dir, { recursive: true });
  await writeFile(path.join(dir, 'package.json'), typeof manifest === 'string' ? manifest : JSON.stringify(manifest));
}

const registerOne = (id: string) => `container.register(OBJECTIVE_ESTIMATOR, { useValue: estimator('${id}', () => [1]) });`;

// A node_modules as large as a real project's: 2,000 packages, a few of them plugins, and plugins
// in places discovery must not look (nested node_modules, pnpm's store).
beforeAll(async () => {
  project = await fixtureProject('discovery');
  nodeModules = path.join(project, 'node_modules');
  const fillers = [
    ...Array.from({ length: PLAIN }, (_, i) => `pkg-${String(i).padStart(4, '0')}`),
    ...Array.from({ length: SCOPES * PER_SCOPE }, (_, i) => `@scope-${i % SCOPES}/pkg-${i}`),
  ];
  for (let i = 0; i < fillers.length; i += 200) {
    await Promise.all(fillers.slice(i, i + 200).map((name) => writePackage(path.join(nodeModules, name), { name, version: '1.0.0', main: 'index.js' })));
  }
  await Promise.all([
    writePlugin(path.join(nodeModules, 'hwcost-plugin-alpha'), { name: 'hwcost-plugin-alpha', source: pluginSource('hwcost-plugin-alpha', registerOne('alpha-units')) }),
    writePlugin(path.join(nodeModules, '@acme/hwcost-plugin-beta'), { name: '@acme/hwcost-plugin-beta', source: pluginSource('@acme/hwcost-plugin-beta', registerOne('beta-units')) }),
    writePlugin(path.join(nodeModules, 'hwcost-plugin-broken'), { name: 'hwcost-plugin-broken', source: pluginSource('hwcost-plugin-broken', `throw new Error('boom');`) }),
    writePlugin(path.join(project, 'vendor/linked-plugin'), { name: 'linked-plugin', source: pluginSource('linked-plugin', registerOne('linked-units')) }),
    // Mentions hwcost, declares no plugin: not a candidate.
    writePackage(path.join(nodeModules, 'pkg-0007'), { name: 'pkg-0007', version: '1.0.0', keywords: ['hwcost'], hwcost: { note: 'no plugin here' } }),
    writePackage(path.join(nodeModules, 'broken-json'), '{"name": "broken-json", "hwcost": {"plugin": "./index.js"},'),
    writePackage(path.join(nodeModules, 'bad-entry-type'), { name: 'bad-entry-type', version: '1.0.0', hwcost: { plugin: 42 } }),
    writePlugin(path.join(nodeModules, 'pkg-0100/node_modules/hwcost-plugin-nested'), { name: 'hwcost-plugin-nested', source: pluginSource('hwcost-plugin-nested', registerOne('nested-units')) }),
    writePlugin(path.join(nodeModules, '.pnpm/hwcost-plugin-hidden@1.0.0/node_modules/hwcost-plugin-hidden'), {
      name: 'hwcost-plugin-hidden',
      source: pluginSource('hwcost-plugin-hidden', registerOne('hidden-units')),
    }),
    mkdir(path.join(nodeModules, 'not-a-package'), { recursive: true }),
    writeFile(path.join(nodeModules, 'stray-file'), 'not a directory'),
  ]);
  await symlink(path.join(project, 'vendor/linked-plugin'), path.join(nodeModules, 'linked-plugin'), 'dir');
});

afterAll(async () => {
  if (project) await rm(project, { recursive: true, force: true });
});

describe('pluginSearchDirs', () => {
  it('is the project\'s node_modules and hwcost\'s installation, never every ancestor', () => {
    expect(pluginSearchDirs('/home/me/project', '/usr/lib/node_modules/@hwcost/cli')).toEqual(['/usr/lib/node_modules/@hwcost/cli/node_modules', '/usr/lib/node_modules', '/home/me/project/node_modules']);
    expect(pluginSearchDirs('/p', '/p/node_modules/hwcost-cli')).toEqual(['/p/node_modules/hwcost-cli/node_modules', '/p/node_modules']);
    expect(pluginSearchDirs('/p', '/work/repo/packages/cli')).toEqual(['/work/repo/packages/cli/node_modules', '/p/node_modules']);
  });
});

describe('discovery in a node_modules of 2,000 packages', () => {
  it('finds the top-level and scoped plugins only, and reports unusable manifests', async () => {
    const { candidates, problems } = await discoverPlugins([nodeModules, path.join(project, 'missing/node_modules')]);
    expect(candidates.map((c) => c.name)).toEqual(['@acme/hwcost-plugin-beta', 'hwcost-plugin-alpha', 'hwcost-plugin-broken', 'linked-plugin']);
    expect(candidates.find((c) => c.name === 'linked-plugin')!.entry).toBe(path.join(nodeModules, 'linked-plugin/index.js'));
    expect(problems.map((p) => [p.name, p.message])).toEqual([
      ['bad-entry-type', `plugin bad-entry-type: "hwcost.plugin" in ${path.join(nodeModules, 'bad-entry-type/package.json')} must be the path of the plugin module, got 42`],
      ['broken-json', expect.stringMatching(new RegExp(`^package broken-json: invalid JSON in ${path.join(nodeModules, 'broken-json/package.json')}: `))],
    ]);
  });

  it('the same node_modules given twice lists its packages once', async () => {
    const { candidates } = await discoverPlugins([nodeModules, nodeModules]);
    expect(candidates).toHaveLength(4);
  });

  it('hwcost lists them beside the first-party plugins, each loaded once; the broken ones are problems', () => {
    // linked-plugin is reached twice, through node_modules and --plugin, and must not clash with itself.
    const result = runHwcost(['objectives', '--format', 'json', '--plugin', './vendor/linked-plugin'], project);
    expect(result.status, result.stderr).toBe(0);
    const listed = JSON.parse(result.stdout) as { objectives: { id: string; plugin: { name: string } }[]; problems: { plugin: string; kind: string; message: string }[] };
    const ids = listed.objectives.map((o) => o.id);
    // hwcost's own installation comes first: the first-party plugins, then this project's, in name order.
    expect(ids.slice(0, 5)).toEqual(['gpu-flops', 'parameter', 'vivado-dsp', 'vivado-ff', 'vivado-dsp-bram']);
    expect(ids.slice(-3)).toEqual(['beta-units', 'alpha-units', 'linked-units']);
    expect(listed.objectives.find((o) => o.id === 'beta-units')!.plugin.name).toBe('@acme/hwcost-plugin-beta');
    expect(listed.problems.map((p) => [p.plugin, p.kind])).toEqual([
      ['bad-entry-type', 'load'],
      ['broken-json', 'load'],
      ['hwcost-plugin-broken', 'load'],
    ]);
    expect(listed.problems[2]!.message).toBe('plugin hwcost-plugin-broken: register() threw: boom');
  });
});
