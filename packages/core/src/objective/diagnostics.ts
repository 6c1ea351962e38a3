import type { EstimateContext } from './estimator.js';

/** A warning raised during a run, with where it came from. */
export interface Diagnostic {
  level: 'warning';
  message: string;
  objective?: string;
  layer?: string;
  plugin?: string;
  /**
   * What the warning says, as data, for reports that gather like warnings into one line (a
   * sweep's points): a stable code, and the values its message names.
   */
  code?: string;
  values?: Readonly<Record<string, string | number | boolean>>;
}

/** A warning as one line, prefixed by its origin (`objective vivado-dsp, layer fc1: …`). */
export function diagnosticLine(d: Pick<Diagnostic, 'message' | 'objective' | 'layer'>): string {
  const origin = [d.objective && `objective ${d.objective}`, d.layer && `layer ${d.layer}`].filter(Boolean).join(', ');
  return origin ? `${origin}: ${d.message}` : d.message;
}

/** Collects the warnings of one run; nothing is printed from inside the estimators. */
export class Diagnostics {
  readonly items: Diagnostic[] = [];

  warn(message: string, where: Omit<Diagnostic, 'level' | 'message'> = {}): void {
    this.items.push({ level: 'warning', message, ...where });
  }

  /** A context for one estimator call whose warnings are tagged with objective and layer (and plugin, when given). */
  contextFor(objective: string, layer: string): EstimateContext {
    return { warn: (message, origin) => this.warn(message, { objective, layer, ...(origin?.plugin === undefined ? {} : { plugin: origin.plugin }) }) };
  }

  /** Warnings rendered as one line each, prefixed by their origin. */
  lines(): string[] {
    return this.items.map(diagnosticLine);
  }
}
