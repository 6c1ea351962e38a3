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
};

export default defineConfig(base);
