import type { Diagnostics, ObjectiveEstimator } from '@hwcost/core';
import type { PlanResult } from '@hwcost/plan';
import { formatCount, renderTable } from '../output/table.js';

/** What the plan was asked for, for the report header. */
export interface PlanRequest {
  objective: ObjectiveEstimator;
  parts: readonly ObjectiveEstimator[];
  budgetText: string;
  local: boolean;
  metric: string;
}

/** The JSON report of `hwcost plan`. */
export function planJson(request: PlanRequest, plan: PlanResult, diagnostics: Diagnostics) {
  return {
    objective: { id: request.objective.id, dimensions: plan.dimensions },
    objectives: request.parts.map((p) => ({ id: p.id, dimensions: [...p.dimensions] })),
    dimensions: plan.dimensions,
    mode: request.local ? 'local' : 'global',
    metric: request.metric,
    budget: plan.budget,
    before: plan.before,
    after: plan.after,
    solver: plan.solver,
    layers: plan.layers.map((l) => ({
      name: l.name,
      type: l.layerType,
      structureType: l.structureType,
      groups: l.groups,
      kept: l.kept,
      removed: l.groups - l.kept,
      before: l.before,
      after: l.after,
    })),
    warnings: diagnostics.lines(),
  };
}

const change = (before: number, after: number) => (before === after ? formatCount(before) : `${formatCount(before)} → ${formatCount(after)}`);

/** The terminal report: header lines, one row per layer with before → after per dimension, totals. */
export function planTable(request: PlanRequest, plan: PlanResult, diagnostics: Diagnostics): string {
  const { solver } = plan;
  const header = [
    `objective ${request.objective.id} (${request.local ? 'local' : 'global'}, ${request.metric}, ${request.budgetText})`,
    `budget: ${plan.dimensions.map((d, m) => `${d} ≤ ${plan.budget[m] === null ? 'free' : formatCount(plan.budget[m]!)}`).join(', ')}`,
    `solver: ${solver.name}, ${solver.optimal ? 'proven optimal' : 'not proven optimal'}, ${solver.ms.toFixed(1)} ms`,
  ];
  const rows = plan.layers.map((l) => [
    l.name,
    l.structureType ?? 'kept whole',
    formatCount(l.groups),
    formatCount(l.kept),
    ...l.before.map((b, m) => change(b, l.after[m]!)),
  ]);
  const footer = ['total', '', '', '', ...plan.before.map((b, m) => change(b, plan.after[m]!))];
  const align = ['left', 'left', 'right', 'right', ...plan.dimensions.map(() => 'right')] as ('left' | 'right')[];
  let text = `${header.join('\n')}\n${renderTable(['layer', 'structure', 'groups', 'kept', ...plan.dimensions], rows, { footer, align })}`;
  const warnings = diagnostics.lines();
  if (warnings.length > 0) text += `\n${warnings.length} warning(s):\n${warnings.map((w) => `  - ${w}`).join('\n')}`;
  return text;
}
