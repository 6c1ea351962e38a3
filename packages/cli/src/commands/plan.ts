import { Option, type Command } from 'commander';
import { HwcostError, type ObjectiveRegistry } from '@hwcost/core';
import { loadRun, planReestimation, runDiagnostics, selectObjectives } from '@hwcost/engine';
import type { KnapsackSolverName } from '@hwcost/knapsack';
import { masksInStoredLayout } from '@hwcost/model';
import { BudgetUnreachableError, encodeNpz, planPruning, type BudgetSpec, type Formulation, type GroupMetric } from '@hwcost/plan';
import { parseBudgetLimits, parseSparsity } from '../options/budget.js';
import { progressBar } from '../output/progress.js';
import { warnOnStderr } from '../output/warnings.js';
import { checkOutputs, emit } from '../output/write.js';
import { withBundledExample } from '../session/example.js';
import { registryOf } from '../program/context.js';
import { planCsv, planJson, planTable } from '../reports/plan.js';
import { planHtml } from '../reports/html/plan.js';
import { collectProvenance, runFiles } from '../reports/html/provenance.js';

interface PlanOptions {
  config?: string;
  weights?: string;
  objective?: string;
  sparsity?: string;
  budget?: string;
  metric: GroupMetric;
  local?: boolean;
  formulation: Formulation;
  solver: KnapsackSolverName;
  timeLimit?: string;
  bestEffort?: boolean;
  masks?: string;
  format: 'table' | 'json' | 'csv' | 'html';
  output?: string;
}

function budgetOf(options: PlanOptions): { spec: BudgetSpec; text: string } {
  if ((options.sparsity === undefined) === (options.budget === undefined)) {
    throw new HwcostError('plan needs exactly one of --sparsity <fraction> or --budget DIM=N[,DIM=N...]');
  }
  if (options.local && options.sparsity === undefined) throw new HwcostError('--local needs --sparsity (a per-layer fraction), not absolute --budget limits');
  if (options.formulation === 'hls4ml' && options.sparsity === undefined) throw new HwcostError('--formulation hls4ml needs --sparsity (hls4ml plans a fraction, not absolute limits)');
  if (options.sparsity !== undefined) return { spec: { sparsity: parseSparsity(options.sparsity) }, text: `sparsity ${options.sparsity}` };
  return { spec: { limits: parseBudgetLimits(options.budget!) }, text: `budget ${options.budget}` };
}

function timeLimitOf(text: string | undefined): number | undefined {
  if (text === undefined) return undefined;
  const ms = Number(text);
  if (!Number.isFinite(ms) || ms <= 0) throw new HwcostError(`--time-limit must be a positive number of milliseconds, got "${text}"`);
  return ms;
}

const FORMULATIONS = `
Formulations:
  hwcost (default)  Keeps the resources after pruning of the whole model, pruned layers or not, within
                    the budget. Every structure's group values are normalised per layer.
  hls4ml            Plans exactly as hls4ml's get_model_masks: the savings of the kept groups stay within
                    floor((1 - sparsity) x the resources of the pruned layers). It bounds savings, not
                    resources, so a plan can end above (1 - sparsity) x before, which the report says.

Only Dense and Conv2D layers (QKeras and ONNX twins included) are pruned, as in hls4ml's optimize_model,
and the last layer with weights is never pruned structurally; the report says why a layer is not pruned.`;

/**
 * `hwcost plan`: groups each optimizable layer's weights by its structure, solves the knapsack that
 * keeps the most important groups within budget, reports per layer and writes masks on request.
 */
