import { solveKnapsack } from '@hwcost/knapsack';
import { describe, expect, it } from 'vitest';
import { expectFeasible, random, randomInstance } from './support.js';

describe('solveKnapsack shortcuts and auto', () => {
  it('takes nothing from an empty problem and everything when it all fits', async () => {
    expect(await solveKnapsack([], [[]], [5])).toMatchObject({ value: 0, selected: [], optimal: true, solver: 'trivial' });
    expect(await solveKnapsack([], [], [])).toMatchObject({ value: 0, selected: [] });
    expect(await solveKnapsack([1, 0, 2], [[1, 5, 2], [0, 0, 0]], [8, 0], { solver: 'greedy' })).toMatchObject({
      value: 3,
      selected: [0, 1, 2],
      optimal: true,
      solver: 'trivial',
    });
  });

  it('always takes weightless items and never items too heavy on their own', async () => {
    const instance = { values: [0, 5, 100, 3, 4], weights: [[0, 2, 9, 2, 3], [0, 1, 1, 0, 2]], capacity: [4, 2] };
    for (const solver of ['auto', 'bnb', 'mip', 'greedy'] as const) {
      const result = await solveKnapsack(instance.values, instance.weights, instance.capacity, { solver });
      expectFeasible(instance, result);
      expect(result.selected, solver).toEqual([0, 1, 3]);
    }
  });

  it('drops rows that cannot overflow, so dp applies to a two-row problem', async () => {
    const result = await solveKnapsack([6, 5, 8, 9], [[2, 3, 6, 7], [1, 1, 1, 1]], [9, 10], { solver: 'dp' });
    expect(result).toMatchObject({ solver: 'dp', value: 15, selected: [0, 3] });
  });

  it('auto picks dp, then bnb, then HiGHS, then greedy by size and shape', async () => {
    const rnd = random(51);
    const cases: [number, number, string][] = [
      [200, 1, 'dp'],
      [30, 3, 'bnb'],
      [100, 3, 'mip'],
      [30_000, 2, 'greedy'],
    ];
    for (const [n, m, expected] of cases) {
      const instance = randomInstance(rnd, n, m);
      const result = await solveKnapsack(instance.values, instance.weights, instance.capacity, { timeLimitMs: 10_000 });
      expect(result.solver, `${n} x ${m}`).toBe(expected);
      expectFeasible(instance, result);
    }
  });

  it('falls back from dp when the table would be too large', async () => {
    const result = await solveKnapsack([5, 4, 3], [[6e8, 5e8, 4e8]], [1e9], { solver: 'dp' });
    expect(result).toMatchObject({ solver: 'bnb', value: 8, selected: [0, 2], optimal: true });
  });
});
