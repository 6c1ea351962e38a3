import type { InjectionToken, LayerAttributes, LayerKernel, LayerWeights } from '@hwcost/core';
import { hlsLayer, type HlsLayer } from './layer.js';
import { KernelFacts } from './kernel-facts.js';
import { multiplierPlan, type MultiplierPlan } from './rules/multipliers.js';

/**
 * What every rule of this plugin reads of one layer: its view and, for layers with products, how
 * they are built, from the run's weights when it has them (the layer's own kernel, and for a layer
 * without products the kernel of the layer feeding it: its pruned columns are constants). `facts`
 * is the run's memo of quantized kernels; a fresh one (the default) works everything out anew.
 */
export function layerView(layer: LayerAttributes, weights: LayerWeights, facts = new KernelFacts()): { view: HlsLayer; plan: MultiplierPlan | undefined } {
  const view = hlsLayer(layer);
  const multiplies = view.role === 'multiply' || view.role === 'recurrent';
  const feeding = !multiplies && layer.inboundLayers.length === 1 ? weights.kernel(layer.inboundLayers[0]!) : undefined;
  if (feeding) view.constantInputs = Math.min(view.inputSize, facts.zeroColumns(feeding));
  const plan = multiplies && view.multsPerPixel > 0 ? multiplierPlan(view, weights.kernel(layer.name), facts) : undefined;
  return { view, plan };
}

/** The run's {@link LayerViews}; the plugin registers one per run's container, its estimators share it. */
export const LAYER_VIEWS: InjectionToken<LayerViews> = Symbol('hwcost.vivado-hls.LayerViews');

interface Seen {
  kernel: LayerKernel | undefined;
  feeding: LayerKernel | undefined;
  result: { view: Readonly<HlsLayer>; plan: Readonly<MultiplierPlan> | undefined };
}

/**
 * {@link layerView} for one run, each layer's worked out once and shared: every estimator of the
 * plugin asks for the same layers (a sweep point's layers are asked five times each under
 * `--objective all`). An entry belongs to the layer's attributes object (weakly: a sweep point's
 * layers go with the point) and holds only while the run's weights give the same kernels for the
 * layer and the one feeding it. Views and plans are frozen, so that no rule can change another's.
 */
export class LayerViews {
  private readonly seen = new WeakMap<LayerAttributes, Seen>();
  private readonly facts = new KernelFacts();

  of(layer: LayerAttributes, weights: LayerWeights): Seen['result'] {
    const kernel = weights.kernel(layer.name);
    const feeding = layer.inboundLayers.length === 1 ? weights.kernel(layer.inboundLayers[0]!) : undefined;
    const seen = this.seen.get(layer);
    if (seen && seen.kernel === kernel && seen.feeding === feeding) return seen.result;
    const { view, plan } = layerView(layer, weights, this.facts);
    const result = { view: Object.freeze(view), plan: plan && Object.freeze(plan) };
    this.seen.set(layer, { kernel, feeding, result });
    return result;
  }
}
