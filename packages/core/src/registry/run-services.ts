import type { Diagnostic, Diagnostics } from '../objective/diagnostics.js';
import { NO_LAYER_WEIGHTS, type DiagnosticSink, type LayerWeights, type RunSettings } from '../objective/services.js';

/**
 * The run's side of the services estimators inject (`DIAGNOSTIC_SINK`, `RUN_SETTINGS`,
 * `LAYER_WEIGHTS`). Estimators are created when their plugin registers, before the run has read its
 * model, so each token is bound once to a stable object whose content the run fills in later
 * ({@link useSettings}, {@link useWeights}, {@link useDiagnostics}) before the first estimator call.
 */
export class RunServices {
  private currentSettings: RunSettings = { command: '', objectives: [] };
  private currentWeights: LayerWeights = NO_LAYER_WEIGHTS;
  private diagnostics: Diagnostics | undefined;
  /** Warnings raised before the run had its diagnostics (e.g. in an estimator's constructor). */
  private readonly early: Omit<Diagnostic, 'level'>[] = [];

  /** A read-only view of the current settings: the same object for the whole run. */
  readonly settings: RunSettings = new Proxy({} as RunSettings, {
    get: (_target, key) => Reflect.get(this.currentSettings, key),
    has: (_target, key) => Reflect.has(this.currentSettings, key),
    ownKeys: () => Reflect.ownKeys(this.currentSettings),
    getOwnPropertyDescriptor: (_target, key) => {
      const descriptor = Reflect.getOwnPropertyDescriptor(this.currentSettings, key);
      return descriptor && { ...descriptor, writable: false, configurable: true };
    },
    set: () => false,
    defineProperty: () => false,
    deleteProperty: () => false,
  });

  /** The run's kernels, through one object that forwards to whatever the run loaded. */
  readonly weights: LayerWeights = Object.freeze({ kernel: (layer: string) => this.currentWeights.kernel(layer) });

  /** The warning sink of one plugin: every warning it raises carries its name. */
  sinkFor(plugin: string): DiagnosticSink {
    return Object.freeze({
      warn: (message: string, where: { objective?: string; layer?: string } = {}) => {
        const origin = { ...pick(where), plugin };
        if (this.diagnostics) this.diagnostics.warn(String(message), origin);
        else this.early.push({ message: String(message), ...origin });
      },
    });
  }

  useSettings(settings: RunSettings): void {
    this.currentSettings = Object.freeze({ ...settings, objectives: Object.freeze([...settings.objectives]) });
  }

  useWeights(weights: LayerWeights): void {
    this.currentWeights = weights;
  }

  /** Where the run's warnings go from now on; warnings raised before are handed over. */
  useDiagnostics(diagnostics: Diagnostics): void {
    this.diagnostics = diagnostics;
    for (const { message, ...where } of this.early.splice(0)) diagnostics.warn(message, where);
  }
}

/** Only the origin fields a plugin may set; the plugin name is never taken from the plugin. */
function pick(where: { objective?: unknown; layer?: unknown } | undefined): { objective?: string; layer?: string } {
  if (where === null || typeof where !== 'object') return {};
  return {
    ...(typeof where.objective === 'string' ? { objective: where.objective } : {}),
    ...(typeof where.layer === 'string' ? { layer: where.layer } : {}),
  };
}
