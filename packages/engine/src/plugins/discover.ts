import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';

/** A package that declares a hwcost plugin entry in its package.json. */
export interface PluginCandidate {
  /** The package name; names the plugin in errors until its `meta` is known. */
  name: string;
  /** Absolute path of the package directory. */
  packageDir: string;
  /** Absolute path of the plugin entry module. */
  entry: string;
}

/** A package.json that declares `hwcost.plugin` (or may: it cannot be read) but cannot be used. */
export interface DiscoveryProblem {
  /** The package name, from package.json or, when that is unreadable, from the directory. */
  name: string;
  packageDir: string;
  message: string;
}

/** Package directories read at once: enough to keep the disk busy, few enough for any file-handle limit. */
const CONCURRENT_READS = 64;

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

/** Reads a package.json; undefined for a directory that is no package or a package that is no hwcost plugin. */
export async function readPluginManifest(packageDir: string): Promise<PluginCandidate | DiscoveryProblem | undefined> {
  const file = path.join(packageDir, 'package.json');
  const dirName = packageNameOf(packageDir);
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'ENOENT' || code === 'ENOTDIR') return undefined;
    return { name: dirName, packageDir, message: `package ${dirName}: cannot read ${file}: ${(error as Error).message}` };
  }
  // Most packages are not plugins: skip the JSON parse unless the key can be there at all.
  if (!text.includes('"hwcost"')) return undefined;
  let manifest: { name?: unknown; hwcost?: { plugin?: unknown } };
  try {
    manifest = JSON.parse(text);
  } catch (error) {
    return { name: dirName, packageDir, message: `package ${dirName}: invalid JSON in ${file}: ${(error as Error).message}` };
  }
  if (!manifest || typeof manifest.hwcost !== 'object' || manifest.hwcost === null || !('plugin' in manifest.hwcost)) return undefined;
  const name = typeof manifest.name === 'string' && manifest.name !== '' ? manifest.name : dirName;
  if (typeof manifest.hwcost.plugin !== 'string' || manifest.hwcost.plugin === '') {
    return { name, packageDir, message: `plugin ${name}: "hwcost.plugin" in ${file} must be the path of the plugin module, got ${JSON.stringify(manifest.hwcost.plugin)}` };
  }
  return { name, packageDir, entry: path.resolve(packageDir, manifest.hwcost.plugin) };
}

/** `@scope/name` or `name`, as the directory's place under node_modules says. */
function packageNameOf(packageDir: string): string {
  const scope = path.basename(path.dirname(packageDir));
  return scope.startsWith('@') ? `${scope}/${path.basename(packageDir)}` : path.basename(packageDir);
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
