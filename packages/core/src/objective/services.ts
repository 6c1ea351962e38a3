import type { InjectionToken } from 'tsyringe';

/**
 * Services a run offers to the estimators it resolves through the DI container. Tokens are
 * registered symbols, so a plugin built against another copy of `@hwcost/core` names the same ones.
 */

/** Where warnings of the current run go; the injectable twin of {@link EstimateContext.warn}. */
export interface DiagnosticSink {
  warn(message: string, where?: { objective?: string; layer?: string }): void;
}

/** Read-only settings of the current run. */
export interface RunSettings {
  /** What the run does, e.g. `estimate`, `plan`. */
  readonly command: string;
  /** The model file, when the run has one. */
  readonly modelFile?: string;
  /** The hls4ml config file, when the run has one. */
  readonly configFile?: string;
  /** The weights file the run read kernels from, when it read any. */
  readonly weightsFile?: string;
  /** The objective ids the run was asked for. */
  readonly objectives: readonly string[];
}

/** One layer's kernel in the layout of {@link LayerAttributes.weightShape} (Keras layout), C order. */
export interface LayerKernel {
  readonly shape: readonly number[];
  readonly data: Float32Array;
}

/**
 * The kernels of the run's model, when the run has weights (a `.keras` archive, a whole-model `.h5`,
 * ONNX initializers, or a weights file beside the model). Filled before the first estimator call.
 */
export interface LayerWeights {
  /** The layer's kernel, or undefined when the run has no weights for it. */
  kernel(layer: string): LayerKernel | undefined;
}

/** The weights of a run that has none: every kernel is undefined. */
export const NO_LAYER_WEIGHTS: LayerWeights = Object.freeze({ kernel: () => undefined });

export const DIAGNOSTIC_SINK: InjectionToken<DiagnosticSink> = Symbol.for('hwcost.DiagnosticSink');
export const RUN_SETTINGS: InjectionToken<RunSettings> = Symbol.for('hwcost.RunSettings');
export const LAYER_WEIGHTS: InjectionToken<LayerWeights> = Symbol.for('hwcost.LayerWeights');
