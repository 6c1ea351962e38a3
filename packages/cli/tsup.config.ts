import { defineConfig } from 'tsup';
import { base } from '../../tsup.base.js';

export default defineConfig({ ...base, entry: ['src/bin.ts', 'src/main.ts'], dts: { entry: 'src/main.ts' } });
