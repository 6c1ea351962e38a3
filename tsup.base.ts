import { createRequire } from 'node:module';
import path from 'node:path';
import { defineConfig, type Options } from 'tsup';

type EsbuildPlugin = NonNullable<Options['esbuildPlugins']>[number];

/**
 * Bundles yaml's ES module build (its "default" export) instead of the CommonJS one that Node's
 * condition picks: as CommonJS every module of the library is wrapped and run at import, as ES
 * modules only what hwcost uses is kept. Measured: 9 ms to import against 4 ms. Both builds are
 * the same source; they differ only in how `!!binary` decodes (Buffer or Uint8Array), which hwcost
 * refuses either way.
 */
const yamlAsEsModules: EsbuildPlugin = {
  name: 'yaml-es-modules',
  setup(build) {
    build.onResolve({ filter: /^yaml$/ }, ({ resolveDir }) => {
      const manifest = createRequire(path.join(resolveDir, 'noop.js')).resolve('yaml/package.json');
      return { path: path.join(path.dirname(manifest), 'browser', 'index.js') };
    });
  },
};

/** Build settings every package shares: ESM for Node 20 with declarations, quiet unless it fails. */
export const base: Options = {
  entry: ['src/index.ts'],
  format: ['esm'],
  target: 'node20',
  dts: true,
  sourcemap: true,
  clean: true,
  silent: true,
  // Third-party modules are bundled into each package's dist: loading dozens of small CommonJS
  // files (tsyringe, yaml, commander, semver, …) one by one is most of a run's startup. hwcost's own
  // packages stay separate modules (plugins must share @hwcost/core), and the WebAssembly solver
  // (highs) stays external and is imported only when a run needs it.
  noExternal: [/^(?!@hwcost\/|highs$)/],
  esbuildPlugins: [yamlAsEsModules],
  // Bundled CommonJS code may require Node's built-ins, which an ES module can only through createRequire.
  banner: { js: "import { createRequire as __createRequire } from 'node:module';\nconst require = __createRequire(import.meta.url);" },
};

export default defineConfig(base);
