/**
 * An error caused by the user's input (a file, a flag, a config key, a plugin): the CLI prints its
 * message as one line and exits with {@link HwcostError.exitCode}, without a stack trace.
 */
export class HwcostError extends Error {
  readonly exitCode: number;

  constructor(message: string, options?: { cause?: unknown; exitCode?: number }) {
    super(message, options?.cause === undefined ? undefined : { cause: options.cause });
    this.name = 'HwcostError';
    this.exitCode = options?.exitCode ?? 2;
  }
}

/** An estimator call that failed; the message always names the objective and the layer. */
export class EstimatorError extends HwcostError {
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
 * An estimator that broke the plugin contract (a malformed result, or an unexpected throw). Unlike a
 * plain {@link EstimatorError}, which an estimator raises on purpose for a layer it cannot estimate,
 * this always stops the run: the plugin is broken, not the layer unusual.
 */
export class PluginContractError extends EstimatorError {
  constructor(objective: string, layer: string, reason: string, options?: { cause?: unknown }) {
    super(objective, layer, reason, options);
    this.name = 'PluginContractError';
  }
}

/** The message of anything thrown, for wrapping third-party errors into one line. */
export function errorMessage(error: unknown): string {
  if (error instanceof Error) return error.message;
  return String(error);
}
