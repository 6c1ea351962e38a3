import { rm } from 'node:fs/promises';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fixtureProject, oneLineError, pluginSource, runHwcost, writePlugin, type CliResult, type EstimateReport } from './fixtures.js';

// Each broken plugin is loaded next to the first-party ones with --plugin; a broken one must never
// hide the others, and is an error (exit 2, one line, no stack trace) only when its objective is asked for.

let project: string;
/** Ids listed without any fixture: the first-party ones, plus any plugin installed beside this hwcost. */
let baseline: string[];
/** The bundled example as the parameter objective sees it: what fixture objectives are compared with. */
let reference: { firstLayer: string; layers: number; parameters: number[] };
const plugin = (name: string) => `./plugins/${name}`;

beforeAll(async () => {
  project = await fixtureProject('broken');
  baseline = objectives().objectives.map((o) => o.id);
  expect(baseline).toEqual(expect.arrayContaining(['parameter', 'gpu-flops', 'vivado-dsp', 'vivado-ff', 'vivado-dsp-bram']));
  const report = estimateReport(estimate('parameter'));
  const estimated = report.layers.filter((l) => 'parameter' in l.estimates);
  reference = { firstLayer: estimated[0]!.name, layers: estimated.length, parameters: report.totals.parameter! };
  const at = (name: string) => path.join(project, 'plugins', name);
  const write = (name: string, source?: string, entry?: string) => writePlugin(at(name), { name, ...(source === undefined ? {} : { source }), ...(entry ? { entry } : {}) });
  const registerOne = (id: string, resources = '() => [1]') => `container.register(OBJECTIVE_ESTIMATOR, { useValue: estimator('${id}', ${resources}) });`;
  await Promise.all([
    write('fixture-api-v2', pluginSource('fixture-api-v2', registerOne('api-v2-units'), `{ name: 'fixture-api-v2', version: '2.0.0', apiVersion: 2 }`)),
    write('fixture-no-api', pluginSource('fixture-no-api', registerOne('no-api-units'), `{ name: 'fixture-no-api', version: '1.0.0' }`)),
    write('fixture-no-default', `export const plugin = { meta: { name: 'fixture-no-default', version: '1.0.0', apiVersion: 1 }, register() {} };\n`),
    write('fixture-no-register', `export default { meta: { name: 'fixture-no-register', version: '1.0.0', apiVersion: 1 } };\n`),
    write('fixture-register-throws', pluginSource('fixture-register-throws', `throw new Error('license file not found');`)),
    write('fixture-async-register', pluginSource('fixture-async-register', `return Promise.reject(new Error('late'));`)),
    write('fixture-import-error', `export default {;\n`),
    write('fixture-missing-entry', undefined, './dist/index.js'),
    write('fixture-duplicate', pluginSource('fixture-duplicate', registerOne('parameter', '() => [999]'))),
    write('fixture-dup-a', pluginSource('fixture-dup-a', registerOne('shared-units', '() => [1]'))),
    write('fixture-dup-b', pluginSource('fixture-dup-b', registerOne('shared-units', '() => [2]'))),
    write('fixture-invalid-objective', pluginSource('fixture-invalid-objective', `container.register(OBJECTIVE_ESTIMATOR, { useValue: { ...estimator('no-dims', () => []), dimensions: [] } });`)),
    write(
      'fixture-bad-results',
      pluginSource(
        'fixture-bad-results',
        [
          registerOne('bad-length', '() => [1, 2]'),
          registerOne('bad-nan', '() => [NaN]'),
          registerOne('bad-negative', '() => [-4]'),
          registerOne('bad-fraction', '() => [1.5]'),
          registerOne('bad-throw', `() => { throw new TypeError('reading "width" of undefined'); }`),
          registerOne('good-units', '() => [3]'),
        ].join('\n    '),
      ),
    ),
  ]);
});

afterAll(async () => {
  if (project) await rm(project, { recursive: true, force: true });
});

interface ObjectivesJson {
  objectives: { id: string; dimensions: string[]; plugin: { name: string; version: string }; source: string | null }[];
  problems: { plugin: string; kind: string; message: string; objectives: string[] }[];
}

