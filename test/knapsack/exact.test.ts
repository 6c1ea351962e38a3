import { solveKnapsack, type KnapsackSolverName } from '@hwcost/knapsack';
import { describe, expect, it } from 'vitest';
import { bruteForce, expectFeasible, random, randomInstance } from './support.js';

describe('exact solvers against brute force', () => {
  const rnd = random(11);
  const instances = Array.from({ length: 60 }, (_, s) =>
    randomInstance(rnd, 4 + (s % 11), 1 + (s % 4), { integral: s % 2 === 0, correlated: s % 3 === 0, maxWeight: s % 5 === 0 ? 60 : 12 }),
  );

  it.each(['dp', 'bnb', 'mip', 'auto'] as KnapsackSolverName[])('%s reaches the optimum and proves it', async (solver) => {
    for (const instance of instances) {
      if (solver === 'dp' && instance.weights.length > 1) continue;
      const result = await solveKnapsack(instance.values, instance.weights, instance.capacity, { solver });
      expectFeasible(instance, result);
      expect(result.value).toBeCloseTo(bruteForce(instance), 9);
      expect(result.optimal).toBe(true);
    }
  });

  it('runs the asked solver when no shortcut applies', async () => {
    const instance = { values: [6, 5, 8, 9, 6, 7, 3], weights: [[2, 3, 6, 7, 5, 9, 4]], capacity: [9] };
    for (const solver of ['dp', 'bnb', 'mip'] as const) {
      const result = await solveKnapsack(instance.values, instance.weights, instance.capacity, { solver });
      expect(result).toMatchObject({ solver, value: 15, selected: [0, 3], optimal: true });
    }
  });

  it('dp matches brute force on one row with wide weights and zero values', async () => {
    const rng = random(5);
    for (let s = 0; s < 40; s++) {
      const instance = randomInstance(rng, 14, 1, { maxWeight: 300 });
      instance.values = instance.values.map((v, i) => (i % 4 === 0 ? 0 : v));
      const result = await solveKnapsack(instance.values, instance.weights, instance.capacity, { solver: 'dp' });
      expect(result.solver).toBe('dp');
      expectFeasible(instance, result);
      expect(result.value).toBeCloseTo(bruteForce(instance), 9);
    }
  });
});
