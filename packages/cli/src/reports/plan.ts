import type { Diagnostics, ObjectiveEstimator } from '@hwcost/core';
import type { LayerPlan, NotPrunedReason, PlanResult } from '@hwcost/plan';
import { formatCount, renderTable } from '../output/table.js';
import { csvLine } from './csv.js';

/** What the plan was asked for, for the report header. */
export interface PlanRequest {
  objective: ObjectiveEstimator;
  parts: readonly ObjectiveEstimator[];
  budgetText: string;
  metric: string;
}

/** Short words for why a layer is not pruned, as the table and CSV show them. */
export const NOT_PRUNED_LABELS: Readonly<Record<NotPrunedReason, string>> = {
  'no-weights': 'no weights',
  unsupported: 'not supported by hwcost',
  'kind-not-optimized': 'kind not optimized by hls4ml',
  'last-layer': 'last layer',
  'objective-declines': 'objective declines it',
  'structure-does-not-tile': 'structure does not tile',
};

/** The JSON report of `hwcost plan`. */
export function planJson(request: PlanRequest, plan: PlanResult, diagnostics: Diagnostics) {
  return {
    objective: { id: request.objective.id, dimensions: plan.dimensions },
    objectives: request.parts.map((p) => ({ id: p.id, dimensions: [...p.dimensions] })),
    dimensions: plan.dimensions,
    formulation: plan.formulation,
    mode: plan.local ? 'local' : 'global',
    metric: request.metric,
    budget: plan.budget,
    budgetOn: plan.budgetOn,
    budgetBase: plan.budgetBase,
    target: plan.target,
    aboveTarget: plan.aboveTarget,
    before: plan.before,
    after: plan.after,
    reestimated: plan.reestimated && {
      objectives: [...new Set(request.parts.filter((p) => p.usesWeights).map((p) => p.id))],
      dimensions: plan.reestimated.dimensions,
      plans: plan.reestimated.plans,
    },
    solver: plan.solver,
    layers: plan.layers.map((l) => ({
      name: l.name,
      type: l.layerType,
      pruned: l.notPruned === null,
      notPruned: l.notPruned,
      structureType: l.structureType,
      groups: l.groups,
      keptGroups: l.keptGroups,
      removedGroups: l.groups - l.keptGroups,
      weights: l.weights,
      keptWeights: l.keptWeights,
      keptFraction: l.keptFraction,
      savingsPerGroup: l.savingsPerGroup,
      before: l.before,
      after: l.after,
      ...(l.budget ? { budget: l.budget } : {}),
    })),
    warnings: diagnostics.lines(),
  };
}

const change = (before: number, after: number) => (before === after ? formatCount(before) : `${formatCount(before)} → ${formatCount(after)}`);

/** The structure column: what is pruned, or why nothing is. */
export function structureCell(l: LayerPlan): string {
  return l.notPruned ? `– (${NOT_PRUNED_LABELS[l.notPruned.reason]})` : l.structureType!;
}

function budgetLine(plan: PlanResult): string {
  const limits = plan.dimensions.map((d, m) => `${d} ≤ ${plan.budget[m] === null ? 'free' : formatCount(plan.budget[m]!)}`).join(', ');
  if (plan.formulation === 'hwcost') return `budget: ${limits}${plan.local ? ' (each pruned layer: its own share)' : ''}`;
  const base = plan.budgetBase.map(formatCount).join(', ');
  return `budget on the savings of the kept groups (hls4ml): ${limits}${plan.local ? ', per pruned layer its own share' : ''} (of ${base} in the pruned layers)`;
}

/** Which after figures are the objective's estimate of the pruned kernels, for table and HTML. */
export function reestimatedLine(reestimated: NonNullable<PlanResult['reestimated']>): string {
  return `after (${reestimated.dimensions.join(', ')}): the objective's own estimate of the pruned kernels (${reestimated.plans} plan(s) tried)`;
}

/** The terminal report: header lines, one row per layer with before → after per dimension, totals. */
export function planTable(request: PlanRequest, plan: PlanResult, diagnostics: Diagnostics): string {
  const { solver } = plan;
  const header = [
    `objective ${request.objective.id} (${plan.formulation} formulation, ${plan.local ? 'local' : 'global'}, ${request.metric}, ${request.budgetText})`,
    budgetLine(plan),
    `solver: ${solver.name}, ${solver.optimal ? 'proven optimal' : 'not proven optimal'}, ${solver.ms.toFixed(1)} ms`,
    ...(plan.reestimated ? [reestimatedLine(plan.reestimated)] : []),
  ];
  const rows = plan.layers.map((l) => [
    l.name,
    structureCell(l),
    l.notPruned ? '' : formatCount(l.groups),
    l.notPruned ? '' : formatCount(l.keptGroups),
    l.weights > 0 ? `${(100 * l.keptFraction).toFixed(1)}%` : '',
    ...plan.dimensions.map((_d, m) => (l.before && l.after ? change(l.before[m]!, l.after[m]!) : 'n/a')),
  ]);
  const footer = ['total', '', '', '', '', ...plan.before.map((b, m) => change(b, plan.after[m]!))];
  const align = ['left', 'left', 'right', 'right', 'right', ...plan.dimensions.map(() => 'right')] as ('left' | 'right')[];
  let text = `${header.join('\n')}\n${renderTable(['layer', 'structure', 'groups', 'kept', 'weights kept', ...plan.dimensions], rows, { footer, align })}`;
  const notPruned = plan.layers.filter((l) => l.notPruned && l.notPruned.reason !== 'no-weights');
  if (notPruned.length > 0) text += `\nnot pruned:\n${notPruned.map((l) => `  - ${l.name}: ${l.notPruned!.detail}`).join('\n')}`;
  if (plan.layers.some((l) => !l.before)) text += '\nn/a: the objective has no figure for that layer (see warnings); totals leave it out';
  const warnings = diagnostics.lines();
  if (warnings.length > 0) text += `\n${warnings.length} warning(s):\n${warnings.map((w) => `  - ${w}`).join('\n')}`;
  return text;
}

/** CSV: a header, one line per layer (empty cells where there is no figure), a totals line. Warnings go elsewhere. */
export function planCsv(plan: PlanResult): string {
  const dims = plan.dimensions.flatMap((d) => [`${d} before`, `${d} after`]);
  const lines = [['layer', 'type', 'pruned', 'reason', 'structure', 'groups', 'kept groups', 'weights', 'kept weights', 'kept fraction', ...dims]];
  for (const l of plan.layers) {
    const figures = plan.dimensions.flatMap((_d, m) => [String(l.before?.[m] ?? ''), String(l.after?.[m] ?? '')]);
    lines.push([
      l.name,
      l.layerType,
      String(l.notPruned === null),
      l.notPruned?.reason ?? '',
      l.structureType ?? '',
      String(l.groups),
      String(l.keptGroups),
      String(l.weights),
      String(l.keptWeights),
      String(l.keptFraction),
      ...figures,
    ]);
  }
  lines.push(['total', '', '', '', '', '', '', '', '', '', ...plan.dimensions.flatMap((_d, m) => [String(plan.before[m]), String(plan.after[m])])]);
  return `${lines.map(csvLine).join('\n')}\n`;
}
