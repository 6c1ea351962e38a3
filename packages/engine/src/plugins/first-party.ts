import { existsSync, readFileSync, realpathSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { readPluginManifest, type DiscoveryProblem, type PluginCandidate } from './manifest.js';

/**
 * Where an installed dependency lies, found as Node finds a package (the nearest node_modules that
 * holds it), without going through its "exports", which need not list package.json: asking Node to
 * resolve `name/package.json` throws for those, and building the errors cost a run 2-3 ms.
 */
function installedPackageDir(require: NodeJS.Require, name: string): string | undefined {
  for (const dir of require.resolve.paths(name) ?? []) {
    const candidate = path.join(dir, name);
    // The native call: one system call, where Node's own walks the path a component at a time.
    if (existsSync(path.join(candidate, 'package.json'))) return realpathSync.native(candidate);
  }
  return undefined;
}

/**
 * The plugins hwcost ships with: the dependencies of the package this code runs from (hwcost's
 * engine, or a front end that bundles it) that declare a hwcost plugin, resolved by Node from there.
 * They load even when discovery is off; no list of them is written down anywhere else.
 */
export function firstPartyPlugins(hostPackageDir: string): { candidates: PluginCandidate[]; problems: DiscoveryProblem[] } {
  const manifestFile = path.join(hostPackageDir, 'package.json');
  const { dependencies = {} } = JSON.parse(readFileSync(manifestFile, 'utf8')) as { dependencies?: Record<string, string> };
  const require = createRequire(manifestFile);
  const found = Object.keys(dependencies)
    .sort()
    .map((name) => {
      const dir = installedPackageDir(require, name);
      return dir === undefined ? undefined : readPluginManifest(dir);
    });
  const candidates: PluginCandidate[] = [];
  const problems: DiscoveryProblem[] = [];
  for (const result of found) {
    if (result === undefined) continue;
    if ('message' in result) problems.push(result);
    else candidates.push({ ...result, firstParty: true });
  }
  return { candidates, problems };
}
