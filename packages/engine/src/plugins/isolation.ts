import { asPluginCode } from './blame.js';

/** Thrown in place of ending the process when plugin code calls `process.exit`. */
export class PluginExitError extends Error {
  constructor(code: unknown) {
    super(`called process.exit(${code === undefined ? '' : String(code)}); a plugin must not end the process`);
    this.name = 'PluginExitError';
  }
}

/**
 * A patch of a process-wide function that calls may take at once: the first taker installs it, the
 * last one to let go puts the original back. Runs overlap (two library calls awaited together), so
 * letting go must never restore what another run installed.
 */
function sharedPatch<T>(install: () => T, restore: (original: T) => void): () => () => void {
  let takers = 0;
  let original: T | undefined;
  return () => {
    if (takers++ === 0) original = install();
    let released = false;
    return () => {
      if (released) return;
      released = true;
      if (--takers === 0) restore(original!);
    };
  };
}

const exitTrap = sharedPatch(
  () => {
    const real = process.exit;
    process.exit = ((code?: unknown) => {
      throw new PluginExitError(code);
    }) as typeof process.exit;
    return real;
  },
  (real) => (process.exit = real),
);

/**
 * Makes `process.exit` throw a {@link PluginExitError} instead of ending the process, so a plugin
 * that calls it becomes a plugin problem, not a silent exit with an empty report. Returns the
 * function that lets go; the real one is back once every overlapping caller has let go.
 */
export function trapProcessExit(): () => void {
  return exitTrap();
}

/** What each current holder of stdout has been given so far. */
const stdoutHolders = new Set<string[]>();

const stdoutHold = sharedPatch(
  () => {
    const stdout = process.stdout;
    const write = stdout.write;
    stdout.write = ((chunk: unknown, encodingOrCallback?: unknown, callback?: unknown) => {
      const text = typeof chunk === 'string' ? chunk : Buffer.from(chunk as Uint8Array).toString('utf8');
      for (const held of stdoutHolders) held.push(text);
      const done = typeof encodingOrCallback === 'function' ? encodingOrCallback : callback;
      if (typeof done === 'function') queueMicrotask(() => (done as () => void)());
      return true;
    }) as typeof stdout.write;
    return write;
  },
  (write) => (process.stdout.write = write),
);

/**
 * Holds what is written to stdout until released, so that nothing a plugin prints reaches a report
 * (`console.log` writes through `process.stdout.write`). Returns the function that gives back what
 * was written while it held (overlapping holders each see all of it); stdout is restored once every
 * holder has released.
 */
function holdStdout(): () => string {
  const held: string[] = [];
  stdoutHolders.add(held);
  const letGo = stdoutHold();
  return () => {
    stdoutHolders.delete(held);
    letGo();
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
