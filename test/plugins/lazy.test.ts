import { existsSync } from 'node:fs';
import { rm } from 'node:fs/promises';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fixtureProject, pluginSource, runHwcost, writePlugin } from './fixtures.js';

// Plugins that declare their objectives in package.json are imported only by runs that use them.
// Each fixture's import leaves a marker file, so a test sees which plugins a run imported.

let project: string;
const marker = (name: string) => path.join(project, 'imported', name);
const marking = (name: string, then: string) => `import { writeFileSync, mkdirSync } from 'node:fs';
mkdirSync(${JSON.stringify(path.dirname(marker(name)))}, { recursive: true });
writeFileSync(${JSON.stringify(marker(name))}, '');
${then}`;
const registerOne = (id: string, aliases: string[] = []) => `container.register(OBJECTIVE_ESTIMATOR, { useValue: { ...estimator('${id}', () => [1]), aliases: ${JSON.stringify(aliases)} } });`;

beforeAll(async () => {
  project = await fixtureProject('lazy');
  const modules = path.join(project, 'node_modules');
  await Promise.all([
    writePlugin(path.join(modules, 'hwcost-plugin-slow'), {
      name: 'hwcost-plugin-slow',
      objectives: ['slow-units'],
      source: marking('slow', `await new Promise((resolve) => setTimeout(resolve, 5000));\n${pluginSource('hwcost-plugin-slow', registerOne('slow-units'))}`),
    }),
    writePlugin(path.join(modules, 'hwcost-plugin-lut'), {
      name: 'hwcost-plugin-lut',
      objectives: ['lut'],
      source: marking('lut', pluginSource('hwcost-plugin-lut', registerOne('lut', ['LutEstimator']))),
    }),
    writePlugin(path.join(modules, 'hwcost-plugin-broken-declared'), {
      name: 'hwcost-plugin-broken-declared',
      objectives: ['broken-units'],
      source: marking('broken', pluginSource('hwcost-plugin-broken-declared', `throw new Error('broken');`)),
    }),
    writePlugin(path.join(modules, 'hwcost-plugin-undeclared'), {
      name: 'hwcost-plugin-undeclared',
      source: marking('undeclared', pluginSource('hwcost-plugin-undeclared', registerOne('free-units'))),
    }),
    writePlugin(path.join(modules, 'hwcost-plugin-liar'), {
      name: 'hwcost-plugin-liar',
      objectives: ['promised-units'],
      source: marking('liar', pluginSource('hwcost-plugin-liar', registerOne('other-units'))),
    }),
  ]);
});

afterAll(async () => {
  if (project) await rm(project, { recursive: true, force: true });
});

async function imported(args: string[]): Promise<{ result: ReturnType<typeof runHwcost>; plugins: string[] }> {
  await rm(path.join(project, 'imported'), { recursive: true, force: true });
  const result = runHwcost(args, project);
  return { result, plugins: ['slow', 'lut', 'broken', 'undeclared', 'liar'].filter((name) => existsSync(marker(name))) };
}

describe('a run imports only the plugins whose objectives it uses', () => {
  it('a first-party objective imports none of the declared third-party plugins; undeclared ones always load', async () => {
    const { result, plugins } = await imported(['estimate', '--objective', 'parameter', '--format', 'json']);
    expect(result.status, result.stderr).toBe(0);
    expect(plugins).toEqual(['undeclared']);
    // The slow and broken plugins cost this run nothing and are not even mentioned.
    expect(result.stdout).not.toMatch(/slow|broken/);
  });

  it('a plugin with a 5 s import is named when a run uses it', async () => {
    const { result, plugins } = await imported(['estimate', '--objective', 'slow-units,parameter', '--format', 'json']);
    expect(result.status, result.stderr).toBe(0);
    expect(plugins).toEqual(['slow', 'undeclared']);
    expect((JSON.parse(result.stdout) as { warnings: string[] }).warnings).toContainEqual(
      expect.stringMatching(/^plugin hwcost-plugin-slow: took [5-9]\.\d s to import; every run that uses its objectives pays it$/),
    );
  });

  it('a name no package declares (an alias) imports every plugin, so that it is still found', async () => {
    const { result, plugins } = await imported(['estimate', '--objective', 'LutEstimator', '--format', 'json']);
    expect(result.status, result.stderr).toBe(0);
    expect(plugins).toEqual(['slow', 'lut', 'broken', 'undeclared', 'liar']);
    expect(Object.keys((JSON.parse(result.stdout) as { totals: object }).totals)).toEqual(['lut']);
  }, 30_000);

  it('a declared plugin that breaks is named when its objective is asked for', async () => {
    const { result, plugins } = await imported(['estimate', '--objective', 'broken-units']);
    expect(plugins).toEqual(['broken', 'undeclared']);
    expect(result.status).toBe(2);
    expect(result.stderr.trim()).toMatch(/plugins that failed to load: hwcost-plugin-broken-declared/);
  });
});

describe('hwcost objectives', () => {
  it('imports every plugin, checks declarations against registrations and suggests the missing declaration', async () => {
    const { result } = await imported(['objectives', '--format', 'json']);
    expect(result.status, result.stderr).toBe(0);
    const listed = JSON.parse(result.stdout) as { objectives: { id: string }[]; problems: { plugin: string; kind: string; message: string }[]; hints: { plugin: string; message: string }[] };
    expect(listed.objectives.map((o) => o.id)).toEqual(expect.arrayContaining(['lut', 'slow-units', 'free-units', 'other-units']));
    expect(listed.problems.filter((p) => p.plugin === 'hwcost-plugin-liar').map((p) => [p.kind, p.message])).toEqual([
      ['warning', 'plugin hwcost-plugin-liar: registers other-units, which "hwcost.objectives" in its package.json does not declare; runs that ask only for those do not import it'],
      ['warning', 'plugin hwcost-plugin-liar: declares promised-units in "hwcost.objectives" of its package.json but does not register it'],
    ]);
    expect(listed.hints).toEqual([
      {
        plugin: 'hwcost-plugin-undeclared',
        message: 'plugin hwcost-plugin-undeclared: its package.json declares no objectives, so every run imports it; add "objectives": ["free-units"] to its "hwcost" key so that only runs that use them do',
      },
    ]);
  }, 30_000);
});
