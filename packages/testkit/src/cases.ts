import { Diagnostics, errorMessage, isDeclined, layerAttributes, type LayerAttributes, type LayerAttributesInput, type LayerKernel, type ObjectiveRegistry, type StructureType } from '@hwcost/core';
import { estimateLayer } from '@hwcost/engine';
import { objectiveOf } from './subject.js';

/** A pattern a message must match: a substring, or a regular expression. */
export type MessagePattern = string | RegExp;

/**
 * One expectation about one layer, in the manner of ESLint's RuleTester: give the layer and what
 * the objective must answer. Fields left out are not checked.
 */
export interface ObjectiveCase {
  /** Names the test; default: the layer's name and type. */
  name?: string;
  /** The objective to test, when the subject registers several. */
  objective?: string;
  /** The layer, ready (e.g. a fixture's) or as `layerAttributes` input. */
  layer: LayerAttributes | LayerAttributesInput;
  /** The kernel `LAYER_WEIGHTS` holds for this layer (for objectives that read weights). */
  kernel?: { shape: readonly number[]; data: ArrayLike<number> };
  /** Expected `layerResources`. */
  resources?: number[];
  /** Expected `isLayerOptimizable(...).optimizable`. */
  optimizable?: boolean;
  /** Expected structure chosen by `isLayerOptimizable` (null: not optimizable). */
  structure?: StructureType | null;
  /** Expected `layerSavings` with the attributes `isLayerOptimizable` chose (null: not optimizable). */
  savings?: number[] | null;
  /** The objective must decline the layer (an `EstimatorError`), with a reason matching this when given. */
  declines?: true | MessagePattern;
  /** The objective must warn (true), must not (false), or must warn with a message matching this. */
  warns?: boolean | MessagePattern;
}

const matches = (text: string, pattern: MessagePattern) => (typeof pattern === 'string' ? text.includes(pattern) : pattern.test(text));
const show = (value: unknown) => JSON.stringify(value);

/** Runs one case as `hwcost estimate` runs an objective on a layer; returns what went wrong, or undefined. */
export function runCase(registry: ObjectiveRegistry, testCase: ObjectiveCase): string | undefined {
  const estimator = objectiveOf(registry, testCase.objective);
  const layer = 'args' in testCase.layer ? (testCase.layer as LayerAttributes) : layerAttributes(testCase.layer as LayerAttributesInput);
  const kernel: LayerKernel | undefined = testCase.kernel && { shape: [...testCase.kernel.shape], data: Float32Array.from(testCase.kernel.data) };
  registry.services.useWeights({ kernel: (name) => (name === layer.name ? kernel : undefined) });
  const diagnostics = new Diagnostics();
  registry.services.useDiagnostics(diagnostics);
  let estimate;
  try {
    estimate = estimateLayer(layer, estimator, diagnostics);
  } catch (error) {
    if (!isDeclined(error)) return errorMessage(error);
    if (testCase.declines === undefined) return `declined the layer: ${error.reason}`;
    if (testCase.declines !== true && !matches(error.reason, testCase.declines)) return `declined with "${error.reason}", expected a reason matching ${String(testCase.declines)}`;
    return undefined;
  }
  if (testCase.declines !== undefined) return `did not decline the layer (resources ${show(estimate.resources)})`;
  const failures: string[] = [];
  if (testCase.resources !== undefined && show(estimate.resources) !== show(testCase.resources)) failures.push(`layerResources returned ${show(estimate.resources)}, expected ${show(testCase.resources)}`);
  if (testCase.optimizable !== undefined && estimate.optimizable !== testCase.optimizable) failures.push(`isLayerOptimizable said ${estimate.optimizable}, expected ${testCase.optimizable}`);
  const structure = estimate.optimization?.structureType ?? null;
  if (testCase.structure !== undefined && structure !== testCase.structure) failures.push(`isLayerOptimizable chose ${show(structure)}, expected ${show(testCase.structure)}`);
  if (testCase.savings !== undefined && show(estimate.savings) !== show(testCase.savings)) failures.push(`layerSavings returned ${show(estimate.savings)}, expected ${show(testCase.savings)}`);
  const warnings = diagnostics.items.map((d) => d.message);
  if (testCase.warns === true && warnings.length === 0) failures.push('did not warn');
  if (testCase.warns === false && warnings.length > 0) failures.push(`warned: ${warnings.join('; ')}`);
  if (typeof testCase.warns === 'string' || testCase.warns instanceof RegExp) {
    const pattern = testCase.warns;
    if (!warnings.some((w) => matches(w, pattern))) failures.push(`no warning matches ${String(pattern)} (warnings: ${warnings.join('; ') || 'none'})`);
  }
  return failures.length > 0 ? failures.join('; ') : undefined;
}

/** The test name of a case. */
export function caseName(testCase: ObjectiveCase): string {
  return testCase.name ?? `${testCase.layer.name} (${testCase.layer.layerType})`;
}
