import { quote } from '@hwcost/core';
import { readFileSync } from 'node:fs';
import path from 'node:path';

/** A package that declares a hwcost plugin entry in its package.json. */
export interface PluginCandidate {
  /** The package name; names the plugin in errors until its `meta` is known. */
  name: string;
  /** Absolute path of the package directory. */
  packageDir: string;
  /** Absolute path of the plugin entry module. */
  entry: string;
  /**
   * The objective ids (and aliases) the package declares in `"hwcost": {"objectives": [...]}`, so a
   * run imports it only when it asks for one of them; undefined when it declares none.
   */
  objectives?: string[];
  /** The range of `@hwcost/core` versions the package declares in `peerDependencies`. */
  coreRange?: string;
  /**
   * A plugin under development (a path given by the user rather than an installed package): its
   * `import '@hwcost/core'` is served hwcost's own copy, whatever its own node_modules holds.
   */
  development?: boolean;
  /**
   * One of hwcost's own plugins, resolved from hwcost's installation and released with its core:
   * the checks of its core copy and range are skipped.
   */
  firstParty?: boolean;
}

/** A package.json that declares `hwcost.plugin` (or may: it cannot be read) but cannot be used. */
export interface DiscoveryProblem {
  /** The package name, from package.json or, when that is unreadable, from the directory. */
  name: string;
  packageDir: string;
  message: string;
}

interface Manifest {
  name?: unknown;
  hwcost?: { plugin?: unknown; objectives?: unknown };
  peerDependencies?: Record<string, unknown>;
}

/**
 * Reads a package.json; undefined for a directory that is no package or a package that is no hwcost
 * plugin. Synchronously: a manifest is a few hundred bytes, and the thread pool's round trips of an
 * asynchronous read cost more than the read.
 */
export function readPluginManifest(packageDir: string): PluginCandidate | DiscoveryProblem | undefined {
  const file = path.join(packageDir, 'package.json');
  const dirName = packageNameOf(packageDir);
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'ENOENT' || code === 'ENOTDIR') return undefined;
    return { name: dirName, packageDir, message: `package ${dirName}: cannot read ${file}: ${(error as Error).message}` };
  }
  // Most packages are not plugins: skip the JSON parse unless the key can be there at all.
  if (!text.includes('"hwcost"')) return undefined;
  let manifest: Manifest;
  try {
    manifest = JSON.parse(text) as Manifest;
  } catch (error) {
    return { name: dirName, packageDir, message: `package ${dirName}: invalid JSON in ${file}: ${(error as Error).message}` };
  }
  const declared = manifest?.hwcost;
  if (declared === null || typeof declared !== 'object' || !('plugin' in declared)) return undefined;
  const name = typeof manifest.name === 'string' && manifest.name !== '' ? manifest.name : dirName;
  const fail = (message: string): DiscoveryProblem => ({ name, packageDir, message: `plugin ${name}: ${message}` });
  if (typeof declared.plugin !== 'string' || declared.plugin === '') {
    return fail(`"hwcost.plugin" in ${file} must be the path of the plugin module, got ${quote(declared.plugin)}`);
  }
  const entry = path.resolve(packageDir, declared.plugin);
  if (!isInside(packageDir, entry)) {
    return fail(`"hwcost.plugin" in ${file} is ${quote(declared.plugin)}, which leaves the package directory; hwcost loads plugin entries only from inside their package`);
  }
  const objectives = declared.objectives;
  if (objectives !== undefined && !(Array.isArray(objectives) && objectives.every((o) => typeof o === 'string' && o !== ''))) {
    return fail(`"hwcost.objectives" in ${file} must be an array of objective ids, got ${quote(objectives)}`);
  }
  const coreRange = manifest.peerDependencies?.['@hwcost/core'];
  return {
    name,
    packageDir,
    entry,
    ...(objectives === undefined ? {} : { objectives: [...objectives] }),
    ...(typeof coreRange === 'string' ? { coreRange } : {}),
  };
}

/** True when `file` lies inside `dir` (both absolute; symlinks are for the caller to resolve). */
export function isInside(dir: string, file: string): boolean {
  const relative = path.relative(dir, file);
  return relative !== '' && relative !== '..' && !relative.startsWith(`..${path.sep}`) && !path.isAbsolute(relative);
}

/** `@scope/name` or `name`, as the directory's place under node_modules says. */
function packageNameOf(packageDir: string): string {
  const scope = path.basename(path.dirname(packageDir));
  return scope.startsWith('@') ? `${scope}/${path.basename(packageDir)}` : path.basename(packageDir);
}
