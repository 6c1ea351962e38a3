import type { LayerAttributes } from '../attributes/layer.js';
import { optimizationAttributes } from '../attributes/optimization.js';
import { MAX_EXACT } from '../attributes/validate.js';
import { EstimatorError, PluginContractError, errorMessage, isDeclined } from '../errors.js';
import type { EstimateContext, ObjectiveEstimator, OptimizableResult } from '../objective/estimator.js';

/**
 * Wraps an estimator so that every call either returns a well-formed result or throws an error
 * naming the plugin, the objective and the layer: an {@link EstimatorError} when the estimator
 * declined the layer on purpose, a {@link PluginContractError} when it broke the contract. Plugins
 * are other people's code: a NaN, a short array or a count too large to be exact must not flow
 * silently into totals or the knapsack.
 */
export function guardEstimator(estimator: ObjectiveEstimator, plugin: string): ObjectiveEstimator {
  const { id } = estimator;
  const fail = (layer: LayerAttributes, reason: string, cause?: unknown): never => {
    throw new PluginContractError(id, layer.name, plugin, reason, { cause });
  };
  const call = <T>(method: string, layer: LayerAttributes, run: () => T): T => {
    try {
      return run();
    } catch (error) {
      // A decline is the plugin leaving this layer out on purpose; anything else is a crash.
      if (isDeclined(error)) {
        throw new EstimatorError(id, layer.name, `${error.reason} (plugin ${plugin})`, { cause: error });
      }
      return fail(layer, `${method} threw: ${errorMessage(error)}`, error);
    }
  };
  // Warnings the estimator raises carry the plugin's name.
  const tagged = (context: EstimateContext): EstimateContext => ({ warn: (message) => context.warn(String(message), { plugin }) });
  const vector = (method: 'layerResources' | 'layerSavings') => (layer: LayerAttributes, context: EstimateContext): number[] => {
    const result = call(method, layer, () => estimator[method](layer, tagged(context)));
    const ok =
      Array.isArray(result) &&
      result.length === estimator.dimensions.length &&
      result.every((v) => typeof v === 'number' && Number.isInteger(v) && v >= 0);
    if (!ok) {
      fail(layer, `${method} returned ${describe(result)}; expected ${estimator.dimensions.length} non-negative integer(s) (${estimator.dimensions.join(', ')})`);
    }
    // Beyond 2^53 integers are no longer exact, and totals of such counts would silently be wrong.
    if (result.some((v) => v > MAX_EXACT)) fail(layer, `${method} returned ${describe(result)}; counts past 2^53 - 1 = ${MAX_EXACT} are not exact`);
    return [...result];
  };
  return {
    id,
    dimensions: [...estimator.dimensions],
    aliases: [...(estimator.aliases ?? [])],
    description: estimator.description,
    usesWeights: estimator.usesWeights === true,
    isLayerOptimizable(layer, context): OptimizableResult {
      const result = call('isLayerOptimizable', layer, () => estimator.isLayerOptimizable(layer, tagged(context)));
      if (result === null || typeof result !== 'object' || typeof result.optimizable !== 'boolean') {
        return fail(layer, `isLayerOptimizable returned ${describe(result)}; expected {optimizable, attributes}`);
      }
      if (!result.optimizable) return { optimizable: false, attributes: null };
      try {
        return { optimizable: true, attributes: optimizationAttributes(result.attributes ?? undefined) };
      } catch (error) {
        return fail(layer, `isLayerOptimizable returned invalid attributes: ${errorMessage(error)}`);
      }
    },
    layerResources: vector('layerResources'),
    layerSavings: vector('layerSavings'),
  };
}

/** A short rendering of what an estimator returned; NaN and Infinity stay visible as such. */
function describe(value: unknown): string {
  const text = Array.isArray(value) ? `[${value.map(show).join(', ')}]` : show(value);
  return text.length > 80 ? `${text.slice(0, 77)}...` : text;
}

function show(value: unknown): string {
  if (typeof value === 'number' || typeof value === 'bigint' || value === undefined) return String(value);
  try {
    return JSON.stringify(value) ?? String(value);
  } catch {
    return String(value);
  }
}
