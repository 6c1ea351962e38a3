import { HwcostError } from '@hwcost/core';
import { solveKnapsack } from './solve.js';
import { markTopItems, type ValueSource } from './top-items.js';
import type { KnapsackMethod, KnapsackOptions } from './types.js';
import { validateOptions } from './validate.js';

/**
 * Items that all weigh the same: the weight groups of one layer, which each save the layer's
 * `layer_savings`. Values are read through `value(i)` so a class can compute them from a kernel
 * instead of holding a copy.
 */
export interface ItemClass extends ValueSource {
  /** The weight of each item, one entry per row: non-negative integers. */
  readonly weights: readonly number[];
}

export interface ClassKnapsackResult {
  /** Per class, 1 for each chosen item. */
  chosen: Uint8Array[];
  /** Total value of the chosen items. */
  value: number;
  optimal: boolean;
  solver: KnapsackMethod;
  ms: number;
}

const fail = (reason: string): never => {
  throw new HwcostError(`knapsack: ${reason}`);
};

/** What one pass over a class's values finds. */
interface Scan {
  /** Items worth more than nothing. */
  positive: number;
  /** Their total value. */
  total: number;
}

/**
 * The knapsack of {@link solveKnapsack} over items given by class, without materialising a weight
 * per item: the planner's problem, where tens of millions of single weights can be groups.
 *
 * As in hls4ml's `solve_knapsack`, two shortcuts look at the whole problem first and take items
 * whatever their value: everything fits (all taken), or each row's weight is the same in every
 * class (the most valuable items, ties in class then index order). Otherwise items worth nothing
 * are left out — they cannot raise the value, and hls4ml's CBC leaves them out too — classes
 * weighing nothing are taken, classes too heavy for a row are dropped, rows the rest cannot
 * overfill are dropped, and the two shortcuts are tried again; only what remains is expanded into
 * per-item arrays for {@link solveKnapsack} (so memory grows with the items of classes that still
 * compete, about 8 bytes per item and row).
 * @throws HwcostError on malformed input or an inapplicable solver.
 */
export async function solveClassKnapsack(classes: readonly ItemClass[], capacity: readonly number[], options: KnapsackOptions = {}): Promise<ClassKnapsackResult> {
  const started = performance.now();
  validateClasses(classes, capacity);
  validateOptions(options);
  const scans = classes.map(scan);
  const chosen = classes.map((c) => new Uint8Array(c.count));
  const rows = capacity.map((_c, k) => k);
  const finish = (solver: KnapsackMethod, optimal: boolean, value: number): ClassKnapsackResult => ({ chosen, value, optimal, solver, ms: performance.now() - started });

  const all = classes.map((_c, s) => s);
  const whole = shortcut(classes, scans, all, rows, capacity, chosen, false);
  if (whole) return finish(whole.solver, true, whole.value);

  let value = 0;
  const competing: number[] = [];
  classes.forEach((c, s) => {
    if (c.weights.every((w) => w === 0)) value += markAll(c, scans[s]!, chosen[s]!, true);
    else if (c.weights.every((w, k) => w <= capacity[k]!) && scans[s]!.positive > 0) competing.push(s);
  });
  const binding = rows.filter((k) => competing.reduce((sum, s) => sum + scans[s]!.positive * classes[s]!.weights[k]!, 0) > capacity[k]!);
  const reduced = shortcut(classes, scans, competing, binding, capacity, chosen, true);
  if (reduced) return finish(reduced.solver, true, value + reduced.value);

  const result = await solveExpanded(classes, scans, competing, binding, capacity, chosen, options);
  return finish(result.solver, result.optimal, value + result.value);
}

/**
 * Everything fits or every row weighs the same across `members`: marks the choice and names the
 * method with the value taken, else returns undefined. `positiveOnly` leaves items worth nothing out.
 */
