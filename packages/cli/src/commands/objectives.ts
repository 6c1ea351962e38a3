import { Option, type Command } from 'commander';
import { HwcostError } from '@hwcost/core';
import { emit } from '../output/write.js';
import { registryOf } from '../program/context.js';
import { objectivesJson, objectivesTable } from '../reports/objectives.js';

/** `hwcost objectives`: every objective the installed plugins provide, and every plugin problem. */
export function registerObjectivesCommand(program: Command): void {
  program
    .command('objectives')
    .description('list every objective the installed plugins provide')
    .addOption(new Option('--format <format>', 'output format').choices(['table', 'json']).default('table'))
    .option('--strict', 'exit with code 2 when any plugin has a problem (for a plugin\'s CI)')
    .action(async (options: { format: 'table' | 'json'; strict?: boolean }, command: Command) => {
      const registry = await registryOf(command);
      await emit(options.format === 'json' ? JSON.stringify(objectivesJson(registry), null, 2) : objectivesTable(registry), undefined);
      const { problems } = registry;
      if (options.strict && problems.length > 0) {
        throw new HwcostError(`--strict: ${problems.length} plugin problem(s): ${problems.map((p) => p.message).join('; ')}`);
      }
    });
}
