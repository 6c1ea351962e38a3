import { writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { defineConfig } from 'tsup';
import { base } from '../../tsup.base.js';

/**
 * Core is built once, as CommonJS (`dist/index.cjs`), and `dist/index.js` is an ES module that
 * re-exports that same copy. hwcost's command line requires core so that it can run it from V8's
 * code cache (Node 20 has no code cache for ES modules; see cli/src/startup/compile-cache.ts),
 * while plugins import it as an ES module: with one build behind both, they share one copy, one DI
 * container and one set of error brands. The wrapper names every export, so Node need not scan
 * the CommonJS source for them.
 */
function writeEsmWrapper(): void {
  const entry = path.resolve('dist/index.cjs');
  const names = Object.keys(createRequire(entry)(entry) as object).filter((name) => name !== 'default' && name !== '__esModule').sort();
  writeFileSync(
    'dist/index.js',
    [
      "import { createRequire } from 'node:module';",
      '',
      "const core = createRequire(import.meta.url)('./index.cjs');",
      ...names.map((name) => `export const ${name} = core.${name};`),
      '',
    ].join('\n'),
  );
  // The wrapper's exports are the CommonJS build's, and so are its declarations (written by tsup's
  // declaration build, which may finish after this).
  writeFileSync('dist/index.d.ts', "export * from './index.cjs';\n");
}

export default defineConfig({
  ...base,
  format: ['cjs'],
  banner: {},
  // tsup's declaration build would delete the index.d.ts written above; core's outputs have fixed names.
  clean: false,
  onSuccess: async () => writeEsmWrapper(),
});
