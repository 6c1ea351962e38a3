import { OBJECTIVE_ESTIMATOR, ObjectiveRegistry, type HwcostPlugin, type ObjectiveEstimator } from '@hwcost/core';

/**
 * What a test kit function tests: a plugin object (as its package exports it, so registration and
 * DI are tested too), an estimator object, or an estimator class (created by the DI container).
 */
export type ObjectiveSubject = HwcostPlugin | ObjectiveEstimator | (new (...args: never[]) => ObjectiveEstimator);

function isPlugin(subject: ObjectiveSubject): subject is HwcostPlugin {
  return typeof subject === 'object' && subject !== null && 'meta' in subject && 'register' in subject;
}

/**
 * A registry holding the subject, loaded as hwcost loads plugins: through the same contract checks,
 * and with every estimator wrapped by the same result guard. Any problem the subject has is thrown.
 */
export function registryOf(subject: ObjectiveSubject): ObjectiveRegistry {
  const plugin: HwcostPlugin = isPlugin(subject)
    ? subject
    : {
        meta: { name: '(tested objective)', version: '0.0.0', apiVersion: 1 },
        register(container) {
          if (typeof subject === 'function') container.register(OBJECTIVE_ESTIMATOR, { useClass: subject as new () => ObjectiveEstimator });
          else container.register(OBJECTIVE_ESTIMATOR, { useValue: subject });
        },
      };
  const registry = new ObjectiveRegistry();
  const problems = registry.use(plugin);
  if (problems.length > 0) throw new Error(`the subject cannot be loaded as hwcost loads plugins:\n${problems.map((p) => `  - ${p.message}`).join('\n')}`);
  return registry;
}

/** The subject's objective `id`, or its only one when `id` is not given. */
export function objectiveOf(registry: ObjectiveRegistry, id: string | undefined): ObjectiveEstimator {
  if (id !== undefined) return registry.get(id);
  const all = registry.list();
  if (all.length !== 1) throw new Error(`the subject registers ${all.length} objectives (${all.map((o) => o.estimator.id).join(', ')}); name the one to test with the "objective" option`);
  return all[0]!.estimator;
}
