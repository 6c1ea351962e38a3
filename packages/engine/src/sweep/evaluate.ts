import { diagnosticLine, Diagnostics, isHwcostError, type Diagnostic, type ObjectiveEstimator, type ObjectiveRegistry, type RunSettings } from '@hwcost/core';
import { applyHls4mlConfig, type Hls4mlConfig, type ImportedModel, type ModelWeights } from '@hwcost/model';
import { runEstimate } from '../estimate/run.js';
import { layerWeights } from '../session/run.js';
import { configForPoint } from './overrides.js';
import { pointAt, type SweepSettings } from './space.js';
import type { SweepAxis } from './axes.js';

/** A layer whose requested ReuseFactor the config resolution moved (to the nearest valid one, as hls4ml's converter does). */
export interface MovedSetting {
  layer: string;
  key: 'ReuseFactor';
  requested: number;
  resolved: number;
}

/** What one point of a sweep costs. */
export interface SweepPoint {
  index: number;
  settings: SweepSettings;
  /** Per objective id, the model's total per dimension: what `hwcost estimate` reports for these settings. */
  totals: Record<string, number[]>;
  /** The model's initiation interval: the largest ReuseFactor over its layers (hls4ml's throughput limit for io_parallel). */
  interval: number;
  moved: MovedSetting[];
  /** The point's warnings, but for those resolving the base config gives whatever the point. */
  warnings: Diagnostic[];
}

/** A point the config resolution refused (hls4ml's converter would reject it), with the reason. */
export interface SkippedPoint {
  index: number;
  settings: SweepSettings;
  reason: string;
}

export type SweepOutcome = SweepPoint | SkippedPoint;

/** What a sweep varies, over which model, measured by which objectives. */
export interface SweepSpace {
  /** The model; its layers' hls4ml attributes are resolved anew for every point. */
  model: ImportedModel;
  /** The model's hls4ml config, the base every point overrides; undefined for hls4ml's defaults. */
  config?: Hls4mlConfig;
  axes: SweepAxis[];
  /** The layers the settings apply to: every layer with hls4ml attributes, or the one named. */
  layers: string[];
}

/** What the run's estimators may inject, carried to every thread of a sweep. */
export interface RunContext {
  settings?: RunSettings;
  /** The model's kernels, for estimators that use weights. */
  weights?: ModelWeights;
}

/** Gives a registry's estimators the run's settings and kernels (each worker builds its own registry). */
export function useRunContext(registry: ObjectiveRegistry, run: RunContext): void {
  if (run.settings) registry.services.useSettings(run.settings);
  if (run.weights) registry.services.useWeights(layerWeights(run.weights));
}

/**
 * Evaluates the points of a sweep one at a time: builds the point's config, resolves the model
 * with it exactly as `hwcost estimate` does, and estimates it. Workers each hold one.
 */
export class SweepEvaluator {
  /** What resolving the base config says whatever the point (unknown keys, its own settings): the run reports it once. */
  private readonly baseWarnings: Set<string>;

  constructor(
    private readonly space: SweepSpace,
    private readonly estimators: readonly ObjectiveEstimator[],
    private readonly registry: ObjectiveRegistry,
  ) {
    const diagnostics = new Diagnostics();
    applyHls4mlConfig(space.model, configForPoint(space.config, {}, space.layers), diagnostics);
    this.baseWarnings = new Set(diagnostics.lines());
  }

  evaluate(index: number): SweepOutcome {
    const { model, config, axes, layers } = this.space;
    const settings = pointAt(axes, index);
    const diagnostics = new Diagnostics();
    // Warnings estimators raise through their injected sink belong to this point too.
    this.registry.services.useDiagnostics(diagnostics);
    let resolved: ImportedModel;
    try {
      resolved = applyHls4mlConfig(model, configForPoint(config, settings, layers), diagnostics);
    } catch (error) {
      if (!isHwcostError(error)) throw error;
      return { index, settings, reason: error.message };
    }
    const { totals } = runEstimate(resolved, this.estimators, diagnostics);
    let interval = 1;
    const moved: MovedSetting[] = [];
    const requested = settings.ReuseFactor as number | undefined;
    for (const { attributes } of resolved.layers) {
      const reuseFactor = attributes.args.hls4ml?.reuseFactor;
      if (reuseFactor === undefined) continue;
      interval = Math.max(interval, reuseFactor);
      if (requested !== undefined && reuseFactor !== requested && layers.includes(attributes.name)) {
        moved.push({ layer: attributes.name, key: 'ReuseFactor', requested, resolved: reuseFactor });
      }
    }
    return { index, settings, totals, interval, moved, warnings: diagnostics.items.filter((d) => !this.baseWarnings.has(diagnosticLine(d))) };
  }
}

/** True for a point the resolution refused. */
export function isSkipped(outcome: SweepOutcome): outcome is SkippedPoint {
  return 'reason' in outcome;
}
