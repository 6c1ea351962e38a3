import { Command, CommanderError } from 'commander';
import manifest from '../package.json' with { type: 'json' };
import { errorMessage, isHwcostError } from '@hwcost/core';
import type { ModuleImporter } from '@hwcost/engine';
import { COMMAND_NAMES, commandOf, type CommandName } from './program/commands.js';
import { useModuleImporter } from './program/context.js';

/**
 * Every command, by name, with the module that registers it. A run imports only its own command's
 * module (and with it only what that command needs); help and unknown commands import them all.
 */
const COMMANDS: Record<CommandName, () => Promise<(program: Command) => void>> = {
  objectives: async () => (await import('./commands/objectives.js')).registerObjectivesCommand,
  estimate: async () => (await import('./commands/estimate.js')).registerEstimateCommand,
  plan: async () => (await import('./commands/plan.js')).registerPlanCommand,
  sweep: async () => (await import('./commands/sweep.js')).registerSweepCommand,
  'new-plugin': async () => (await import('./commands/new-plugin.js')).registerNewPluginCommand,
  compare: async () => (await import('./commands/compare.js')).registerCompareCommand,
};

function collect(value: string, previous: string[]): string[] {
  return [...previous, value];
}

/**
 * Builds the `hwcost` program with the commands `argv` may run (all of them without `argv`);
 * `main` is separate so tests can drive it in-process.
 */
export async function buildProgram(argv?: readonly string[]): Promise<Command> {
  const program = new Command('hwcost')
    .description('Estimate what a neural network costs in hardware (DSP, BRAM, FF, FLOPs, parameters) and plan what to prune.')
    .version(manifest.version)
    .option('--plugin <path-or-package>', 'load an extra objective plugin (repeatable)', collect, [])
    .option('--no-discovery', 'do not load plugins found in node_modules (also HWCOST_NO_DISCOVERY=1): only hwcost\'s own, --plugin and the project file\'s')
    .option('--debug', 'print stack traces of errors')
    // Set before the subcommands are added, which inherit them: usage errors then reach main() as
    // CommanderErrors (exit code 2) and print as one line.
    .exitOverride()
    .configureOutput({ outputError: (text, write) => write(`hwcost: ${text.replace(/^error: /, '').trim()} (see hwcost --help)\n`) });

  const name = argv === undefined ? undefined : commandOf(argv);
  const wanted = name !== undefined && Object.hasOwn(COMMANDS, name) ? [name as CommandName] : COMMAND_NAMES;
  for (const register of await Promise.all(wanted.map((n) => COMMANDS[n]()))) register(program);
  return program;
}

/** How {@link main} runs, beyond its arguments. */
export interface MainOptions {
  /** What imports plugin entries. Default: `import()` (see `LoadOptions.importModule` in @hwcost/engine). */
  importModule?: ModuleImporter;
}

/**
 * Runs the CLI and returns the exit code: 0 on success, 2 for bad input (one line on stderr, no
 * stack trace unless --debug), 1 for internal errors.
 */
export async function main(argv: readonly string[], options: MainOptions = {}): Promise<number> {
  useModuleImporter(options.importModule);
  const program = await buildProgram(argv);
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
