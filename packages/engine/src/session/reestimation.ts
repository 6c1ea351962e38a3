import type { ObjectiveEstimator, ObjectiveRegistry } from '@hwcost/core';
import type { ModelWeights } from '@hwcost/model';
import type { Reestimation } from '@hwcost/plan';
import { partsOf } from '../compose/composite.js';
import { layerWeights } from './run.js';

/**
 * How a plan re-estimates `objective` on pruned kernels in this run: the dimensions of the parts
 * that read weights (`usesWeights`), and the run's `LAYER_WEIGHTS` pointed at the pruned kernels
 * for the calls, then back at `weights`. Undefined when no part reads weights.
 */
export function planReestimation(registry: ObjectiveRegistry, objective: ObjectiveEstimator, weights: ModelWeights): Reestimation | undefined {
  const dimensions = partsOf(objective).flatMap((part) => part.dimensions.map(() => part.usesWeights === true));
  if (!dimensions.some(Boolean)) return undefined;
  const own = layerWeights(weights);
  return {
    dimensions,
    withKernels(kernels, estimate) {
      registry.services.useWeights(kernels);
      try {
        return estimate();
      } finally {
        registry.services.useWeights(own);
      }
    },
  };
}

