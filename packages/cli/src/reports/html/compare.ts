import type { Diagnostics } from '@hwcost/core';
import type { Comparison, ComparisonRow, Quantity } from '@hwcost/project';
import { formatCount } from '../../output/table.js';
import { estimateWithError, percent, shownQuantities } from '../compare.js';
import { chart, figures, section, table, warnings, type BarChart, type Cell } from './blocks.js';
import { html } from './markup.js';
import { renderPage } from './page.js';
import type { Provenance } from './provenance.js';

const CSYNTH = '#1f3b63';
const SYNTH = '#9fb3c8';

const count = (value: number | undefined): Cell => (value === undefined ? { text: '–', className: 'na', title: 'not reported' } : { text: formatCount(value), sort: value });

/** An estimate with its relative error, sorting by the error. */
function estimateCell(row: ComparisonRow, id: string, q: Quantity): Cell {
  const estimate = row.estimates[id]?.[q];
  if (estimate === undefined) return { text: 'n/a', className: 'na', title: 'the objective does not apply to this layer' };
  const error = row.errors[id]?.[q];
  return { text: estimateWithError(row, id, q), ...(error === undefined ? { sort: estimate } : { sort: error }) };
}

/**
 * The HTML report of `hwcost compare`: per quantity, the totals against csynth (and logic
 * synthesis), each layer's csynth figure beside every objective's estimate as bars, and a sortable
 * table of the figures with their relative errors; then the notes, what the folder lacks, the
 * warnings and what made the report.
 */
export function compareHtml(comparison: Comparison, diagnostics: Diagnostics, made: Provenance): string {
  const { project, total } = comparison;
  const quantities = shownQuantities(comparison);
  const perQuantity = quantities.map((q) => {
    const objectives = comparison.objectives.filter((o) => o.quantities[q] !== undefined);
    const bars: BarChart = {
      kind: 'bars',
      categories: comparison.layers.map((l) => l.name),
      series: [
        { label: 'csynth', values: comparison.layers.map((l) => l.csynth?.[q] ?? null), color: CSYNTH },
        ...objectives.map((o) => ({ label: o.id, values: comparison.layers.map((l) => l.estimates[o.id]?.[q] ?? null) })),
      ],
    };
    const rows = [...comparison.layers, total].map((row) => [row.name, row.type, count(row.csynth?.[q]), ...objectives.map((o) => estimateCell(row, o.id, q))]);
    const head = ['layer', 'type', `csynth ${q}`, ...objectives.map((o) => `${o.id} (error)`)];
    return section(
      q,
      chart(bars, 120 + 22 * comparison.layers.length, `${q} per layer: csynth and each estimate`),
      table(head, rows, { numeric: head.map((_h, i) => i >= 2), caption: 'the last row is the total; click a header to sort (estimates sort by their error)' }),
    );
  });
  const totals = quantities.flatMap((q) =>
    comparison.objectives
      .filter((o) => total.estimates[o.id]?.[q] !== undefined)
      .map((o) => ({
        label: `${o.id} ${q}`,
        value: formatCount(total.estimates[o.id]![q]!),
        note: [
          total.csynth?.[q] === undefined ? '' : `csynth ${formatCount(total.csynth[q]!)} (${percent(total.errors[o.id]?.[q])})`,
          total.synth?.[q] === undefined ? '' : `synthesis ${formatCount(total.synth[q]!)} (${percent(total.synthErrors[o.id]?.[q])})`,
        ]
          .filter(Boolean)
          .join('; '),
      })),
  );
  const both = quantities.filter((q) => total.csynth?.[q] !== undefined && total.synth?.[q] !== undefined);
  const synth: BarChart = {
    kind: 'bars',
    categories: both,
    series: [
      { label: 'csynth', values: both.map((q) => total.csynth![q]!), color: CSYNTH },
      { label: 'logic synthesis', values: both.map((q) => total.synth![q]!), color: SYNTH },
    ],
  };
  const notes = [
    ...(total.partial.length > 0 ? [`n/a: the objective does not apply to that layer; totals of ${total.partial.join(', ')} leave those layers out`] : []),
    ...comparison.missing.map((m) => `missing: ${m}`),
    ...comparison.notes.map((n) => `note: ${n}`),
    ...diagnostics.lines(),
  ];
  const describe = [project.tool && `${project.tool} ${project.version ?? ''}`.trim(), project.part, project.ioType].filter(Boolean).join(', ');
  return renderPage({
    title: `hwcost compare: ${project.name}`,
    heading: `Estimates against synthesis: ${project.name}`,
    lead: html`${describe} &mdash; layers from ${project.layerSource}${project.weightsFile ? `, weights from ${project.weightsFile}` : ', no weights'}${project.csynthSource ? `; csynth per layer from ${project.csynthSource}` : ''}`,
    provenance: made,
    sections: [
      section('Totals', figures(totals)),
      ...(both.length > 0 ? [section('csynth and logic synthesis', chart(synth, 160, 'totals (vivado_synth.rpt BRAM as 18 Kb = 2 × 36 Kb tiles)'))] : []),
      ...perQuantity,
      section('Notes and warnings', warnings(notes)),
    ],
  });
}
