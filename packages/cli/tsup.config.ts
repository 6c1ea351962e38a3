import { defineConfig } from 'tsup';
import { base } from '../../tsup.base.js';

export default defineConfig([
  // The library, as an ES module.
  { ...base, entry: ['src/index.ts'], dts: { entry: 'src/index.ts' }, clean: ['!*.cjs', '!*.cjs.map'] },
  // The `hwcost` executable (`bin.cjs`) and what it runs (`cli.cjs`): the command line with hwcost's
  // engine packages, its own plugins and libraries in one CommonJS file, which Node 20 can run
  // from V8's code cache (see src/startup/compile-cache.ts). @hwcost/core stays outside, shared
  // with third-party plugins; so does HiGHS's WebAssembly runtime.
  {
    ...base,
    entry: { bin: 'src/bin.ts', cli: 'src/startup/bundle.ts' },
    format: ['cjs'],
    dts: false,
    clean: false,
    banner: {},
    noExternal: [/^(?!@hwcost\/core$|highs$)/],
    define: { 'import.meta.url': 'bundleModuleUrl' },
    inject: ['src/startup/module-url.ts'],
    // Every run reads the whole of cli.cjs: minified and ASCII-only (non-ASCII characters escaped),
    // it is half the size and Node makes a string of it without decoding UTF-8.
    minify: true,
    esbuildOptions: (options) => {
      options.charset = 'ascii';
    },
  },
]);
