import type { InjectionToken } from 'tsyringe';
import type { LayerAttributes } from '../attributes/layer.js';
import type { OptimizationAttributes } from '../attributes/optimization.js';

/** Where a warning came from, beyond the objective and layer of the call. */
export interface WarningOrigin {
  /** The plugin that raised it; hwcost fills it in, estimators pass only the message. */
  plugin?: string;
}

/** Passed to every estimator call: where warnings go. */
export interface EstimateContext {
  /** Records a warning for this call (the run collects them; never print from an estimator). */
  warn(message: string, origin?: WarningOrigin): void;
}

/** What {@link ObjectiveEstimator.isLayerOptimizable} returns. */
export interface OptimizableResult {
  optimizable: boolean;
  /** The structure best suited to the objective; null when the layer is not optimizable. */
  attributes: OptimizationAttributes | null;
}

/**
 * An objective: a resource that pruning should reduce (parameters, FLOPs, DSPs, …), with one or more
 * dimensions. Mirrors hls4ml's `ObjectiveEstimator`; every result array has one entry per dimension,
 * each a non-negative integer.
 */
export interface ObjectiveEstimator {
  /** Stable id used on the command line, e.g. `vivado-dsp`. */
  readonly id: string;
  /** Names of the dimensions, e.g. `['DSP', 'BRAM']`. */
  readonly dimensions: readonly string[];
  /** Other names accepted for the id, e.g. hls4ml's class name `VivadoDSPEstimator`. */
  readonly aliases?: readonly string[];
  /** One line for listings. */
  readonly description?: string;
  /**
   * True when the estimator reads kernels through `LAYER_WEIGHTS`: the run then loads the model's
   * weights when it can find them (an empty `LayerWeights` when it cannot) before the first call.
   */
  readonly usesWeights?: boolean;

  /** Whether pruning this layer helps the objective, and with which structure. */
  isLayerOptimizable(layer: LayerAttributes, context: EstimateContext): OptimizableResult;
  /** Units of each dimension the layer uses, whatever its sparsity. */
  layerResources(layer: LayerAttributes, context: EstimateContext): number[];
  /** Units of each dimension saved by removing one group of the layer's `optimizationAttributes`. */
  layerSavings(layer: LayerAttributes, context: EstimateContext): number[];
}

/** The injection token under which plugins register their estimators. */
export const OBJECTIVE_ESTIMATOR: InjectionToken<ObjectiveEstimator> = Symbol.for('hwcost.ObjectiveEstimator');
