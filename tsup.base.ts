import { defineConfig, type Options } from 'tsup';

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
  // Bundled CommonJS code may require Node's built-ins, which an ES module can only through createRequire.
  banner: { js: "import { createRequire as __createRequire } from 'node:module';\nconst require = __createRequire(import.meta.url);" },
};

export default defineConfig(base);
