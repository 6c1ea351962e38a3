import { container as rootContainer, type DependencyContainer } from 'tsyringe';
import { HwcostError, errorMessage } from '../errors.js';
import { OBJECTIVE_ESTIMATOR, type ObjectiveEstimator } from '../objective/estimator.js';
import { guardEstimator } from './guard.js';
import { PLUGIN_API_VERSION, type HwcostPlugin, type PluginMeta } from './plugin.js';

/** An objective available in a run, with the plugin that provided it. */
export interface RegisteredObjective {
  estimator: ObjectiveEstimator;
  plugin: PluginMeta;
  /** Where the plugin was loaded from (a file path or package name), when known. */
  source?: string;
}

/** A plugin that failed to load, or an objective it could not register. */
export interface PluginProblem {
  /** The plugin's name, or its source when the name is unknown. */
  plugin: string;
  source?: string;
  message: string;
  /** Ids of objectives the problem concerns: requesting one of them is an error. */
  objectives: string[];
}

/**
 * The objectives of one run. Each run gets a child container of tsyringe's root, so plugins
 * registered in one run never leak into another. Problems are collected, not thrown: one broken
 * plugin must not keep the others from loading.
 */
export class ObjectiveRegistry {
  readonly container: DependencyContainer;
  readonly problems: PluginProblem[] = [];
  private readonly objectives: RegisteredObjective[] = [];
  private readonly byName = new Map<string, RegisteredObjective>();

  constructor(parent: DependencyContainer = rootContainer) {
    this.container = parent.createChildContainer();
  }

  /**
   * Checks a plugin against the contract and registers its estimators. Returns the problems found
   * (also kept in {@link problems}); the plugin's valid objectives are registered regardless.
   */
  use(candidate: unknown, source?: string): PluginProblem[] {
    const found: PluginProblem[] = [];
    const problem = (plugin: string, message: string, objectives: string[] = []) => {
      const p: PluginProblem = { plugin, message, objectives, ...(source === undefined ? {} : { source }) };
      found.push(p);
      this.problems.push(p);
    };
    const label = source ?? 'plugin';
    const checked = checkPlugin(candidate);
    if (typeof checked === 'string') {
      problem(label, `plugin ${label}: ${checked}`);
      return found;
    }
    const { meta } = checked;
    const scope = this.container.createChildContainer();
    try {
      checked.register(scope);
    } catch (error) {
      problem(meta.name, `plugin ${meta.name}: register() threw: ${errorMessage(error)}`);
      return found;
    }
    const estimators = scope.isRegistered(OBJECTIVE_ESTIMATOR) ? safeResolveAll(scope) : [];
    if (typeof estimators === 'string') {
      problem(meta.name, `plugin ${meta.name}: its estimators could not be created: ${estimators}`);
      return found;
    }
    for (const estimator of estimators) {
      const invalid = checkEstimator(estimator);
      const id = typeof estimator?.id === 'string' ? estimator.id : '?';
      if (invalid) {
        problem(meta.name, `plugin ${meta.name}: objective ${id}: ${invalid}`, id === '?' ? [] : [id]);
        continue;
      }
      const taken = [estimator.id, ...(estimator.aliases ?? [])].map((n) => this.byName.get(n.toLowerCase())).find(Boolean);
      if (taken) {
        problem(
          meta.name,
          `plugin ${meta.name}: objective ${estimator.id} is already registered by plugin ${taken.plugin.name} (${taken.estimator.id}); keeping the one from ${taken.plugin.name}`,
        );
        continue;
      }
      const entry: RegisteredObjective = { estimator: guardEstimator(estimator, meta.name), plugin: meta, ...(source === undefined ? {} : { source }) };
      this.objectives.push(entry);
      for (const name of [estimator.id, ...(estimator.aliases ?? [])]) this.byName.set(name.toLowerCase(), entry);
      this.container.register(OBJECTIVE_ESTIMATOR, { useValue: entry.estimator });
    }
    return found;
  }

