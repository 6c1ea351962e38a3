import { rm } from 'node:fs/promises';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fixtureProject, oneLineError, pluginSource, runHwcost, writePlugin, type CliResult } from './fixtures.js';

// Plugins that misbehave outside the calls hwcost checks: while imported, in timers, in promises,
// through process.exit or errors that cannot be printed. Each must end as a problem naming the
// plugin — the run going on without it, or stopping with one line — never a Node stack trace, and
// never exit 0 with an empty report.

let project: string;
const registerOne = (id: string, resources = '() => [1]') => `container.register(OBJECTIVE_ESTIMATOR, { useValue: estimator('${id}', ${resources}) });`;
/** An error whose message and toString both throw. */
const unprintable = `Object.defineProperties(new Error('x'), { message: { get() { throw new Error('no message'); } }, toString: { value() { throw new Error('no string'); } } })`;

const fixtures: Record<string, string> = {
  'fixture-timer-throw': pluginSource('fixture-timer-throw', `setTimeout(() => { throw new Error('tick failed'); }, 0);\n    ${registerOne('timer-units')}`),
  'fixture-unhandled': `Promise.reject(new Error('lost'));\n${pluginSource('fixture-unhandled', registerOne('unhandled-units'))}`,
  'fixture-hang': `await new Promise(() => {});\n${pluginSource('fixture-hang', registerOne('hang-units'))}`,
  'fixture-meta-getter': `export default { get meta() { throw new Error('no meta for you'); }, register() {} };\n`,
  'fixture-unprintable-register': pluginSource('fixture-unprintable-register', `throw ${unprintable};`),
  'fixture-unprintable-estimator': pluginSource('fixture-unprintable-estimator', registerOne('unprintable-units', `() => { throw ${unprintable}; }`)),
  'fixture-exit-import': `process.exit(0);\n${pluginSource('fixture-exit-import', registerOne('exit-units'))}`,
  'fixture-exit-register': pluginSource('fixture-exit-register', `process.exit(0);`),
  'fixture-exit-estimator': pluginSource('fixture-exit-estimator', registerOne('exit-late-units', '() => process.exit(0)')),
  'fixture-exit-timer': pluginSource('fixture-exit-timer', `setTimeout(() => process.exit(0), 0);\n    ${registerOne('exit-timer-units')}`),
  'fixture-print': `console.log('hello from a plugin');\n${pluginSource('fixture-print', `console.log('registering');\n    ${registerOne('print-units')}`)}`,
};

beforeAll(async () => {
  project = await fixtureProject('misbehaving');
  await Promise.all(Object.entries(fixtures).map(([name, source]) => writePlugin(path.join(project, 'plugins', name), { name, source })));
});

afterAll(async () => {
  if (project) await rm(project, { recursive: true, force: true });
});

const run = (args: string[], plugin: string, env: Record<string, string> = {}): CliResult => runHwcost([...args, '--plugin', `./plugins/${plugin}`], project, env);
const estimate = (objective: string, plugin: string, env?: Record<string, string>) => run(['estimate', '--objective', objective, '--format', 'json'], plugin, env);

function problemsOf(plugin: string, env?: Record<string, string>): { plugin: string; kind: string; message: string }[] {
  const result = run(['objectives', '--format', 'json'], plugin, env);
  expect(result.status, result.stderr).toBe(0);
  return (JSON.parse(result.stdout) as { problems: { plugin: string; kind: string; message: string }[] }).problems;
}

/** The run stopped with exit code 2 and one line naming the plugin. */
function stoppedNaming(result: CliResult, plugin: string): string {
  expect(result.status).toBe(2);
  const line = oneLineError(result);
  expect(line).toContain(`plugin ${plugin}`);
  return line;
}

describe('code a plugin leaves running', () => {
  it('a throw in a timer stops the run with one line naming the plugin', () => {
    expect(stoppedNaming(estimate('parameter', 'fixture-timer-throw'), 'fixture-timer-throw')).toBe(
      'hwcost: plugin fixture-timer-throw threw outside any call hwcost made (in a timer or callback): tick failed; the run stopped',
    );
  });

  it('an unhandled rejection stops the run with one line naming the plugin', () => {
    expect(stoppedNaming(estimate('parameter', 'fixture-unhandled'), 'fixture-unhandled')).toBe(
      'hwcost: plugin fixture-unhandled left a promise rejection unhandled: lost; the run stopped',
    );
  });

  it('process.exit(0) in a timer stops the run with exit code 2, not 0', () => {
    expect(stoppedNaming(estimate('parameter', 'fixture-exit-timer'), 'fixture-exit-timer')).toBe(
      'hwcost: plugin fixture-exit-timer threw outside any call hwcost made (in a timer or callback): called process.exit(0); a plugin must not end the process; the run stopped',
    );
  });
});

