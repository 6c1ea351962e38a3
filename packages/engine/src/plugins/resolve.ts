import { existsSync, statSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { HwcostError } from '@hwcost/core';
import { readPluginManifest, type PluginCandidate } from './manifest.js';

/** A plugin named by the user: a package directory, a module file, or an installed package's name. */
export interface PluginSpec {
  spec: string;
  /** Where the user named it, for errors (a front end's option name, a project file); default "plugin". */
  origin?: string;
}

/**
 * Turns a plugin the user named into a candidate. A path (relative to `cwd`) is a plugin under
 * development; a name is resolved as Node resolves it from the project. A value that names nothing
 * is an error.
 */
export async function resolvePluginSpec({ spec, origin = 'plugin' }: PluginSpec, projectDir: string, cwd: string): Promise<PluginCandidate> {
  const fail = (reason: string): never => {
    throw new HwcostError(`${origin} ${spec}: ${reason}`);
  };
  const asPath = path.resolve(cwd, spec);
  if (existsSync(asPath)) {
    if (!statSync(asPath).isDirectory()) {
      // A bare module file has no package name; the value typed names it until its meta is read.
      return { name: spec, packageDir: path.dirname(asPath), entry: asPath, development: true };
    }
    return { ...(await manifestOf(asPath, fail)), development: true };
  }
  if (spec.startsWith('.') || path.isAbsolute(spec)) return fail(`${asPath} does not exist`);
  const packageDir = installedPackageDir(spec, projectDir);
  if (packageDir === undefined) return fail(`no such file, and no package of that name is installed for ${projectDir}`);
  return manifestOf(packageDir, fail);
}

/**
 * The directory of an installed package, found by Node's own resolution from the project: its
 * `package.json` when the package exports it, else the first of Node's lookup directories that
 * holds the package (for packages whose `exports` hide their package.json).
 */
function installedPackageDir(name: string, projectDir: string): string | undefined {
  const require = createRequire(path.join(projectDir, 'package.json'));
  try {
    return path.dirname(require.resolve(`${name}/package.json`));
  } catch {
    const dirs = require.resolve.paths(name) ?? [];
    return dirs.map((dir) => path.join(dir, name)).find((dir) => existsSync(path.join(dir, 'package.json')));
  }
}

async function manifestOf(packageDir: string, fail: (reason: string) => never): Promise<PluginCandidate> {
  const manifest = await readPluginManifest(packageDir);
  if (!manifest) return fail(`${packageDir} has no package.json declaring "hwcost": {"plugin": "<entry>"}`);
  if ('message' in manifest) return fail(manifest.message);
  return manifest;
}
