import { mkdir, readdir, writeFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import path from 'node:path';
import type { Command } from 'commander';
import { HwcostError, errorMessage } from '@hwcost/core';
import { pluginTemplate } from './new-plugin-template.js';

/** Objective ids as the registry accepts them (no `,` or `+`, not `all`). */
const ID = /^[A-Za-z0-9][\w.-]*$/;

/** The version of the `@hwcost/core` this hwcost runs, which the new plugin is written against. */
function coreVersion(): string {
  return (createRequire(import.meta.url)('@hwcost/core/package.json') as { version: string }).version;
}

/** `hwcost new-plugin <dir>`: writes a TypeScript objective plugin package ready to build, test and pack. */
export function registerNewPluginCommand(program: Command): void {
  program
    .command('new-plugin')
    .description('write a TypeScript objective plugin package (tsup build, an @injectable() objective, its @hwcost/testkit test)')
    .argument('<dir>', 'the directory to create; its name gives the package name (hwcost-plugin-<id>)')
    .option('--id <id>', 'the objective id (default: the directory name without "hwcost-plugin-")')
    .option('--name <package>', 'the package name (default: hwcost-plugin-<id>)')
    .action(async (dir: string, options: { id?: string; name?: string }) => {
      const base = path.basename(path.resolve(dir));
      const id = options.id ?? base.replace(/^hwcost-plugin-/, '');
      if (!ID.test(id) || id.toLowerCase() === 'all') throw new HwcostError(`new-plugin: "${id}" is no valid objective id (letters, digits, ".", "_", "-"); give one with --id`);
      const name = options.name ?? `hwcost-plugin-${id}`;
      const existing = await readdir(dir).catch(() => []);
      if (existing.length > 0) throw new HwcostError(`new-plugin: ${dir} exists and is not empty`);
      const files = pluginTemplate({ name, id, coreVersion: coreVersion() });
      try {
        for (const [file, content] of Object.entries(files)) {
          await mkdir(path.dirname(path.join(dir, file)), { recursive: true });
          await writeFile(path.join(dir, file), content);
        }
      } catch (error) {
        throw new HwcostError(`new-plugin: cannot write ${dir}: ${errorMessage(error)}`);
      }
      process.stdout.write(`wrote ${name} (objective ${id}) in ${dir}:\n${Object.keys(files).map((f) => `  ${f}\n`).join('')}next: cd ${dir} && npm install && npm test\n`);
    });
}
