import { Command, CommanderError } from 'commander';
import { errorMessage, isHwcostError } from '@hwcost/core';
import { registerEstimateCommand } from './commands/estimate.js';
import { registerNewPluginCommand } from './commands/new-plugin.js';
import { registerObjectivesCommand } from './commands/objectives.js';
import { registerPlanCommand } from './commands/plan.js';
import { registerSweepCommand } from './commands/sweep.js';
import { registerCompareCommand } from './commands/compare.js';

function collect(value: string, previous: string[]): string[] {
  return [...previous, value];
}

/** Builds the `hwcost` program; `run` is separate so tests can drive it in-process. */
export function buildProgram(): Command {
  const program = new Command('hwcost')
    .description('Estimate what a neural network costs in hardware (DSP, BRAM, FF, FLOPs, parameters) and plan what to prune.')
    .version('0.1.0')
    .option('--plugin <path-or-package>', 'load an extra objective plugin (repeatable)', collect, [])
    .option('--no-discovery', 'do not load plugins found in node_modules (also HWCOST_NO_DISCOVERY=1): only hwcost\'s own, --plugin and the project file\'s')
    .option('--debug', 'print stack traces of errors')
    // Set before the subcommands are added, which inherit them: usage errors then reach main() as
    // CommanderErrors (exit code 2) and print as one line.
    .exitOverride()
    .configureOutput({ outputError: (text, write) => write(`hwcost: ${text.replace(/^error: /, '').trim()} (see hwcost --help)\n`) });

  registerObjectivesCommand(program);
  registerEstimateCommand(program);
  registerPlanCommand(program);
  registerSweepCommand(program);
  registerNewPluginCommand(program);
  registerCompareCommand(program);
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
    if (debug) {
      try {
        console.error(error);
      } catch {
        // an error that cannot even be inspected is still reported below
      }
    }
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