function objectives(...plugins: string[]): ObjectivesJson {
  const result = runHwcost(['objectives', '--format', 'json', ...plugins.flatMap((p) => ['--plugin', plugin(p)])], project);
  expect(result.status, result.stderr).toBe(0);
  return JSON.parse(result.stdout) as ObjectivesJson;
}

function estimate(objective: string, ...plugins: string[]): CliResult {
  return runHwcost(['estimate', '--objective', objective, '--format', 'json', ...plugins.flatMap((p) => ['--plugin', plugin(p)])], project);
}

function estimateReport(result: CliResult): EstimateReport {
  expect(result.status, result.stderr).toBe(0);
  return JSON.parse(result.stdout) as EstimateReport;
}

/** The plugin's one problem in `hwcost objectives`, whose other objectives must all still be there. */
function onlyProblemOf(name: string): ObjectivesJson['problems'][number] {
  const listed = objectives(name);
  expect(listed.objectives.map((o) => o.id)).toEqual(baseline);
  expect(listed.problems).toHaveLength(1);
  expect(listed.problems[0]!.plugin).toBe(name);
  expect(listed.problems[0]!.message).not.toContain('\n');
  return listed.problems[0]!;
}

describe('a plugin that cannot be loaded is a problem, and an error only when its objective is requested', () => {
  const cases: { name: string; objective: string; message: RegExp }[] = [
    { name: 'fixture-api-v2', objective: 'api-v2-units', message: /^plugin fixture-api-v2: version 2\.0\.0 is written for plugin API version 2, but this hwcost supports plugin API version 1/ },
    { name: 'fixture-no-api', objective: 'no-api-units', message: /^plugin fixture-no-api: declares no meta\.apiVersion, but this hwcost supports plugin API version 1/ },
    { name: 'fixture-no-default', objective: 'x', message: /^plugin fixture-no-default: .*index\.js has no default export/ },
    { name: 'fixture-no-register', objective: 'x', message: /^plugin fixture-no-register: has no register\(container\) function$/ },
    { name: 'fixture-register-throws', objective: 'x', message: /^plugin fixture-register-throws: register\(\) threw: license file not found$/ },
    { name: 'fixture-async-register', objective: 'x', message: /^plugin fixture-async-register: register\(\) returned a promise; it must register its objectives synchronously$/ },
    { name: 'fixture-import-error', objective: 'x', message: /^plugin fixture-import-error: cannot import .*index\.js: Unexpected token/ },
    { name: 'fixture-missing-entry', objective: 'x', message: /^plugin fixture-missing-entry: entry file .*fixture-missing-entry\/dist\/index\.js does not exist \(is the package built\?\)$/ },
  ];

  for (const { name, objective, message } of cases) {
    it(name, () => {
      const problem = onlyProblemOf(name);
      expect(problem.kind).toBe('load');
      expect(problem.message).toMatch(message);

      const requested = estimate(objective, name);
      expect(requested.status).toBe(2);
      expect(oneLineError(requested)).toBe(
        `hwcost: unknown objective "${objective}"; known: ${baseline.join(', ')}; plugins that failed to load: ${name} (see "hwcost objectives")`,
      );
      // The other objectives still work, and the report says which plugin is missing from it.
      const others = estimateReport(estimate('parameter', name));
      expect(others.warnings).toContain(problem.message);
    });
  }
});

