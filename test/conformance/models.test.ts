import { describe, expect, it } from 'vitest';
import { firstPartyRegistry } from '../support/first-party.js';
import { printSummary, readCases } from './harness.js';
import { runModelCases, type ModelCase } from './models.js';

describe('conformance', () => {
  it('models.json', async () => {
    const cases = readCases<ModelCase>('models.json');
    if (!cases) return console.log('conformance models: no models.json in this folder');
    expect(cases.length, 'models.json holds no cases').toBeGreaterThan(0);
    const summary = await runModelCases(cases, firstPartyRegistry());
    printSummary('models', summary);
    expect(summary.failures).toEqual([]);
  });
});
