import { HwcostError } from '@hwcost/core';
import type { SweepPoint } from './evaluate.js';
import { paretoFront } from './pareto.js';

/** The name of the initiation-interval measure. */
export const INTERVAL = 'interval';

/** One number a sweep measures per point: an objective's dimension, or the initiation interval. */
export interface SweepMeasure {
  /** `objective:dimension`, or `interval`. */
  name: string;
  objective?: string;
  dimension?: string;
  /** Index of the dimension in the objective's totals. */
  index?: number;
}

/** Every measure of a sweep: each objective's dimensions in order, then the interval. */
export function sweepMeasures(objectives: readonly { id: string; dimensions: readonly string[] }[]): SweepMeasure[] {
  return [
    ...objectives.flatMap(({ id, dimensions }) => dimensions.map((dimension, index) => ({ name: `${id}:${dimension}`, objective: id, dimension, index }))),
    { name: INTERVAL },
  ];
}

/** A measure's value at a point. */
export function measureOf(point: SweepPoint, measure: SweepMeasure): number {
  return measure.objective === undefined ? point.interval : point.totals[measure.objective]![measure.index!]!;
}

/**
 * Finds measures by name: `objective:dimension`, a dimension name only one objective has, or
 * `interval` (case-insensitive). Errors name the measures there are.
 */
export function findMeasures(measures: readonly SweepMeasure[], names: readonly string[]): SweepMeasure[] {
  const found = names.map((raw) => {
    const name = raw.trim().toLowerCase();
    const exact = measures.find((m) => m.name.toLowerCase() === name);
    if (exact) return exact;
    const byDimension = measures.filter((m) => m.dimension?.toLowerCase() === name);
    if (byDimension.length === 1) return byDimension[0]!;
    const known = measures.map((m) => m.name).join(', ');
    if (byDimension.length > 1) throw new HwcostError(`measure "${raw.trim()}" is ambiguous: ${byDimension.map((m) => m.name).join(' or ')}`);
    throw new HwcostError(`unknown measure "${raw.trim()}"; known: ${known}`);
  });
  if (new Set(found).size !== found.length) throw new HwcostError(`a measure is named twice in ${names.join(',')}`);
  return found;
}

/** Which points are on the Pareto front of `measures`, every measure minimized (resources, and the interval: fewer cycles is faster). */
export function paretoOf(points: readonly SweepPoint[], measures: readonly SweepMeasure[]): boolean[] {
  return paretoFront(points.map((p) => measures.map((m) => measureOf(p, m))));
}