describe('an import that never settles', () => {
  const env = { HWCOST_PLUGIN_TIMEOUT_MS: '1000' };

  it('is given up after the time limit, and the run goes on without the plugin', () => {
    const problems = problemsOf('fixture-hang', env);
    expect(problems).toEqual([
      { plugin: 'fixture-hang', kind: 'load', message: `plugin fixture-hang: importing ${path.join(project, 'plugins/fixture-hang/index.js')} did not finish within 1.0 s; hwcost went on without it`, objectives: [], source: expect.any(String) },
    ]);
    const others = estimate('parameter', 'fixture-hang', env);
    expect(others.status, others.stderr).toBe(0);
    expect((JSON.parse(others.stdout) as { warnings: string[] }).warnings).toContain(problems[0]!.message);
  });

  it('asking for its objective ends with one line naming it', () => {
    const result = estimate('hang-units', 'fixture-hang', env);
    expect(result.status).toBe(2);
    expect(oneLineError(result)).toMatch(/^hwcost: unknown objective "hang-units"; known: .*; plugins that failed to load: fixture-hang \(see "hwcost objectives"\)$/);
  });
});

describe('plugins that cannot be read or printed', () => {
  it('a throwing meta getter is a problem, and objectives still lists the rest', () => {
    expect(problemsOf('fixture-meta-getter').map((p) => p.message)).toEqual(['plugin fixture-meta-getter: reading the plugin object threw: no meta for you']);
  });

  it('an error whose message and toString throw, from register', () => {
    expect(problemsOf('fixture-unprintable-register').map((p) => p.message)).toEqual([
      'plugin fixture-unprintable-register: register() threw: (an error whose message cannot be read)',
    ]);
  });

  it('an error whose message and toString throw, from an estimator', () => {
    const line = stoppedNaming(estimate('unprintable-units', 'fixture-unprintable-estimator'), 'fixture-unprintable-estimator');
    expect(line).toMatch(/^hwcost: objective unprintable-units, layer \S+: layerResources threw: \(an error whose message cannot be read\) \(plugin fixture-unprintable-estimator\)$/);
  });
});

describe('process.exit(0) inside a plugin', () => {
  it('while imported: a problem naming the plugin; the run goes on without it', () => {
    expect(problemsOf('fixture-exit-import').map((p) => p.message)).toEqual([
      'plugin fixture-exit-import: while being imported, it called process.exit(0); a plugin must not end the process',
    ]);
    const result = estimate('parameter', 'fixture-exit-import');
    expect(result.status, result.stderr).toBe(0);
    expect(JSON.parse(result.stdout)).toHaveProperty('totals.parameter');
  });

  it('in register: a problem naming the plugin', () => {
    expect(problemsOf('fixture-exit-register').map((p) => p.message)).toEqual([
      'plugin fixture-exit-register: register() threw: called process.exit(0); a plugin must not end the process',
    ]);
  });

  it('in an estimator call: the run stops with exit code 2 and one line naming the plugin', () => {
    expect(stoppedNaming(estimate('exit-late-units', 'fixture-exit-estimator'), 'fixture-exit-estimator')).toMatch(
      /^hwcost: objective exit-late-units, layer \S+: layerResources threw: called process\.exit\(0\); a plugin must not end the process \(plugin fixture-exit-estimator\)$/,
    );
  });
});

describe('a plugin that prints while it loads', () => {
  it('leaves --format json parseable, and the report names it', () => {
    const result = estimate('print-units,parameter', 'fixture-print');
    expect(result.status, result.stderr).toBe(0);
    const report = JSON.parse(result.stdout) as { totals: Record<string, number[]>; warnings: string[] };
    expect(Object.keys(report.totals)).toEqual(['print-units', 'parameter']);
    expect(report.warnings).toContain('plugin fixture-print: printed to stdout while loading, which hwcost kept out of the report: "hello from a plugin"');
  });

  it('leaves --format csv free of its output', () => {
    const result = run(['estimate', '--objective', 'print-units', '--format', 'csv'], 'fixture-print');
    expect(result.status, result.stderr).toBe(0);
    expect(result.stdout).not.toContain('hello');
    expect(result.stdout.split('\n')[0]).toBe('layer,type,supported,print-units:units');
  });
});

describe('objectives --strict', () => {
  it('exits 2 when a plugin has a problem, after the listing', () => {
    const result = run(['objectives', '--strict', '--format', 'json'], 'fixture-meta-getter');
    expect(result.status).toBe(2);
    expect(JSON.parse(result.stdout)).toHaveProperty('problems');
    expect(oneLineError(result)).toBe('hwcost: --strict: 1 plugin problem(s): plugin fixture-meta-getter: reading the plugin object threw: no meta for you');
  });

  it('exits 0 when every plugin loads cleanly', () => {
    const result = runHwcost(['objectives', '--strict'], project);
    expect(result.status, result.stderr).toBe(0);
  });
});
