import { HwcostError, type Diagnostic, type ObjectiveEstimator, type PluginProblem, type RegisteredObjective } from '@hwcost/core';
import type { ImportedModel } from '@hwcost/model';
import type { GroupMetric, PlanOptions, PlanResult } from '@hwcost/plan';
import { selectObjectives } from '../compose/select.js';
import { runEstimate, type ModelEstimate } from '../estimate/run.js';
import { resolvePluginSpec } from '../plugins/resolve.js';
import { createRegistry, nearestPackageDir, runDiagnostics, type PluginOptions } from '../session/plugins.js';
import { planReestimation } from '../session/reestimation.js';
import { loadRun } from '../session/run.js';

/** Options of {@link createHwcost}: which plugins a run may use. Every field is optional. */
export type HwcostOptions = Omit<PluginOptions, 'objectives'>;

/** Objectives as `--objective` takes them (`'a,b+c'`, `'all'`) or as a list of ids. */
export type ObjectiveSelection = string | readonly string[];

export interface HwcostEstimateOptions {
  /** An hls4ml config (YAML or JSON); without one, hls4ml's defaults. */
  config?: string;
  /** Default `'all'`: every objective, each separate; `'a+b'` is one composite. */
  objectives?: ObjectiveSelection;
  /** Weights for objectives that read kernels; default: found beside the model, if any. */
  weights?: string;
}

export interface HwcostEstimateResult extends ModelEstimate {
  model: ImportedModel;
  objectives: ObjectiveEstimator[];
  /** The run's warnings, one line each. */
  warnings: string[];
  /** The same warnings with where they came from (objective, layer, plugin). */
  diagnostics: Diagnostic[];
}

export interface HwcostPlanOptions {
  /** Required: one objective, or several that form one composite (the first chooses each layer's structure). */
  objectives: ObjectiveSelection;
  /** Remove this fraction of every dimension (budget = (1 − sparsity) × total). Give this or `budget`. */
  sparsity?: number;
  /** Absolute limits by dimension name, e.g. `{ DSP: 200, BRAM: 40 }`; dimensions not named are free. */
  budget?: Readonly<Record<string, number>>;
  config?: string;
  /** Default: the model file when it holds weights, the config's KerasH5, or `<model>_weights.h5` beside it. */
  weights?: string;
  /** Group importance; default `'l1'`. */
  metric?: GroupMetric;
  /** Same sparsity in every layer instead of one global knapsack; default false. */
  local?: boolean;
  /** Default `'auto'`. */
  solver?: PlanOptions['solver'];
  /** Stop branch and bound or MIP after this long and use the best plan found; default: no limit. */
  timeLimitMs?: number;
  /** Plan the smallest reachable resources when the budget cannot be met, instead of failing; default false. */
  bestEffort?: boolean;
  onProgress?: (done: number, total: number) => void;
}

export interface HwcostPlanResult extends PlanResult {
  objective: ObjectiveEstimator;
  warnings: string[];
  diagnostics: Diagnostic[];
}

/** hwcost as a library: the objectives its plugins provide, estimates and plans of model files. */
export interface Hwcost {
  /** Every objective the plugins provide (all plugins are imported), and every plugin problem. */
  objectives(): Promise<{ objectives: RegisteredObjective[]; problems: PluginProblem[] }>;
  /** Estimates every layer of a model (Keras JSON, `.keras`, whole-model `.h5`) with the selected objectives. */
  estimate(model: string, options?: HwcostEstimateOptions): Promise<HwcostEstimateResult>;
  /** Plans which weight groups to prune so that the objectives meet a budget; `masks` holds one 0/1 mask per layer. */
  plan(model: string, options: HwcostPlanOptions): Promise<HwcostPlanResult>;
}

/**
 * hwcost for a Node script. Each call is a run of its own, as a CLI command is: its own registry
 * and services, importing only the plugins it needs (modules are imported once per process).
 * Plugins the options name are checked now, so that a wrong name fails here. Unlike the CLI, it
 * installs no process-wide handlers: plugin code that escapes its calls is the host's to handle.
 */
