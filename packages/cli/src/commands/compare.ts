import { Option, type Command } from 'commander';
import { layerWeights, runDiagnostics, selectObjectives, estimateModel } from '@hwcost/engine';
import { compareProject, quantityOf, readProject, type HlsProject, type LayerResults } from '@hwcost/project';
import type { ObjectiveEstimator, ObjectiveRegistry } from '@hwcost/core';
import { warnOnStderr } from '../output/warnings.js';
import { checkOutputs, emit } from '../output/write.js';
import { registryOf } from '../program/context.js';
import { compareCsv, compareJson, compareTable } from '../reports/compare.js';
import { compareHtml } from '../reports/html/compare.js';
import { collectProvenance } from '../reports/html/provenance.js';

interface CompareOptions {
  objective?: string;
  format: 'table' | 'json' | 'csv' | 'html';
  output?: string;
}

/** The files a comparison read, for the report's provenance. */
function projectFiles(project: HlsProject): { role: string; path: string | undefined }[] {
  return [
    { role: 'csynth report', path: project.reports.csynth?.file },
    { role: 'synthesis report', path: project.reports.synth?.file },
    { role: 'weights', path: project.weightsFile },
  ];
}

/** Objectives that estimate something the reports give (DSP, BRAM, FF, LUT, latency). */
function comparable(registry: ObjectiveRegistry): ObjectiveEstimator[] {
  return registry.list().map((o) => o.estimator).filter((e) => e.dimensions.some((d) => quantityOf(d) !== undefined));
}

/**
 * `hwcost compare`: reads an hls4ml project folder and sets each objective's estimates beside what
 * Vivado/Vitis HLS reported, per layer and in total.
 */
export function registerCompareCommand(program: Command): void {
  program
    .command('compare')
    .description('compare the estimates with what Vivado/Vitis HLS reported for an hls4ml project folder')
    .argument('<project>', 'hls4ml project folder (hls4ml_config.yml, firmware/, csynth reports, vivado_synth.rpt)')
    .option('--objective <ids>', 'objective ids, comma-separated; default: every objective estimating DSP, BRAM, FF, LUT or latency')
    .addOption(new Option('--format <format>', 'output format').choices(['table', 'json', 'csv', 'html']).default('table'))
    .option('--output <file>', 'write the report to a file (atomically) instead of stdout')
    .action(async (dir: string, options: CompareOptions, command: Command) => {
      await checkOutputs([options.output]);
      const registry = await registryOf(command);
      const estimators = options.objective ? selectObjectives(registry, options.objective) : comparable(registry);
      const diagnostics = runDiagnostics(registry);
      const project = await readProject(dir);
      for (const line of project.diagnostics.lines()) diagnostics.warn(line);
      registry.services.useSettings({ command: 'compare', objectives: estimators.map((e) => e.id) });
      if (project.weights) registry.services.useWeights(layerWeights(project.weights));
      const result = estimateModel(project.layers, estimators, diagnostics);
      const results = new Map<string, LayerResults>(result.layers.map((l) => [l.layer.name, Object.fromEntries(Object.entries(l.estimates).map(([id, e]) => [id, e.resources]))]));
      const comparison = compareProject(project, estimators, results);
      const text =
        options.format === 'html'
          ? compareHtml(comparison, diagnostics, await collectProvenance(command, registry, projectFiles(project)))
          : options.format === 'json'
          ? JSON.stringify(compareJson(comparison, diagnostics), null, 2)
          : options.format === 'csv'
            ? compareCsv(comparison)
            : compareTable(comparison, diagnostics);
      await emit(text, options.output);
      // CSV has no place for warnings; they must still reach the user.
      if (options.format === 'csv') warnOnStderr(diagnostics.lines());
    });
}
