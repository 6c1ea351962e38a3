import { AsyncLocalStorage } from 'node:async_hooks';
import { pathToFileURL } from 'node:url';
import { errorMessage } from '@hwcost/core';

/**
 * Which plugin an error that escaped every call hwcost made (a throw in a timer, an unhandled
 * rejection, `process.exit` from a callback) came from. Code a plugin runs while it is imported or
 * registers inherits that plugin's name through async context, so its timers and promises carry
 * it; for anything else the error's stack is matched against the loaded plugins' directories.
 */
const scope = new AsyncLocalStorage<string>();
const loaded = new Map<string, string>();

/** Runs `fn` (a plugin's import or registration) as code of `plugin`, which lives in `packageDir`. */
export function asPluginCode<T>(plugin: string, packageDir: string, fn: () => T): T {
  loaded.set(packageDir, plugin);
  return scope.run(plugin, fn);
}

/** The plugin an escaped error came from, when it can be told. */
export function blamePlugin(error: unknown): string | undefined {
  const current = scope.getStore();
  if (current !== undefined) return current;
  let stack = '';
  try {
    stack = String((error as { stack?: unknown })?.stack ?? '');
  } catch {
    return undefined;
  }
  for (const [dir, plugin] of loaded) {
    if (stack.includes(`${dir}/`) || stack.includes(`${pathToFileURL(dir).href}/`)) return plugin;
  }
  return undefined;
}

/** What a front end is told when an error escapes: one line, and the plugin when it is known. */
export interface EscapedError {
  plugin?: string;
  message: string;
  error: unknown;
}

/**
 * Catches errors that escape every call (uncaught exceptions, unhandled rejections) for a front end
 * that owns the process: `handle` gets one line naming the plugin that caused it, when known, and
 * decides how the run ends. Returns a function that removes the handlers.
 */
export function catchEscapedErrors(handle: (escaped: EscapedError) => void): () => void {
  const report = (how: string) => (error: unknown) => {
    const plugin = blamePlugin(error);
    handle({ ...(plugin === undefined ? {} : { plugin }), message: `${how}: ${errorMessage(error).split('\n')[0]}`, error });
  };
  const onException = report('threw outside any call hwcost made (in a timer or callback)');
  const onRejection = report('left a promise rejection unhandled');
  process.on('uncaughtException', onException);
  process.on('unhandledRejection', onRejection);
  return () => {
    process.off('uncaughtException', onException);
    process.off('unhandledRejection', onRejection);
  };
}
