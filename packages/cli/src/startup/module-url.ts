/**
 * `import.meta.url` in the CommonJS bundle (`dist/cli.cjs`), where esbuild replaces it with this:
 * the bundle's own URL, which is what the bundled code uses it for (finding hwcost's installation).
 */
export const bundleModuleUrl: string = require('node:url').pathToFileURL(__filename).href;
