import { defineConfig } from 'tsup';
import { base } from '../../tsup.base.js';

// The sweep worker is an entry of its own: worker threads start from a file.
export default defineConfig({ ...base, entry: { index: 'src/index.ts', 'sweep-worker': 'src/sweep/worker.ts' }, dts: { entry: 'src/index.ts' } });
