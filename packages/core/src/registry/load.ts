import { access } from 'node:fs/promises';
import { pathToFileURL } from 'node:url';
import { errorMessage } from '../errors.js';
import type { PluginCandidate } from './discover.js';
import type { ObjectiveRegistry, PluginProblem } from './registry.js';

/**
 * Imports a plugin module and registers it. Any failure (missing entry file, import error,
 * no default export, contract violation) becomes a problem on the registry, never a throw, so the
 * remaining plugins still load.
 */
export async function loadPlugin(registry: ObjectiveRegistry, candidate: PluginCandidate): Promise<PluginProblem[]> {
  const source = candidate.entry;
  const fail = (message: string): PluginProblem[] => {
    const problem: PluginProblem = { plugin: candidate.name, source, message: `plugin ${candidate.name}: ${message}`, objectives: [] };
    registry.problems.push(problem);
    return [problem];
  };
  try {
    await access(source);
  } catch {
    return fail(`entry file ${source} does not exist${source.includes('dist') ? ' (is the package built?)' : ''}`);
  }
  let module: { default?: unknown };
  try {
    module = await import(pathToFileURL(source).href);
  } catch (error) {
    return fail(`cannot import ${source}: ${errorMessage(error).split('\n')[0]}`);
  }
  if (module.default === undefined) return fail(`${source} has no default export`);
  return registry.use(module.default, source);
}
