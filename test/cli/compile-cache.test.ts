import { mkdtempSync, readdirSync, readFileSync, rmSync, statSync, utimesSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { compileCacheDir, COMPILE_CACHE_ENV, requireCached } from '../../packages/cli/src/startup/compile-cache.js';
import { runHwcost } from '../support/cli.js';

// hwcost runs its command line from V8's code cache (Node 20 has no compile cache of its own). The
// cache must never change what a run does: not when it is missing, stale, damaged or unwritable.

const temporary: string[] = [];
function tempDir(): string {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'hwcost-compile-cache-'));
  temporary.push(dir);
  return dir;
}
afterEach(() => {
  for (const dir of temporary.splice(0)) rmSync(dir, { recursive: true, force: true });
});

describe('where the cache is kept', () => {
  it('in HWCOST_COMPILE_CACHE, else under XDG_CACHE_HOME, else ~/.cache; 0, false or off keep none', () => {
    expect(compileCacheDir({ [COMPILE_CACHE_ENV]: '/tmp/somewhere' })).toBe('/tmp/somewhere');
    expect(compileCacheDir({ XDG_CACHE_HOME: '/xdg' })).toBe(path.join('/xdg', 'hwcost', 'compile-cache'));
    expect(compileCacheDir({})).toBe(path.join(os.homedir(), '.cache', 'hwcost', 'compile-cache'));
    for (const off of ['0', 'false', 'OFF']) expect(compileCacheDir({ [COMPILE_CACHE_ENV]: off })).toBeUndefined();
  });
});

describe('requireCached', () => {
  function module(dir: string, body: string): string {
    const file = path.join(dir, 'module.cjs');
    writeFileSync(file, body);
    return file;
  }

  it('runs a CommonJS file once, as require would, and registers it so that require gets the same copy', () => {
    const file = module(tempDir(), 'exports.made = {}; exports.dir = __dirname; exports.path = require("node:path").sep;');
    const exported = requireCached(file, { dir: undefined, profile: 'test' }) as { made: object; dir: string; path: string };
    expect(exported.dir).toBe(path.dirname(file));
    expect(exported.path).toBe(path.sep);
    expect((createRequire(file)(file) as { made: object }).made).toBe(exported.made);
  });

  it('leaves no half-made module behind when the file throws', () => {
    const file = module(tempDir(), 'exports.partial = true; throw new Error("broken on purpose");');
    expect(() => requireCached(file, { dir: undefined, profile: 'test' })).toThrow('broken on purpose');
    expect(createRequire(file).cache[file]).toBeUndefined();
  });

  it('keeps the compiled code at exit, and uses it next time', () => {
    const dir = tempDir();
    const cacheDir = path.join(dir, 'cache');
    const source = 'exports.twice = (n) => 2 * n; exports.twice(1);';
    const writes: (() => void)[] = [];
    const atExit = (write: () => void) => writes.push(write);

    expect((requireCached(module(dir, source), { dir: cacheDir, profile: 'p', atExit }) as { twice(n: number): number }).twice(3)).toBe(6);
    expect(writes).toHaveLength(1);
    writes.pop()!();
    const [kept] = readdirSync(cacheDir);
    expect(kept).toMatch(/^module\.cjs-[0-9a-f]{8}-p-\d+-\d+-v[\d.]+-\w+\.bin$/);

    // Used: nothing to write at exit.
    requireCached(path.join(dir, 'module.cjs'), { dir: cacheDir, profile: 'p', atExit });
    expect(writes).toHaveLength(0);

  });

  it('keys the cache by the file as it is now: a rebuilt file gets a cache of its own and the old one goes', () => {
    const dir = tempDir();
    const cacheDir = path.join(dir, 'cache');
    const writes: (() => void)[] = [];
    const atExit = (write: () => void) => writes.push(write);
    const file = module(dir, 'exports.value = 1;');
    requireCached(file, { dir: cacheDir, profile: 'p', atExit });
    writes.pop()!();
    const before = readdirSync(cacheDir);

    // Same length, other content: V8 alone would take the old cache for it (it checks the length).
    writeFileSync(file, 'exports.value = 2;');
    const { mtime } = statSync(file);
    utimesSync(file, mtime, new Date(mtime.getTime() + 5000));
    expect((requireCached(file, { dir: cacheDir, profile: 'p', atExit }) as { value: number }).value).toBe(2);
    writes.pop()!();
    const after = readdirSync(cacheDir);
    expect(after).toHaveLength(1);
    expect(after).not.toEqual(before);
  });

  it('keeps at most 24 caches, dropping the oldest', () => {
    const dir = tempDir();
    const cacheDir = path.join(dir, 'cache');
    const writes: (() => void)[] = [];
    for (let i = 0; i < 30; i++) {
      const file = path.join(dir, `module-${i}.cjs`);
      writeFileSync(file, `exports.i = ${i};`);
      requireCached(file, { dir: cacheDir, profile: 'p', atExit: (write) => writes.push(write) });
      writes.pop()!();
      const at = new Date(Date.now() - (30 - i) * 60_000);
      for (const name of readdirSync(cacheDir)) if (name.startsWith(`module-${i}.cjs-`)) utimesSync(path.join(cacheDir, name), at, at);
    }
    const kept = readdirSync(cacheDir).map((name) => Number(/^module-(\d+)/.exec(name)![1])).sort((a, b) => a - b);
    expect(kept).toEqual(Array.from({ length: 24 }, (_v, i) => i + 6));
  });

  it('runs without a cache when its directory cannot be made', () => {
    const dir = tempDir();
    const blocker = path.join(dir, 'a-file');
    writeFileSync(blocker, '');
    const writes: (() => void)[] = [];
    const exported = requireCached(module(dir, 'exports.ok = true;'), { dir: path.join(blocker, 'cache'), profile: 'p', atExit: (w) => writes.push(w) });
    expect(exported).toEqual({ ok: true });
    expect(() => writes.pop()!()).not.toThrow();
    expect(readdirSync(dir).sort()).toEqual(['a-file', 'module.cjs']);
  });
});

