import type { ItemClass } from '@hwcost/knapsack';
import type { WeightGroups } from './groups.js';
import type { Formulation } from './result.js';

/** A layer to prune, as the knapsack sees it. */
export interface Prunable {
  name: string;
  /** The layer's position in the model. */
  index: number;
  structureType: string;
  groups: WeightGroups;
  /** Savings of one group, per dimension. */
  savings: number[];
  /** The layer's resources, per dimension. */
  before: number[];
}

/**
 * The layer's groups as knapsack items: valued by importance, weighing the layer's savings in the
 * constrained `rows`. `hwcost` normalises every structure by the layer's largest group so big layers
 * do not dominate; `hls4ml` does so in global plans for every structure but pattern, and not at all
 * in local ones (one layer per knapsack, where scaling changes nothing but rounding).
 */
export function itemClassOf(layer: Prunable, rows: readonly number[], formulation: Formulation, local: boolean): ItemClass {
  const { groups } = layer;
  const normalise = formulation === 'hwcost' || (!local && layer.structureType !== 'pattern');
  const scale = normalise && groups.max > 0 ? groups.max : 1;
  return {
    count: groups.count,
    weights: rows.map((m) => layer.savings[m]!),
    value: groups.importanceOver(scale),
  };
}

/**
 * Resources no removal of groups can take away: the layer's resources less the savings of all its
 * groups, per dimension (negative where the savings overstate them).
 */
export function unremovable(layer: Prunable): number[] {
  return layer.before.map((b, m) => b - layer.groups.count * layer.savings[m]!);
}
