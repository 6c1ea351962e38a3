import { count, resourceKind, type Resources } from './resources.js';
import type { Timing } from './csynth.js';

/** One row of a table of the text report: cells by column name. */
type Row = Record<string, string>;

/** A top-level instance of the text report, with its resources and timing. */
export interface RptInstance {
  instance: string;
  module: string;
  resources: Resources;
  timing: Timing;
}

/** A FIFO or memory of the top function itself (stream buffers, weight ROMs), outside any instance. */
export interface RptStorage {
  name: string;
  kind: 'fifo' | 'memory';
  resources: Resources;
}

/** What hwcost reads of a csynth text report (`myproject_csynth.rpt`). */
export interface CsynthRpt {
  instances: RptInstance[];
  storage: RptStorage[];
}

const SEPARATOR = /^\s*\+-[-+]*\+\s*$/;

function cells(line: string): string[] {
  return line.trim().replace(/^\|/, '').replace(/\|$/, '').split('|').map((c) => c.trim());
}

/**
 * The rows of the table that starts after the `* <title>:` line following `from`. Header lines
 * sit between the first two separators; the last header line names the columns (a column named
 * twice, as `min`/`max` under Latency and Interval, gets a `#2` suffix).
 */
function table(lines: string[], from: number, title: string): { columns: string[]; rows: Row[] } | undefined {
  const start = new RegExp(`^\\s*\\* ${title}:`);
  let i = from + 1;
  // Tables belong to the section `from` opens; the next `== ` heading ends it.
  while (i < lines.length && !start.test(lines[i]!)) if (lines[i++]!.startsWith('== ')) return undefined;
  if (i >= lines.length || !SEPARATOR.test(lines[i + 1] ?? '')) return undefined;
  i += 2;
  const header: string[] = [];
  while (i < lines.length && !SEPARATOR.test(lines[i]!)) header.push(lines[i++]!);
  const seen = new Map<string, number>();
  const columns = cells(header.at(-1) ?? '').map((c) => {
    const n = (seen.get(c) ?? 0) + 1;
    seen.set(c, n);
    return n === 1 ? c : `${c}#${n}`;
  });
  const rows: Row[] = [];
  for (i++; i < lines.length && !SEPARATOR.test(lines[i]!); i++) {
    const values = cells(lines[i]!);
    rows.push(Object.fromEntries(columns.map((c, k) => [c, values[k] ?? ''])));
  }
  return { columns, rows };
}

function resourcesOf(row: Row): Resources {
  const resources: Resources = {};
  for (const [column, value] of Object.entries(row)) {
    const kind = resourceKind(column);
    const n = count(value);
    if (kind && n !== undefined) resources[kind] = n;
  }
  return resources;
}

/** Latency columns: `min`/`max` cycles first; the interval is the last `min`/`max` pair of the row. */
function timingOf(row: Row, columns: string[]): Timing {
  const mins = columns.filter((c) => /^min(#\d+)?$/.test(c));
  const maxes = columns.filter((c) => /^max(#\d+)?$/.test(c));
  const timing: Timing = {};
  const set = (key: keyof Timing, column: string | undefined) => {
    const n = column === undefined ? undefined : count(row[column]);
    if (n !== undefined) timing[key] = n;
  };
  set('latencyBest', mins[0]);
  set('latencyWorst', maxes[0]);
  if (mins.length > 1) set('intervalMin', mins.at(-1));
  if (maxes.length > 1) set('intervalMax', maxes.at(-1));
  return timing;
}

function section(lines: string[], heading: string): number {
  return lines.findIndex((l) => l.startsWith(`== ${heading}`));
}

/**
 * Reads the instance tables of a csynth text report: each top-level instance's resources
 * (Utilization Estimates) and latency (Performance Estimates), and the top function's own FIFOs
 * and memories. Tables that are missing or empty give empty lists.
 */
export function parseCsynthRpt(text: string): CsynthRpt {
  const lines = text.split(/\r?\n/);
  const performance = section(lines, 'Performance Estimates');
  const utilization = section(lines, 'Utilization Estimates');
  const timings = new Map<string, Timing>();
  const latencyTable = performance >= 0 ? table(lines, performance, 'Instance') : undefined;
  for (const row of latencyTable?.rows ?? []) if (row.Instance) timings.set(row.Instance, timingOf(row, latencyTable!.columns));
  const instances: RptInstance[] = [];
  const storage: RptStorage[] = [];
  if (utilization >= 0) {
    for (const row of table(lines, utilization, 'Instance')?.rows ?? []) {
      if (!row.Instance || row.Instance === 'Total') continue;
      instances.push({ instance: row.Instance, module: row.Module ?? '', resources: resourcesOf(row), timing: timings.get(row.Instance) ?? {} });
    }
    for (const row of table(lines, utilization, 'FIFO')?.rows ?? []) {
      if (row.Name && row.Name !== 'Total') storage.push({ name: row.Name, kind: 'fifo', resources: resourcesOf(row) });
    }
    for (const row of table(lines, utilization, 'Memory')?.rows ?? []) {
      if (row.Memory && row.Memory !== 'Total') storage.push({ name: row.Memory, kind: 'memory', resources: resourcesOf(row) });
    }
  }
  return { instances, storage };
}
