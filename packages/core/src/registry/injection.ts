import type { DependencyContainer, InjectionToken } from 'tsyringe';
import { errorMessage } from '../errors.js';
import { OBJECTIVE_ESTIMATOR, type ObjectiveEstimator } from '../objective/estimator.js';

/** One `register(OBJECTIVE_ESTIMATOR, …)` call of a plugin. */
export interface EstimatorRegistration {
  /** A provider (`{useValue}`, `{useClass}`, `{useFactory}`, `{useToken}`) or a class. */
  provider: unknown;
  options: unknown;
}

/**
 * A view of `scope` that records every estimator registration, so that each can be resolved (and
 * fail) on its own: one class with a missing dependency must not take its plugin's other objectives
 * down, and the error must name that class. tsyringe's `registerSingleton`, `registerType` and
 * `registerInstance` all go through `register`, which is the one method intercepted.
 */
export function recordEstimators(scope: DependencyContainer): { container: DependencyContainer; registrations: EstimatorRegistration[] } {
  const registrations: EstimatorRegistration[] = [];
  const container = new Proxy(scope, {
    get(target, key) {
      if (key !== 'register') return Reflect.get(target, key);
      return (token: InjectionToken<unknown>, provider: unknown, options?: unknown) => {
        if (token === OBJECTIVE_ESTIMATOR) registrations.push({ provider, options });
        else (target.register as (t: unknown, p: unknown, o?: unknown) => unknown)(token, provider, options);
        return container;
      };
    },
  });
  return { container, registrations };
}

/** Creates the estimator of one registration in a child of the plugin's scope, or says why it cannot. */
export function resolveEstimator(scope: DependencyContainer, registration: EstimatorRegistration): { estimator: ObjectiveEstimator } | { error: string } {
  const one = scope.createChildContainer();
  try {
    (one.register as (t: unknown, p: unknown, o?: unknown) => unknown)(OBJECTIVE_ESTIMATOR, registration.provider, registration.options);
    return { estimator: one.resolve(OBJECTIVE_ESTIMATOR) };
  } catch (error) {
    return { error: constructionProblem(classOf(registration.provider), error) };
  }
}

function classOf(provider: unknown): (abstract new (...args: never[]) => unknown) | undefined {
  if (typeof provider === 'function') return provider as abstract new (...args: never[]) => unknown;
  const useClass = provider !== null && typeof provider === 'object' ? (provider as { useClass?: unknown }).useClass : undefined;
  return typeof useClass === 'function' ? (useClass as abstract new (...args: never[]) => unknown) : undefined;
}

/**
 * Why an estimator could not be created, with the fix for the two usual decorator mistakes, which
 * tsyringe reports only as `TypeInfo not known`: no injection metadata at all (standard decorators,
 * which cannot decorate constructor parameters, or no `@injectable()`), and metadata written by
 * another copy of tsyringe (`injectable` imported from 'tsyringe' rather than '@hwcost/core').
 */
function constructionProblem(cls: (abstract new (...args: never[]) => unknown) | undefined, error: unknown): string {
  const message = errorMessage(error).split('\n')[0]!;
  if (!cls || !/TypeInfo not known/.test(message)) return `${cls?.name ? `class ${cls.name}` : 'an objective'} could not be created: ${message}`;
  const name = cls.name || '(anonymous class)';
  const reflect = Reflect as unknown as { getOwnMetadata?: (key: string, target: object) => unknown };
  const decorated = reflect.getOwnMetadata?.('design:paramtypes', cls) !== undefined || reflect.getOwnMetadata?.('injectionTokens', cls) !== undefined;
  if (decorated) {
    return `class ${name} could not be created: it carries injection metadata, but not from hwcost's copy of tsyringe; import injectable and inject from '@hwcost/core', not from 'tsyringe'`;
  }
  return (
    `class ${name} could not be created: its constructor takes ${cls.length} parameter(s) but it has no injection metadata; ` +
    `decorate it with @injectable() and each parameter with @inject(TOKEN), both imported from '@hwcost/core', and compile with ` +
    `"experimentalDecorators": true in tsconfig.json (standard decorators cannot decorate constructor parameters)`
  );
}
