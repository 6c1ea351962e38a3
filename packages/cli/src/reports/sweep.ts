import type { Diagnostics } from '@hwcost/core';
import { findMeasures, measureOf, paretoOf, sweepMeasures, sweepWarnings, type MovedSetting, type SweepMeasure, type SweepPoint, type SweepResult } from '@hwcost/engine';
import type { ImportedModel } from '@hwcost/model';
import { formatCount, renderTable } from '../output/table.js';
import { csvLine } from './csv.js';

/** A sweep with what every report of it shows: its measures, the Pareto front, warnings counted over points. */
export interface SweepView {
  model: { name: string; source: string };
  result: SweepResult;
  measures: SweepMeasure[];
  /** The measures the front is taken over. */
  paretoMeasures: SweepMeasure[];
  /** Per evaluated point, whether it is on the front. */
  onFront: boolean[];
  /** The run's warnings, then each distinct warning of the points with how many points gave it. */
  warnings: string[];
}

/**
 * Prepares the reports of a sweep: the front over `paretoNames` (default: every measure), and the
 * warnings: those of the run, then those of the points, each once with the share of points it
 * concerns (see `sweepWarnings`).
 */
export function sweepView(model: ImportedModel, result: SweepResult, paretoNames: readonly string[] | undefined, diagnostics: Diagnostics): SweepView {
  const measures = sweepMeasures(result.objectives);
  const paretoMeasures = paretoNames ? findMeasures(measures, paretoNames) : measures;
  const run = diagnostics.lines();
  return {
    model: { name: model.name, source: model.source },
    result,
    measures,
    paretoMeasures,
    onFront: paretoOf(result.points, paretoMeasures),
    warnings: [...run, ...sweepWarnings(result.points, run)],
  };
}

/** The settings the resolution moved at a point, in one line, e.g. `fc1 ReuseFactor 3→4`. */
export function movedText(moved: readonly MovedSetting[]): string {
  return moved.map((m) => `${m.layer} ${m.key} ${m.requested}→${m.resolved}`).join('; ');
}

function scope(result: SweepResult): string {
  return result.layer === null ? `model-wide (${result.layers.join(', ')})` : `layer ${result.layer}`;
}

/** The JSON report: every point with its settings, totals, interval and front membership; skipped points with reasons. */
export function sweepJson(view: SweepView) {
  const { result } = view;
  return {
    model: view.model,
    objectives: result.objectives,
    axes: result.axes,
    layer: result.layer,
    layers: result.layers,
    pareto: view.paretoMeasures.map((m) => m.name),
    points: result.points.map((p, i) => ({ index: p.index, settings: p.settings, totals: p.totals, interval: p.interval, pareto: view.onFront[i]!, moved: p.moved })),
    skipped: result.skipped,
    jobs: result.jobs,
    warnings: view.warnings,
  };
}

/** CSV: one line per point (skipped points too, with their reason and no figures). */
export function sweepCsv(view: SweepView): string {
  const { result } = view;
  const keys = result.axes.map((a) => a.key);
  const lines = [['index', ...keys, ...view.measures.map((m) => m.name), 'pareto', 'moved', 'skipped']];
  const rows: { index: number; cells: string[] }[] = result.points.map((p, i) => ({
    index: p.index,
    cells: [String(p.index), ...keys.map((k) => String(p.settings[k])), ...view.measures.map((m) => String(measureOf(p, m))), String(view.onFront[i]), movedText(p.moved), ''],
  }));
  for (const s of result.skipped) {
    rows.push({ index: s.index, cells: [String(s.index), ...keys.map((k) => String(s.settings[k])), ...view.measures.map(() => ''), '', '', s.reason] });
  }
  rows.sort((a, b) => a.index - b.index);
  return `${[...lines, ...rows.map((r) => r.cells)].map(csvLine).join('\n')}\n`;
}

/** The points on the front, cheapest first by the front's first measure. */
export function frontPoints(view: SweepView): SweepPoint[] {
  const first = view.paretoMeasures[0]!;
  return view.result.points.filter((_p, i) => view.onFront[i]).sort((a, b) => measureOf(a, first) - measureOf(b, first) || a.index - b.index);
}

/** Front points grouped by their figures: settings the objectives do not see give the same figures again. */
export function frontGroups(view: SweepView): { point: SweepPoint; count: number }[] {
  const groups = new Map<string, { point: SweepPoint; count: number }>();
  for (const point of frontPoints(view)) {
    const key = view.measures.map((m) => measureOf(point, m)).join(',');
    const group = groups.get(key);
    if (group) group.count++;
    else groups.set(key, { point, count: 1 });
  }
  return [...groups.values()];
}

/** One line for the sweep's axes and where they apply, e.g. `ReuseFactor (4) × Strategy (2) = 8 points, layer fc2`. */
export function sweepSummary(result: SweepResult): string {
  const evaluated = result.points.length + result.skipped.length;
  return `${result.axes.map((a) => `${a.key} (${a.values.length})`).join(' × ')} = ${formatCount(evaluated)} points, ${scope(result)}`;
}

/**
 * The terminal report: a summary, then the Pareto front as a table, one row per distinct set of
 * figures (`alike` counts the points a row stands for and the row shows the first), then moved
 * settings, skipped points and warnings.
 */
export function sweepTable(view: SweepView): string {
  const { result } = view;
  const keys = result.axes.map((a) => a.key);
  const groups = frontGroups(view);
  const frontSize = groups.reduce((n, g) => n + g.count, 0);
  const lines = [
    `${view.model.name} (${view.model.source})`,
    `sweep of ${sweepSummary(result)}, ${result.jobs} job(s)`,
    `Pareto front over ${view.paretoMeasures.map((m) => m.name).join(', ')}: ${formatCount(frontSize)} of ${formatCount(result.points.length)} points, ${formatCount(groups.length)} distinct`,
  ];
  const head = [...keys, ...view.measures.map((m) => (m.objective === undefined ? m.name : `${m.objective}\n${m.dimension}`)), 'alike'];
  const rows = groups.map(({ point, count }) => [
    ...keys.map((k) => String(point.settings[k])),
    ...view.measures.map((m) => formatCount(measureOf(point, m))),
    formatCount(count),
  ]);
  const align = [...keys.map(() => 'left'), ...view.measures.map(() => 'right'), 'right'] as ('left' | 'right')[];
  let text = `${lines.join('\n')}\n${renderTable(head, rows, { align })}`;
  const moved = result.points.filter((p) => p.moved.length > 0);
  if (moved.length > 0) text += `\nReuseFactor moved to a valid one in ${formatCount(moved.length)} point(s), e.g. ${movedText(moved[0]!.moved)}`;
  if (result.skipped.length > 0) text += `\nskipped ${formatCount(result.skipped.length)} point(s) the config resolution refuses, e.g. ${result.skipped[0]!.reason}`;
  if (view.warnings.length > 0) text += `\n${view.warnings.length} warning(s):\n${view.warnings.map((w) => `  - ${w}`).join('\n')}`;
  return text;
}