export async function createHwcost(options: HwcostOptions = {}): Promise<Hwcost> {
  const cwd = options.cwd ?? process.cwd();
  const projectDir = nearestPackageDir(cwd) ?? cwd;
  await Promise.all((options.plugins ?? []).map((p) => resolvePluginSpec(typeof p === 'string' ? { spec: p } : p, projectDir, cwd)));
  const registryFor = (objectives?: string) => createRegistry({ ...options, ...(objectives === undefined ? {} : { objectives }) });

  return {
    async objectives() {
      const registry = await registryFor();
      return { objectives: [...registry.list()], problems: [...registry.problems] };
    },

    async estimate(model, estimateOptions = {}) {
      const spec = selectionText(estimateOptions.objectives ?? 'all');
      const registry = await registryFor(spec);
      const estimators = selectObjectives(registry, spec);
      const diagnostics = runDiagnostics(registry);
      const loaded = await loadRun(registry, inputOf(model, estimateOptions), estimators, diagnostics, { command: 'estimate' });
      const result = runEstimate(loaded.model, estimators, diagnostics);
      return { ...result, model: loaded.model, objectives: estimators, warnings: diagnostics.lines(), diagnostics: [...diagnostics.items] };
    },

    async plan(model, planOptions) {
      if (planOptions === undefined || planOptions.objectives === undefined) throw new HwcostError('plan needs objectives (e.g. "vivado-dsp-bram,parameter")');
      const budget = budgetOf(planOptions);
      const spec = selectionText(planOptions.objectives).replaceAll('+', ',');
      const registry = await registryFor(spec);
      const [objective] = selectObjectives(registry, spec, { composite: true }) as [ObjectiveEstimator];
      const diagnostics = runDiagnostics(registry);
      const loaded = await loadRun(registry, inputOf(model, planOptions), [objective], diagnostics, { command: 'plan', requireWeights: true });
      // The planner (and its solvers) load only for plans.
      const { planPruning } = await import('@hwcost/plan');
      const reestimation = planReestimation(registry, objective, loaded.weights!);
      const result = await planPruning(
        loaded.model,
        loaded.weights!,
        {
          objective,
          budget,
          metric: planOptions.metric ?? 'l1',
          local: planOptions.local ?? false,
          solver: planOptions.solver ?? 'auto',
          bestEffort: planOptions.bestEffort ?? false,
          ...(reestimation ? { reestimation } : {}),
          ...(planOptions.timeLimitMs === undefined ? {} : { timeLimitMs: planOptions.timeLimitMs }),
          ...(planOptions.onProgress ? { onProgress: planOptions.onProgress } : {}),
        },
        diagnostics,
      );
      return { ...result, objective, warnings: diagnostics.lines(), diagnostics: [...diagnostics.items] };
    },
  };
}

function selectionText(selection: ObjectiveSelection): string {
  return typeof selection === 'string' ? selection : selection.join(',');
}

function inputOf(model: string, options: { config?: string; weights?: string }) {
  return { model, ...(options.config === undefined ? {} : { config: options.config }), ...(options.weights === undefined ? {} : { weights: options.weights }) };
}

function budgetOf(options: HwcostPlanOptions) {
  if ((options.sparsity === undefined) === (options.budget === undefined)) throw new HwcostError('plan needs exactly one of sparsity (a fraction) or budget (limits by dimension)');
  if (options.sparsity !== undefined) {
    if (!(options.sparsity >= 0 && options.sparsity < 1)) throw new HwcostError(`sparsity must be a number in [0, 1), got ${options.sparsity}`);
    return { sparsity: options.sparsity };
  }
  const limits = new Map(Object.entries(options.budget!));
  for (const [dimension, limit] of limits) {
    if (!Number.isInteger(limit) || limit < 0) throw new HwcostError(`budget ${dimension} must be a non-negative integer, got ${limit}`);
  }
  return { limits };
}
