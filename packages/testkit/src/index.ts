/**
 * @hwcost/testkit: tests for objective plugins on the model of ESLint's RuleTester. `testObjective`
 * declares a test per case and a contract sweep over ready layer fixtures; `checkObjective` and
 * `sweepObjective` return the failures for runners of your own; `estimateModelFile` runs a model
 * file through a plugin as `hwcost estimate` does.
 */
import type { ObjectiveCase } from './cases.js';
import { caseName, runCase } from './cases.js';
import { registryOf, type ObjectiveSubject } from './subject.js';
import { sweepRegistry, type SweepFailure } from './sweep.js';

export { caseName, type MessagePattern, type ObjectiveCase } from './cases.js';
export { FIXTURE_PRECISIONS, layerFixtures, type LayerFixture } from './fixtures.js';
export { estimateModelFile, type ModelFileEstimate, type ModelFileOptions } from './model-file.js';
export { testObjective, type TestObjectiveOptions, type TestRunner } from './runner.js';
export { registryOf, type ObjectiveSubject } from './subject.js';
export type { SweepFailure } from './sweep.js';

/** Runs the cases without a test runner; returns one entry per failed case. */
export function checkObjective(subject: ObjectiveSubject, cases: readonly ObjectiveCase[], options: { objective?: string } = {}): { name: string; message: string }[] {
  const registry = registryOf(subject);
  return cases.flatMap((testCase) => {
    const message = runCase(registry, { ...testCase, ...(testCase.objective ?? options.objective ? { objective: testCase.objective ?? options.objective } : {}) });
    return message === undefined ? [] : [{ name: caseName(testCase), message }];
  });
}

/** The contract sweep without a test runner: every fixture on which the objective broke the contract. */
export function sweepObjective(subject: ObjectiveSubject, options: { objective?: string } = {}): SweepFailure[] {
  return sweepRegistry(registryOf(subject), options.objective);
}
