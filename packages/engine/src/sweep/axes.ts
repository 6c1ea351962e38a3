import { HwcostError, ioType, parsePrecision, requireInteger, strategy } from '@hwcost/core';

/** The hls4ml config keys a sweep can vary, as spelled in an hls4ml config. */
export const SWEEP_KEYS = ['ReuseFactor', 'Precision', 'Strategy', 'IOType'] as const;
export type SweepKey = (typeof SWEEP_KEYS)[number];

/** One axis of a design-space sweep: a config key and the values it takes. */
export interface SweepAxis {
  key: SweepKey;
  /** ReuseFactor values are integers; the others strings as written in a config. */
  values: (number | string)[];
}

/** More points than this would not fit in memory as results (about 200 bytes each) nor in any chart. */
export const MAX_SWEEP_POINTS = 2_000_000;

/** Splits at commas outside `<…>`, so `ap_fixed<8,3>,ap_fixed<16,6>` is two values. */
function splitValues(text: string): string[] {
  const parts: string[] = [];
  let depth = 0;
  let start = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (c === '<') depth++;
    else if (c === '>') depth = Math.max(0, depth - 1);
    else if (c === ',' && depth === 0) {
      parts.push(text.slice(start, i));
      start = i + 1;
    }
  }
  parts.push(text.slice(start));
  return parts.map((p) => p.trim());
}

const RANGE = /(\d+)\.\.(\d+)/;

/**
 * Expands every integer range `a..b` (inclusive) in a value: `1..4` is 1, 2, 3, 4 and
 * `ap_fixed<8..10,3>` is ap_fixed<8,3>, ap_fixed<9,3>, ap_fixed<10,3>; several ranges in one value
 * give every combination.
 */
function expandRanges(value: string, where: string): string[] {
  const match = RANGE.exec(value);
  if (!match) return [value];
  const from = Number(match[1]);
  const to = Number(match[2]);
  if (to < from) throw new HwcostError(`${where}: the range ${match[0]} runs backwards`);
  if (to - from >= MAX_SWEEP_POINTS) throw new HwcostError(`${where}: the range ${match[0]} has more than ${MAX_SWEEP_POINTS} values`);
  const head = value.slice(0, match.index);
  const tails = expandRanges(value.slice(match.index + match[0].length), where);
  const out: string[] = [];
  for (let n = from; n <= to; n++) for (const tail of tails) out.push(`${head}${n}${tail}`);
  return out;
}

/** Checks one value with the parser hwcost applies to that key in a config; returns it as a config holds it. */
function checkValue(key: SweepKey, value: string, where: string): number | string {
  switch (key) {
    case 'ReuseFactor':
      return requireInteger(/^\d+$/.test(value) ? Number(value) : value, `${where}: ReuseFactor`, 1);
    case 'Precision':
      try {
        parsePrecision(value);
      } catch (error) {
        throw new HwcostError(`${where}: ${(error as Error).message}`);
      }
      return value;
    case 'Strategy':
      return strategy(value, where);
    case 'IOType':
      return ioType(value, where);
  }
}

/**
 * Parses one axis written `Key=v1,v2,…` (e.g. `ReuseFactor=1,2,4,8`, `ReuseFactor=1..16`,
 * `Precision=ap_fixed<8,3>,ap_fixed<16,6>`, `Strategy=Latency,Resource`). Keys are matched
 * case-insensitively; each value is checked as the config resolution would read it, and a value
 * listed twice is an error.
 */
export function parseSweepAxis(text: string): SweepAxis {
  const where = `sweep axis "${text}"`;
  const equals = text.indexOf('=');
  if (equals < 0) throw new HwcostError(`${where}: expected KEY=VALUE[,VALUE…], e.g. ReuseFactor=1,2,4,8`);
  const name = text.slice(0, equals).trim();
  const key = SWEEP_KEYS.find((k) => k.toLowerCase() === name.toLowerCase());
  if (!key) throw new HwcostError(`${where}: unknown key "${name}" (known: ${SWEEP_KEYS.join(', ')})`);
  const written = splitValues(text.slice(equals + 1));
  if (written.some((v) => v === '')) throw new HwcostError(`${where}: empty value`);
  const values = written.flatMap((v) => expandRanges(v, where)).map((v) => checkValue(key, v, where));
  const seen = new Set<string>();
  for (const v of values) {
    const canonical = String(v).replace(/\s+/g, '');
    if (seen.has(canonical)) throw new HwcostError(`${where}: ${v} is listed twice`);
    seen.add(canonical);
  }
  return { key, values };
}

/** Checks a set of axes: at least one, each key once, and a product within {@link MAX_SWEEP_POINTS}. */
export function checkSweepAxes(axes: readonly SweepAxis[]): void {
  if (axes.length === 0) throw new HwcostError('a sweep needs at least one axis, e.g. ReuseFactor=1,2,4,8');
  const keys = new Set<SweepKey>();
  for (const axis of axes) {
    if (keys.has(axis.key)) throw new HwcostError(`sweep axis ${axis.key} is given twice; list all its values in one axis`);
    keys.add(axis.key);
    if (axis.values.length === 0) throw new HwcostError(`sweep axis ${axis.key} has no values`);
  }
  const size = axes.reduce((n, a) => n * a.values.length, 1);
  if (size > MAX_SWEEP_POINTS) throw new HwcostError(`the sweep has ${size.toLocaleString('en-US')} points, more than the ${MAX_SWEEP_POINTS.toLocaleString('en-US')} hwcost holds`);
}
