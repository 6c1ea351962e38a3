import { describe, expect, it } from 'vitest';
import { firstPartyRegistry } from '../support/first-party.js';
import { runEstimatorCases, type EstimatorCase } from './estimators.js';
import { printSummary, readCases } from './harness.js';
import { runPrecisionCases, type PrecisionCase } from './precision.js';

describe('conformance', () => {
  it('estimators.json', () => {
    const cases = readCases<EstimatorCase>('estimators.json');
    if (!cases) return console.log('conformance estimators: no estimators.json in this folder');
    expect(cases.length, 'estimators.json holds no cases').toBeGreaterThan(0);
    const summary = runEstimatorCases(cases, firstPartyRegistry());
    printSummary('estimators', summary);
    expect(summary.failures).toEqual([]);
  });

  it('precision.json', () => {
    const cases = readCases<PrecisionCase>('precision.json');
    if (!cases) return console.log('conformance precision: no precision.json in this folder');
    expect(cases.length, 'precision.json holds no cases').toBeGreaterThan(0);
    const summary = runPrecisionCases(cases);
    printSummary('precision', summary);
    expect(summary.failures).toEqual([]);
  });
});
