import type { Diagnostics } from '@hwcost/core';
import { QUANTITIES, type Comparison, type ComparisonRow, type Figures, type Quantity } from '@hwcost/project';
import { formatCount, renderTable } from '../output/table.js';

/** The JSON report of `hwcost compare`. */
export function compareJson(comparison: Comparison, diagnostics: Diagnostics) {
  return { ...comparison, warnings: diagnostics.lines() };
}

/** A relative error as a signed whole percentage, `+12%`; empty when there is none. */
export function percent(error: number | undefined): string {
  if (error === undefined) return '';
  const value = Math.round(error * 100);
  return `${value > 0 ? '+' : ''}${value}%`;
}

/** Quantities some objective estimates or some report gives, in the fixed order. */
export function shownQuantities(comparison: Comparison): Quantity[] {
  return QUANTITIES.filter((q) => comparison.objectives.some((o) => o.quantities[q] !== undefined) || comparison.total.csynth?.[q] !== undefined);
}

function cell(value: number | undefined): string {
  return value === undefined ? '–' : formatCount(value);
}

/**
 * A layer's estimate with its error against csynth: relative, or where csynth reports 0 (a layer
 * the tool merged into its neighbour, say) the difference itself, as a percentage of nothing says nothing.
 */
export function estimateWithError(row: ComparisonRow, id: string, q: Quantity): string {
  const estimate = row.estimates[id]?.[q];
  if (estimate === undefined) return 'n/a';
  const actual = row.csynth?.[q];
  if (actual === 0 && estimate !== 0) return `${formatCount(estimate)} (+${formatCount(estimate)} vs 0)`;
  const error = percent(row.errors[id]?.[q]);
  return error ? `${formatCount(estimate)} (${error})` : formatCount(estimate);
}

function rowCells(row: ComparisonRow, comparison: Comparison, q: Quantity): string[] {
  return comparison.objectives.filter((o) => o.quantities[q] !== undefined).map((o) => estimateWithError(row, o.id, q));
}

/**
 * The terminal report: one table per quantity (DSP, BRAM, FF, LUT, latency) with a row per layer:
 * csynth's figure and each objective's estimate with its relative error; then the totals against
 * csynth and logic synthesis, and what the folder lacks.
 */
export function compareTable(comparison: Comparison, diagnostics: Diagnostics): string {
  const { project } = comparison;
  const lines = [`${project.name} (${[project.tool && `${project.tool} ${project.version ?? ''}`.trim(), project.part, project.ioType].filter(Boolean).join(', ')})`];
  lines.push(`layers from ${project.layerSource === 'none' ? 'nowhere (see missing)' : project.layerSource}${project.weightsFile ? `, weights from ${project.weightsFile}` : ', no weights'}${project.csynthSource ? `; csynth per layer from ${project.csynthSource}` : ''}`);
  for (const q of shownQuantities(comparison)) {
    const objectives = comparison.objectives.filter((o) => o.quantities[q] !== undefined);
    if (objectives.length === 0) continue;
    const head = ['layer', 'type', `csynth\n${q}`, ...objectives.map((o) => `${o.id}\n${q} (error)`)];
    const rows = comparison.layers.map((row) => [row.name, row.type, cell(row.csynth?.[q]), ...rowCells(row, comparison, q)]);
    const total = comparison.total;
    const footer = ['total', '', cell(total.csynth?.[q]), ...rowCells(total, comparison, q)];
    lines.push('', renderTable(head, rows, { footer, align: ['left', 'left', ...head.slice(2).map(() => 'right' as const)] }));
  }
  const { total } = comparison;
  if (total.synth) {
    const entries = (Object.entries(total.synth) as [Quantity, number][]).map(([q, v]) => {
      const errors = comparison.objectives.filter((o) => total.synthErrors[o.id]?.[q] !== undefined).map((o) => `${o.id} ${percent(total.synthErrors[o.id]![q])}`);
      return `${q} ${formatCount(v)}${errors.length ? ` (${errors.join(', ')})` : ''}`;
    });
    lines.push('', `logic synthesis (vivado_synth.rpt, BRAM as 18 Kb = 2 x 36 Kb tiles): ${entries.join('; ')}`);
  }
  if (comparison.unattributed && Object.values(comparison.unattributed).some((v) => v !== 0)) {
    lines.push(`csynth outside the layers (top-level registers, muxes, unmatched instances): ${figuresText(comparison.unattributed)}`);
  }
  if (total.partial.length > 0) lines.push(`n/a: the objective does not apply to that layer; totals of ${total.partial.join(', ')} leave those layers out`);
  if (comparison.missing.length > 0) lines.push(`missing: ${comparison.missing.join('; ')}`);
  for (const note of comparison.notes) lines.push(`note: ${note}`);
  const warnings = diagnostics.lines();
  if (warnings.length > 0) lines.push(`${warnings.length} warning(s):`, ...warnings.map((w) => `  - ${w}`));
  return lines.join('\n');
}

function figuresText(figures: Figures): string {
  return (Object.entries(figures) as [Quantity, number][]).map(([q, v]) => `${q} ${formatCount(v)}`).join(', ');
}

function csvField(value: string | number | undefined): string {
  if (value === undefined) return '';
  const text = String(value);
  return /[",\n]/.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
}

/** CSV: one line per layer, quantity and objective (and the totals, against csynth and synthesis). */
export function compareCsv(comparison: Comparison): string {
  const lines = ['layer,type,quantity,objective,estimate,csynth,synth,error_vs_csynth,error_vs_synth'];
  const emit = (row: ComparisonRow, synth: Figures | null, synthErrors: Record<string, Figures> | null) => {
    for (const q of QUANTITIES) {
      for (const o of comparison.objectives.filter((o) => o.quantities[q] !== undefined)) {
        const fields = [row.name, row.type, q, o.id, row.estimates[o.id]?.[q], row.csynth?.[q], synth?.[q], row.errors[o.id]?.[q], synthErrors?.[o.id]?.[q]];
        lines.push(fields.map(csvField).join(','));
      }
    }
  };
  for (const row of comparison.layers) emit(row, null, null);
  emit(comparison.total, comparison.total.synth, comparison.total.synthErrors);
  return `${lines.join('\n')}\n`;
}
