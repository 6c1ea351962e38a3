import type { DependencyContainer } from 'tsyringe';

/** The plugin API version this core implements; plugins declare the one they were written for. */
export const PLUGIN_API_VERSION = 1;

/** Identity of a plugin package. */
export interface PluginMeta {
  name: string;
  version: string;
  /** Must equal {@link PLUGIN_API_VERSION}. */
  apiVersion: number;
}

/**
 * A hwcost plugin: a plain object, default-exported from the package's `hwcost.plugin` entry.
 * `register` adds estimators to the container under `OBJECTIVE_ESTIMATOR`; importing the module
 * must have no other effect.
 */
export interface HwcostPlugin {
  meta: PluginMeta;
  register(container: DependencyContainer): void;
}

/** Typed identity helper for plugin authors: `export default definePlugin({...})`. */
export function definePlugin(plugin: HwcostPlugin): HwcostPlugin {
  return plugin;
}
