/**
 * Error kinds are recognised by their `code`, never by `instanceof`: a plugin may bring its own copy
 * of `@hwcost/core`, whose classes are not the host's, and its deliberate decline of a layer must
 * still read as a decline. The brand is a registered symbol, the same in every copy.
 */
const BRAND = Symbol.for('hwcost.error');

/** What kind of problem an error reports; stable across versions and copies of this package. */
export type HwcostErrorCode = 'HWCOST_INPUT' | 'HWCOST_DECLINED' | 'HWCOST_PLUGIN_CONTRACT';

/**
 * An error caused by the user's input (a file, an option, a config key, a plugin): a front end
 * shows its message as one line, without a stack trace.
 */
export class HwcostError extends Error {
  readonly code: HwcostErrorCode = 'HWCOST_INPUT';
  readonly [BRAND] = true;

  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options?.cause === undefined ? undefined : { cause: options.cause });
    this.name = 'HwcostError';
  }
}

/**
 * An estimator declining a layer on purpose (FLOPs of a Conv1D, DSPs of a layer without hls4ml
 * attributes): the layer is reported as not estimated and the run goes on. The message always
 * names the objective and the layer.
 */
export class EstimatorError extends HwcostError {
  override readonly code: HwcostErrorCode = 'HWCOST_DECLINED';
  readonly objective: string;
  readonly layer: string;
  /** The message without the objective and layer prefix. */
  readonly reason: string;

  constructor(objective: string, layer: string, reason: string, options?: { cause?: unknown }) {
    super(`objective ${objective}, layer ${layer}: ${reason}`, options);
    this.name = 'EstimatorError';
    this.objective = objective;
    this.layer = layer;
    this.reason = reason;
  }
}

/**
 * An estimator that broke the plugin contract (a malformed result, or an unexpected throw). A
 * sibling of {@link EstimatorError}, not a kind of it: this always stops the run, because the plugin
 * is broken, not the layer unusual.
 */
export class PluginContractError extends HwcostError {
  override readonly code: HwcostErrorCode = 'HWCOST_PLUGIN_CONTRACT';
  readonly objective: string;
  readonly layer: string;
  readonly plugin: string;

  constructor(objective: string, layer: string, plugin: string, reason: string, options?: { cause?: unknown }) {
    super(`objective ${objective}, layer ${layer}: ${reason} (plugin ${plugin})`, options);
    this.name = 'PluginContractError';
    this.objective = objective;
    this.layer = layer;
    this.plugin = plugin;
  }
}

function hasCode(error: unknown, code?: HwcostErrorCode): boolean {
  if (error === null || typeof error !== 'object' || (error as { [BRAND]?: unknown })[BRAND] !== true) return false;
  return code === undefined || (error as { code?: unknown }).code === code;
}

/** True for any hwcost error, from this copy of `@hwcost/core` or another. */
export function isHwcostError(error: unknown): error is HwcostError {
  return hasCode(error);
}

/** True when an estimator declined a layer on purpose (an {@link EstimatorError} from any copy). */
export function isDeclined(error: unknown): error is EstimatorError {
  return hasCode(error, 'HWCOST_DECLINED');
}

/** True when a plugin broke the contract (a {@link PluginContractError} from any copy). */
export function isPluginContractError(error: unknown): error is PluginContractError {
  return hasCode(error, 'HWCOST_PLUGIN_CONTRACT');
}

/**
 * The message of anything thrown, for wrapping third-party errors into one line. Never throws: a
 * plugin's error may have a throwing `message` getter or `toString`, or be a revoked proxy.
 */
export function errorMessage(error: unknown): string {
  try {
    if (error instanceof Error) return String(error.message);
  } catch {
    // fall through to String()
  }
  try {
    return String(error);
  } catch {
    return '(an error whose message cannot be read)';
  }
}
