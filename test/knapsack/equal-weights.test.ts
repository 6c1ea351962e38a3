import { solveKnapsack } from '@hwcost/knapsack';
import { describe, expect, it } from 'vitest';
import { selectKth } from '../../packages/knapsack/src/equal-weights.js';
import { bruteForce, expectFeasible, integer, random } from './support.js';

describe('equal-weights selection', () => {
  it('matches brute force on random small instances, ties included', async () => {
    const rnd = random(21);
    for (let s = 0; s < 200; s++) {
      const n = integer(rnd, 1, 14);
      const m = integer(rnd, 1, 3);
      // Few distinct values, so ties at the threshold are common.
      const values = Array.from({ length: n }, () => (s % 2 ? integer(rnd, 0, 4) : rnd() * 10));
      const weights = Array.from({ length: m }, () => new Array<number>(n).fill(integer(rnd, 0, 5)));
      const capacity = weights.map((row) => integer(rnd, 0, row[0] * n));
      const instance = { values, weights, capacity };
      const result = await solveKnapsack(values, weights, capacity, { solver: 'equal' });
      expectFeasible(instance, result);
      expect(result.value).toBeCloseTo(bruteForce(instance), 9);
      expect(result.optimal).toBe(true);
      expect(['equal', 'trivial']).toContain(result.solver);
    }
  });

  it('keeps exactly the affordable count on a large instance, like a sort would', async () => {
    const rnd = random(22);
    const n = 100_000;
    const values = Float64Array.from({ length: n }, () => integer(rnd, 0, 999));
    const result = await solveKnapsack(values, [new Float64Array(n).fill(3), new Float64Array(n).fill(2)], [3 * 40_000, 2 * 45_000]);
    expect(result.solver).toBe('equal');
    expect(result.selected).toHaveLength(40_000);
    const sorted = Array.from(values).sort((a, b) => b - a);
    expect(result.value).toBe(sorted.slice(0, 40_000).reduce((a, b) => a + b, 0));
  });

  it('selectKth agrees with a sort on awkward orders', () => {
    const n = 5001;
    const orders: Record<string, (i: number) => number> = {
      ascending: (i) => i,
      descending: (i) => n - i,
      constant: () => 7,
      'organ pipe': (i) => Math.min(i, n - i),
      'two values': (i) => i % 2,
      sawtooth: (i) => i % 17,
    };
    for (const [name, at] of Object.entries(orders)) {
      const data = Float64Array.from({ length: n }, (_, i) => at(i));
      const sorted = Array.from(data).sort((a, b) => a - b);
      for (const k of [0, 1, 2500, n - 2, n - 1]) expect(selectKth(data.slice(), k), `${name}, k=${k}`).toBe(sorted[k]);
    }
  });
});
