import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { readPluginManifest, type DiscoveryProblem, type PluginCandidate } from './manifest.js';

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
      try {
        return readPluginManifest(path.dirname(require.resolve(`${name}/package.json`)));
      } catch {
        // A dependency that does not export its package.json is not one of hwcost's plugins, which all do.
        return undefined;
      }
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
