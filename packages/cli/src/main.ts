import { Command, CommanderError, Option } from 'commander';
import { Diagnostics, HwcostError, errorMessage, type ObjectiveRegistry } from '@hwcost/core';
import { estimateCsv, estimateJson, estimateTable, runEstimate, type EstimateFormat } from './commands/estimate.js';
import { objectivesCommand } from './commands/objectives.js';
import { jetTaggingExample } from './example/jet-tagging.js';
import { emit } from './output/write.js';
import { createRegistry } from './session/plugins.js';

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
    .showHelpAfterError('(run with --help for usage)');

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
    .addOption(new Option('--objective <ids>', 'objective ids or hls4ml class names, comma-separated, or "all"').default('all'))
    .addOption(new Option('--format <format>', 'output format').choices(['table', 'json', 'csv']).default('table'))
    .option('--output <file>', 'write the report to a file (atomically) instead of stdout')
    .action(async (options: { objective: string; format: EstimateFormat; output?: string }, command: Command) => {
      const registry = await registryOf(command);
      const estimators = registry.select(options.objective);
      const model = jetTaggingExample();
      const diagnostics = new Diagnostics();
      const result = runEstimate(model, estimators, diagnostics);
      const text =
        options.format === 'json'
          ? JSON.stringify(estimateJson(model, estimators, result, diagnostics), null, 2)
          : options.format === 'csv'
            ? estimateCsv(model, estimators, result)
            : estimateTable(model, estimators, result, diagnostics);
      await emit(text, options.output);
    });

  return program;
}

/**
 * Runs the CLI and returns the exit code: 0 on success, 2 for bad input (one line on stderr, no
 * stack trace unless --debug), 1 for internal errors.
 */
export async function main(argv: readonly string[]): Promise<number> {
  const program = buildProgram();
  program.exitOverride();
  program.configureOutput({ writeErr: (text) => process.stderr.write(text) });
  const debug = argv.includes('--debug');
  try {
    await program.parseAsync([...argv], { from: 'user' });
    return 0;
  } catch (error) {
    if (error instanceof CommanderError) return error.exitCode === 0 ? 0 : 2;
    if (debug) console.error(error);
    if (error instanceof HwcostError) {
      if (!debug) process.stderr.write(`hwcost: ${oneLine(error.message)}\n`);
      return error.exitCode;
    }
    if (!debug) process.stderr.write(`hwcost: internal error: ${oneLine(errorMessage(error))} (run with --debug for details)\n`);
    return 1;
  }
}

function oneLine(text: string): string {
  return text.replace(/\s*\n\s*/g, ' ');
}
