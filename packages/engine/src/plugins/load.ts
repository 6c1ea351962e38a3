import { access, realpath } from 'node:fs/promises';
import { pathToFileURL } from 'node:url';
import { errorMessage, type ObjectiveRegistry, type PluginProblem } from '@hwcost/core';
import type { PluginCandidate } from './discover.js';

/**
 * Imports a plugin module and registers it. Any failure (missing entry file, import error,
 * no default export, contract violation) becomes a problem on the registry, never a throw, so the
 * remaining plugins still load.
 */
export async function loadPlugin(registry: ObjectiveRegistry, candidate: PluginCandidate): Promise<PluginProblem[]> {
  const source = candidate.entry;
  const fail = (message: string): PluginProblem[] => {
    const problem: PluginProblem = { plugin: candidate.name, source, kind: 'load', message: `plugin ${candidate.name}: ${message}`, objectives: [] };
    registry.report(problem);
    return [problem];
  };
  try {
    await access(source);
  } catch {
    return fail(`entry file ${source} does not exist${source.split(/[\\/]/).includes('dist') ? ' (is the package built?)' : ''}`);
  }
  let module: { default?: unknown };
  try {
    module = await import(pathToFileURL(source).href);
  } catch (error) {
    return fail(`cannot import ${source}: ${errorMessage(error).split('\n')[0]}`);
  }
  if (module.default === undefined) return fail(`${source} has no default export; export the plugin object as default`);
  return registry.use(module.default, { name: candidate.name, source });
}

/**
 * Loads plugins in order, each module once: the same package is often reachable through several
 * symlinks (pnpm, workspaces) or named again with `--plugin`.
 */
export async function loadPlugins(registry: ObjectiveRegistry, candidates: readonly PluginCandidate[]): Promise<void> {
  const loaded = new Set<string>();
  for (const candidate of candidates) {
    const real = await realpath(candidate.entry).catch(() => candidate.entry);
    if (loaded.has(real)) continue;
    loaded.add(real);
    await loadPlugin(registry, candidate);
  }
}
