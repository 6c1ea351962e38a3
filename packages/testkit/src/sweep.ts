import { Diagnostics, isDeclined, errorMessage, type EstimateContext, type LayerAttributes, type ObjectiveEstimator, type ObjectiveRegistry } from '@hwcost/core';
import { layerFixtures, type LayerFixture } from './fixtures.js';
import { objectiveOf } from './subject.js';

/** A fixture on which an objective broke the contract. */
export interface SweepFailure {
  fixture: string;
  message: string;
}

/**
 * The contract sweep: every method of the objective on every fixture (every layer kind, structure
 * type and precision) must return a well-formed result — one non-negative integer per dimension, a
 * valid `isLayerOptimizable` answer — or decline the layer on purpose (an `EstimatorError`); any
 * other throw is a crash. Savings are asked for with the structure the objective chose and, as a
 * composite whose first part chose would, with the fixture's own structure. The same call must
 * give the same answer twice.
 */
export function sweepRegistry(registry: ObjectiveRegistry, objective?: string, fixtures: readonly LayerFixture[] = layerFixtures()): SweepFailure[] {
  const estimator = objectiveOf(registry, objective);
  const failures: SweepFailure[] = [];
  for (const fixture of fixtures) {
    const message = sweepOne(estimator, fixture.layer);
    if (message !== undefined) failures.push({ fixture: fixture.name, message });
  }
  return failures;
}

function sweepOne(estimator: ObjectiveEstimator, layer: LayerAttributes): string | undefined {
  const context: EstimateContext = new Diagnostics().contextFor(estimator.id, layer.name);
  // The guard around every registered estimator already checks each result's shape.
  const call = <T>(run: () => T): T | undefined => {
    try {
      return run();
    } catch (error) {
      if (isDeclined(error)) return undefined;
      throw error;
    }
  };
  try {
    const choice = call(() => estimator.isLayerOptimizable(layer, context));
    const resources = call(() => estimator.layerResources(layer, context));
    if (resources !== undefined && JSON.stringify(call(() => estimator.layerResources(layer, context))) !== JSON.stringify(resources)) {
      return 'layerResources gave different results for the same layer';
    }
    if (choice?.optimizable && choice.attributes) call(() => estimator.layerSavings({ ...layer, optimizationAttributes: choice.attributes! }, context));
    call(() => estimator.layerSavings(layer, context));
    return undefined;
  } catch (error) {
    return errorMessage(error);
  }
}
