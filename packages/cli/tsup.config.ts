import { defineConfig } from 'tsup';
import { base } from '../../tsup.base.js';

export default defineConfig({ ...base, entry: ['src/bin.ts', 'src/index.ts'], dts: { entry: 'src/index.ts' } });
