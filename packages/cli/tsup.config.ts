import { defineConfig } from 'tsup';

export default defineConfig({
  entry: ['src/bin.ts', 'src/main.ts'],
  format: ['esm'],
  target: 'node20',
  dts: { entry: 'src/main.ts' },
  sourcemap: true,
  clean: true,
});
