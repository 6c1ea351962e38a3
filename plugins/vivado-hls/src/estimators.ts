import {
  EstimatorError,
  hasWeights,
  inject,
  injectable,
  LAYER_WEIGHTS,
  NOT_OPTIMIZABLE,
  prunable,
  removesWeights,
  type EstimateContext,
  type LayerAttributes,
  type LayerWeights,
  type ObjectiveEstimator,
  type OptimizableResult,
} from '@hwcost/core';
import type { HlsLayer } from './layer.js';
import { LAYER_VIEWS, type LayerViews } from './view.js';
import { bramRule } from './rules/bram.js';
import { dspRule } from './rules/dsp.js';
import { latencyRule } from './rules/latency.js';
import { lutRule } from './rules/logic.js';
import { ffRule } from './rules/registers.js';
import type { MultiplierPlan } from './rules/multipliers.js';

type Rule = (layer: HlsLayer, plan: MultiplierPlan | undefined) => number;

/** What sets one objective of this plugin apart: its id, its one dimension, and the rule it applies. */
interface HlsObjective {
  id: string;
  dimension: string;
  description: string;
  rule: Rule;
}

/**
 * One objective of this plugin: a rule applied to every layer. The run's weights, when it has
 * them, come through the `LAYER_WEIGHTS` service; without them the rules expect the weights'
 * spread from their precision and fan-in. Layer views come from the run's {@link LayerViews},
 * shared by the plugin's estimators.
 */
abstract class HlsEstimator implements ObjectiveEstimator {
  readonly id: string;
  readonly dimensions: readonly string[];
  readonly description: string;
  /** Asks the engine to load the run's weights when it can. */
  readonly usesWeights = true;
  private readonly rule: Rule;

  constructor(
    objective: HlsObjective,
    private readonly weights: LayerWeights,
    private readonly views: LayerViews,
  ) {
    this.id = objective.id;
    this.dimensions = [objective.dimension];
    this.description = objective.description;
    this.rule = objective.rule;
  }

  private measure(layer: LayerAttributes): { view: HlsLayer; plan: MultiplierPlan | undefined; value: number } {
    const { view, plan } = this.views.of(layer, this.weights);
    if (view.role === 'other') throw new EstimatorError(this.id, layer.name, `has no HLS cost model for layer type ${layer.layerType}`);
    return { view, plan, value: Math.max(0, Math.round(this.rule(view, plan))) };
  }

  isLayerOptimizable(layer: LayerAttributes): OptimizableResult {
    return hasWeights(layer) && this.views.of(layer, this.weights).view.role === 'multiply' ? prunable('unstructured') : NOT_OPTIMIZABLE;
  }

  layerResources(layer: LayerAttributes): number[] {
    return [this.measure(layer).value];
  }

  /** One removed weight saves the layer's cost per non-zero weight, rounded (0 or 1 for DSPs). */
  layerSavings(layer: LayerAttributes, context: EstimateContext): number[] {
    if (!hasWeights(layer) || !removesWeights(layer, context, this.dimensions[0]!)) return [0];
    const { plan, value } = this.measure(layer);
    return [plan && plan.nonZero > 0 ? Math.round(value / plan.nonZero) : 0];
  }
}

/**
 * The estimator class of one objective, created by the run's container: tsyringe reads the
 * injection tokens of a class's own constructor only, so each objective needs a class of its own.
 */
function hlsEstimator(objective: HlsObjective): new (weights: LayerWeights, views: LayerViews) => ObjectiveEstimator {
  @injectable()
  class Estimator extends HlsEstimator {
    constructor(@inject(LAYER_WEIGHTS) weights: LayerWeights, @inject(LAYER_VIEWS) views: LayerViews) {
      super(objective, weights, views);
    }
  }
  return Estimator;
}

export const HlsDspEstimator = hlsEstimator({
  id: 'hls-dsp',
  dimension: 'DSP',
  description: 'DSP slices as Vivado/Vitis HLS reports them (zero, power-of-two and narrow weights in logic; wide products in several slices)',
  rule: dspRule,
});

export const HlsBramEstimator = hlsEstimator({
  id: 'hls-bram',
  dimension: 'BRAM',
  description: '18 Kb block RAMs as Vivado/Vitis HLS reports them (Resource weights, io_stream FIFOs, lookup tables)',
  rule: bramRule,
});

export const HlsFfEstimator = hlsEstimator({
  id: 'hls-ff',
  dimension: 'FF',
  description: 'flip-flops as Vivado/Vitis HLS reports them (pipelined products and sums, stream registers)',
  rule: ffRule,
});

export const HlsLutEstimator = hlsEstimator({
  id: 'hls-lut',
  dimension: 'LUT',
  description: 'LUTs as Vivado/Vitis HLS reports them (adder trees, shift-add constants, comparators, shift-register FIFOs)',
  rule: lutRule,
});

export const HlsLatencyEstimator = hlsEstimator({
  id: 'hls-latency',
  dimension: 'cycles',
  description: 'latency in clock cycles as Vivado/Vitis HLS reports it (io_stream designs: the slowest layer)',
  rule: latencyRule,
});
