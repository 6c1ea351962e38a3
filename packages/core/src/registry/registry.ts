import { container as rootContainer, type DependencyContainer } from 'tsyringe';
import { HwcostError, errorMessage } from '../errors.js';
import { OBJECTIVE_ESTIMATOR, type ObjectiveEstimator } from '../objective/estimator.js';
import { DIAGNOSTIC_SINK, LAYER_WEIGHTS, RUN_SETTINGS } from '../objective/services.js';
import { guardEstimator } from './guard.js';
import { recordEstimators, resolveEstimator } from './injection.js';
import { PLUGIN_API_VERSION, type HwcostPlugin, type PluginMeta } from './plugin.js';
import { RunServices } from './run-services.js';
import { quote } from '../quote.js';

/** An objective available in a run, with the plugin that provided it. */
export interface RegisteredObjective {
  estimator: ObjectiveEstimator;
  plugin: PluginMeta;
  /** Where the plugin was loaded from (its entry file), when known. */
  source?: string;
}

/**
 * What went wrong: `load`, the plugin contributes nothing (missing entry, import error, contract
 * violation, `register` threw); `objective`, one of its objectives is invalid and left out;
 * `duplicate`, an objective id that a plugin loaded earlier already holds; `warning`, the plugin
 * works but misbehaves (prints while loading, imports slowly, brings its own copy of core).
 */
export type PluginProblemKind = 'load' | 'objective' | 'duplicate' | 'warning';

/** Advice for a plugin's author that is no problem for its users, e.g. a declaration that would make runs faster. */
export interface PluginHint {
  plugin: string;
  message: string;
}

/** A plugin that failed to load, or an objective it could not register. */
export interface PluginProblem {
  /** The plugin's `meta.name`, else its package name, else where it was loaded from. */
  plugin: string;
  source?: string;
  kind: PluginProblemKind;
  /** One line naming the plugin (or, for an unreadable package.json, the package). */
  message: string;
  /** Ids of objectives the problem concerns: requesting one of them is an error. */
  objectives: string[];
}

/** What is known of a plugin before its module is checked. */
export interface PluginOrigin {
  /** The package name: names the plugin in errors when its `meta` is unusable. */
  name?: string;
  /** Where it was loaded from. */
  source?: string;
}

/**
 * The objectives of one run. Each run gets a child container of tsyringe's root, so plugins
 * registered in one run never leak into another; it holds the run's services (`RUN_SETTINGS`,
 * `LAYER_WEIGHTS`), and each plugin's own child adds a `DIAGNOSTIC_SINK` that names the plugin.
 * Estimators are resolved by the container, so a class registered with `useClass` gets its
 * constructor's dependencies. Problems are collected, not thrown: one broken plugin must not keep
 * the others from loading.
 */
export class ObjectiveRegistry {
  readonly container: DependencyContainer;
  /** What the run fills in for the services its estimators inject. */
  readonly services = new RunServices();
  private readonly objectives: RegisteredObjective[] = [];
  private readonly byName = new Map<string, RegisteredObjective>();
  private readonly problemList: PluginProblem[] = [];
  private readonly hintList: PluginHint[] = [];

  constructor(parent: DependencyContainer = rootContainer) {
    this.container = parent.createChildContainer();
    this.container.register(RUN_SETTINGS, { useValue: this.services.settings });
    this.container.register(LAYER_WEIGHTS, { useValue: this.services.weights });
  }

  /** Every problem met while loading plugins, in the order met. */
  get problems(): readonly PluginProblem[] {
    return this.problemList;
  }

  /** Records a problem found outside {@link use}, e.g. by discovery or module loading. */
  report(problem: PluginProblem): void {
    this.problemList.push(problem);
  }

  /** Advice for plugin authors met while loading plugins, in the order met. */
  get hints(): readonly PluginHint[] {
    return this.hintList;
  }

  /** Records advice for a plugin's author. */
  hint(hint: PluginHint): void {
    this.hintList.push(hint);
  }