describe('objective ids', () => {
  it('an id a first-party plugin already has stays with it; the later plugin is a problem naming both', () => {
    const problem = onlyProblemOf('fixture-duplicate');
    expect(problem.kind).toBe('duplicate');
    expect(problem.message).toMatch(/^plugin fixture-duplicate: objective parameter is already registered by plugin @hwcost\/plugin-parameter@0\.1\.0 \(.*\), loaded first; keeping that one$/);
    expect(estimateReport(estimate('parameter', 'fixture-duplicate')).totals.parameter).toEqual(reference.parameters);
  });

  it('of two plugins with one id, the one loaded first keeps it', () => {
    const listed = objectives('fixture-dup-a', 'fixture-dup-b');
    expect(listed.objectives.find((o) => o.id === 'shared-units')!.plugin).toEqual({ name: 'fixture-dup-a', version: '1.0.0' });
    expect(listed.problems.map((p) => p.message)).toEqual([expect.stringMatching(/^plugin fixture-dup-b: objective shared-units is already registered by plugin fixture-dup-a@1\.0\.0 /)]);
    expect(estimateReport(estimate('shared-units', 'fixture-dup-a', 'fixture-dup-b')).totals['shared-units']).toEqual([reference.layers]);
  });

  it('an invalid objective is left out, and requesting it names the plugin and the reason', () => {
    const problem = onlyProblemOf('fixture-invalid-objective');
    expect(problem).toMatchObject({ kind: 'objective', objectives: ['no-dims'] });
    const result = estimate('no-dims', 'fixture-invalid-objective');
    expect(result.status).toBe(2);
    expect(oneLineError(result)).toBe('hwcost: objective no-dims is unavailable: plugin fixture-invalid-objective: objective no-dims: dimensions must be a non-empty array of names');
  });

  it('an unknown id lists the known ones', () => {
    const result = runHwcost(['estimate', '--objective', 'lut'], project);
    expect(result.status).toBe(2);
    expect(oneLineError(result)).toBe(`hwcost: unknown objective "lut"; known: ${baseline.join(', ')}`);
  });
});

describe('estimator results are checked on every call', () => {
  const cases: [string, string][] = [
    ['bad-length', 'layerResources returned [1, 2]; expected 1 non-negative integer(s) (units)'],
    ['bad-nan', 'layerResources returned [NaN]; expected 1 non-negative integer(s) (units)'],
    ['bad-negative', 'layerResources returned [-4]; expected 1 non-negative integer(s) (units)'],
    ['bad-fraction', 'layerResources returned [1.5]; expected 1 non-negative integer(s) (units)'],
    ['bad-throw', 'layerResources threw: reading "width" of undefined'],
  ];
  for (const [objective, reason] of cases) {
    it(objective, () => {
      const result = estimate(objective, 'fixture-bad-results');
      expect(result.status).toBe(2);
      expect(oneLineError(result)).toBe(`hwcost: objective ${objective}, layer ${reference.firstLayer}: ${reason} (plugin fixture-bad-results)`);
    });
  }

  it('the plugin\'s well-behaved objective still works', () => {
    expect(estimateReport(estimate('good-units', 'fixture-bad-results')).totals['good-units']).toEqual([3 * reference.layers]);
  });

  it('--debug prints the stack trace', () => {
    const result = runHwcost(['estimate', '--objective', 'bad-throw', '--plugin', plugin('fixture-bad-results'), '--debug'], project);
    expect(result.status).toBe(2);
    expect(result.stderr).toContain('layerResources threw: reading "width" of undefined');
    expect(result.stderr).toMatch(/\n\s+at /);
  });
});

describe('--plugin', () => {
  it('a path that does not exist is an error', () => {
    const result = runHwcost(['objectives', '--plugin', './plugins/nowhere'], project);
    expect(result.status).toBe(2);
    expect(oneLineError(result)).toBe(`hwcost: --plugin ./plugins/nowhere: ${path.join(project, 'plugins/nowhere')} does not exist`);
  });

  it('a package name that is not installed is an error', () => {
    const result = runHwcost(['objectives', '--plugin', 'hwcost-plugin-nowhere'], project);
    expect(result.status).toBe(2);
    expect(oneLineError(result)).toBe(`hwcost: --plugin hwcost-plugin-nowhere: no such file, and no package of that name is installed for ${project}`);
  });

  it('a module file loads too, named by the value given until its meta is read', () => {
    const listed = objectives('fixture-bad-results/index.js');
    expect(listed.objectives.find((o) => o.id === 'good-units')!.plugin).toEqual({ name: 'fixture-bad-results', version: '1.0.0' });
  });
});