describe('hwcost with the cache', () => {
  it('prints the same with no cache, a fresh one, a kept one, a damaged one and the cache turned off', () => {
    const cacheDir = path.join(tempDir(), 'cache');
    const run = (env: Record<string, string>) => runHwcost(['estimate', '--objective', 'parameter,hls-dsp', '--format', 'json'], undefined, env);
    const first = run({ [COMPILE_CACHE_ENV]: cacheDir });
    expect(first.status).toBe(0);
    // One cache for the command line, one for @hwcost/core, both for this command.
    expect(readdirSync(cacheDir).map((name) => name.replace(/-[0-9a-f]{8}-.*/, '')).sort()).toEqual(['cli.cjs', 'index.cjs']);
    expect(readdirSync(cacheDir).every((name) => name.includes('-estimate-'))).toBe(true);
    const second = run({ [COMPILE_CACHE_ENV]: cacheDir });
    const off = run({ [COMPILE_CACHE_ENV]: '0' });
    // Damaged caches: V8 rejects them, the run compiles as without, and sound caches replace them.
    for (const name of readdirSync(cacheDir)) writeFileSync(path.join(cacheDir, name), 'not a code cache');
    const damaged = run({ [COMPILE_CACHE_ENV]: cacheDir });
    expect(readdirSync(cacheDir).filter((name) => readFileSync(path.join(cacheDir, name), 'utf8') === 'not a code cache')).toEqual([]);
    for (const result of [second, off, damaged]) {
      expect(result.status).toBe(0);
      expect(result.stdout).toBe(first.stdout);
      expect(result.stderr).toBe(first.stderr);
    }
  });

  it('with --debug, runs without the cache and names the TypeScript sources in stack traces', () => {
    const cacheDir = path.join(tempDir(), 'cache');
    const result = runHwcost(['--debug', 'estimate', path.join(cacheDir, 'missing.json')], undefined, { [COMPILE_CACHE_ENV]: cacheDir });
    expect(result.status).toBe(2);
    expect(result.stderr).toMatch(/cannot read model .*missing\.json/);
    expect(result.stderr).toContain(path.join('packages', 'model', 'src', 'io', 'read.ts'));
    expect(() => readdirSync(cacheDir)).toThrow();
  });
});