  /**
   * Checks a plugin (a module's default export) against the contract and registers its estimators.
   * Returns the problems found (also kept in {@link problems}); the plugin's valid objectives are
   * registered regardless.
   */
  use(candidate: unknown, origin: PluginOrigin = {}): PluginProblem[] {
    const found: PluginProblem[] = [];
    const checked = safely(() => checkPlugin(candidate), (error) => ({ error: `reading the plugin object threw: ${errorMessage(error)}` }));
    const name = 'plugin' in checked ? checked.meta.name : (checked.name ?? origin.name ?? origin.source ?? '(unnamed)');
    const problem = (kind: PluginProblemKind, message: string, objectives: string[] = []): PluginProblem[] => {
      const p: PluginProblem = { plugin: name, kind, message: `plugin ${name}: ${message}`, objectives, ...(origin.source === undefined ? {} : { source: origin.source }) };
      found.push(p);
      this.report(p);
      return found;
    };
    if (!('plugin' in checked)) return problem('load', checked.error);
    const { meta } = checked;

    const scope = this.container.createChildContainer();
    scope.register(DIAGNOSTIC_SINK, { useValue: this.services.sinkFor(meta.name) });
    const { container: recording, registrations } = recordEstimators(scope);
    let returned: unknown;
    try {
      returned = checked.plugin.register(recording);
    } catch (error) {
      return problem('load', `register() threw: ${errorMessage(error)}`);
    }
    if (isThenable(returned)) {
      // Registrations after an await would be missed; and an unobserved rejection would kill the process.
      returned.then(undefined, () => undefined);
      return problem('load', 'register() returned a promise; it must register its objectives synchronously');
    }
    if (registrations.length === 0) return problem('load', 'register() registered no objective under OBJECTIVE_ESTIMATOR');

    for (const registration of registrations) {
      const resolved = resolveEstimator(scope, registration);
      if ('error' in resolved) {
        problem('load', resolved.error);
        continue;
      }
      const { estimator } = resolved;
      const invalid = checkEstimator(estimator);
      if (invalid) {
        const id = safely(() => (typeof estimator?.id === 'string' ? estimator.id : undefined));
        problem('objective', `objective ${id ?? '(no id)'}: ${invalid}`, id === undefined ? [] : [id]);
        continue;
      }
      const names = [estimator.id, ...(estimator.aliases ?? [])];
      const clash = names.find((n) => this.byName.has(n.toLowerCase()));
      if (clash !== undefined) {
        const taken = this.byName.get(clash.toLowerCase())!;
        const what = clash === estimator.id ? `objective ${estimator.id}` : `objective ${estimator.id}: its alias ${clash}`;
        problem(
          'duplicate',
          `${what} is already registered by plugin ${taken.plugin.name}@${taken.plugin.version}${taken.source ? ` (${taken.source})` : ''}, loaded first; keeping that one`,
        );
        continue;
      }
      const entry: RegisteredObjective = { estimator: guardEstimator(estimator, meta.name), plugin: meta, ...(origin.source === undefined ? {} : { source: origin.source }) };
      this.objectives.push(entry);
      for (const n of names) this.byName.set(n.toLowerCase(), entry);
      this.container.register(OBJECTIVE_ESTIMATOR, { useValue: entry.estimator });
    }
    return found;
  }

  /** Every registered objective, in load order. */
  list(): readonly RegisteredObjective[] {
    return this.objectives;
  }

  /**
   * The objective with this id or alias (case-insensitive). Errors say why it is missing: its
   * plugin registered it invalidly, or no plugin has it (listing the known ids and broken plugins).
   */
  entry(name: string): RegisteredObjective {
    const key = name.trim().toLowerCase();
    const entry = this.byName.get(key);
    if (entry) return entry;
    const broken = this.problemList.find((p) => p.kind === 'objective' && p.objectives.some((id) => id.toLowerCase() === key));
    if (broken) throw new HwcostError(`objective ${name.trim()} is unavailable: ${broken.message}`);
    const known = this.objectives.map((o) => o.estimator.id);
    throw new HwcostError(`unknown objective "${name.trim()}"; known: ${known.length ? known.join(', ') : '(none)'}${this.failedNote()}`);
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
      if (this.objectives.length === 0) throw new HwcostError(`no objectives are registered${this.failedNote()}`);
      return this.objectives.map((o) => o.estimator);
    }
    return [...new Set(names.map((n) => this.get(n)))];
  }

  /** Names the plugins whose objectives may be missing, for errors about a missing objective. */
  private failedNote(): string {
    const failed = [...new Set(this.problemList.filter((p) => p.kind === 'load' || p.kind === 'objective').map((p) => p.plugin))];
    return failed.length ? `; plugins that failed to load: ${failed.join(', ')} (see "hwcost objectives")` : '';
  }
}

