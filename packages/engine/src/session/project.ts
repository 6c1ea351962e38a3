import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { HwcostError, quote } from '@hwcost/core';
import type { PluginSpec } from '../plugins/resolve.js';

/** The project file's name; a `"hwcost"` key in the project's package.json says the same. */
export const PROJECT_FILE = 'hwcost.config.json';

/** What a project says about plugins. */
export interface ProjectSettings {
  /** The file it was read from, when there is one. */
  file?: string;
  /** Plugins the project uses, named like `--plugin` values; paths are relative to the project. */
  plugins: PluginSpec[];
  /** False when the project turns discovery in node_modules off. */
  discovery?: boolean;
}

/**
 * Reads the project's plugin settings from `hwcost.config.json` in the project directory, else from
 * the `"hwcost"` key of its package.json (`{"plugins": [...], "discovery": false}`); none is fine.
 */
export function readProjectSettings(projectDir: string): ProjectSettings {
  const configFile = path.join(projectDir, PROJECT_FILE);
  if (existsSync(configFile)) return settingsOf(parse(configFile), configFile, projectDir);
  const packageFile = path.join(projectDir, 'package.json');
  if (!existsSync(packageFile)) return { plugins: [] };
  const manifest = parse(packageFile);
  const hwcost = manifest.hwcost;
  if (hwcost === undefined) return { plugins: [] };
  return settingsOf(hwcost, `${packageFile} "hwcost"`, projectDir, packageFile);
}

function parse(file: string): Record<string, unknown> {
  let value: unknown;
  try {
    value = JSON.parse(readFileSync(file, 'utf8'));
  } catch (error) {
    throw new HwcostError(`${file}: ${error instanceof SyntaxError ? 'invalid JSON: ' : ''}${(error as Error).message}`);
  }
  if (value === null || typeof value !== 'object' || Array.isArray(value)) throw new HwcostError(`${file}: expected a JSON object`);
  return value as Record<string, unknown>;
}

function settingsOf(value: unknown, where: string, projectDir: string, file = where): ProjectSettings {
  if (value === null || typeof value !== 'object' || Array.isArray(value)) throw new HwcostError(`${where}: expected an object`);
  const { plugins = [], discovery } = value as { plugins?: unknown; discovery?: unknown };
  if (!Array.isArray(plugins) || !plugins.every((p) => typeof p === 'string' && p !== '')) {
    throw new HwcostError(`${where}: "plugins" must be an array of package names or paths, got ${quote(plugins)}`);
  }
  if (discovery !== undefined && typeof discovery !== 'boolean') throw new HwcostError(`${where}: "discovery" must be true or false, got ${quote(discovery)}`);
  return {
    file,
    plugins: plugins.map((spec: string) => ({ spec: spec.startsWith('.') ? path.resolve(projectDir, spec) : spec, origin: `${where} plugin` })),
    ...(discovery === undefined ? {} : { discovery }),
  };
}
