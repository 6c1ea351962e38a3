import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { repoRoot } from '../support/cli.js';

// The package boundary: @hwcost/core is the plugin API and nothing else (the consumer test checks
// its installed size), and no library package speaks in terms of the command line.

function sources(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(dir, entry.name);
    return entry.isDirectory() ? sources(full) : entry.name.endsWith('.ts') ? [full] : [];
  });
}

const LIBRARIES = ['core', 'model', 'knapsack', 'plan', 'engine'];

describe('@hwcost/core', () => {
  const core = path.join(repoRoot, 'packages/core');

  it('depends on tsyringe and reflect-metadata only', () => {
    const manifest = JSON.parse(readFileSync(path.join(core, 'package.json'), 'utf8')) as { dependencies?: object; peerDependencies?: object };
    expect(Object.keys(manifest.dependencies ?? {}).sort()).toEqual(['reflect-metadata', 'tsyringe']);
    expect(manifest.peerDependencies).toBeUndefined();
  });

  it('imports nothing else: no other package, and no Node built-in', () => {
    const imported = sources(path.join(core, 'src')).flatMap((file) => [...readFileSync(file, 'utf8').matchAll(/^(?:import|export)[^'"]*from\s+'([^']+)'|^import\s+'([^']+)'/gm)].map((m) => m[1] ?? m[2]!));
    expect([...new Set(imported.filter((spec) => !spec.startsWith('.')))].sort()).toEqual(['reflect-metadata', 'tsyringe']);
  });
});

describe('library messages', () => {
  it('name no command-line flag (front ends add their own wording)', () => {
    const offending = LIBRARIES.flatMap((name) =>
      sources(path.join(repoRoot, 'packages', name, 'src')).flatMap((file) =>
        readFileSync(file, 'utf8')
          .split('\n')
          .map((line, i) => ({ line, where: `${path.relative(repoRoot, file)}:${i + 1}` }))
          // Errors and warnings (comments may explain what a flag maps to): a string holding --word.
          .filter(({ line }) => /Error\(|\.warn\(/.test(line) && /(['"`])(?:[^'"`]*\s)?--[a-z][\w-]*[^'"`]*\1/.test(line)),
      ),
    );
    expect(offending.map((o) => `${o.where}: ${o.line.trim()}`)).toEqual([]);
  });
});
