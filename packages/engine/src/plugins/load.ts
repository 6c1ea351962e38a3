import { existsSync, realpathSync } from 'node:fs';
import { createRequire } from 'node:module';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { errorMessage, type ObjectiveRegistry, type PluginProblem, type PluginProblemKind } from '@hwcost/core';
import { coreCopyFrom, coreVersionAccepted, serveHostCore, type CoreCopy } from './core-copy.js';
import { formatSeconds, PluginExitError, PluginTimeoutError, runPluginCode } from './isolation.js';
import { isInside, type PluginCandidate } from './manifest.js';

/** How long a plugin may take to import before the run goes on without it. */
export const DEFAULT_IMPORT_LIMIT_MS = 10_000;
/** An import slower than this is named in the run's warnings: every run that loads the plugin pays it. */
const SLOW_IMPORT_MS = 1_000;

/** Imports an ES module by its URL, as `import()` does. */
export type ModuleImporter = (url: string) => Promise<unknown>;

export interface LoadOptions {
  /** How long an import may take (default {@link DEFAULT_IMPORT_LIMIT_MS}). */
  importLimitMs?: number;
  /**
   * What imports plugin entries. Default: this module's own `import()`. Code run from V8's code
   * cache cannot call `import()` on Node 20 (its functions lose the dynamic import callback), so
   * hwcost's command line passes one from its entry module.
   */
  importModule?: ModuleImporter;
}

const importNatively: ModuleImporter = (url) => import(url);

/** The copy of `@hwcost/core` this engine runs with, found once. */
let hostCore: CoreCopy | undefined;
function hostCoreCopy(): CoreCopy | undefined {
  return (hostCore ??= coreCopyFrom(fileURLToPath(import.meta.url)));
}
const servedDirs = new Set<string>();

/**
 * Imports a plugin module and registers it. Any failure (missing entry, an entry outside its
 * package, a core version it does not accept, an import that throws, prints, calls `process.exit`
 * or never finishes, a contract violation) becomes a problem on the registry naming the plugin,
 * never a throw, so the remaining plugins still load.
 */
export async function loadPlugin(registry: ObjectiveRegistry, candidate: PluginCandidate, options: LoadOptions = {}): Promise<PluginProblem[]> {
  const source = candidate.entry;
  const found: PluginProblem[] = [];
  const report = (kind: PluginProblemKind, message: string, plugin = candidate.name): PluginProblem[] => {
    const problem: PluginProblem = { plugin, source, kind, message: `plugin ${plugin}: ${message}`, objectives: [] };
    registry.report(problem);
    found.push(problem);
    return found;
  };
  if (!existsSync(source)) return report('load', `entry file ${source} does not exist${source.split(/[\\/]/).includes('dist') ? ' (is the package built?)' : ''}`);
  // A symlink must not lead the entry out of its package either.
  if (!candidate.development && !isInside(realpathSync(candidate.packageDir), realpathSync(source))) {
    return report('load', `entry ${source} leads outside the package directory ${candidate.packageDir}; hwcost loads plugin entries only from inside their package`);
  }
  if (!candidate.firstParty && (await refusedForCore(candidate, report))) return found;

  const limitMs = options.importLimitMs ?? DEFAULT_IMPORT_LIMIT_MS;
  const importModule = options.importModule ?? importNatively;
  const imported = await runPluginCode(candidate.name, candidate.packageDir, () => importModule(pathToFileURL(source).href) as Promise<{ default?: unknown }>, limitMs);
  if (!imported.ok) {
    const { error } = imported;
    if (error instanceof PluginTimeoutError) return report('load', `importing ${source} ${error.message}; hwcost went on without it`);
    if (error instanceof PluginExitError) return report('load', `while being imported, it ${error.message}`);
    return report('load', `cannot import ${source}: ${errorMessage(error).split('\n')[0]}`);
  }
  const module = imported.value;
  if (module.default === undefined) return report('load', `${source} has no default export; export the plugin object as default`);

  const before = registry.list().length;
  const registered = await runPluginCode(candidate.name, candidate.packageDir, () => registry.use(module.default, { name: candidate.name, source }));
  if (!registered.ok) return report('load', errorMessage(registered.error));
  found.push(...registered.value);
  const name = registered.value[0]?.plugin ?? registry.list()[before]?.plugin.name ?? candidate.name;
  const printed = imported.printed + registered.printed;
  if (printed.trim() !== '') {
    report('warning', `printed to stdout while loading, which hwcost kept out of the report: ${JSON.stringify(firstLine(printed))}`, name);
  }
  if (imported.ms > SLOW_IMPORT_MS) {
    const only = candidate.objectives ? 'every run that uses its objectives pays it' : 'every run pays it, since its package.json declares no "hwcost.objectives"';
    report('warning', `took ${formatSeconds(imported.ms)} to import; ${only}`, name);
  }
  if (candidate.objectives) checkDeclaredObjectives(registry, before, candidate, name, report);
  else suggestDeclaration(registry, before, name);
  return found;
}

