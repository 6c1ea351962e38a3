import type { ObjectiveRegistry } from '@hwcost/core';
import { renderTable } from '../output/table.js';

/** The JSON form of `hwcost objectives`: every objective with its plugin, and every plugin problem. */
export function objectivesJson(registry: ObjectiveRegistry) {
  return {
    objectives: registry.list().map(({ estimator, plugin, source }) => ({
      id: estimator.id,
      dimensions: [...estimator.dimensions],
      aliases: [...(estimator.aliases ?? [])],
      description: estimator.description ?? null,
      plugin: { name: plugin.name, version: plugin.version },
      source: source ?? null,
    })),
    problems: registry.problems.map((p) => ({ plugin: p.plugin, kind: p.kind, message: p.message, objectives: p.objectives, source: p.source ?? null })),
    hints: registry.hints.map((h) => ({ plugin: h.plugin, message: h.message })),
  };
}

/** The table of every registered objective with its plugin, and the plugins that failed to load. */
export function objectivesTable(registry: ObjectiveRegistry): string {
  const rows = registry.list().map(({ estimator, plugin, source }) => [
    estimator.id,
    estimator.dimensions.join(', '),
    `${plugin.name}@${plugin.version}`,
    source ? shortenPath(source) : '',
  ]);
  let text = renderTable(['objective', 'dimensions', 'plugin', 'loaded from'], rows, { align: ['left', 'left', 'left', 'left'] });
  if (registry.problems.length > 0) {
    text += `\n\n${registry.problems.length} plugin problem(s):\n${registry.problems.map((p) => `  - ${p.message}`).join('\n')}`;
  }
  if (registry.hints.length > 0) text += `\n\nhint(s) for plugin authors:\n${registry.hints.map((h) => `  - ${h.message}`).join('\n')}`;
  return text;
}

function shortenPath(file: string): string {
  const cwd = process.cwd();
  return file.startsWith(`${cwd}/`) ? file.slice(cwd.length + 1) : file;
}
