import { Diagnostics, errorMessage, layerAttributes, type LayerAttributes, type ObjectiveEstimator, type ObjectiveRegistry } from '@hwcost/core';
import { diff, type Summary } from './harness.js';

type Expectation<T> = { error: string } | ({ warns: boolean } & T);

export interface EstimatorCase {
  id: string;
  objective: string;
  hls4mlClass: string;
  layer: Parameters<typeof layerAttributes>[0] & { hls4ml: unknown };
  expected: {
    isLayerOptimizable: Expectation<{ optimizable: boolean; attributes: unknown }>;
    layerResources: Expectation<{ value: number[] }>;
    layerSavings: Expectation<{ value: number[] }>;
  };
}

type Method = keyof EstimatorCase['expected'];

function check<T>(
  method: Method,
  estimator: ObjectiveEstimator,
  layer: LayerAttributes,
  expected: Expectation<T>,
  compare: (result: never) => unknown,
): string | undefined {
  const diagnostics = new Diagnostics();
  let result: unknown;
  try {
    result = estimator[method](layer, diagnostics.contextFor(estimator.id, layer.name));
  } catch (error) {
    if (!('error' in expected)) return `${method} threw: ${errorMessage(error)}`;
    const message = errorMessage(error);
    if (!message.includes(layer.name) || !message.includes(estimator.id)) return `${method} error does not name layer and objective: ${message}`;
    return undefined;
  }
  if ('error' in expected) return `${method} returned ${JSON.stringify(result)}, expected an error (${expected.error})`;
  const d = diff(compare(result as never), Object.fromEntries(Object.entries(expected).filter(([k]) => k !== 'warns')));
  if (d) return `${method} ${d}`;
  const warned = diagnostics.items.length > 0;
  if (warned !== expected.warns) return `${method} ${expected.warns ? 'should warn but did not' : `warned unexpectedly: ${diagnostics.lines().join('; ')}`}`;
  return undefined;
}

/** Runs estimators.json cases: each of the three calls, its value, error and warning behaviour. */
export function runEstimatorCases(cases: EstimatorCase[], registry: ObjectiveRegistry): Summary {
  const failures: string[] = [];
  for (const c of cases) {
    const problems: string[] = [];
    try {
      const byId = registry.get(c.objective);
      if (registry.get(c.hls4mlClass) !== byId) problems.push(`hls4ml class ${c.hls4mlClass} is not an alias of ${c.objective}`);
      const layer = layerAttributes({ ...c.layer, hls4ml: c.layer.hls4ml as never });
      const e = c.expected;
      problems.push(
        ...[
          check('isLayerOptimizable', byId, layer, e.isLayerOptimizable, (r: { optimizable: boolean; attributes: unknown }) => ({ optimizable: r.optimizable, attributes: r.attributes })),
          check('layerResources', byId, layer, e.layerResources, (r: number[]) => ({ value: r })),
          check('layerSavings', byId, layer, e.layerSavings, (r: number[]) => ({ value: r })),
        ].filter((p): p is string => p !== undefined),
      );
    } catch (error) {
      problems.push(errorMessage(error));
    }
    if (problems.length > 0) failures.push(`${c.id} (${c.objective}, ${c.layer.name}): ${problems.join('; ')}`);
  }
  return { total: cases.length, failures };
}
