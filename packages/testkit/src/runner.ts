import { createRequire } from 'node:module';
import { caseName, runCase, type ObjectiveCase } from './cases.js';
import { registryOf, objectiveOf, type ObjectiveSubject } from './subject.js';
import { sweepRegistry } from './sweep.js';

/** The test functions of a runner: `describe` and `it` of vitest, jest, mocha or `node:test`. */
export interface TestRunner {
  describe(name: string, body: () => void): unknown;
  it(name: string, body: () => void | Promise<void>): unknown;
}

export interface TestObjectiveOptions {
  /** The objective to test, when the subject registers several (cases may name their own). */
  objective?: string;
  /** Also sweep every layer fixture for contract breaks (default true). */
  sweep?: boolean;
  /**
   * The runner's `describe` and `it`. Default: the global ones when the runner provides them (jest,
   * mocha, vitest with globals), else `node:test`'s.
   */
  runner?: TestRunner;
}

function defaultRunner(): TestRunner {
  const globals = globalThis as { describe?: TestRunner['describe']; it?: TestRunner['it'] };
  if (typeof globals.describe === 'function' && typeof globals.it === 'function') return { describe: globals.describe, it: globals.it };
  // Required on demand, and by its full name: bundlers drop the `node:` prefix of a static import,
  // and `test` without it is no built-in.
  const nodeTest = createRequire(import.meta.url)('node:test') as TestRunner;
  return { describe: (name, body) => nodeTest.describe(name, body), it: (name, body) => nodeTest.it(name, body) };
}

/**
 * Declares the tests of an objective, as ESLint's RuleTester does for a rule: one test per case,
 * plus the contract sweep over every layer fixture. The subject is loaded as hwcost loads plugins
 * (contract checks, DI, the result guard), so what passes here behaves the same in a run.
 */
export function testObjective(subject: ObjectiveSubject, cases: readonly ObjectiveCase[], options: TestObjectiveOptions = {}): void {
  const { describe, it } = options.runner ?? defaultRunner();
  const registry = registryOf(subject);
  const id = objectiveOf(registry, options.objective ?? cases.find((c) => c.objective)?.objective).id;
  describe(`objective ${id}`, () => {
    for (const testCase of cases) {
      it(caseName(testCase), () => {
        const failure = runCase(registry, { ...testCase, objective: testCase.objective ?? id });
        if (failure !== undefined) throw new Error(`${caseName(testCase)}: ${failure}`);
      });
    }
    if (options.sweep !== false) {
      it('keeps the contract on every layer kind, structure type and precision', () => {
        const failures = sweepRegistry(registry, id);
        if (failures.length > 0) {
          const shown = failures.slice(0, 10).map((f) => `  - ${f.fixture}: ${f.message}`);
          throw new Error(`${failures.length} fixture(s) broke the contract:\n${shown.join('\n')}${failures.length > 10 ? '\n  - …' : ''}`);
        }
      });
    }
  });
}
