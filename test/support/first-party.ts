import { ObjectiveRegistry } from '@hwcost/core';
import gpu from '@hwcost/plugin-gpu';
import parameter from '@hwcost/plugin-parameter';
import vivado from '@hwcost/plugin-vivado';

/** A registry with the three first-party plugins, loaded from their sources. */
export function firstPartyRegistry(): ObjectiveRegistry {
  const registry = new ObjectiveRegistry();
  for (const plugin of [parameter, gpu, vivado]) {
    const problems = registry.use(plugin);
    if (problems.length > 0) throw new Error(problems.map((p) => p.message).join('\n'));
  }
  return registry;
}
