import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';
import { COMMAND_NAMES, commandOf } from '../program/commands.js';
import { compileCacheDir, requireCached } from './compile-cache.js';

/**
 * Runs the command line from its CommonJS bundle (`dist/cli.cjs`: everything but `@hwcost/core`,
 * HiGHS and third-party plugins) through V8's code cache, and returns the exit code. Core is
 * loaded first the same way, into `require.cache`: the bundle and every plugin then share that one
 * copy. With `--debug` both are required as Node requires them, with source maps on, so that stack
 * traces name the TypeScript sources rather than places in the minified bundle (V8's cache and
 * source maps do not go together): slower, and only when asked for.
 */
export async function runCommandLine(argv: readonly string[]): Promise<number> {
  const require = createRequire(import.meta.url);
  let load: (file: string) => unknown;
  if (argv.includes('--debug')) {
    process.setSourceMapsEnabled(true);
    load = require;
  } else {
    const command = commandOf(argv);
    const options = { dir: compileCacheDir(), profile: COMMAND_NAMES.find((name) => name === command) ?? 'other' };
    load = (file) => requireCached(file, options);
  }
  load(require.resolve('@hwcost/core'));
  const cli = load(fileURLToPath(new URL('./cli.cjs', import.meta.url))) as typeof import('./bundle.js');
  // Plugins are imported from here: code run from the cache cannot call import() on Node 20.
  return cli.main(argv, { importModule: cli.withBundledPlugins((url) => import(url)) });
}
