import { solveClassKnapsack, solveKnapsack, type ItemClass } from '@hwcost/knapsack';
import { describe, expect, it } from 'vitest';
import { markTopItems } from '../../packages/knapsack/src/top-items.js';
import { bruteForce, integer, random } from './support.js';

const itemClass = (values: number[], weights: number[]): ItemClass => ({ count: values.length, weights, value: (i) => values[i]! });

/** The classes as per-item arrays, for brute force and the per-item solver. */
function expand(classes: { values: number[]; weights: number[] }[], rows: number) {
  return {
    values: classes.flatMap((c) => c.values),
    weights: Array.from({ length: rows }, (_r, k) => classes.flatMap((c) => c.values.map(() => c.weights[k]!))),
  };
}

function chosenValue(classes: { values: number[] }[], chosen: Uint8Array[]): number {
  return classes.reduce((sum, c, s) => sum + c.values.reduce((a, v, i) => a + (chosen[s]![i] ? v : 0), 0), 0);
}

function used(classes: { values: number[]; weights: number[] }[], chosen: Uint8Array[], row: number): number {
  return classes.reduce((sum, c, s) => sum + chosen[s]!.reduce((a, x) => a + x, 0) * c.weights[row]!, 0);
}

describe('solveClassKnapsack', () => {
  it('reaches the brute-force optimum on random small instances, never over capacity', async () => {
    const rnd = random(31);
    for (let round = 0; round < 300; round++) {
      const rows = integer(rnd, 1, 3);
      const classes = Array.from({ length: integer(rnd, 1, 4) }, () => ({
        // Small integers make ties and zero values common.
        values: Array.from({ length: integer(rnd, 0, 4) }, () => (round % 2 ? integer(rnd, 0, 3) : rnd() * 10)),
        weights: Array.from({ length: rows }, () => integer(rnd, 0, 6)),
      }));
      const { values, weights } = expand(classes, rows);
      const capacity = weights.map((row) => integer(rnd, 0, row.reduce((a, b) => a + b, 0)));
      const result = await solveClassKnapsack(
        classes.map((c) => itemClass(c.values, c.weights)),
        capacity,
      );
      for (let k = 0; k < rows; k++) expect(used(classes, result.chosen, k)).toBeLessThanOrEqual(capacity[k]!);
      expect(result.value).toBeCloseTo(chosenValue(classes, result.chosen), 9);
      expect(result.value).toBeCloseTo(bruteForce({ values, weights, capacity }), 9);
      expect(result.optimal).toBe(true);
    }
  });

  it('agrees with the per-item solver on larger instances', async () => {
    const rnd = random(32);
    for (let round = 0; round < 20; round++) {
      const classes = Array.from({ length: 4 }, () => ({
        values: Array.from({ length: integer(rnd, 10, 60) }, () => rnd()),
        weights: [integer(rnd, 1, 40)],
      }));
      const { values, weights } = expand(classes, 1);
      const capacity = [Math.floor(weights[0]!.reduce((a, b) => a + b, 0) / 3)];
      const ours = await solveClassKnapsack(
        classes.map((c) => itemClass(c.values, c.weights)),
        capacity,
      );
      const theirs = await solveKnapsack(values, weights, capacity);
      expect(ours.value).toBeCloseTo(theirs.value, 9);
    }
  });

  it('takes every item, zeros included, when everything fits or every class weighs the same', async () => {
    const fits = await solveClassKnapsack([itemClass([0, 1, 0], [2]), itemClass([3], [1])], [7]);
    expect(fits.solver).toBe('trivial');
    expect(fits.chosen.map((c) => [...c])).toEqual([[1, 1, 1], [1]]);
    // Equal weights: the three most valuable of five, a zero among them, ties in order.
    const equal = await solveClassKnapsack([itemClass([0, 2, 0], [4]), itemClass([1, 0], [4])], [12]);
    expect(equal.solver).toBe('equal');
    expect(equal.chosen.map((c) => [...c])).toEqual([[1, 1, 0], [1, 0]]);
  });

  it('otherwise leaves items worth nothing out, weightless ones too', async () => {
    const result = await solveClassKnapsack([itemClass([0, 5, 0], [0]), itemClass([0, 4, 0, 3], [2]), itemClass([0, 6], [3])], [7]);
    expect(result.chosen.map((c) => [...c])).toEqual([
      [0, 1, 0],
      [0, 1, 0, 1],
      [0, 1],
    ]);
    expect(result.value).toBe(18);
  });

  it('rejects malformed classes', async () => {
    await expect(solveClassKnapsack([itemClass([1], [1.5])], [3])).rejects.toThrow('knapsack: class 0 weight 0 is 1.5; weights must be non-negative integers');
    await expect(solveClassKnapsack([itemClass([Number.NaN], [1])], [3])).rejects.toThrow('knapsack: class 0 item 0 has value NaN');
    await expect(solveClassKnapsack([itemClass([1], [1, 1])], [3])).rejects.toThrow('class 0 has 2 weights but capacity has 1 rows');
  });
});

describe('markTopItems', () => {
  /** The k largest by a stable sort, as marks per source. */
  function bySort(sources: number[][], k: number, positiveOnly: boolean): number[][] {
    const items = sources.flatMap((values, s) => values.map((v, i) => ({ v, s, i }))).filter((x) => !positiveOnly || x.v > 0);
    const top = items.sort((a, b) => b.v - a.v).slice(0, k);
    const marks = sources.map((values) => values.map(() => 0));
    for (const { s, i } of top) marks[s]![i] = 1;
    return marks;
  }

  function marks(sources: number[][], k: number, positiveOnly: boolean): number[][] {
    const into = sources.map((values) => new Uint8Array(values.length));
    markTopItems(
      sources.map((values) => ({ count: values.length, value: (i: number) => values[i]! })),
      k,
      into,
      positiveOnly,
    );
    return into.map((m) => [...m]);
  }

  it('selects exactly what a stable sort keeps, on values that differ only in their last bits', () => {
    const rnd = random(33);
    const base = 0.1234567;
    const families: Record<string, () => number> = {
      'last-bit neighbours': () => base + integer(rnd, 0, 5) * Number.EPSILON * base,
      'wide range': () => rnd() ** 8 * 10 ** integer(rnd, -300, 300),
      'subnormal and zero': () => [0, -0, 5e-324, 1e-310, 1][integer(rnd, 0, 4)]!,
      'many ties': () => integer(rnd, 0, 3),
    };
    for (const [name, draw] of Object.entries(families)) {
      const sources = Array.from({ length: 3 }, () => Array.from({ length: integer(rnd, 0, 300) }, draw));
      const total = sources.reduce((a, s) => a + s.length, 0);
      for (const k of [0, 1, Math.floor(total / 3), total - 1, total, total + 5]) {
        for (const positiveOnly of [false, true]) {
          expect(marks(sources, k, positiveOnly), `${name}, k=${k}, positiveOnly=${positiveOnly}`).toEqual(bySort(sources, k, positiveOnly));
        }
      }
    }
  });
});
