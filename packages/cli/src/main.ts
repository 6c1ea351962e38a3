import { Command, CommanderError, Option } from 'commander';
import { errorMessage, isHwcostError, type ObjectiveRegistry } from '@hwcost/core';
import { createRegistry, loadModelInput, runDiagnostics, selectObjectives } from '@hwcost/engine';
import { estimateCsv, estimateJson, estimateTable, runEstimate, type EstimateFormat } from './commands/estimate.js';
import { objectivesCommand } from './commands/objectives.js';
import { planCommand, type PlanCommandOptions } from './commands/plan.js';
import { emit } from './output/write.js';
import { withBundledExample } from './session/example.js';

interface GlobalOptions {
  plugin: string[];
  debug?: boolean;
}

function collect(value: string, previous: string[]): string[] {
  return [...previous, value];
}

/** Builds the `hwcost` program; `run` is separate so tests can drive it in-process. */
export function buildProgram(): Command {
  const program = new Command('hwcost')
    .description('Estimate what a neural network costs in hardware (DSP, BRAM, FF, FLOPs, parameters) and plan what to prune.')
    .version('0.1.0')
    .option('--plugin <path-or-package>', 'load an extra objective plugin (repeatable)', collect, [])
    .option('--debug', 'print stack traces of errors')
    // Set before the subcommands are added, which inherit them: usage errors then reach main() as
    // CommanderErrors (exit code 2) and print as one line.
    .exitOverride()
    .configureOutput({ outputError: (text, write) => write(`hwcost: ${text.replace(/^error: /, '').trim()} (see hwcost --help)\n`) });

  const registryOf = (command: Command): Promise<ObjectiveRegistry> => createRegistry({ plugins: (command.optsWithGlobals() as GlobalOptions).plugin });

  program
    .command('objectives')
    .description('list every objective the installed plugins provide')
    .addOption(new Option('--format <format>', 'output format').choices(['table', 'json']).default('table'))
    .action(async (options: { format: 'table' | 'json' }, command: Command) => {
      const registry = await registryOf(command);
      await emit(objectivesCommand(registry, options), undefined);
    });

  program
    .command('estimate')
    .description('estimate every layer of a model with the selected objectives (no arguments: the bundled example)')
    .argument('[model]', 'Keras model JSON (model.to_json()) or Keras 3 .keras archive; default: the config\'s KerasJson')
    .option('--config <file>', 'hls4ml config (YAML or JSON, project or bare HLSConfig form)')
    .addOption(
      new Option('--objective <ids>', 'objective ids or hls4ml class names: "a,b" separate objectives, "a+b" one composite, or "all"').default('all'),
    )
    .addOption(new Option('--format <format>', 'output format').choices(['table', 'json', 'csv']).default('table'))
    .option('--output <file>', 'write the report to a file (atomically) instead of stdout')
    .action(async (modelFile: string | undefined, options: { config?: string; objective: string; format: EstimateFormat; output?: string }, command: Command) => {
      const registry = await registryOf(command);
      const estimators = selectObjectives(registry, options.objective);
      const diagnostics = runDiagnostics(registry);
      const { model } = await loadModelInput(withBundledExample({ model: modelFile, config: options.config }), diagnostics);
      const result = runEstimate(model, estimators, diagnostics);
      const text =
        options.format === 'json'
          ? JSON.stringify(estimateJson(model, estimators, result, diagnostics), null, 2)
          : options.format === 'csv'
            ? estimateCsv(model, estimators, result)
            : estimateTable(model, estimators, result, diagnostics);
      await emit(text, options.output);
    });

  program
    .command('plan')
    .description('plan which weight groups to prune so the objective meets a budget (no model: the bundled example)')
    .argument('[model]', "Keras model JSON or Keras 3 .keras archive; default: the config's KerasJson")
    .option('--config <file>', 'hls4ml config (YAML or JSON)')
    .option('--weights <file>', 'Keras weights (.h5); default: the .keras archive, the config\'s KerasH5, or <model>_weights.h5 beside the model')
    .option('--objective <ids>', 'objective ids or hls4ml class names; several form one composite (the first chooses each layer\'s structure)')
    .option('--sparsity <fraction>', 'remove this fraction of every dimension: budget = (1 - sparsity) x total')
    .option('--budget <limits>', 'absolute limits, e.g. DSP=200,BRAM=40 (dimensions not named are free)')
    .addOption(new Option('--metric <metric>', 'group importance').choices(['l1', 'l2']).default('l1'))
    .option('--local', 'give every layer the same sparsity instead of one global knapsack')
    .addOption(new Option('--solver <solver>', 'knapsack solver').choices(['auto', 'dp', 'bnb', 'greedy', 'mip', 'equal']).default('auto'))
    .option('--time-limit <ms>', 'stop branch and bound or MIP after this long and use the best plan found')
    .option('--best-effort', 'when the budget is unreachable, plan the smallest reachable resources instead of failing')
    .option('--masks <file.npz>', 'write one 0/1 mask per layer, in its kernel shape, to an .npz (numpy.load reads it)')
    .addOption(new Option('--format <format>', 'output format').choices(['table', 'json']).default('table'))
    .option('--output <file>', 'write the report to a file (atomically) instead of stdout')
    .action(async (modelFile: string | undefined, options: PlanCommandOptions, command: Command) => {
      await planCommand(await registryOf(command), modelFile, options);
    });

  return program;
}

/**
 * Runs the CLI and returns the exit code: 0 on success, 2 for bad input (one line on stderr, no
 * stack trace unless --debug), 1 for internal errors.
 */
export async function main(argv: readonly string[]): Promise<number> {
  const program = buildProgram();
  const debug = argv.includes('--debug');
  try {
    await program.parseAsync([...argv], { from: 'user' });
    return 0;
  } catch (error) {
    if (error instanceof CommanderError) return error.exitCode === 0 ? 0 : 2;
    if (debug) console.error(error);
    if (isHwcostError(error)) {
      if (!debug) process.stderr.write(`hwcost: ${oneLine(error.message)}\n`);
      return 2;
    }
    if (!debug) process.stderr.write(`hwcost: internal error: ${oneLine(errorMessage(error))} (run with --debug for details)\n`);
    return 1;
  }
}

function oneLine(text: string): string {
  return text.replace(/\s*\n\s*/g, ' ');
}
