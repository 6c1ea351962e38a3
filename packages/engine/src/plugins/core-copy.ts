import { readFileSync, realpathSync } from 'node:fs';
import { createRequire, register } from 'node:module';
import path from 'node:path';
import { pathToFileURL } from 'node:url';

/** Where a copy of `@hwcost/core` lies and its version. */
export interface CoreCopy {
  dir: string;
  version: string;
}

/** The copy of `@hwcost/core` that `fromFile` imports, as Node resolves it; undefined when none. */
export function coreCopyFrom(fromFile: string): CoreCopy | undefined {
  try {
    const manifest = createRequire(fromFile).resolve('@hwcost/core/package.json');
    const { version } = JSON.parse(readFileSync(manifest, 'utf8')) as { version: string };
    return { dir: realpathSync(path.dirname(manifest)), version };
  } catch {
    return undefined;
  }
}

/**
 * Whether hwcost's core version is in the range a plugin declares (pre-releases included). A range
 * that is no semver range (`workspace:^` inside hwcost's own repository, `file:…`) cannot be
 * checked and is accepted.
 */
export async function coreVersionAccepted(range: string, hostVersion: string): Promise<boolean> {
  // semver loads only when a plugin declares a range: hwcost's own plugins declare none it checks.
  const { default: semver } = await import('semver');
  return semver.validRange(range) === null || semver.satisfies(hostVersion, range, { includePrerelease: true });
}

/**
 * Serves hwcost's own `@hwcost/core` to every module under the given directories, whatever their
 * own node_modules hold. For plugins under development (`--plugin ./dir`), whose core is usually
 * a devDependency: a second copy would have its own DI container types, and its decorators would
 * record classes where hwcost's container cannot see them. Uses Node's module customization
 * hooks, which run on a thread of their own, so it is done only when such a plugin is loaded.
 */
export function serveHostCore(hostCoreEntry: string, dirs: readonly string[]): void {
  const hook = `
let target, dirs;
export function initialize(data) { target = data.target; dirs = data.dirs; }
export async function resolve(specifier, context, next) {
  if (specifier === '@hwcost/core' && context.parentURL && dirs.some((dir) => context.parentURL.startsWith(dir))) return { url: target, shortCircuit: true };
  return next(specifier, context);
}`;
  register(`data:text/javascript,${encodeURIComponent(hook)}`, {
    data: { target: pathToFileURL(hostCoreEntry).href, dirs: dirs.map((dir) => `${pathToFileURL(dir).href}/`) },
  });
}
