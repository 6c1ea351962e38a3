import { readdir } from 'node:fs/promises';
import path from 'node:path';
import { readPluginManifest, type DiscoveryProblem, type PluginCandidate } from './manifest.js';

/** Package directories read at once: enough to keep the disk busy, few enough for any file-handle limit. */
const CONCURRENT_READS = 64;

/**
 * The `node_modules` directories where installed plugins are looked for: the project's own, and
 * those of hwcost's installation (its package's own `node_modules`, and the `node_modules` it is
 * installed in, which holds its siblings in a global or flat install). Never the `node_modules` of
 * every directory up to the root: a plugin runs code, so it must be one the user installed here.
 */
export function pluginSearchDirs(projectDir: string, hostDir: string | undefined): string[] {
  const dirs = [path.join(projectDir, 'node_modules')];
  if (hostDir !== undefined) {
    const installedIn = enclosingNodeModules(hostDir);
    if (installedIn !== undefined) dirs.unshift(installedIn);
    dirs.unshift(path.join(hostDir, 'node_modules'));
  }
  return [...new Set(dirs)];
}

/** The `node_modules` directory a package directory sits in (`…/node_modules/name` or `…/node_modules/@scope/name`). */
function enclosingNodeModules(packageDir: string): string | undefined {
  const parent = path.dirname(packageDir);
  if (path.basename(parent) === 'node_modules') return parent;
  const grandparent = path.dirname(parent);
  return path.basename(parent).startsWith('@') && path.basename(grandparent) === 'node_modules' ? grandparent : undefined;
}

/**
 * Finds plugin packages in the given `node_modules` directories, in the order given. Only the
 * top-level packages and those one level under a scope are looked at (never a recursive walk,
 * never `.pnpm` or `.bin`), and of each only its package.json is read. Directories that do not
 * exist are skipped. A package reached through two symlinks is listed twice; loading dedupes.
 */
export async function discoverPlugins(nodeModulesDirs: readonly string[]): Promise<{ candidates: PluginCandidate[]; problems: DiscoveryProblem[] }> {
  const packageDirs = (await Promise.all([...new Set(nodeModulesDirs)].map(listPackages))).flat();
  const candidates: PluginCandidate[] = [];
  const problems: DiscoveryProblem[] = [];
  for (const result of await mapLimited(packageDirs, CONCURRENT_READS, readPluginManifest)) {
    if (result === undefined) continue;
    if ('message' in result) problems.push(result);
    else candidates.push(result);
  }
  return { candidates, problems };
}

async function listPackages(nodeModules: string): Promise<string[]> {
  const entries = await readdir(nodeModules, { withFileTypes: true }).catch(() => []);
  const packages = await Promise.all(
    entries.filter(isPackageEntry).map(async (entry): Promise<string[]> => {
      const full = path.join(nodeModules, entry.name);
      if (!entry.name.startsWith('@')) return [full];
      const scoped = await readdir(full, { withFileTypes: true }).catch(() => []);
      return scoped.filter(isPackageEntry).map((inner) => path.join(full, inner.name));
    }),
  );
  return packages.flat().sort();
}

function isPackageEntry(entry: { name: string; isDirectory(): boolean; isSymbolicLink(): boolean }): boolean {
  return !entry.name.startsWith('.') && (entry.isDirectory() || entry.isSymbolicLink());
}

/** `Promise.all(items.map(fn))` with at most `limit` calls pending, results in input order. */
async function mapLimited<T, R>(items: readonly T[], limit: number, fn: (item: T) => Promise<R>): Promise<R[]> {
  const results: R[] = new Array(items.length);
  let next = 0;
  const worker = async (): Promise<void> => {
    while (next < items.length) {
      const index = next++;
      results[index] = await fn(items[index]!);
    }
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker));
  return results;
}
