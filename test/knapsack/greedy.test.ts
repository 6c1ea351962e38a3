import { solveKnapsack } from '@hwcost/knapsack';
import { describe, expect, it } from 'vitest';
import { expectFeasible, random, randomInstance } from './support.js';

describe('greedy', () => {
  it('keeps going past the first item that does not fit', async () => {
    // By ratio: item 0, then item 1 (does not fit next to item 0), then item 2 (fits).
    // hls4ml's greedy stops at item 1 and keeps only item 0.
    const result = await solveKnapsack([10, 9, 1], [[5, 6, 1]], [6], { solver: 'greedy' });
    expect(result).toMatchObject({ solver: 'greedy', selected: [0, 2], value: 11, optimal: false });
  });

  it('prefers the lone most valuable item when it beats the greedy set', async () => {
    const result = await solveKnapsack([2, 10], [[1, 10]], [10], { solver: 'greedy' });
    expect(result).toMatchObject({ selected: [1], value: 10 });
  });

  it('never returns an infeasible choice', async () => {
    const rnd = random(31);
    for (let s = 0; s < 200; s++) {
      const instance = randomInstance(rnd, 5 + (s % 40), 1 + (s % 5), { correlated: s % 2 === 0 });
      // Some items too heavy for a row on their own, and some weightless ones.
      instance.weights[0][0] = instance.capacity[0] + 1;
      instance.weights.forEach((row) => (row[1] = 0));
      const result = await solveKnapsack(instance.values, instance.weights, instance.capacity, { solver: 'greedy' });
      expectFeasible(instance, result);
      expect(result.selected).not.toContain(0);
      expect(result.selected).toContain(1);
    }
  });
});