function shortcut(
  classes: readonly ItemClass[],
  scans: readonly Scan[],
  members: readonly number[],
  rows: readonly number[],
  capacity: readonly number[],
  chosen: Uint8Array[],
  positiveOnly: boolean,
): { solver: KnapsackMethod; value: number } | undefined {
  const size = (s: number) => (positiveOnly ? scans[s]!.positive : classes[s]!.count);
  const fits = rows.every((k) => members.reduce((sum, s) => sum + size(s) * classes[s]!.weights[k]!, 0) <= capacity[k]!);
  if (fits) return { solver: 'trivial', value: members.reduce((sum, s) => sum + markAll(classes[s]!, scans[s]!, chosen[s]!, positiveOnly), 0) };
  const present = members.filter((s) => size(s) > 0);
  const first = classes[present[0]!]!;
  if (!rows.every((k) => present.every((s) => classes[s]!.weights[k] === first.weights[k]))) return undefined;
  let count = Infinity;
  for (const k of rows) if (first.weights[k]! > 0) count = Math.min(count, Math.floor(capacity[k]! / first.weights[k]!));
  const value = markTopItems(
    present.map((s) => classes[s]!),
    count,
    present.map((s) => chosen[s]!),
    positiveOnly,
  );
  return { solver: 'equal', value };
}

/** The competing items as per-item arrays over the binding rows, solved by {@link solveKnapsack}. */
async function solveExpanded(
  classes: readonly ItemClass[],
  scans: readonly Scan[],
  competing: readonly number[],
  binding: readonly number[],
  capacity: readonly number[],
  chosen: Uint8Array[],
  options: KnapsackOptions,
) {
  const total = competing.reduce((sum, s) => sum + scans[s]!.positive, 0);
  const values = new Float64Array(total);
  const weights = binding.map(() => new Float64Array(total));
  const owner = new Int32Array(total);
  const position = new Int32Array(total);
  let t = 0;
  for (const s of competing) {
    const c = classes[s]!;
    const start = t;
    for (let i = 0; i < c.count; i++) {
      const v = c.value(i);
      if (!(v > 0)) continue;
      values[t] = v;
      owner[t] = s;
      position[t++] = i;
    }
    binding.forEach((k, row) => weights[row]!.fill(c.weights[k]!, start, t));
  }
  const result = await solveKnapsack(
    values,
    weights,
    binding.map((k) => capacity[k]!),
    options,
  );
  for (const item of result.selected) chosen[owner[item]!]![position[item]!] = 1;
  return result;
}

/** Marks every item (only those worth something with `positiveOnly`); returns their value. */
function markAll(c: ItemClass, found: Scan, marks: Uint8Array, positiveOnly: boolean): number {
  if (!positiveOnly) marks.fill(1);
  else for (let i = 0; i < c.count; i++) if (c.value(i) > 0) marks[i] = 1;
  return found.total;
}

/** One pass over a class's values: checks each is finite and non-negative, counts and sums the positive ones. */
function scan(c: ItemClass, s: number): Scan {
  let positive = 0;
  let total = 0;
  for (let i = 0; i < c.count; i++) {
    const v = c.value(i);
    if (!(v >= 0) || v === Infinity) fail(`class ${s} item ${i} has value ${v}; values must be finite and non-negative`);
    if (v > 0) {
      positive++;
      total += v;
    }
  }
  return { positive, total };
}

/** Counts are non-negative integers; weights and capacities non-negative integers, one per row. */
function validateClasses(classes: readonly ItemClass[], capacity: readonly number[]): void {
  if (!Array.isArray(classes)) fail('classes must be an array');
  if (!Array.isArray(capacity)) fail('capacity must be an array of numbers, one per weight row');
  capacity.forEach((c, k) => {
    if (!Number.isSafeInteger(c) || c < 0) fail(`capacity[${k}] is ${c}; capacities must be non-negative integers`);
  });
  classes.forEach((c, s) => {
    if (!Number.isSafeInteger(c.count) || c.count < 0) fail(`class ${s} has count ${c.count}; counts must be non-negative integers`);
    if (c.weights.length !== capacity.length) fail(`class ${s} has ${c.weights.length} weights but capacity has ${capacity.length} rows`);
    c.weights.forEach((w, k) => {
      if (!Number.isSafeInteger(w) || w < 0) fail(`class ${s} weight ${k} is ${w}; weights must be non-negative integers`);
    });
  });
}
