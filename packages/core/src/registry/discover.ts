import { readdir, readFile, realpath } from 'node:fs/promises';
import path from 'node:path';

/** A package that declares a hwcost plugin entry in its package.json. */
export interface PluginCandidate {
  /** The package name. */
  name: string;
  version: string;
  /** Absolute path of the package directory. */
  packageDir: string;
  /** Absolute path of the plugin entry module. */
  entry: string;
}

/** A package.json that declares `hwcost.plugin` but cannot be used. */
export interface DiscoveryProblem {
  packageDir: string;
  message: string;
}

/** Every `node_modules` directory Node would search from `dir`: the dir's own, then each parent's. */
export function nodeModulesChain(dir: string): string[] {
  const chain: string[] = [];
  let current = path.resolve(dir);
  for (;;) {
    if (path.basename(current) !== 'node_modules') chain.push(path.join(current, 'node_modules'));
    const parent = path.dirname(current);
    if (parent === current) return chain;
    current = parent;
  }
}

/**
 * Finds plugin packages in the given `node_modules` directories: their top-level packages and
 * scoped packages only (never a recursive walk), reading just each package.json. Directories that
 * do not exist are skipped; the same package reached twice (symlinks) is listed once.
 */
export async function discoverPlugins(nodeModulesDirs: readonly string[]): Promise<{ candidates: PluginCandidate[]; problems: DiscoveryProblem[] }> {
  const packageDirs = (await Promise.all([...new Set(nodeModulesDirs)].map(listPackages))).flat();
  const seen = new Set<string>();
  const candidates: PluginCandidate[] = [];
  const problems: DiscoveryProblem[] = [];
  const read = await Promise.all(packageDirs.map(readPluginManifest));
  for (const result of read) {
    if (!result) continue;
    if ('message' in result) {
      problems.push(result);
      continue;
    }
    const real = await realpath(result.packageDir).catch(() => result.packageDir);
    if (seen.has(real)) continue;
    seen.add(real);
    candidates.push(result);
  }
  return { candidates, problems };
}

async function listPackages(nodeModules: string): Promise<string[]> {
  const entries = await readdir(nodeModules, { withFileTypes: true }).catch(() => []);
  const dirs: string[] = [];
  await Promise.all(
    entries.map(async (entry) => {
      if (entry.name.startsWith('.') || !(entry.isDirectory() || entry.isSymbolicLink())) return;
      const full = path.join(nodeModules, entry.name);
      if (!entry.name.startsWith('@')) {
        dirs.push(full);
        return;
      }
      const scoped = await readdir(full, { withFileTypes: true }).catch(() => []);
      for (const inner of scoped) {
        if (!inner.name.startsWith('.') && (inner.isDirectory() || inner.isSymbolicLink())) dirs.push(path.join(full, inner.name));
      }
    }),
  );
  return dirs.sort();
}

/** Reads a package.json; returns undefined for packages that are not hwcost plugins. */
export async function readPluginManifest(packageDir: string): Promise<PluginCandidate | DiscoveryProblem | undefined> {
  let text: string;
  try {
    text = await readFile(path.join(packageDir, 'package.json'), 'utf8');
  } catch {
    return undefined;
  }
  // Most packages are not plugins: skip the JSON parse unless the key can be there at all.
  if (!text.includes('"hwcost"')) return undefined;
  let manifest: { name?: unknown; version?: unknown; hwcost?: { plugin?: unknown } };
  try {
    manifest = JSON.parse(text);
  } catch (error) {
    return { packageDir, message: `${path.join(packageDir, 'package.json')}: invalid JSON (${(error as Error).message})` };
  }
  if (!manifest.hwcost || typeof manifest.hwcost !== 'object' || !('plugin' in manifest.hwcost)) return undefined;
  const name = typeof manifest.name === 'string' ? manifest.name : path.basename(packageDir);
  if (typeof manifest.hwcost.plugin !== 'string' || manifest.hwcost.plugin === '') {
    return { packageDir, message: `${name}: "hwcost.plugin" in package.json must be a path to the plugin module` };
  }
  return {
    name,
    version: typeof manifest.version === 'string' ? manifest.version : '0.0.0',
    packageDir,
    entry: path.resolve(packageDir, manifest.hwcost.plugin),
  };
}
