import { readdirSync, type Dirent } from 'node:fs';
import path from 'node:path';
import { readPluginManifest, type DiscoveryProblem, type PluginCandidate } from './manifest.js';

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
  const candidates: PluginCandidate[] = [];
  const problems: DiscoveryProblem[] = [];
  for (const packageDir of [...new Set(nodeModulesDirs)].flatMap(listPackages)) {
    const result = readPluginManifest(packageDir);
    if (result === undefined) continue;
    if ('message' in result) problems.push(result);
    else candidates.push(result);
  }
  return { candidates, problems };
}

function listPackages(nodeModules: string): string[] {
  return entriesOf(nodeModules)
    .flatMap((entry) => {
      const full = path.join(nodeModules, entry.name);
      return entry.name.startsWith('@') ? entriesOf(full).map((inner) => path.join(full, inner.name)) : [full];
    })
    .sort();
}

/** The directory's package entries (directories and symlinks not starting with "."); none when it cannot be read. */
function entriesOf(dir: string): Dirent[] {
  try {
    return readdirSync(dir, { withFileTypes: true }).filter((entry) => !entry.name.startsWith('.') && (entry.isDirectory() || entry.isSymbolicLink()));
  } catch {
    return [];
  }
}
