import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';
import { COMMAND_NAMES, commandOf } from '../program/commands.js';
import { compileCacheDir, requireCached } from './compile-cache.js';

/**
 * Runs the command line from its CommonJS bundle (`dist/cli.cjs`: everything but `@hwcost/core`,
 * HiGHS and third-party plugins) through V8's code cache, and returns the exit code. Core is loaded first the
 * same way, into `require.cache`: the bundle and every plugin then share that one copy.
 */
export async function runCommandLine(argv: readonly string[]): Promise<number> {
  const command = commandOf(argv);
  const options = { dir: compileCacheDir(), profile: COMMAND_NAMES.find((name) => name === command) ?? 'other' };
  requireCached(createRequire(import.meta.url).resolve('@hwcost/core'), options);
  const cli = requireCached(fileURLToPath(new URL('./cli.cjs', import.meta.url)), options) as typeof import('./bundle.js');
  // Plugins are imported from here: code run from the cache cannot call import() on Node 20.
  return cli.main(argv, { importModule: cli.withBundledPlugins((url) => import(url)) });
}
