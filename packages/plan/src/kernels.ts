import { HwcostError, type Diagnostics } from '@hwcost/core';
import type { ImportedModel, ModelWeights, WeightTensor } from '@hwcost/model';

/**
 * Checks the weights against the model before anything is planned, so that weights of another
 * model or a corrupt kernel stop the run instead of giving masks of the wrong shape: every layer the
 * model gives a kernel must have one of that shape, no weightless layer may have one, and every
 * value must be finite. A layer of a class hwcost does not know may carry a kernel (warned about);
 * kernels naming no layer are warned about and ignored. Returns the kernel of each layer that has one.
 * @throws HwcostError naming the layer (and `source`, the weights' name, when given).
 */
export function checkKernels(model: ImportedModel, weights: ModelWeights, diagnostics: Diagnostics, source?: string): Map<string, WeightTensor> {
  const fail = (message: string): never => {
    throw new HwcostError(source ? `${source}: ${message}` : message);
  };
  if (weights.size === 0) fail('the weights hold no kernel for any layer');
  const kernels = new Map<string, WeightTensor>();
  for (const { attributes: layer, supported } of model.layers) {
    const kernel = weights.get(layer.name);
    const expected = layer.weightShape;
    if (supported && expected.length > 0 && !kernel) fail(`layer ${layer.name}: the weights have no kernel for it (are they another model's?)`);
    if (!kernel) continue;
    if (supported && !sameShape(kernel.shape, expected)) {
      const modelSays = expected.length > 0 ? `the model's is [${expected.join(', ')}]` : 'the model gives the layer no weights';
      fail(`layer ${layer.name}: the weights' kernel has shape [${kernel.shape.join(', ')}], ${modelSays} (are they another model's weights?)`);
    }
    const bad = firstNonFinite(kernel.data);
    if (bad >= 0) fail(`layer ${layer.name}: kernel weight [${indexAt(bad, kernel.shape).join(', ')}] is ${kernel.data[bad]}; a plan needs finite weights`);
    kernels.set(layer.name, kernel);
  }
  const known = new Set(model.layers.map((l) => l.attributes.name));
  const stray = [...weights.keys()].filter((name) => !known.has(name));
  if (stray.length > 0) diagnostics.warn(`the weights hold kernels for layers the model does not have, ignored: ${stray.join(', ')}`);
  return kernels;
}

function sameShape(a: readonly number[], b: readonly number[]): boolean {
  return a.length === b.length && a.every((d, i) => d === b[i]);
}

function firstNonFinite(data: Float32Array): number {
  for (let i = 0; i < data.length; i++) if (!Number.isFinite(data[i])) return i;
  return -1;
}

/** The multi-index of flat C-order position `flat` in `shape`. */
function indexAt(flat: number, shape: readonly number[]): number[] {
  const index = new Array<number>(shape.length);
  for (let d = shape.length - 1; d >= 0; d--) {
    index[d] = flat % shape[d]!;
    flat = Math.floor(flat / shape[d]!);
  }
  return index;
}