export function registerPlanCommand(program: Command): void {
  program
    .command('plan')
    .description('plan which weight groups to prune so the objective meets a budget (no model: the bundled example)')
    .argument('[model]', "Keras model JSON, whole-model .h5, .keras archive or ONNX model; default: the model the config names")
    .option('--config <file>', 'hls4ml config (YAML or JSON)')
    .option('--weights <file>', "Keras weights (.h5); default: the model file when it holds them, the config's KerasH5, or <model>_weights.h5 beside the model")
    .option('--objective <ids>', "objective ids or hls4ml class names; several form one composite (the first chooses each layer's structure)")
    .option('--sparsity <fraction>', 'remove this fraction of every dimension: budget = (1 - sparsity) x total')
    .option('--budget <limits>', 'absolute limits, e.g. DSP=200,BRAM=40 (dimensions not named are free)')
    .addOption(new Option('--metric <metric>', 'group importance').choices(['l1', 'l2']).default('l1'))
    .option('--local', 'give every layer the same sparsity instead of one global knapsack')
    .addOption(new Option('--formulation <name>', 'how the knapsack is posed (see below)').choices(['hwcost', 'hls4ml']).default('hwcost'))
    .addOption(new Option('--solver <solver>', 'knapsack solver').choices(['auto', 'dp', 'bnb', 'greedy', 'mip', 'equal']).default('auto'))
    .option('--time-limit <ms>', 'stop branch and bound or MIP after this long and use the best plan found')
    .option('--best-effort', 'when the budget is unreachable, plan the smallest reachable resources instead of failing')
    .option('--masks <file.npz>', "write one 0/1 mask per layer, in its kernel shape (an ONNX initializer's own layout), to an .npz (numpy.load reads it)")
    .addOption(new Option('--format <format>', 'output format (csv: warnings go to stderr)').choices(['table', 'json', 'csv', 'html']).default('table'))
    .option('--output <file>', 'write the report to a file (atomically) instead of stdout')
    .addHelpText('after', FORMULATIONS)
    .action(async (modelFile: string | undefined, options: PlanOptions, command: Command) => {
      await plan(await registryOf(command, options.objective), modelFile, options, command);
    });
}

async function plan(registry: ObjectiveRegistry, modelFile: string | undefined, options: PlanOptions, command: Command): Promise<void> {
  if (!options.objective) throw new HwcostError('plan needs --objective <ids> (e.g. vivado-dsp-bram,parameter)');
  const budget = budgetOf(options);
  await checkOutputs([options.masks, options.output]);
  const timeLimitMs = timeLimitOf(options.timeLimit);
  const parts = selectObjectives(registry, options.objective.replaceAll('+', ','));
  const [objective] = selectObjectives(registry, options.objective.replaceAll('+', ','), { composite: true });
  const diagnostics = runDiagnostics(registry);
  const input = { ...withBundledExample({ model: modelFile, config: options.config }), ...(options.weights ? { weights: options.weights } : {}) };
  const loaded = await loadRun(registry, input, [objective!], diagnostics, { command: 'plan', requireWeights: true });
  const reestimation = planReestimation(registry, objective!, loaded.weights!);
  const progress = progressBar('planning');
  let result;
  try {
    result = await planPruning(
      loaded.model,
      loaded.weights!,
      {
        objective: objective!,
        budget: budget.spec,
        metric: options.metric,
        local: options.local ?? false,
        formulation: options.formulation,
        ...(loaded.weightsFile === undefined ? {} : { weightsSource: loaded.weightsFile }),
        solver: options.solver,
        bestEffort: options.bestEffort ?? false,
        ...(reestimation ? { reestimation } : {}),
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
  const request = { objective: objective!, parts, budgetText: budget.text, metric: options.metric };
  const text =
    options.format === 'html'
      ? planHtml(request, result, diagnostics, await collectProvenance(command, registry, runFiles(loaded)))
      : options.format === 'json'
        ? JSON.stringify(planJson(request, result, diagnostics), null, 2)
        : options.format === 'csv'
          ? planCsv(result)
          : planTable(request, result, diagnostics);
  // Masks and report are renamed into place together, once both are written.
  const masks = options.masks ? [{ file: options.masks, content: encodeNpz(masksInStoredLayout(result.masks, loaded.weights!)) }] : [];
  await emit(text, options.output, masks);
  // CSV has no place for warnings; they must still reach the user.
  if (options.format === 'csv') warnOnStderr(diagnostics.lines());
}
