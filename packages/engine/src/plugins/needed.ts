import type { PluginCandidate } from './manifest.js';

/**
 * The plugins a run must import to have the objectives it asks for (`a,b+c`, or `all`): those
 * whose package.json declares one of them, and those that declare none (only importing tells what
 * they provide). When a name is declared by no package — an alias, say — every plugin is imported.
 * Without a request (listings), all of them.
 */
export function pluginsFor(candidates: readonly PluginCandidate[], objectives: string | undefined): PluginCandidate[] {
  if (objectives === undefined) return [...candidates];
  const names = objectives.split(/[,+]/).map((n) => n.trim().toLowerCase()).filter(Boolean);
  if (names.length === 0 || names.includes('all')) return [...candidates];
  const declares = (candidate: PluginCandidate, name: string) => candidate.objectives?.some((o) => o.toLowerCase() === name) ?? false;
  if (!names.every((name) => candidates.some((c) => declares(c, name)))) return [...candidates];
  return candidates.filter((c) => c.objectives === undefined || names.some((name) => declares(c, name)));
}
