import { asPluginCode } from './blame.js';

/** Thrown in place of ending the process when plugin code calls `process.exit`. */
export class PluginExitError extends Error {
  constructor(code: unknown) {
    super(`called process.exit(${code === undefined ? '' : String(code)}); a plugin must not end the process`);
    this.name = 'PluginExitError';
  }
}

/**
 * Makes `process.exit` throw a {@link PluginExitError} instead of ending the process, so a plugin
 * that calls it becomes a plugin problem, not a silent exit with an empty report. Returns the
 * function that puts the real one back.
 */
export function trapProcessExit(): () => void {
  const real = process.exit;
  process.exit = ((code?: unknown) => {
    throw new PluginExitError(code);
  }) as typeof process.exit;
  return () => {
    process.exit = real;
  };
}

/**
 * Holds what is written to stdout until released, so that nothing a plugin prints reaches a report
 * (`console.log` writes through `process.stdout.write`). Returns the function that restores stdout
 * and gives back what was held.
 */
function holdStdout(): () => string {
  const stdout = process.stdout;
  const write = stdout.write;
  const held: string[] = [];
  stdout.write = ((chunk: unknown, encodingOrCallback?: unknown, callback?: unknown) => {
    held.push(typeof chunk === 'string' ? chunk : Buffer.from(chunk as Uint8Array).toString('utf8'));
    const done = typeof encodingOrCallback === 'function' ? encodingOrCallback : callback;
    if (typeof done === 'function') queueMicrotask(() => (done as () => void)());
    return true;
  }) as typeof stdout.write;
  return () => {
    stdout.write = write;
    return held.join('');
  };
}

/** Thrown when plugin code did not finish within its time limit. */
export class PluginTimeoutError extends Error {
  constructor(readonly limitMs: number) {
    super(`did not finish within ${formatSeconds(limitMs)}`);
    this.name = 'PluginTimeoutError';
  }
}

/** What running plugin code gave: its value or error, how long it took, what it printed. */
export type Isolated<T> = ({ ok: true; value: T } | { ok: false; error: unknown }) & { ms: number; printed: string };

/**
 * Runs plugin code (an import, a `register`) as that plugin's code (see `blame.ts`), with stdout
 * held and `process.exit` trapped, and, when `limitMs` is given, gives up waiting after that long.
 * Code that never settles cannot be cancelled, only left behind: it keeps nothing alive.
 */
export async function runPluginCode<T>(plugin: string, packageDir: string, fn: () => T | Promise<T>, limitMs?: number): Promise<Isolated<T>> {
  const started = performance.now();
  const release = holdStdout();
  const restoreExit = trapProcessExit();
  let timer: NodeJS.Timeout | undefined;
  try {
    const work = asPluginCode(plugin, packageDir, async () => fn());
    const limit =
      limitMs === undefined
        ? undefined
        : new Promise<never>((_resolve, reject) => {
            timer = setTimeout(() => reject(new PluginTimeoutError(limitMs)), limitMs);
          });
    const value = await (limit ? Promise.race([work, limit]) : work);
    return { ok: true, value, ms: performance.now() - started, printed: release() };
  } catch (error) {
    return { ok: false, error, ms: performance.now() - started, printed: release() };
  } finally {
    clearTimeout(timer);
    restoreExit();
  }
}

export function formatSeconds(ms: number): string {
  return `${(ms / 1000).toFixed(1)} s`;
}
