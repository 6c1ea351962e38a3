import { Option, type Command } from 'commander';
import { loadRun, runDiagnostics, runEstimate, selectObjectives } from '@hwcost/engine';
import { warnOnStderr } from '../output/warnings.js';
import { checkOutputs, emit } from '../output/write.js';
import { registryOf } from '../program/context.js';
import { estimateCsv, estimateJson, estimateTable, unsupportedReasons } from '../reports/estimate.js';
import { estimateHtml } from '../reports/html/estimate.js';
import { collectProvenance, runFiles } from '../reports/html/provenance.js';
import { withBundledExample } from '../session/example.js';

interface EstimateOptions {
  config?: string;
  objective: string;
  format: 'table' | 'json' | 'csv' | 'html';
  output?: string;
}

/** `hwcost estimate`: every layer of a model under the selected objectives. */
export function registerEstimateCommand(program: Command): void {
  program
    .command('estimate')
    .description('estimate every layer of a model with the selected objectives (no arguments: the bundled example)')
    .argument('[model]', "Keras model JSON (model.to_json()), whole-model .h5 (model.save()), .keras archive or ONNX model; default: the model the config names")
    .option('--config <file>', 'hls4ml config (YAML or JSON, project or bare HLSConfig form)')
    .addOption(
      new Option('--objective <ids>', 'objective ids or hls4ml class names: "a,b" separate objectives, "a+b" one composite, or "all"').default('all'),
    )
    .addOption(new Option('--format <format>', 'output format').choices(['table', 'json', 'csv', 'html']).default('table'))
    .option('--output <file>', 'write the report to a file (atomically) instead of stdout')
    .action(async (modelFile: string | undefined, options: EstimateOptions, command: Command) => {
      await checkOutputs([options.output]);
      const registry = await registryOf(command, options.objective);
      const estimators = selectObjectives(registry, options.objective);
      const diagnostics = runDiagnostics(registry);
      const loaded = await loadRun(registry, withBundledExample({ model: modelFile, config: options.config }), estimators, diagnostics, { command: 'estimate' });
      const { model } = loaded;
      const result = runEstimate(model, estimators, diagnostics);
      const text =
        options.format === 'html'
          ? estimateHtml(model, estimators, result, diagnostics, await collectProvenance(command, registry, runFiles(loaded)))
          : options.format === 'json'
            ? JSON.stringify(estimateJson(model, estimators, result, diagnostics), null, 2)
            : options.format === 'csv'
              ? estimateCsv(model, estimators, result)
              : estimateTable(model, estimators, result, diagnostics);
      // CSV has no place for them: warnings and why layers are not estimated go to stderr.
      if (options.format === 'csv') warnOnStderr([...unsupportedReasons(model), ...diagnostics.lines()]);
      await emit(text, options.output);
    });
}
