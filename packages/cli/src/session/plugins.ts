import { existsSync, statSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import {
  HwcostError,
  ObjectiveRegistry,
  discoverPlugins,
  loadPlugin,
  nodeModulesChain,
  readPluginManifest,
  type PluginCandidate,
} from '@hwcost/core';

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
 * current directory, then the ones named with `--plugin`. Failures become registry problems.
 */
export async function createRegistry(options: PluginOptions = {}): Promise<ObjectiveRegistry> {
  const cwd = options.cwd ?? process.cwd();
  const registry = new ObjectiveRegistry();
  const projectDir = nearestPackageDir(cwd) ?? cwd;
  const { candidates, problems } = await discoverPlugins([...nodeModulesChain(ownPackageDir()), ...nodeModulesChain(projectDir)]);
  for (const p of problems) registry.problems.push({ plugin: p.packageDir, source: p.packageDir, message: p.message, objectives: [] });
  const seen = new Set(candidates.map((c) => c.entry));
  for (const candidate of candidates) await loadPlugin(registry, candidate);
  for (const spec of options.plugins ?? []) {
    const candidate = await resolvePluginSpec(spec, projectDir, cwd);
    if (seen.has(candidate.entry)) continue;
    seen.add(candidate.entry);
    await loadPlugin(registry, candidate);
  }
  return registry;
}

/** Turns a `--plugin` value into a candidate; an unresolvable value is a user error. */
async function resolvePluginSpec(spec: string, projectDir: string, cwd: string): Promise<PluginCandidate> {
  const asPath = path.resolve(cwd, spec);
  const looksLikePath = spec.startsWith('.') || path.isAbsolute(spec) || existsSync(asPath);
  if (looksLikePath) {
    if (!existsSync(asPath)) throw new HwcostError(`--plugin ${spec}: ${asPath} does not exist`);
    if (statSync(asPath).isDirectory()) return manifestOf(spec, asPath);
    return { name: path.basename(asPath), version: '0.0.0', packageDir: path.dirname(asPath), entry: asPath };
  }
  for (const dir of nodeModulesChain(projectDir)) {
    const packageDir = path.join(dir, ...spec.split('/'));
    if (existsSync(path.join(packageDir, 'package.json'))) return manifestOf(spec, packageDir);
  }
  throw new HwcostError(`--plugin ${spec}: no such file, and no package of that name is installed in ${projectDir}`);
}

async function manifestOf(spec: string, packageDir: string): Promise<PluginCandidate> {
  const manifest = await readPluginManifest(packageDir);
  if (!manifest) throw new HwcostError(`--plugin ${spec}: ${path.join(packageDir, 'package.json')} declares no "hwcost": {"plugin": ...} entry`);
  if ('message' in manifest) throw new HwcostError(`--plugin ${spec}: ${manifest.message}`);
  return manifest;
}
