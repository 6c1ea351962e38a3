import { existsSync, statSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { Diagnostics, HwcostError, ObjectiveRegistry } from '@hwcost/core';
import { discoverPlugins, nodeModulesChain, readPluginManifest, type PluginCandidate } from '../plugins/discover.js';
import { loadPlugins } from '../plugins/load.js';

/** The directory of the nearest package.json at or above `dir`, or undefined. */
export function nearestPackageDir(dir: string): string | undefined {
  let current = path.resolve(dir);
  for (;;) {
    if (existsSync(path.join(current, 'package.json'))) return current;
    const parent = path.dirname(current);
    if (parent === current) return undefined;
    current = parent;
  }
}

/** Where this hwcost is installed: the directory of the CLI package. */
function ownPackageDir(): string {
  return nearestPackageDir(path.dirname(fileURLToPath(import.meta.url))) ?? process.cwd();
}

export interface PluginOptions {
  /** Extra plugins from `--plugin`: paths to a module or package directory, or package names. */
  plugins?: readonly string[];
  cwd?: string;
}

/**
 * A registry for one run: plugins found in hwcost's own installation, then in the project of the
 * current directory, then the ones named with `--plugin` (so an id is kept by the first of these
 * that has it). Broken plugins become registry problems; only a `--plugin` value that names
 * nothing at all is an error.
 */
export async function createRegistry(options: PluginOptions = {}): Promise<ObjectiveRegistry> {
  const cwd = options.cwd ?? process.cwd();
  const projectDir = nearestPackageDir(cwd) ?? cwd;
  const extra = await Promise.all((options.plugins ?? []).map((spec) => resolvePluginSpec(spec, projectDir, cwd)));
  const registry = new ObjectiveRegistry();
  const { candidates, problems } = await discoverPlugins([...nodeModulesChain(ownPackageDir()), ...nodeModulesChain(projectDir)]);
  for (const p of problems) registry.report({ plugin: p.name, source: p.packageDir, kind: 'load', message: p.message, objectives: [] });
  await loadPlugins(registry, [...candidates, ...extra]);
  return registry;
}

/** Turns a `--plugin` value into a candidate; a value that names no file or package is a user error. */
async function resolvePluginSpec(spec: string, projectDir: string, cwd: string): Promise<PluginCandidate> {
  const asPath = path.resolve(cwd, spec);
  if (existsSync(asPath)) {
    if (statSync(asPath).isDirectory()) return manifestOf(spec, asPath);
    // A bare module file has no package name; the value typed names it until its meta is read.
    return { name: spec, packageDir: path.dirname(asPath), entry: asPath };
  }
  if (spec.startsWith('.') || path.isAbsolute(spec)) throw new HwcostError(`--plugin ${spec}: ${asPath} does not exist`);
  for (const dir of nodeModulesChain(projectDir)) {
    const packageDir = path.join(dir, ...spec.split('/'));
    if (existsSync(path.join(packageDir, 'package.json'))) return manifestOf(spec, packageDir);
  }
  throw new HwcostError(`--plugin ${spec}: no such file, and no package of that name is installed for ${projectDir}`);
}

async function manifestOf(spec: string, packageDir: string): Promise<PluginCandidate> {
  const manifest = await readPluginManifest(packageDir);
  if (!manifest) throw new HwcostError(`--plugin ${spec}: ${packageDir} has no package.json declaring "hwcost": {"plugin": "<entry>"}`);
  if ('message' in manifest) throw new HwcostError(`--plugin ${spec}: ${manifest.message}`);
  return manifest;
}

/**
 * A run's diagnostics, starting with a warning per plugin that failed to load, so that a report
 * over `all` objectives says which objectives may be missing from it. Warnings estimators raise
 * through `DIAGNOSTIC_SINK` go there too.
 */
export function runDiagnostics(registry: ObjectiveRegistry): Diagnostics {
  const diagnostics = new Diagnostics();
  for (const problem of registry.problems) diagnostics.warn(problem.message, { plugin: problem.plugin });
  registry.services.useDiagnostics(diagnostics);
  return diagnostics;
}
