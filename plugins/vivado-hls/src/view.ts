import type { LayerAttributes, LayerWeights } from '@hwcost/core';
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
