import { availableParallelism } from 'node:os';
import { createRequire } from 'node:module';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { Diagnostics, HwcostError, type ObjectiveEstimator, type ObjectiveRegistry } from '@hwcost/core';
import { applyHls4mlConfig, type Hls4mlConfig, type ImportedModel } from '@hwcost/model';
import { selectObjectives } from '../compose/select.js';
import { createRegistry, type PluginOptions } from '../session/plugins.js';
import { checkSweepAxes, type SweepAxis } from './axes.js';
import { isSkipped, SweepEvaluator, useRunContext, type RunContext, type SkippedPoint, type SweepPoint, type SweepSpace } from './evaluate.js';
import { evaluateAll } from './pool.js';
import { sweepSize } from './space.js';

/** A design-space sweep: every combination of the axes' values, applied model-wide or to one layer. */
export interface SweepRequest extends RunContext {
  /** The model as imported; each point resolves its hls4ml attributes anew. */
  model: ImportedModel;
  config?: Hls4mlConfig;
  axes: SweepAxis[];
  /** The one layer the settings apply to; every layer with hls4ml attributes when absent. */
  layer?: string;
  /** Objective ids or names, as `selectObjectives` reads them (`a,b`, `a+b`, `all`). */
  objective: string;
  /** The plugins of the run; each worker loads them again to build the same objectives, with `settings` and `weights`. */
  plugins?: PluginOptions;
}

export interface SweepOptions {
  /** Threads, the calling one included; default: every core. Small sweeps use fewer (see {@link MIN_POINTS_PER_WORKER}). */
  jobs?: number;
  /** The run's registry, when the caller has one; otherwise one is created from `plugins`. */
  registry?: ObjectiveRegistry;
  onProgress?: (done: number, total: number) => void;
}

export interface SweepResult {
  objectives: { id: string; dimensions: string[] }[];
  axes: SweepAxis[];
  /** The layers the settings were applied to. */
  layers: string[];
  /** The one layer named in the request, else null (model-wide). */
  layer: string | null;
  /** Evaluated points, by index. */
  points: SweepPoint[];
  /** Points the config resolution refused. */
  skipped: SkippedPoint[];
  /** Threads used, the calling one included. */
  jobs: number;
}

/**
 * A worker costs about 0.6 s of CPU more than doing its points on the calling thread (measured on
 * the bundled example: starting it and loading hwcost and the plugins, warming it up, passing the
 * results back: 2.7 s of CPU on two threads against 2.1 s on one for 10,000 points at ~0.2 ms
 * each), the work of about 3,000 points; with fewer points for it, a worker cannot pay off.
 */
export const MIN_POINTS_PER_WORKER = 3000;

/** Points per chunk handed to a thread: messaging stays negligible, and the calling thread answers worker messages every ~40 ms. */
const CHUNK_SIZE = 250;

/** The engine's built worker; undefined when running from TypeScript sources, which Node cannot start as a worker. */
function workerFile(): URL | undefined {
  if (fileURLToPath(import.meta.url).endsWith('.ts')) return undefined;
  // By package name, not beside this module: the command line runs this code bundled into its own file.
  return pathToFileURL(createRequire(import.meta.url).resolve('@hwcost/engine/sweep-worker'));
}

/** The layers a sweep changes: those hls4ml configures (they get hls4ml attributes), or the one named. */
function sweptLayers(model: ImportedModel, config: Hls4mlConfig | undefined, layer: string | undefined): string[] {
  const configured = applyHls4mlConfig(model, config, new Diagnostics()).layers.filter((l) => l.attributes.args.hls4ml).map((l) => l.attributes.name);
  if (configured.length === 0) throw new HwcostError(`${model.source}: no layer has hls4ml settings to sweep`);
  if (layer === undefined) return configured;
  if (!configured.includes(layer)) throw new HwcostError(`${model.source}: layer "${layer}" has no hls4ml settings to sweep; layers that have: ${configured.join(', ')}`);
  return [layer];
}

/**
 * Estimates every point of a sweep (see {@link SweepRequest}) on worker threads, each point
 * resolved through the same config resolution as a config file and estimated as `hwcost estimate`
 * does; a point the resolution refuses is skipped with its reason.
 */
export async function runSweep(request: SweepRequest, options: SweepOptions = {}): Promise<SweepResult> {
  checkSweepAxes(request.axes);
  const registry = options.registry ?? (await createRegistry(request.plugins));
  const run: RunContext = { ...(request.settings ? { settings: { ...request.settings } } : {}), ...(request.weights ? { weights: request.weights } : {}) };
  useRunContext(registry, run);
  const estimators: ObjectiveEstimator[] = selectObjectives(registry, request.objective);
  const layers = sweptLayers(request.model, request.config, request.layer);
  const space: SweepSpace = { model: request.model, axes: request.axes, layers, ...(request.config ? { config: request.config } : {}) };
  const total = sweepSize(request.axes);
  const file = workerFile();
  const workers = file ? Math.max(0, Math.min((options.jobs ?? availableParallelism()) - 1, Math.floor(total / MIN_POINTS_PER_WORKER))) : 0;
  const outcomes = await evaluateAll({
    total,
    chunkSize: CHUNK_SIZE,
    evaluator: new SweepEvaluator(space, estimators, registry),
    workers,
    ...(file ? { workerFile: file, init: { space, objective: request.objective, plugins: request.plugins ?? {}, run } } : {}),
    ...(options.onProgress ? { onProgress: options.onProgress } : {}),
  });
  return {
    objectives: estimators.map((e) => ({ id: e.id, dimensions: [...e.dimensions] })),
    axes: request.axes,
    layers,
    layer: request.layer ?? null,
    points: outcomes.filter((o): o is SweepPoint => !isSkipped(o)),
    skipped: outcomes.filter(isSkipped),
    jobs: workers + 1,
  };
}
