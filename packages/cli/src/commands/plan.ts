import { HwcostError, type ObjectiveRegistry } from '@hwcost/core';
import { loadModelInput, resolveWeightsFile, runDiagnostics, selectObjectives } from '@hwcost/engine';
import type { KnapsackSolverName } from '@hwcost/knapsack';
import { loadWeightsFile } from '@hwcost/model';
import { BudgetUnreachableError, encodeNpz, planPruning, type BudgetSpec, type GroupMetric } from '@hwcost/plan';
import { parseBudgetLimits, parseSparsity } from '../options/budget.js';
import { progressBar } from '../output/progress.js';
import { emit, writeFileAtomic } from '../output/write.js';
import { withBundledExample } from '../session/example.js';
import { planJson, planTable } from './plan-report.js';

export interface PlanCommandOptions {
  config?: string;
  weights?: string;
  objective?: string;
  sparsity?: string;
  budget?: string;
  metric: GroupMetric;
  local?: boolean;
  solver: KnapsackSolverName;
  timeLimit?: string;
  bestEffort?: boolean;
  masks?: string;
  format: 'table' | 'json';
  output?: string;
}

function budgetOf(options: PlanCommandOptions): { spec: BudgetSpec; text: string } {
  if ((options.sparsity === undefined) === (options.budget === undefined)) {
    throw new HwcostError('plan needs exactly one of --sparsity <fraction> or --budget DIM=N[,DIM=N...]');
  }
  if (options.local && options.sparsity === undefined) throw new HwcostError('--local needs --sparsity (a per-layer fraction), not absolute --budget limits');
  if (options.sparsity !== undefined) return { spec: { sparsity: parseSparsity(options.sparsity) }, text: `sparsity ${options.sparsity}` };
  return { spec: { limits: parseBudgetLimits(options.budget!) }, text: `budget ${options.budget}` };
}

function timeLimitOf(text: string | undefined): number | undefined {
  if (text === undefined) return undefined;
  const ms = Number(text);
  if (!Number.isFinite(ms) || ms <= 0) throw new HwcostError(`--time-limit must be a positive number of milliseconds, got "${text}"`);
  return ms;
}

/**
 * `hwcost plan`: groups each optimizable layer's weights by its structure, solves the knapsack that
 * keeps the most important groups within budget, reports per layer and writes masks on request.
 */
export async function planCommand(registry: ObjectiveRegistry, modelFile: string | undefined, options: PlanCommandOptions): Promise<void> {
  if (!options.objective) throw new HwcostError('plan needs --objective <ids> (e.g. vivado-dsp-bram,parameter)');
  const budget = budgetOf(options);
  const timeLimitMs = timeLimitOf(options.timeLimit);
  const parts = selectObjectives(registry, options.objective.replaceAll('+', ','));
  const [objective] = selectObjectives(registry, options.objective.replaceAll('+', ','), { composite: true });
  const diagnostics = runDiagnostics(registry);
  const loaded = await loadModelInput(withBundledExample({ model: modelFile, config: options.config }), diagnostics);
  const weights = await loadWeightsFile(resolveWeightsFile(loaded, options.weights));
  const progress = progressBar('planning');
  let plan;
  try {
    plan = await planPruning(
      loaded.model,
      weights,
      {
        objective: objective!,
        budget: budget.spec,
        metric: options.metric,
        local: options.local ?? false,
        solver: options.solver,
        bestEffort: options.bestEffort ?? false,
        onProgress: progress.update,
        ...(timeLimitMs === undefined ? {} : { timeLimitMs }),
      },
      diagnostics,
    );
  } catch (error) {
    if (error instanceof BudgetUnreachableError) throw new HwcostError(`${error.message}; use --best-effort to plan anyway`);
    throw error;
  } finally {
    progress.stop();
  }
  const request = { objective: objective!, parts, budgetText: budget.text, local: options.local ?? false, metric: options.metric };
  const text = options.format === 'json' ? JSON.stringify(planJson(request, plan, diagnostics), null, 2) : planTable(request, plan, diagnostics);
  if (options.masks) await writeFileAtomic(options.masks, encodeNpz(plan.masks));
  await emit(text, options.output);
}
