import { HwcostError } from '@hwcost/core';
import { solveKnapsack, type KnapsackSolverName } from '@hwcost/knapsack';
import { describe, expect, it } from 'vitest';

async function rejection(promise: Promise<unknown>): Promise<HwcostError> {
  const error = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(HwcostError);
  return error as HwcostError;
}

describe('solveKnapsack input checks', () => {
  it.each([
    ['a negative value', [1, -2], [[1, 1]], [1], /values\[1\] is -2/],
    ['a NaN value', [NaN], [[1]], [1], /values\[0\] is NaN/],
    ['an infinite value', [Infinity], [[1]], [1], /values\[0\] is Infinity/],
    ['a fractional weight', [1, 2], [[1, 1.5]], [2], /weights\[0\]\[1\] is 1\.5; weights must be non-negative integers/],
    ['a negative weight', [1], [[-1]], [2], /weights\[0\]\[0\] is -1/],
    ['a short weight row', [1, 2], [[1, 1], [1]], [2, 2], /weights\[1\] has 1 entries but there are 2 values/],
    ['a missing capacity', [1], [[1], [1]], [2], /capacity has 1 entries but weights has 2 rows/],
    ['a fractional capacity', [1], [[1]], [2.5], /capacity\[0\] is 2\.5/],
    ['a negative capacity', [1], [[1]], [-1], /capacity\[0\] is -1/],
  ])('rejects %s', async (_what, values, weights, capacity, message) => {
    expect((await rejection(solveKnapsack(values, weights, capacity))).message).toMatch(message);
  });

  it('rejects an unknown solver and a negative time limit', async () => {
    const solver = 'simplex' as KnapsackSolverName;
    expect((await rejection(solveKnapsack([1], [[1]], [1], { solver }))).message).toMatch(/unknown solver "simplex"/);
    expect((await rejection(solveKnapsack([1], [[1]], [1], { timeLimitMs: -1 }))).message).toMatch(/timeLimitMs is -1/);
  });

  it('refuses dp when several rows can bind, and equal when weights differ', async () => {
    const values = [3, 4, 5];
    const weights = [
      [2, 3, 4],
      [4, 3, 2],
    ];
    expect((await rejection(solveKnapsack(values, weights, [5, 5], { solver: 'dp' }))).message).toMatch(/'dp' handles one constrained row, but 2 rows/);
    expect((await rejection(solveKnapsack(values, weights, [5, 5], { solver: 'equal' }))).message).toMatch(/'equal' needs each row's weights to be all equal/);
  });

  it('accepts typed arrays and leaves them untouched', async () => {
    const values = Float64Array.from([5, 1, 4, 3]);
    const weights = [Float64Array.from([2, 1, 2, 2])];
    const result = await solveKnapsack(values, weights, [4]);
    expect(result.value).toBe(9);
    expect([...values]).toEqual([5, 1, 4, 3]);
    expect([...weights[0]]).toEqual([2, 1, 2, 2]);
  });
});
