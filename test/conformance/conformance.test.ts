import { describe, it } from 'vitest';
import { firstPartyRegistry } from '../support/first-party.js';
import { runEstimatorCases, type EstimatorCase } from './estimators.js';
import { checkCaseFile } from './harness.js';
import { runKnapsackCases, type KnapsackCase } from './knapsack.js';
import { runModelCases, type ModelCase } from './models.js';
import { runPlanCases, type PlanCase } from './plans.js';
import { runOnnxCases } from './onnx.js';
import { runPrecisionCases, type PrecisionCase } from './precision.js';

// One test per case file of the conformance folder ($HWCOST_CONFORMANCE_DIR, default ../shared/conformance).
describe('conformance', () => {
  it('estimators.json', () => checkCaseFile<EstimatorCase>('estimators', (cases) => runEstimatorCases(cases, firstPartyRegistry())));
  it('precision.json', () => checkCaseFile<PrecisionCase>('precision', runPrecisionCases));
  it('models.json', () => checkCaseFile<ModelCase>('models', (cases) => runModelCases(cases, firstPartyRegistry())));
  it('onnx.json', () => checkCaseFile<ModelCase>('onnx', (cases) => runOnnxCases(cases, firstPartyRegistry())));
  it('knapsack.json', () => checkCaseFile<KnapsackCase>('knapsack', runKnapsackCases));
  it('plans.json', () => checkCaseFile<PlanCase>('plans', (cases) => runPlanCases(cases, firstPartyRegistry())));
});
