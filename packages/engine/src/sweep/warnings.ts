import { diagnosticLine, type Diagnostic } from '@hwcost/core';
import { REUSE_FACTOR_NOT_VALID, type ReuseFactorNotValid } from '@hwcost/model';
import type { SweepPoint } from './evaluate.js';

/**
 * Warnings of one code that differ only in the value a sweep varies, told in one line: the values
 * that must agree for two warnings to be told together, and the line for several.
 */
interface Gathering {
  agree: readonly string[];
  render(items: readonly Diagnostic[]): string;
}

/** Integers as runs: `3, 5–7, 9–15`. */
function runs(values: readonly number[]): string {
  const sorted = [...new Set(values)].sort((a, b) => a - b);
  const parts: string[] = [];
  for (let i = 0; i < sorted.length; ) {
    let j = i;
    while (j + 1 < sorted.length && sorted[j + 1] === sorted[j]! + 1) j++;
    parts.push(j === i ? String(sorted[i]) : `${sorted[i]}–${sorted[j]}`);
    i = j + 1;
  }
  return parts.join(', ');
}

/** Requested values with the one each becomes, runs of consecutive ones becoming the same joined: `3→2, 5–6→4, 7→8`. */
function movesOf(items: readonly ReuseFactorNotValid[]): string {
  const byRequested = new Map(items.map((v) => [v.requested, v.closest]));
  const requested = [...byRequested.keys()].sort((a, b) => a - b);
  const parts: string[] = [];
  for (let i = 0; i < requested.length; ) {
    let j = i;
    while (j + 1 < requested.length && requested[j + 1] === requested[j]! + 1 && byRequested.get(requested[j + 1]!) === byRequested.get(requested[i]!)) j++;
    parts.push(`${j === i ? requested[i] : `${requested[i]}–${requested[j]}`}→${byRequested.get(requested[i]!)}`);
    i = j + 1;
  }
  return parts.join(', ');
}

const GATHERINGS: Record<string, Gathering> = {
  [REUSE_FACTOR_NOT_VALID]: {
    agree: ['source', 'setting', 'moved', 'multiplications', 'valid'],
    render(items) {
      const values = items.map((d) => d.values as ReuseFactorNotValid);
      const { source, setting, moved, multiplications, valid } = values[0]!;
      const what = `${source}: ${setting} ${runs(values.map((v) => v.requested))} are not valid for this layer (${multiplications} multiplications)`;
      const outcome = moved
        ? `using the closest valid one as hls4ml does (${movesOf(values)})`
        : `hls4ml's converter would use the closest valid one (${movesOf(values)}); estimates use the values given, as hls4ml's pruning does`;
      return `${what}; ${outcome}. Valid: ${valid}`;
    },
  },
};

/** Where a warning is told: its own line, or the line of the warnings it is gathered with. */
function keyOf(d: Diagnostic): { key: string; gathering?: Gathering } {
  const gathering = d.code === undefined ? undefined : GATHERINGS[d.code];
  if (!gathering || !d.values) return { key: `line ${diagnosticLine(d)}` };
  const agreed = gathering.agree.map((name) => d.values![name]);
  return { key: `code ${JSON.stringify([d.code, d.objective, d.layer, d.plugin, ...agreed])}`, gathering };
}

/**
 * The warnings of a sweep's points, each told once with the share of points it concerns (none when
 * it concerns them all), in the order first met, leaving out what the run itself says (`run`).
 * Warnings that differ only in the value the sweep varies (a ReuseFactor not valid for a layer, at
 * every invalid value) become one line per layer listing the values.
 */
export function sweepWarnings(points: readonly SweepPoint[], run: readonly string[]): string[] {
  const groups = new Map<string, { items: Diagnostic[]; seen: Set<string>; points: number; gathering?: Gathering }>();
  for (const point of points) {
    const met = new Set<string>();
    for (const d of point.warnings) {
      const { key, gathering } = keyOf(d);
      let group = groups.get(key);
      if (!group) groups.set(key, (group = { items: [], seen: new Set(), points: 0, ...(gathering ? { gathering } : {}) }));
      // A warning met again at another point adds nothing to the line.
      const line = diagnosticLine(d);
      if (!group.seen.has(line)) {
        group.seen.add(line);
        group.items.push(d);
      }
      if (!met.has(key)) {
        met.add(key);
        group.points++;
      }
    }
  }
  const total = points.length;
  const share = (n: number) => (n === total ? '' : ` (in ${n.toLocaleString('en-US')} of ${total.toLocaleString('en-US')} points)`);
  const lines: string[] = [];
  for (const { items, points: n, gathering } of groups.values()) {
    const first = items[0]!;
    const line = gathering && items.length > 1 ? diagnosticLine({ ...first, message: gathering.render(items) }) : diagnosticLine(first);
    if (!run.includes(line)) lines.push(`${line}${share(n)}`);
  }
  return lines;
}