/** The plugin with a snapshot of its meta (read once: a getter may answer differently, or throw, later). */
function checkPlugin(candidate: unknown): { plugin: HwcostPlugin; meta: PluginMeta } | { error: string; name?: string } {
  if (candidate === null || typeof candidate !== 'object') return { error: `the default export is ${candidate === null ? 'null' : typeof candidate}, not a plugin object {meta, register}` };
  const plugin = candidate as Partial<HwcostPlugin>;
  const meta = plugin.meta as Partial<PluginMeta> | undefined;
  if (!meta || typeof meta !== 'object' || typeof meta.name !== 'string' || meta.name === '' || typeof meta.version !== 'string') {
    return { error: 'the default export lacks meta {name, version, apiVersion}' };
  }
  const { name } = meta;
  // The API version comes before the shape: a plugin for another API may well have another shape.
  if (meta.apiVersion !== PLUGIN_API_VERSION) {
    const declared = meta.apiVersion === undefined ? 'declares no meta.apiVersion' : `version ${meta.version} is written for plugin API version ${quote(meta.apiVersion)}`;
    return { name, error: `${declared}, but this hwcost supports plugin API version ${PLUGIN_API_VERSION}; use a release of ${name} made for API version ${PLUGIN_API_VERSION}` };
  }
  if (typeof plugin.register !== 'function') return { name, error: 'has no register(container) function' };
  return { plugin: plugin as HwcostPlugin, meta: { name, version: meta.version, apiVersion: meta.apiVersion } };
}

/** `run()`, or `fallback(error)` when it throws: plugin objects may have throwing getters. */
function safely<T>(run: () => T, fallback: (error: unknown) => T = () => undefined as T): T {
  try {
    return run();
  } catch (error) {
    return fallback(error);
  }
}

function checkEstimator(estimator: ObjectiveEstimator | undefined): string | undefined {
  return safely(() => estimatorShapeProblem(estimator), (error) => `reading its fields threw: ${errorMessage(error)}`);
}

function estimatorShapeProblem(estimator: ObjectiveEstimator | undefined): string | undefined {
  if (!estimator || typeof estimator !== 'object') return 'the registered value is not an object';
  if (!isObjectiveName(estimator.id)) return `invalid id ${quote(estimator.id)} (letters, digits, ".", "_", "-"; not "all")`;
  if (!Array.isArray(estimator.dimensions) || estimator.dimensions.length === 0 || !estimator.dimensions.every((d) => typeof d === 'string' && d !== '')) {
    return 'dimensions must be a non-empty array of names';
  }
  if (estimator.aliases !== undefined && (!Array.isArray(estimator.aliases) || !estimator.aliases.every(isObjectiveName))) {
    return `aliases must be an array of names like ids, got ${quote(estimator.aliases)}`;
  }
  for (const method of ['isLayerOptimizable', 'layerResources', 'layerSavings'] as const) {
    if (typeof estimator[method] !== 'function') return `${method} is not a function`;
  }
  if (estimator.usesWeights !== undefined && typeof estimator.usesWeights !== 'boolean') return `usesWeights must be true or false, got ${quote(estimator.usesWeights)}`;
  return undefined;
}

/** Ids and aliases must survive `--objective` parsing, where `,` and `+` separate names and `all` is reserved. */
function isObjectiveName(name: unknown): name is string {
  return typeof name === 'string' && /^[A-Za-z0-9][\w.-]*$/.test(name) && name.toLowerCase() !== 'all';
}

function isThenable(value: unknown): value is PromiseLike<unknown> {
  return value !== null && (typeof value === 'object' || typeof value === 'function') && typeof (value as { then?: unknown }).then === 'function';
}
