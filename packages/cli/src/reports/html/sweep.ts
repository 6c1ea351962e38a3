import { INTERVAL, measureOf, paretoFront } from '@hwcost/engine';
import { formatCount } from '../../output/table.js';
import { frontGroups, movedText, sweepSummary, type SweepView } from '../sweep.js';
import { chart, figures, measurePicker, section, table, warnings, type Cell, type ParetoChart } from './blocks.js';
import { html } from './markup.js';
import { renderPage } from './page.js';
import type { Provenance } from './provenance.js';

/** Skipped points listed one by one at most; the rest are counted. */
const SKIPPED_SHOWN = 20;

/** The axes the chart opens on: the two `--pareto` measures when two were named, else the first dimension against the interval. */
function initialAxes(view: SweepView): [number, number] {
  const index = (name: string) => view.measures.findIndex((m) => m.name === name);
  if (view.paretoMeasures.length === 2) return [index(view.paretoMeasures[0]!.name), index(view.paretoMeasures[1]!.name)];
  return [index(INTERVAL), 0];
}

/** The chart's data: every point's measures, its settings for tooltips, and the front of every pair of measures. */
function paretoSpec(view: SweepView): ParetoChart {
  const { measures, result } = view;
  const points = result.points.map((p) => measures.map((m) => measureOf(p, m)));
  const fronts: Record<string, number[]> = {};
  for (let a = 0; a < measures.length; a++) {
    for (let b = a; b < measures.length; b++) {
      const marked = paretoFront(points.map((v) => (a === b ? [v[a]!] : [v[a]!, v[b]!])));
      fronts[`${a},${b}`] = marked.flatMap((on, i) => (on ? [i] : []));
    }
  }
  const labels = result.points.map((p) => result.axes.map((a) => `${a.key}=${p.settings[a.key]}`).join(', '));
  const [x, y] = initialAxes(view);
  return { kind: 'pareto', measures: measures.map((m) => m.name), points, labels, fronts, x, y };
}

/**
 * The HTML report of `hwcost sweep`: every point on a scatter of any two measures (picked in the
 * page) with their Pareto front marked, the front over `--pareto` as a sortable table, moved and
 * skipped points, warnings and what made the report.
 */
export function sweepHtml(view: SweepView, made: Provenance): string {
  const { result } = view;
  const keys = result.axes.map((a) => a.key);
  const spec = paretoSpec(view);
  const groups = frontGroups(view);
  const frontSize = groups.reduce((n, g) => n + g.count, 0);
  const moved = result.points.filter((p) => p.moved.length > 0);

  const head = [...keys, ...view.measures.map((m) => m.name), 'alike'];
  const rows = groups.map(({ point, count }) => [
    ...keys.map((k) => String(point.settings[k])),
    ...view.measures.map((m): Cell => ({ text: formatCount(measureOf(point, m)), sort: measureOf(point, m) })),
    { text: formatCount(count), sort: count },
  ]);
  const controls = html`<div class="controls">${measurePicker('x', spec.measures, spec.x)}${measurePicker('y', spec.measures, spec.y)}</div>`;
  const skipped = result.skipped.slice(0, SKIPPED_SHOWN).map((s) => `${result.axes.map((a) => `${a.key}=${s.settings[a.key]}`).join(', ')}: ${s.reason}`);
  if (result.skipped.length > SKIPPED_SHOWN) skipped.push(`… and ${formatCount(result.skipped.length - SKIPPED_SHOWN)} more (the CSV and JSON reports list them all)`);

  return renderPage({
    title: `hwcost sweep: ${view.model.name}`,
    heading: `Sweep of ${view.model.name}`,
    lead: `${view.model.source} — ${sweepSummary(result)}`,
    provenance: made,
    sections: [
      section(
        'Points',
        figures([
          { label: 'points estimated', value: formatCount(result.points.length) },
          { label: 'skipped', value: formatCount(result.skipped.length), note: 'refused by the config resolution' },
          { label: 'ReuseFactor moved', value: formatCount(moved.length), note: 'points with a layer moved to a valid ReuseFactor' },
          { label: 'on the Pareto front', value: formatCount(frontSize), note: `over ${view.paretoMeasures.map((m) => m.name).join(', ')}` },
        ]),
      ),
      section(
        'Pareto chart',
        chart(spec, 460, 'every point; the front of the two measures shown (all minimized) in orange, joined as a staircase; hover for settings', controls),
      ),
      section(
        'Pareto front',
        table(head, rows, {
          numeric: head.map((_h, i) => i >= keys.length),
          caption: `over ${view.paretoMeasures.map((m) => m.name).join(', ')}; one row per distinct set of figures, "alike" counts the points it stands for; click a header to sort`,
        }),
      ),
      moved.length > 0 ? section('ReuseFactor moved', warnings(moved.slice(0, SKIPPED_SHOWN).map((p) => `${keys.map((k) => `${k}=${p.settings[k]}`).join(', ')}: ${movedText(p.moved)}`))) : html``,
      result.skipped.length > 0 ? section('Skipped points', warnings(skipped)) : html``,
      section('Warnings', warnings(view.warnings)),
    ],
  });
}
