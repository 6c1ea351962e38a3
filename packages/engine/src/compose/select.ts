import type { ObjectiveEstimator, ObjectiveRegistry } from '@hwcost/core';
import { composeObjectives } from './composite.js';

/**
 * Parses an `--objective` value. `a,b` lists separate objectives and `a+b` one composite; `all`
 * stands for every registered objective, each separate. With `composite: true` (commands that
 * optimize one objective, like `plan`) the whole list is one composite, without repeats.
 */
export function selectObjectives(registry: ObjectiveRegistry, spec: string, options: { composite?: boolean } = {}): ObjectiveEstimator[] {
  const groups = spec.split(',').map((group) => registry.select(group.split('+')));
  if (options.composite) return [composeObjectives([...new Set(groups.flat())])];
  return groups.flatMap((group, i) => (spec.split(',')[i]!.trim().toLowerCase() === 'all' ? group : [composeObjectives(group)]));
}
