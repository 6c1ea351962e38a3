import type { Diagnostics } from '@hwcost/core';
import type { PlanResult } from '@hwcost/plan';
import { formatCount } from '../../output/table.js';
import { reestimatedLine, structureCell, type PlanRequest } from '../plan.js';
import { chart, figures, maskImage, section, table, warnings, type BarChart, type Cell } from './blocks.js';
import { html } from './markup.js';
import { renderPage } from './page.js';
import type { Provenance } from './provenance.js';

const BEFORE = '#9fb3c8';
const AFTER = '#1f3b63';
const LIMIT = '#f28e2b';

const count = (value: number): Cell => ({ text: formatCount(value), sort: value });
const na: Cell = { text: 'n/a', className: 'na', title: 'the objective has no figure for this layer (see warnings)' };

/**
 * The HTML report of `hwcost plan`: before, after and budget of every dimension, the share of each
 * layer's weights kept, each pruned layer's mask as an image (kernel rows × columns, a conv kernel
 * folded to (kh·kw·cin) × filters), the per-layer table with why a layer is not pruned, warnings
 * and what made the report.
 */
export function planHtml(request: PlanRequest, plan: PlanResult, diagnostics: Diagnostics, made: Provenance): string {
  const onResources = plan.budgetOn === 'resources';
  // hls4ml's formulation limits the savings of the kept groups, not the resources: the bar a reader
  // compares "after" with is then the target, (1 − sparsity) × before.
  const limitOf = (m: number): { label: string; value: number | null } =>
    onResources ? { label: 'budget', value: plan.budget[m] ?? null } : { label: 'target', value: plan.target?.[m] ?? null };
  const perDimension = plan.dimensions.map((dimension, m) => {
    const limit = limitOf(m);
    const spec: BarChart = {
      kind: 'bars',
      categories: [dimension],
      series: [
        { label: 'before', values: [plan.before[m]!], color: BEFORE },
        { label: 'after', values: [plan.after[m]!], color: AFTER },
        ...(limit.value === null ? [] : [{ label: limit.label, values: [limit.value], color: LIMIT }]),
      ],
    };
    const limitText = limit.value === null ? 'free' : formatCount(Math.floor(limit.value));
    return chart(spec, 220, `${dimension}: ${formatCount(plan.before[m]!)} → ${formatCount(plan.after[m]!)}, ${limit.label} ${limitText}`);
  });

  const withWeights = plan.layers.filter((l) => l.weights > 0);
  const kept: BarChart = {
    kind: 'bars',
    categories: withWeights.map((l) => l.name),
    series: [{ label: 'weights kept', values: withWeights.map((l) => 100 * l.keptFraction), color: AFTER }],
    percent: true,
  };

  const pruned = plan.layers.filter((l) => l.notPruned === null && plan.masks.has(l.name));
  const masks = pruned.map((l) => {
    const mask = plan.masks.get(l.name)!;
    const cols = mask.shape.at(-1) ?? 1;
    const rows = mask.data.length / cols;
    const folded = mask.shape.length > 2 ? ` (${mask.shape.join('×')} folded)` : '';
    const caption = `${l.name}: ${rows} × ${cols}${folded}, ${l.structureType}, ${formatCount(l.keptGroups)} of ${formatCount(l.groups)} groups, ${formatCount(l.keptWeights)} of ${formatCount(l.weights)} weights kept`;
    return maskImage(l.name, caption, rows, cols, mask.data);
  });
  const notPruned = plan.layers.filter((l) => l.notPruned && l.notPruned.reason !== 'no-weights').map((l) => `${l.name}: ${l.notPruned!.detail}`);

  const head = ['layer', 'type', 'structure', 'groups', 'kept groups', 'weights kept', ...plan.dimensions.flatMap((d) => [`${d} before`, `${d} after`])];
  const rows = plan.layers.map((l) => [
    l.name,
    l.layerType,
    structureCell(l),
    l.notPruned ? '' : count(l.groups),
    l.notPruned ? '' : count(l.keptGroups),
    l.weights > 0 ? { text: `${(100 * l.keptFraction).toFixed(1)}%`, sort: l.keptFraction } : '',
    ...plan.dimensions.flatMap((_d, m) => (l.before && l.after ? [count(l.before[m]!), count(l.after[m]!)] : [na, na])),
  ]);
  const { solver } = plan;
  const budgetNote = onResources
    ? null
    : html`<p class="quiet">hls4ml formulation: the budget (${plan.budget.map((b) => (b === null ? 'free' : formatCount(b))).join(', ')}) limits the savings of the kept groups, not the resources; the bars show the target (1 &minus; sparsity) &times; before${
        plan.aboveTarget.length > 0 ? `, which ${plan.aboveTarget.join(', ')} end above` : ''
      }.</p>`;

  return renderPage({
    title: `hwcost plan: ${request.objective.id}`,
    heading: `Pruning plan for ${request.objective.id}`,
    lead: `${plan.formulation} formulation, ${plan.local ? 'local' : 'global'}, ${request.metric}, ${request.budgetText}; solver ${solver.name}, ${solver.optimal ? 'proven optimal' : 'not proven optimal'}, ${solver.ms.toFixed(1)} ms`,
    provenance: made,
    sections: [
      section(
        'Before, after and budget',
        figures(
          plan.dimensions.map((d, m) => {
            const limit = limitOf(m);
            return { label: d, value: `${formatCount(plan.before[m]!)} → ${formatCount(plan.after[m]!)}`, note: `${limit.label} ${limit.value === null ? 'free' : formatCount(Math.floor(limit.value))}` };
          }),
        ),
        html`<div class="charts">${perDimension}</div>`,
        budgetNote,
        plan.reestimated ? html`<p class="quiet">${reestimatedLine(plan.reestimated)}.</p>` : null,
      ),
      section('Weights kept per layer', chart(kept, 80 + 20 * Math.max(3, withWeights.length), "share of each layer's weights the plan keeps")),
      section(
        'Masks',
        html`<p class="quiet">Each pruned layer's kernel, inputs down, outputs across; dark: kept, light: removed.</p>`,
        masks.length > 0 ? html`<div class="masks">${masks}</div>` : html`<p class="quiet">No layer is pruned.</p>`,
        notPruned.length > 0 ? html`<p class="quiet">Not pruned:</p><ul class="quiet">${notPruned.map((line) => html`<li>${line}</li>`)}</ul>` : null,
      ),
      section('Layers', table(head, rows, { numeric: head.map((_h, i) => i >= 3), caption: 'click a header to sort' })),
      section('Warnings', warnings(diagnostics.lines())),
    ],
  });
}
