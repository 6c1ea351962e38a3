import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { parse } from 'csv-parse/sync';
import { afterAll, describe, expect, it } from 'vitest';
import { oneLineError, repoRoot, runHwcost } from '../support/cli.js';

const dir = mkdtempSync(path.join(tmpdir(), 'hwcost-sweep-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const example = path.join(repoRoot, 'packages/cli/examples/jet-tagging/jet-tagging.json');
const threeAxes = ['--vary', 'ReuseFactor=1,2,4,8', '--vary', 'Precision=ap_fixed<8,3>,ap_fixed<16,6>', '--vary', 'Strategy=Latency,Resource'];

function ok(...args: string[]) {
  const result = runHwcost(['sweep', ...args]);
  expect(result.stderr).toBe('');
  expect(result.status).toBe(0);
  return result.stdout;
}

interface SweepJsonPoint {
  index: number;
  settings: { ReuseFactor?: number; Precision?: string; Strategy?: string };
  totals: Record<string, number[]>;
  interval: number;
  pareto: boolean;
}

/** `hwcost estimate` of the bundled example under `hlsConfig`, as JSON. */
function estimateTotals(hlsConfig: object, name: string): Record<string, number[]> {
  const config = path.join(dir, `${name}.json`);
  writeFileSync(config, JSON.stringify({ KerasJson: example, IOType: 'io_parallel', HLSConfig: hlsConfig }));
  const result = runHwcost(['estimate', '--config', config, '--objective', 'all', '--format', 'json']);
  expect(result.status, result.stderr).toBe(0);
  return JSON.parse(result.stdout).totals;
}

describe('hwcost sweep', () => {
  it('prints the Pareto front of three axes over the bundled example', () => {
    const out = ok('--objective', 'vivado-dsp-bram', ...threeAxes);
    expect(out).toMatch(/sweep of ReuseFactor \(4\) × Precision \(2\) × Strategy \(2\) = 16 points, model-wide \(fc1, fc2, fc3, output\)/);
    const front = /Pareto front over vivado-dsp-bram:DSP, vivado-dsp-bram:BRAM, interval: (\d+) of 16 points, (\d+) distinct/.exec(out);
    expect(front).not.toBeNull();
    // One row per distinct set of figures, counting the points it stands for.
    const rows = out.split('\n').filter((l) => /^│ \d/.test(l));
    expect(rows.length).toBe(Number(front![2]));
    expect(rows.reduce((n, row) => n + Number(row.split('│').at(-2)!.trim()), 0)).toBe(Number(front![1]));
    // At ReuseFactor 8 every layer has 1/8 of its multipliers in DSPs (4,256 weights / 8); under Latency no BRAM, whatever the precision.
    expect(out).toMatch(/│ 8\s+│ ap_fixed<8,3>\s+│ Latency\s+│\s+532 │\s+0 │\s+8 │\s+2 │/);
  });

  it('writes every point to a CSV that parses, front marked as in the JSON', () => {
    const csvRun = runHwcost(['sweep', '--objective', 'vivado-dsp,parameter', ...threeAxes, '--format', 'csv']);
    expect(csvRun.status).toBe(0);
    const csv = parse(csvRun.stdout, { columns: true }) as Record<string, string>[];
    expect(csv).toHaveLength(16);
    expect(Object.keys(csv[0]!)).toEqual(['index', 'ReuseFactor', 'Precision', 'Strategy', 'vivado-dsp:DSP', 'parameter:parameters', 'interval', 'pareto', 'moved', 'skipped']);
    expect(csv[0]).toMatchObject({ ReuseFactor: '1', Precision: 'ap_fixed<8,3>', Strategy: 'Latency', 'parameter:parameters': '4256', interval: '1' });
    const json = JSON.parse(ok('--objective', 'vivado-dsp,parameter', ...threeAxes, '--format', 'json'));
    expect(csv.map((row) => row.pareto === 'true')).toEqual(json.points.map((p: SweepJsonPoint) => p.pareto));
    // CSV has no place for warnings: they reach stderr, the same ones the JSON report lists.
    expect(csvRun.stderr.split('\n').filter(Boolean)).toEqual(json.warnings.map((w: string) => `hwcost: warning: ${w}`));
  });

  it("gives each point the totals `hwcost estimate` gives under the same settings (model-wide)", () => {
    const json = JSON.parse(ok('--objective', 'all', ...threeAxes, '--format', 'json'));
    expect(json.points).toHaveLength(16);
    for (const index of [0, 5, 10, 15]) {
      const point = json.points[index] as SweepJsonPoint;
      // Model-wide settings are what a config sets at Model level with no per-layer entries.
      expect(point.totals, JSON.stringify(point.settings)).toEqual(estimateTotals({ Model: point.settings }, `model-${index}`));
      expect(point.interval).toBe(point.settings.ReuseFactor);
    }
  });

  it('applies the settings to one layer with --layer, the config holding for the others', () => {
    const json = JSON.parse(ok('--layer', 'fc2', '--vary', 'ReuseFactor=1,16', '--vary', 'Precision=ap_fixed<6,2>,ap_fixed<18,8>', '--format', 'json'));
    expect(json.layers).toEqual(['fc2']);
    for (const point of json.points as SweepJsonPoint[]) {
      // The bundled config: Model ReuseFactor 8, Resource, ap_fixed<16,6>; fc1 at 4, output at 2.
      const hlsConfig = { Model: { Precision: 'ap_fixed<16,6>', ReuseFactor: 8, Strategy: 'Resource' }, LayerName: { fc1: { ReuseFactor: 4 }, output: { ReuseFactor: 2 }, fc2: point.settings } };
      expect(point.totals, JSON.stringify(point.settings)).toEqual(estimateTotals(hlsConfig, `layer-${point.index}`));
      expect(point.interval).toBe(Math.max(8, point.settings.ReuseFactor!));
    }
  });

  it('gives the same points on one thread and on two', () => {
    const axes = ['--objective', 'vivado-dsp-bram,parameter', '--vary', 'ReuseFactor=1..40', '--vary', 'Precision=ap_fixed<4..43,6>', '--vary', 'Strategy=Latency,Resource', '--format', 'json'];
    // 3,200 points, enough for a worker: the reports are read from files, larger than a pipe is read here.
    const report = (jobs: string) => {
      const file = path.join(dir, `threads-${jobs}.json`);
      ok(...axes, '--jobs', jobs, '--output', file);
      return JSON.parse(readFileSync(file, 'utf8'));
    };
    const [one, two] = [report('1'), report('2')];
    expect(one.points).toHaveLength(3200);
    expect([one.jobs, two.jobs]).toEqual([1, 2]);
    expect(two.points).toEqual(one.points);
  });

  it('reports a point the config resolution refuses as skipped, with the reason', () => {
    // The output layer has 32·5 = 160 weights.
    const out = ok('--vary', 'ReuseFactor=160,161,320', '--objective', 'parameter', '--format', 'json');
    const json = JSON.parse(out);
    const reasons = [...json.skipped.map((s: { reason: string }) => s.reason), ...json.points.flatMap((p: { moved: unknown[] }) => p.moved)];
    // Until the config resolution moves an invalid ReuseFactor, it refuses it: either way the point is reported.
    expect(json.points.length + json.skipped.length).toBe(3);
    expect(reasons.length).toBeGreaterThan(0);
  });

  it("reports the base config's warnings once, not once per point", () => {
    const config = path.join(dir, 'typo.json');
    writeFileSync(config, JSON.stringify({ KerasJson: example, HLSConfig: { Model: { ReuseFactor: 2, Reusefactr: 4 } } }));
    const json = JSON.parse(ok('--config', config, '--vary', 'ReuseFactor=1,2,4', '--objective', 'parameter', '--format', 'json'));
    expect(json.warnings.filter((w: string) => w.includes('Reusefactr'))).toEqual([`${config}: HLSConfig.Model.Reusefactr is not an hls4ml key and is ignored; did you mean ReuseFactor?`]);
  });

  it('tells the ReuseFactors not valid for a layer in one line per layer, the same in every format', () => {
    const args = ['--objective', 'parameter', '--vary', 'ReuseFactor=1..16', '--vary', 'Strategy=Latency,Resource'];
    const json = JSON.parse(ok(...args, '--format', 'json'));
    const reuse = (json.warnings as string[]).filter((w) => w.includes('not valid for this layer'));
    // Only Resource points check a ReuseFactor against hls4ml's rules: 11 invalid values of 16, in 11 of 32 points.
    expect(reuse).toEqual(
      ['fc1', 'fc2', 'fc3', 'output'].map((layer) =>
        expect.stringMatching(new RegExp(`^layer ${layer}: .*\\.${layer}\\.ReuseFactor 3, 5–7, 9–15 are not valid for this layer .*\\(3→2, 5–6→4, 7→8, 9–12→8, 13–15→16\\).* \\(in 11 of 32 points\\)$`)),
      ),
    );
    const csv = runHwcost(['sweep', ...args, '--format', 'csv']);
    expect(csv.stderr.split('\n').filter(Boolean)).toEqual(json.warnings.map((w: string) => `hwcost: warning: ${w}`));
    const table = ok(...args);
    const html = ok(...args, '--format', 'html');
    const escaped = (w: string) => w.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;').replace(/'/g, '&#39;');
    for (const line of reuse) {
      expect(table).toContain(`  - ${line}`);
      expect(html.includes(line) || html.includes(escaped(line)), line).toBe(true);
    }
  });

  it('refuses bad axes, layers and measures in one line', () => {
    const run = (...args: string[]) => runHwcost(['sweep', ...args]);
    for (const [args, message] of [
      [[], /sweep needs at least one --vary KEY=VALUES/],
      [['--vary', 'Reuse=1'], /--vary: sweep axis "Reuse=1": unknown key "Reuse"/],
      [['--vary', 'ReuseFactor=1', '--layer', 'relu1'], /layer "relu1" has no hls4ml settings to sweep; layers that have: fc1, fc2, fc3, output/],
      [['--vary', 'ReuseFactor=1', '--pareto', 'URAM'], /unknown measure "URAM"; known: .*interval/],
      [['--vary', 'ReuseFactor=1', '--pareto', 'DSP'], /measure "DSP" is ambiguous: vivado-dsp:DSP or vivado-dsp-bram:DSP/],
      [['--vary', 'ReuseFactor=1', '--jobs', '0'], /--jobs must be a positive integer/],
    ] as const) {
      const result = run(...args);
      expect(result.status, args.join(' ')).toBe(2);
      expect(oneLineError(result)).toMatch(message);
    }
  });
});

/**
 * A plugin as a third party would ship it, injecting the run's kernels and settings by their
 * registered symbols: it counts the nonzero weights of each layer, and one more per layer when the
 * run says it is a sweep, so a worker thread without the run's services would give other figures.
 */
const kernelPlugin = `
const weightsToken = Symbol.for('hwcost.LayerWeights');
const settingsToken = Symbol.for('hwcost.RunSettings');
class NonzeroKernel {
  id = 'nonzero-kernel';
  dimensions = ['weights'];
  usesWeights = true;
  constructor(weights, settings) { this.weights = weights; this.settings = settings; }
  isLayerOptimizable() { return { optimizable: false, attributes: null }; }
  layerResources(layer) {
    const kernel = this.weights.kernel(layer.name);
    if (!kernel) return [0];
    return [kernel.data.reduce((n, v) => n + (v !== 0 ? 1 : 0), 0) + (this.settings.command === 'sweep' ? 1 : 0)];
  }
  layerSavings() { return [0]; }
}
export default {
  meta: { name: 'test-nonzero-kernel', version: '1.0.0', apiVersion: 1 },
  register(container) {
    container.register(Symbol.for('hwcost.ObjectiveEstimator'), { useFactory: (c) => new NonzeroKernel(c.resolve(weightsToken), c.resolve(settingsToken)) });
  },
};
`;

describe('hwcost sweep with a plugin that injects run services', () => {
  it('gives every thread the run kernels and settings', () => {
    const plugin = path.join(dir, 'nonzero-kernel.mjs');
    writeFileSync(plugin, kernelPlugin);
    const args = ['--plugin', plugin, '--objective', 'nonzero-kernel', '--vary', 'ReuseFactor=1..40', '--vary', 'Precision=ap_fixed<4..103,6>', '--format', 'json'];
    // 4,000 points: the report is larger than what a test may read from a pipe.
    const report = (jobs: string) => {
      const file = path.join(dir, `nonzero-${jobs}.json`);
      ok(...args, '--jobs', jobs, '--output', file);
      return JSON.parse(readFileSync(file, 'utf8'));
    };
    const [one, two] = [report('1'), report('2')];
    expect([one.jobs, two.jobs]).toEqual([1, 2]);
    // The example's seeded weights have no zeros: 4,256 weights, plus one per layer with a kernel (fc1, fc2, fc3, output).
    for (const report of [one, two]) expect(new Set(report.points.map((p: SweepJsonPoint) => p.totals['nonzero-kernel']![0]))).toEqual(new Set([4260]));
  });
});
