import { HwcostError, type ObjectiveEstimator } from '@hwcost/core';

/**
 * Dimension names of a composite: the parts' names as they are when unique, `id:name` where two
 * parts share a name (e.g. vivado-dsp's and vivado-dsp-bram's `DSP`).
 */
export function compositeDimensions(parts: readonly ObjectiveEstimator[]): string[] {
  const counts = new Map<string, number>();
  for (const part of parts) for (const d of part.dimensions) counts.set(d, (counts.get(d) ?? 0) + 1);
  return parts.flatMap((part) => part.dimensions.map((d) => (counts.get(d)! > 1 ? `${part.id}:${d}` : d)));
}

/**
 * One objective made of several, its dimensions the concatenation of theirs. The first part
 * chooses each layer's structure (its `isLayerOptimizable`); every part then reports resources and
 * savings for the layer as given, so savings are all measured for that one structure.
 */
export function composeObjectives(parts: readonly ObjectiveEstimator[]): ObjectiveEstimator {
  if (parts.length === 0) throw new HwcostError('a composite objective needs at least one objective');
  if (parts.length === 1) return parts[0]!;
  const ids = parts.map((p) => p.id);
  if (new Set(ids).size !== ids.length) throw new HwcostError(`objective listed twice in composite ${ids.join('+')}`);
  const [chooser] = parts as [ObjectiveEstimator];
  const composite: ObjectiveEstimator = {
    id: ids.join('+'),
    dimensions: compositeDimensions(parts),
    description: `composite of ${ids.join(', ')}; ${chooser.id} chooses the structure`,
    usesWeights: parts.some((p) => p.usesWeights === true),
    isLayerOptimizable: (layer, context) => chooser.isLayerOptimizable(layer, context),
    layerResources: (layer, context) => parts.flatMap((p) => p.layerResources(layer, context)),
    layerSavings: (layer, context) => parts.flatMap((p) => p.layerSavings(layer, context)),
  };
  PARTS.set(composite, [...parts]);
  return composite;
}

const PARTS = new WeakMap<ObjectiveEstimator, readonly ObjectiveEstimator[]>();

/** The objectives a composite made by {@link composeObjectives} is made of; any other objective is its own one part. */
export function partsOf(objective: ObjectiveEstimator): readonly ObjectiveEstimator[] {
  return PARTS.get(objective) ?? [objective];
}
