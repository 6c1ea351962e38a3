import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { describe, expect, it } from 'vitest';
import { repoRoot } from '../support/cli.js';

// @hwcost/core is built once, as CommonJS, with an ES module in front of it: hwcost's command line
// requires it (to run it from V8's code cache) and plugins import it, and both must get one copy.

const dist = path.join(repoRoot, 'packages/core/dist');

describe("@hwcost/core's build", () => {
  it('gives import and require the same copy, with every export of the CommonJS build', () => {
    const script = `
      import { createRequire } from 'node:module';
      const imported = await import(${JSON.stringify(pathToFileURL(path.join(dist, 'index.js')).href)});
      const required = createRequire(import.meta.url)(${JSON.stringify(path.join(dist, 'index.cjs'))});
      const names = Object.keys(required).filter((name) => name !== '__esModule');
      const same = names.filter((name) => imported[name] === required[name]);
      console.log(JSON.stringify({ names: names.length, same: same.length, extra: Object.keys(imported).filter((name) => !(name in required)) }));
    `;
    const { NODE_OPTIONS: _ignored, ...env } = process.env;
    const child = spawnSync(process.execPath, ['--input-type=module', '-e', script], { encoding: 'utf8', env });
    expect(child.stderr).toBe('');
    const { names, same, extra } = JSON.parse(child.stdout) as { names: number; same: number; extra: string[] };
    expect(names).toBeGreaterThan(40);
    expect(same).toBe(names);
    expect(extra).toEqual([]);
  });

});
