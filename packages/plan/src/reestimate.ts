import { Diagnostics, type LayerKernel, type LayerWeights, type ObjectiveEstimator } from '@hwcost/core';
import type { WeightTensor } from '@hwcost/model';
import type { AssessedLayer } from './eligibility.js';

/**
 * How a plan asks an objective that reads weights (`usesWeights`) what the pruned model costs:
 * the objective's own `layerResources` again, with the run's `LAYER_WEIGHTS` returning the pruned
 * kernels. The run supplies it (the engine's `planReestimation`), since only the run can point its
 * weights service elsewhere.
 */
export interface Reestimation {
  /** Per dimension of the objective: true where the figure reads the weights (its objective `usesWeights`). */
  readonly dimensions: readonly boolean[];
  /** Runs `estimate` with the run's `LAYER_WEIGHTS` returning `kernels`, then gives the run its own kernels back. */
  withKernels<T>(kernels: LayerWeights, estimate: () => T): T;
}

/**
 * The kernels with the masks applied: a masked layer's kernel is a new array (removed weights 0),
 * never the original written over, so estimators that remember figures per kernel array see a new
 * kernel; every other layer's kernel is the original.
 */
export function maskedKernels(kernels: ReadonlyMap<string, WeightTensor>, masks: ReadonlyMap<string, Uint8Array>): LayerWeights {
  const cache = new Map<string, LayerKernel>();
  return {
    kernel(layer) {
      const kernel = kernels.get(layer);
      const mask = masks.get(layer);
      if (!kernel || !mask) return kernel;
      let masked = cache.get(layer);
      if (!masked) {
        const data = new Float32Array(kernel.data.length);
        for (let i = 0; i < data.length; i++) if (mask[i]) data[i] = kernel.data[i]!;
        masked = Object.freeze({ shape: Object.freeze([...kernel.shape]), data });
        cache.set(layer, masked);
      }
      return masked;
    },
  };
}

/** One re-estimate of the model: every costed layer's figures, and the warnings the calls raised. */
export interface Reestimate {
  /** Per layer in model order, the objective's figures for the pruned kernels; null where the layer has none. */
  figures: (number[] | null)[];
  diagnostics: Diagnostics;
}

/**
 * The objective's figures for every layer it costs, with the run's weights service returning the
 * kernels under `masks` (all layers, not only the masked ones: an estimator may read the kernel of
 * the layer feeding another). Warnings go to a diagnostics of their own, so the re-estimates of
 * plans the planner discards leave none behind.
 */
export function reestimate(
  assessed: readonly AssessedLayer[],
  objective: ObjectiveEstimator,
  reestimation: Reestimation,
  kernels: ReadonlyMap<string, WeightTensor>,
  masks: ReadonlyMap<string, Uint8Array>,
): Reestimate {
  const diagnostics = new Diagnostics();
  const figures = reestimation.withKernels(maskedKernels(kernels, masks), () =>
    assessed.map((a) => (a.resources ? objective.layerResources(a.layer, diagnostics.contextFor(objective.id, a.layer.name)) : null)),
  );
  return { figures, diagnostics };
}

/** Adds the warnings of `from` that `to` does not already hold. */
export function mergeWarnings(to: Diagnostics, from: Diagnostics): void {
  const key = (d: { message: string; objective?: string; layer?: string; plugin?: string }) => `${d.objective}\u0000${d.layer}\u0000${d.plugin}\u0000${d.message}`;
  const known = new Set(to.items.map(key));
  for (const { level: _level, message, ...where } of from.items) if (!known.has(key({ message, ...where }))) to.warn(message, where);
}
