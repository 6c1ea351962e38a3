import type { ObjectiveRegistry } from '@hwcost/core';
import { createRegistry } from '@hwcost/engine';
import type { Command } from 'commander';

/** Options every subcommand inherits from the program. */
export interface GlobalOptions {
  plugin: string[];
  debug?: boolean;
}

/** The registry of one run, with the plugins the command line names. */
export function registryOf(command: Command): Promise<ObjectiveRegistry> {
  return createRegistry({ plugins: (command.optsWithGlobals() as GlobalOptions).plugin });
}
