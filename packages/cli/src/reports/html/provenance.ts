import { createReadStream } from 'node:fs';
import { createRequire } from 'node:module';
import type { ObjectiveRegistry } from '@hwcost/core';
import type { LoadedRun } from '@hwcost/engine';
import type { Command } from 'commander';

/** What made a report: the command line, the versions of hwcost and its plugins, and the input files by hash. */
export interface Provenance {
  commandLine: string;
  hwcost: string;
  plugins: { name: string; version: string }[];
  inputs: { role: string; path: string; sha256: string }[];
  generated: string;
}

const quoteArg = (arg: string) => (/^[\w@%+=:,./-]+$/.test(arg) ? arg : `'${arg.replace(/'/g, `'\\''`)}'`);

function sha256(file: string): Promise<string> {
  return new Promise((resolve, reject) => {
    // crypto is loaded only by runs that write HTML: loading it costs 3.5 ms.
    const { createHash } = createRequire(import.meta.url)('node:crypto') as typeof import('node:crypto');
    const hash = createHash('sha256');
    createReadStream(file)
      .on('data', (chunk) => hash.update(chunk))
      .on('error', reject)
      .on('end', () => resolve(hash.digest('hex')));
  });
}

/**
 * Collects the provenance of a report made by `command`. The files were read by the run already;
 * they are hashed again here, so the hashes say what was on disk when the report was written.
 */
export async function collectProvenance(command: Command, registry: ObjectiveRegistry, files: { role: string; path: string | undefined }[]): Promise<Provenance> {
  let root = command;
  while (root.parent) root = root.parent;
  // Commander keeps the arguments it parsed in `rawArgs`, which its typings leave out.
  const args = (root as unknown as { rawArgs?: string[] }).rawArgs ?? process.argv.slice(2);
  const plugins = new Map(registry.list().map(({ plugin }) => [plugin.name, { name: plugin.name, version: plugin.version }]));
  const inputs = await Promise.all(
    files.filter((f): f is { role: string; path: string } => f.path !== undefined).map(async (f) => ({ ...f, sha256: await sha256(f.path) })),
  );
  return {
    commandLine: ['hwcost', ...args].map(quoteArg).join(' '),
    hwcost: root.version() ?? 'unknown',
    plugins: [...plugins.values()],
    inputs,
    generated: new Date().toISOString(),
  };
}

/** The files a run read: the model, its config, and the weights when they are a file of their own. */
export function runFiles(run: LoadedRun): { role: string; path: string | undefined }[] {
  return [
    { role: 'model', path: run.modelFile },
    { role: 'config', path: run.config?.source },
    { role: 'weights', path: run.weightsFile === run.modelFile ? undefined : run.weightsFile },
  ];
}
