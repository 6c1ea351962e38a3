import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { ObjectiveRegistry } from '@hwcost/core';
import { catchEscapedErrors, createRegistry, nearestPackageDir, trapProcessExit, type ModuleImporter, type PluginOptions } from '@hwcost/engine';
import type { Command } from 'commander';

/** Options every subcommand inherits from the program. */
export interface GlobalOptions {
  plugin: string[];
  /** False with --no-discovery; true otherwise (then the environment and project file decide). */
  discovery: boolean;
  debug?: boolean;
}

/** hwcost's installation: its node_modules, and the one it is installed in, hold installed plugins too. */
const cliPackageDir = nearestPackageDir(path.dirname(fileURLToPath(import.meta.url)));

/**
 * The registry of one run, with the plugins the command line names. With `objectives` (the
 * command's `--objective` value) only the plugins that may provide them are imported.
 */
export function registryOf(command: Command, objectives?: string): Promise<ObjectiveRegistry> {
  guardProcessAgainstPlugins((command.optsWithGlobals() as GlobalOptions).debug === true);
  return createRegistry({ ...registryOptionsOf(command, objectives), ...(moduleImporter === undefined ? {} : { importModule: moduleImporter }) });
}

/** What imports plugin entries in this process's runs; set by `main` (a function cannot reach worker threads, so it is no registry option). */
let moduleImporter: ModuleImporter | undefined;

/** Sets what imports plugin entries from now on; undefined restores `import()`. */
export function useModuleImporter(importer: ModuleImporter | undefined): void {
  moduleImporter = importer;
}

/** How {@link registryOf} finds the run's plugins: what a worker thread needs to build the same registry. */
export function registryOptionsOf(command: Command, objectives?: string): PluginOptions {
  const options = command.optsWithGlobals() as GlobalOptions;
  return {
    plugins: options.plugin.map((spec) => ({ spec, origin: '--plugin' })),
    cwd: process.cwd(),
    ...(options.discovery === false ? { discovery: false } : {}),
    ...(objectives === undefined ? {} : { objectives }),
    ...(cliPackageDir === undefined ? {} : { hostDir: cliPackageDir }),
  };
}

let guarded = false;

/**
 * From the first plugin load on, plugin code that ends the process (`process.exit`), throws in a
 * timer or leaves a promise rejection unhandled stops the run with one line naming the plugin and
 * exit code 2, never a Node stack trace or a silent exit with an empty report.
 */
function guardProcessAgainstPlugins(debug: boolean): void {
  if (guarded) return;
  guarded = true;
  const exit = process.exit;
  trapProcessExit();
  catchEscapedErrors(({ plugin, message, error }) => {
    if (debug) console.error(error);
    process.stderr.write(plugin === undefined ? `hwcost: internal error: ${message} (run with --debug for details)\n` : `hwcost: plugin ${plugin} ${message}; the run stopped\n`);
    exit.call(process, plugin === undefined ? 1 : 2);
  });
}
