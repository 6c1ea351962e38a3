import { existsSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { Diagnostics, HwcostError, ObjectiveRegistry } from '@hwcost/core';
import { discoverPlugins, pluginSearchDirs } from '../plugins/discover.js';
import { firstPartyPlugins } from '../plugins/first-party.js';
import { loadPlugins, type ModuleImporter } from '../plugins/load.js';
import type { DiscoveryProblem, PluginCandidate } from '../plugins/manifest.js';
import { pluginsFor } from '../plugins/needed.js';
import { resolvePluginSpec, type PluginSpec } from '../plugins/resolve.js';
import { readProjectSettings } from './project.js';

/** The directory of the nearest package.json at or above `dir`, or undefined. */
export function nearestPackageDir(dir: string): string | undefined {
  let current = path.resolve(dir);
  for (;;) {
    if (existsSync(path.join(current, 'package.json'))) return current;
    const parent = path.dirname(current);
    if (parent === current) return undefined;
    current = parent;
  }
}

/** The package this code runs from: hwcost's engine, or a front end that bundles it. */
function ownPackageDir(): string {
  return nearestPackageDir(path.dirname(fileURLToPath(import.meta.url))) ?? process.cwd();
}

/** The environment variable that turns discovery off, as `discovery: false` does. */
export const NO_DISCOVERY_ENV = 'HWCOST_NO_DISCOVERY';

export interface PluginOptions {
  /** Plugins the user names: paths to a module or package directory, or installed package names. */
  plugins?: readonly (string | PluginSpec)[];
  /** The directory the run starts in; its nearest package.json marks the project. Default: the current directory. */
  cwd?: string;
  /**
   * Whether installed plugins are discovered in node_modules. Default: true, unless the
   * `HWCOST_NO_DISCOVERY` environment variable is set (to anything but `0` or `false`) or the
   * project file says `"discovery": false`. Without discovery only hwcost's own plugins and those
   * named by the user or the project file load.
   */
  discovery?: boolean;
  /**
   * The objectives the run will use (as `--objective` takes them: `a,b+c`, or `all`): plugins that
   * declare their objectives are imported only when they provide one of these. Default: all.
   */
  objectives?: string;
  /** hwcost's installation, whose node_modules are searched too. Default: the package this code runs from. */
  hostDir?: string;
  /** How long a plugin may take to import, in ms. Default: `HWCOST_PLUGIN_TIMEOUT_MS`, else 10 s. */
  importLimitMs?: number;
  /** What imports plugin entries (see {@link LoadOptions.importModule}). Default: `import()`. */
  importModule?: ModuleImporter;
}

/** The environment variable that sets how long a plugin may take to import, in milliseconds. */
export const IMPORT_LIMIT_ENV = 'HWCOST_PLUGIN_TIMEOUT_MS';

function importLimitFromEnvironment(): number | undefined {
  const value = process.env[IMPORT_LIMIT_ENV];
  if (value === undefined || value === '') return undefined;
  const ms = Number(value);
  if (!Number.isFinite(ms) || ms <= 0) throw new HwcostError(`${IMPORT_LIMIT_ENV} must be a positive number of milliseconds, got "${value}"`);
  return ms;
}

/** Whether the environment turns discovery off. */
function discoveryOffByEnvironment(): boolean {
  const value = process.env[NO_DISCOVERY_ENV];
  return value !== undefined && value !== '' && value !== '0' && value.toLowerCase() !== 'false';
}

/**
 * A registry for one run: hwcost's own plugins, then (unless discovery is off) the installed
 * plugins of hwcost's installation and of the project, then those the project file names, then
 * those the user names (so an id is kept by the first of these that has it). Of these, only the
 * plugins that may provide the run's objectives are imported. Broken plugins become registry
 * problems; only a plugin the user names that names nothing at all is an error.
 */
export async function createRegistry(options: PluginOptions = {}): Promise<ObjectiveRegistry> {
  const cwd = options.cwd ?? process.cwd();
  const projectDir = nearestPackageDir(cwd) ?? cwd;
  const project = readProjectSettings(projectDir);
  const discovery = options.discovery ?? (discoveryOffByEnvironment() ? false : (project.discovery ?? true));
  const named = (options.plugins ?? []).map((p) => (typeof p === 'string' ? { spec: p } : p));
  const own = ownPackageDir();
  const [firstParty, discovered, ...chosen] = await Promise.all([
    firstPartyPlugins(own),
    discovery ? discoverPlugins(pluginSearchDirs(projectDir, options.hostDir ?? own)) : { candidates: [], problems: [] },
    ...[...project.plugins, ...named].map((spec) => resolvePluginSpec(spec, projectDir, cwd)),
  ]);
  const registry = new ObjectiveRegistry();
  const report = (p: DiscoveryProblem) => registry.report({ plugin: p.name, source: p.packageDir, kind: 'load', message: p.message, objectives: [] });
  [...firstParty.problems, ...discovered.problems].forEach(report);
  const candidates: PluginCandidate[] = [...firstParty.candidates, ...discovered.candidates, ...chosen];
  const importLimitMs = options.importLimitMs ?? importLimitFromEnvironment();
  await loadPlugins(registry, pluginsFor(candidates, options.objectives), {
    ...(importLimitMs === undefined ? {} : { importLimitMs }),
    ...(options.importModule === undefined ? {} : { importModule: options.importModule }),
  });
  return registry;
}

/**
 * A run's diagnostics, starting with a warning per plugin problem, so that a report over `all`
 * objectives says which objectives may be missing from it. Warnings estimators raise through
 * `DIAGNOSTIC_SINK` go there too.
 */
export function runDiagnostics(registry: ObjectiveRegistry): Diagnostics {
  const diagnostics = new Diagnostics();
  for (const problem of registry.problems) diagnostics.warn(problem.message, { plugin: problem.plugin });
  registry.services.useDiagnostics(diagnostics);
  return diagnostics;
}
