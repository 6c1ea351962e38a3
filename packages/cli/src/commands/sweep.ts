import { Option, type Command } from 'commander';
import { HwcostError } from '@hwcost/core';
import { loadRun, parseSweepAxis, runDiagnostics, runSweep, selectObjectives, type SweepAxis } from '@hwcost/engine';
import { progressBar } from '../output/progress.js';
import { warnOnStderr } from '../output/warnings.js';
import { checkOutputs, emit } from '../output/write.js';
import { registryOf, registryOptionsOf } from '../program/context.js';
import { sweepCsv, sweepJson, sweepTable, sweepView } from '../reports/sweep.js';
import { sweepHtml } from '../reports/html/sweep.js';
import { collectProvenance, runFiles } from '../reports/html/provenance.js';
import { withBundledExample } from '../session/example.js';

interface SweepOptions {
  config?: string;
  objective: string;
  vary: string[];
  layer?: string;
  pareto?: string;
  jobs?: string;
  format: 'table' | 'json' | 'csv' | 'html';
  output?: string;
}

function collect(value: string, previous: string[]): string[] {
  return [...previous, value];
}

function jobsOf(text: string | undefined): number | undefined {
  if (text === undefined) return undefined;
  const jobs = Number(text);
  if (!Number.isInteger(jobs) || jobs < 1) throw new HwcostError(`--jobs must be a positive integer, got "${text}"`);
  return jobs;
}

function axesOf(texts: readonly string[]): SweepAxis[] {
  if (texts.length === 0) throw new HwcostError('sweep needs at least one --vary KEY=VALUES, e.g. --vary ReuseFactor=1,2,4,8');
  return texts.map((text) => {
    try {
      return parseSweepAxis(text);
    } catch (error) {
      throw new HwcostError(`--vary: ${(error as Error).message}`);
    }
  });
}

/** `hwcost sweep`: estimates every combination of hls4ml settings and reports the Pareto front. */
export function registerSweepCommand(program: Command): void {
  program
    .command('sweep')
    .description('estimate every combination of hls4ml settings (ReuseFactor, Precision, Strategy, IOType) and report the Pareto front (no model: the bundled example)')
    .argument('[model]', "Keras model JSON, whole-model .h5, .keras archive or ONNX model; default: the model the config names")
    .option('--config <file>', 'hls4ml config (YAML or JSON): the base every point overrides')
    .addOption(new Option('--objective <ids>', 'objective ids or hls4ml class names: "a,b" separate objectives, "a+b" one composite, or "all"').default('all'))
    .option(
      '--vary <KEY=VALUES>',
      'an axis (repeatable): ReuseFactor=1,2,4,8 or 1..16, Precision=ap_fixed<8,3>,ap_fixed<16,6> (ranges inside too: ap_fixed<4..16,6>), Strategy=Latency,Resource, IOType=io_parallel,io_stream',
      collect,
      [],
    )
    .option('--layer <name>', 'apply the settings to this layer only (default: every layer hls4ml configures)')
    .option('--pareto <measures>', 'measures the front is taken over, e.g. DSP,interval (default: every dimension and the interval)')
    .option('--jobs <n>', 'worker threads (default: every core)')
    .addOption(new Option('--format <format>', 'output format: the table shows the Pareto front, csv and json every point, html a Pareto chart of any two measures').choices(['table', 'json', 'csv', 'html']).default('table'))
    .option('--output <file>', 'write the report to a file (atomically) instead of stdout')
    .action(async (modelFile: string | undefined, options: SweepOptions, command: Command) => {
      const axes = axesOf(options.vary);
      const jobs = jobsOf(options.jobs);
      await checkOutputs([options.output]);
      const registry = await registryOf(command, options.objective);
      const diagnostics = runDiagnostics(registry);
      const estimators = selectObjectives(registry, options.objective);
      const loaded = await loadRun(registry, withBundledExample({ model: modelFile, config: options.config }), estimators, diagnostics, { command: 'sweep' });
      const progress = progressBar('sweeping');
      let result;
      try {
        result = await runSweep(
          {
            model: loaded.model,
            ...(loaded.config ? { config: loaded.config } : {}),
            axes,
            ...(options.layer === undefined ? {} : { layer: options.layer }),
            objective: options.objective,
            // Workers build their own registry: they get the run's settings and kernels as this one has them.
            settings: { ...registry.services.settings },
            ...(loaded.weights ? { weights: loaded.weights } : {}),
            plugins: registryOptionsOf(command, options.objective),
          },
          { registry, onProgress: progress.update, ...(jobs === undefined ? {} : { jobs }) },
        );
      } finally {
        progress.stop();
      }
      const view = sweepView(loaded.model, result, options.pareto?.split(','), diagnostics);
      const text =
        options.format === 'html'
          ? sweepHtml(view, await collectProvenance(command, registry, runFiles(loaded)))
          : options.format === 'json'
            ? JSON.stringify(sweepJson(view), null, 2)
            : options.format === 'csv'
              ? sweepCsv(view)
              : sweepTable(view);
      if (options.format === 'csv') warnOnStderr(view.warnings);
      await emit(text, options.output);
    });
}