  /** Every registered objective, in load order. */
  list(): readonly RegisteredObjective[] {
    return this.objectives;
  }

  /** The objective with this id or alias (case-insensitive). */
  entry(name: string): RegisteredObjective {
    const entry = this.byName.get(name.trim().toLowerCase());
    if (entry) return entry;
    const broken = this.problems.find((p) => p.objectives.includes(name.trim()));
    if (broken) throw new HwcostError(`objective ${name} is unavailable: ${broken.message}`);
    const known = this.objectives.map((o) => o.estimator.id);
    const failed = [...new Set(this.problems.map((p) => p.plugin))];
    throw new HwcostError(
      `unknown objective "${name}"; known: ${known.length ? known.join(', ') : '(none)'}` +
        (failed.length ? `; plugins that failed to load: ${failed.join(', ')}` : ''),
    );
  }

  /** The estimator with this id or alias (case-insensitive); errors list the known ids. */
  get(name: string): ObjectiveEstimator {
    return this.entry(name).estimator;
  }

  /** Parses `a,b,c` or `all` into estimators, in the order given, without repeats. */
  select(spec: string | readonly string[]): ObjectiveEstimator[] {
    const names = (typeof spec === 'string' ? spec.split(',') : spec).map((s) => s.trim()).filter(Boolean);
    if (names.length === 0) throw new HwcostError('no objective given; use an id, a comma-separated list or "all"');
    if (names.some((n) => n.toLowerCase() === 'all')) {
      if (this.objectives.length === 0) throw new HwcostError('no objectives are registered');
      return this.objectives.map((o) => o.estimator);
    }
    return [...new Set(names.map((n) => this.get(n)))];
  }
}

function checkPlugin(candidate: unknown): HwcostPlugin | string {
  if (candidate === null || typeof candidate !== 'object') return 'has no default export object';
  const plugin = candidate as Partial<HwcostPlugin>;
  const meta = plugin.meta as Partial<PluginMeta> | undefined;
  if (!meta || typeof meta.name !== 'string' || meta.name === '' || typeof meta.version !== 'string') {
    return 'default export lacks meta {name, version, apiVersion}';
  }
  if (typeof plugin.register !== 'function') return `plugin ${meta.name} has no register(container) function`;
  if (meta.apiVersion !== PLUGIN_API_VERSION) {
    return `${meta.name}@${meta.version} targets plugin API version ${JSON.stringify(meta.apiVersion)}, but this hwcost supports version ${PLUGIN_API_VERSION}`;
  }
  return plugin as HwcostPlugin;
}

function checkEstimator(estimator: ObjectiveEstimator | undefined): string | undefined {
  if (!estimator || typeof estimator !== 'object') return 'registered value is not an object';
  if (typeof estimator.id !== 'string' || !/^[A-Za-z0-9][\w.-]*$/.test(estimator.id) || estimator.id.toLowerCase() === 'all') {
    return `invalid id ${JSON.stringify(estimator.id)} (letters, digits, ".", "_", "-"; not "all")`;
  }
  if (!Array.isArray(estimator.dimensions) || estimator.dimensions.length === 0 || !estimator.dimensions.every((d) => typeof d === 'string' && d !== '')) {
    return 'dimensions must be a non-empty array of names';
  }
  if (estimator.aliases !== undefined && (!Array.isArray(estimator.aliases) || !estimator.aliases.every((a) => typeof a === 'string' && a !== ''))) {
    return 'aliases must be an array of names';
  }
  for (const method of ['isLayerOptimizable', 'layerResources', 'layerSavings'] as const) {
    if (typeof estimator[method] !== 'function') return `${method} is not a function`;
  }
  return undefined;
}

function safeResolveAll(scope: DependencyContainer): ObjectiveEstimator[] | string {
  try {
    return scope.resolveAll(OBJECTIVE_ESTIMATOR);
  } catch (error) {
    return errorMessage(error);
  }
}