/**
 * Checks the plugin's `@hwcost/core` against hwcost's: a peer range that excludes hwcost's version
 * refuses the plugin (returns true); a second copy is served hwcost's own under development, else
 * named.
 */
async function refusedForCore(candidate: PluginCandidate, report: (kind: PluginProblemKind, message: string) => unknown): Promise<boolean> {
  const host = hostCoreCopy();
  if (host && candidate.coreRange !== undefined && !(await coreVersionAccepted(candidate.coreRange, host.version))) {
    report('load', `needs @hwcost/core ${candidate.coreRange} (its peerDependencies), but this hwcost runs @hwcost/core ${host.version}; use a release of ${candidate.name} made for @hwcost/core ${host.version}`);
    return true;
  }
  const own = coreCopyFrom(candidate.entry);
  if (host && own && own.dir !== host.dir) {
    if (candidate.development) serveHostCoreTo(candidate.packageDir);
    else {
      report(
        'warning',
        `imports its own copy of @hwcost/core (${own.version} in ${own.dir}), not hwcost's (${host.version} in ${host.dir}); make @hwcost/core a peer dependency of ${candidate.name} so that it uses hwcost's (with another copy, classes registered with useClass cannot be created)`,
      );
    }
  }
  return false;
}

/** The ids a package declares must be the ones it registers: runs import it by its declaration. */
function checkDeclaredObjectives(registry: ObjectiveRegistry, before: number, candidate: PluginCandidate, name: string, report: (kind: PluginProblemKind, message: string, plugin: string) => unknown): void {
  const declared = new Set(candidate.objectives!.map((o) => o.toLowerCase()));
  const registered = registry.list().slice(before);
  const names = new Set(registered.flatMap((o) => [o.estimator.id, ...(o.estimator.aliases ?? [])]).map((n) => n.toLowerCase()));
  const undeclared = registered.map((o) => o.estimator.id).filter((id) => !declared.has(id.toLowerCase()));
  const missing = candidate.objectives!.filter((o) => !names.has(o.toLowerCase()));
  if (undeclared.length > 0) report('warning', `registers ${undeclared.join(', ')}, which "hwcost.objectives" in its package.json does not declare; runs that ask only for those do not import it`, name);
  // Objectives it failed to register (invalid, or an id another plugin holds) are problems already.
  const failedSome = registry.problems.some((p) => p.plugin === name && p.kind !== 'warning');
  if (missing.length > 0 && !failedSome) {
    report('warning', `declares ${missing.join(', ')} in "hwcost.objectives" of its package.json but does not register ${missing.length === 1 ? 'it' : 'them'}`, name);
  }
}

function suggestDeclaration(registry: ObjectiveRegistry, before: number, name: string): void {
  const ids = registry.list().slice(before).map((o) => o.estimator.id);
  if (ids.length === 0) return;
  registry.hint({
    plugin: name,
    message: `plugin ${name}: its package.json declares no objectives, so every run imports it; add "objectives": ${JSON.stringify(ids)} to its "hwcost" key so that only runs that use them do`,
  });
}

function serveHostCoreTo(packageDir: string): void {
  if (servedDirs.has(packageDir)) return;
  servedDirs.add(packageDir);
  // The CommonJS build that the host itself runs; its ES module wrapper is only a view of it.
  serveHostCore(createRequire(import.meta.url).resolve('@hwcost/core'), [packageDir, realpathSync(packageDir)]);
}

function firstLine(text: string): string {
  const line = text.trim().split('\n')[0]!;
  return line.length > 80 ? `${line.slice(0, 77)}...` : line;
}

/**
 * Loads plugins in order, each module once: the same package is often reachable through several
 * symlinks (pnpm, workspaces) or named again by the user.
 */
export async function loadPlugins(registry: ObjectiveRegistry, candidates: readonly PluginCandidate[], options: LoadOptions = {}): Promise<void> {
  const loaded = new Set<string>();
  for (const candidate of candidates) {
    let real = candidate.entry;
    try {
      real = realpathSync(candidate.entry);
    } catch {
      // a missing entry is reported by loadPlugin
    }
    if (loaded.has(real)) continue;
    loaded.add(real);
    await loadPlugin(registry, candidate, options);
  }
}
