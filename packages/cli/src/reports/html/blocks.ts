import { html, jsonScript, raw, type Markup } from './markup.js';
import type { Provenance } from './provenance.js';

/**
 * The building blocks of report pages. Each returns markup; the page script (assets/html/report.js)
 * brings the charts, sortable tables and mask images to life from the data each block carries.
 */

let nextId = 0;
/** A page-unique element id. */
export function elementId(prefix: string): string {
  return `${prefix}-${++nextId}`;
}

/** A titled section of a page. */
export function section(title: string, ...body: (Markup | null | undefined | false)[]): Markup {
  return html`<section><h2>${title}</h2>${body}</section>`;
}

/** Share of each layer per dimension: one horizontal bar per dimension, one stacked segment per layer. */
export interface ShareChart {
  kind: 'share';
  /** One per bar, e.g. `vivado-dsp:DSP`. */
  categories: string[];
  /** The total of each bar, shown beside its label. */
  totals: number[];
  /** One per layer: its value in each bar (null where the objective declined the layer). */
  series: { label: string; values: (number | null)[] }[];
}

/** Plain bars: one group per category, one bar per series in it. */
export interface BarChart {
  kind: 'bars';
  categories: string[];
  series: { label: string; values: (number | null)[]; color?: string }[];
  /** Horizontal bars (categories down the side). */
  horizontal?: boolean;
  /** Values are percentages (axis 0–100 %). */
  percent?: boolean;
}

/**
 * A scatter of sweep points with the Pareto front of the two measures shown marked; the page script
 * reads the axes from the first two `<select>`s of the figure (see {@link measurePicker}).
 */
export interface ParetoChart {
  kind: 'pareto';
  measures: string[];
  /** Per point, its value of every measure. */
  points: number[][];
  /** Per point, its settings in one line, for tooltips. */
  labels: string[];
  /** The front of each pair of measures, keyed `x,y` (indices into measures), as point indices. */
  fronts: Record<string, number[]>;
  x: number;
  y: number;
}

export type ChartSpec = ShareChart | BarChart | ParetoChart;

/** A chart drawn by Chart.js from `spec`; `height` in CSS pixels; `controls` go above it (the pareto chart's axis pickers). */
export function chart(spec: ChartSpec, height: number, title?: string, controls?: Markup): Markup {
  const id = elementId('chart');
  return html`<figure class="chart">${title ? html`<figcaption>${title}</figcaption>` : null}${controls}<div class="chart-box" style="height:${height}px"><canvas id="${id}" role="img" aria-label="${title ?? spec.kind}"></canvas></div>${jsonScript(spec, { 'data-chart': id })}</figure>`;
}

/** A `<select>` of measures for a pareto chart's axis. */
export function measurePicker(label: string, measures: readonly string[], selected: number): Markup {
  return html`<label>${label} <select>${measures.map((m, i) => html`<option value="${i}"${i === selected ? raw(' selected') : null}>${m}</option>`)}</select></label>`;
}

/** A cell: text shown, an optional number the column sorts by, optional classes and a tooltip. */
export interface Cell {
  text: string;
  sort?: number;
  className?: string;
  title?: string;
}

/** A table whose columns sort on a click on their header (numbers by value). */
export function table(head: string[], rows: (Cell | string)[][], options: { numeric?: boolean[]; caption?: string } = {}): Markup {
  const numeric = (i: number) => options.numeric?.[i] ?? false;
  return html`<div class="table-wrap"><table class="sortable">${options.caption ? html`<caption>${options.caption}</caption>` : null}<thead><tr>${head.map(
    (h, i) => html`<th scope="col" class="${numeric(i) ? 'num' : ''}">${h}</th>`,
  )}</tr></thead><tbody>${rows.map(
    (row) =>
      html`<tr>${row.map((cell, i) => {
        const c = typeof cell === 'string' ? { text: cell } : cell;
        const classes = [numeric(i) ? 'num' : '', c.className ?? ''].filter(Boolean).join(' ');
        return html`<td${raw(classes ? ` class="${classes}"` : '')}${raw(c.sort === undefined ? '' : ` data-sort="${c.sort}"`)}${c.title ? html` title="${c.title}"` : null}>${c.text}</td>`;
      })}</tr>`,
  )}</tbody></table></div>`;
}

/** Warnings listed in full up to this many; the rest fold away under a summary line. */
const WARNINGS_SHOWN = 12;

/** The run's warnings (a long list folded after the first few), or a line saying there were none. */
export function warnings(lines: readonly string[]): Markup {
  if (lines.length === 0) return html`<p class="quiet">No warnings.</p>`;
  const item = (line: string) => html`<li>${line}</li>`;
  const rest = lines.slice(WARNINGS_SHOWN);
  return html`<ul class="warnings">${lines.slice(0, WARNINGS_SHOWN).map(item)}</ul>${
    rest.length > 0 ? html`<details><summary>${rest.length} more</summary><ul class="warnings">${rest.map(item)}</ul></details>` : null
  }`;
}

/** Summary figures shown as cards at the top of a page. */
export function figures(items: { label: string; value: string; note?: string }[]): Markup {
  return html`<div class="figures">${items.map((f) => html`<div class="figure"><div class="label">${f.label}</div><div class="value">${f.value}</div>${f.note ? html`<div class="note">${f.note}</div>` : null}</div>`)}</div>`;
}

/**
 * A 0/1 mask drawn as an image, `rows` × `cols` pixels (kept dark, removed light), scaled up for
 * small kernels; the bits travel packed, eight to a byte, in base64.
 */
export function maskImage(name: string, caption: string, rows: number, cols: number, data: ArrayLike<number>): Markup {
  const bits = new Uint8Array(Math.ceil(data.length / 8));
  for (let i = 0; i < data.length; i++) if (data[i]) bits[i >> 3]! |= 0x80 >> (i & 7);
  const scale = Math.max(1, Math.min(12, Math.floor(256 / Math.max(rows, cols))));
  return html`<figure class="mask"><canvas class="mask-image" data-layer="${name}" data-rows="${rows}" data-cols="${cols}" data-bits="${Buffer.from(bits).toString('base64')}" width="${cols}" height="${rows}" style="width:${cols * scale}px;height:${rows * scale}px" role="img" aria-label="mask of ${name}"></canvas><figcaption>${caption}</figcaption></figure>`;
}

/** What made the report. */
export function provenance(p: Provenance): Markup {
  return section(
    'How this report was made',
    html`<dl class="provenance"><dt>command</dt><dd><code>${p.commandLine}</code></dd><dt>hwcost</dt><dd>${p.hwcost}</dd><dt>plugins</dt><dd>${p.plugins.map((x) => `${x.name}@${x.version}`).join(', ') || 'none'}</dd>${p.inputs.map(
      (f) => html`<dt>${f.role}</dt><dd><code>${f.path}</code><br><span class="hash">sha256 ${f.sha256}</span></dd>`,
    )}<dt>generated</dt><dd>${p.generated}</dd></dl>`,
  );
}
