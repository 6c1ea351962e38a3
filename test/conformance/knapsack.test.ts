import { describe, expect, it } from 'vitest';
import { printSummary, readCases } from './harness.js';
import { runKnapsackCases, type KnapsackCase } from './knapsack.js';

describe('conformance', () => {
  it('knapsack.json', async () => {
    const cases = readCases<KnapsackCase>('knapsack.json');
    if (!cases) return console.log('conformance knapsack: no knapsack.json in this folder');
    expect(cases.length, 'knapsack.json holds no cases').toBeGreaterThan(0);
    const summary = await runKnapsackCases(cases);
    printSummary('knapsack', summary);
    expect(summary.failures).toEqual([]);
  });
});
