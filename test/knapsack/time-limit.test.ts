import { solveKnapsack } from '@hwcost/knapsack';
import { describe, expect, it } from 'vitest';
import { expectFeasible, random, randomInstance } from './support.js';

// Strongly correlated, 5 rows, 60 items: minutes for branch and bound and for HiGHS.
const hard = randomInstance(random(41), 60, 5, { maxWeight: 100, correlated: true });

describe('time limits', () => {
  it('branch and bound returns its best feasible choice, unproven, when the limit hits', async () => {
    const started = performance.now();
    const result = await solveKnapsack(hard.values, hard.weights, hard.capacity, { solver: 'bnb', timeLimitMs: 20 });
    expect(performance.now() - started).toBeLessThan(2000);
    expect(result).toMatchObject({ solver: 'bnb', optimal: false });
    expectFeasible(hard, result);
    const greedy = await solveKnapsack(hard.values, hard.weights, hard.capacity, { solver: 'greedy' });
    expect(result.value).toBeGreaterThanOrEqual(greedy.value);
  });

  it('HiGHS does the same', async () => {
    const result = await solveKnapsack(hard.values, hard.weights, hard.capacity, { solver: 'mip', timeLimitMs: 50 });
    expect(result.optimal).toBe(false);
    expect(['mip', 'greedy']).toContain(result.solver);
    expectFeasible(hard, result);
  });
});
