/** What the command line's CommonJS bundle (`dist/cli.cjs`) holds for the executable to run. */
export { main } from '../main.js';
export { withBundledPlugins } from './bundled-plugins.js';
