import { readFileSync, realpathSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import type { ModuleImporter } from '@hwcost/engine';
import gpu from '@hwcost/plugin-gpu';
import gpuManifest from '@hwcost/plugin-gpu/package.json' with { type: 'json' };
import parameter from '@hwcost/plugin-parameter';
import parameterManifest from '@hwcost/plugin-parameter/package.json' with { type: 'json' };
import vivado from '@hwcost/plugin-vivado';
import vivadoManifest from '@hwcost/plugin-vivado/package.json' with { type: 'json' };
import vivadoHls from '@hwcost/plugin-vivado-hls';
import vivadoHlsManifest from '@hwcost/plugin-vivado-hls/package.json' with { type: 'json' };

/** hwcost's own plugins as built into the command line's bundle, with the package each came from. */
const BUNDLED = [
  { manifest: gpuManifest, plugin: gpu },
  { manifest: parameterManifest, plugin: parameter },
  { manifest: vivadoManifest, plugin: vivado },
  { manifest: vivadoHlsManifest, plugin: vivadoHls },
];

function realUrl(url: string): string {
  try {
    return pathToFileURL(realpathSync(fileURLToPath(url))).href;
  } catch {
    return url;
  }
}

/**
 * An importer that answers imports of hwcost's own plugins with the copies built into this bundle
 * (run from V8's code cache with it) and passes every other import to `importModule`. Only the
 * installed entry of the same package and version is answered so: the plugins are still found,
 * chosen, guarded and registered as any plugin is; this only spares Node loading their files.
 */
export function withBundledPlugins(importModule: ModuleImporter): ModuleImporter {
  const require = createRequire(import.meta.url);
  const modules = new Map<string, unknown>();
  for (const { manifest, plugin } of BUNDLED) {
    try {
      const manifestFile = require.resolve(`${manifest.name}/package.json`);
      const installed = JSON.parse(readFileSync(manifestFile, 'utf8')) as { version?: string; hwcost?: { plugin?: string } };
      if (installed.version !== manifest.version || installed.hwcost?.plugin === undefined) continue;
      modules.set(realUrl(pathToFileURL(path.resolve(path.dirname(manifestFile), installed.hwcost.plugin)).href), { default: plugin });
    } catch {
      // not installed where this bundle looks: imported as any plugin
    }
  }
  return async (url) => modules.get(realUrl(url)) ?? importModule(url);
}
