import type { LayerAttributes, LayerWeights } from '@hwcost/core';
import { hlsLayer, type HlsLayer } from './layer.js';
import { multiplierPlan, type MultiplierPlan } from './rules/multipliers.js';
import { zeroColumns } from './weights.js';

/**
 * What every rule of this plugin reads of one layer: its view and, for layers with products, how
 * they are built, from the run's weights when it has them (the layer's own kernel, and for a layer
 * without products the kernel of the layer feeding it: its pruned columns are constants).
 */
export function layerView(layer: LayerAttributes, weights: LayerWeights): { view: HlsLayer; plan: MultiplierPlan | undefined } {
  const view = hlsLayer(layer);
  const multiplies = view.role === 'multiply' || view.role === 'recurrent';
  const feeding = !multiplies && layer.inboundLayers.length === 1 ? weights.kernel(layer.inboundLayers[0]!) : undefined;
  if (feeding) view.constantInputs = Math.min(view.inputSize, zeroColumns(feeding));
  const plan = multiplies && view.multsPerPixel > 0 ? multiplierPlan(view, weights.kernel(layer.name)) : undefined;
  return { view, plan };
}
