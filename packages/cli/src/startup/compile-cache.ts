import { closeSync, fstatSync, mkdirSync, openSync, readdirSync, readFileSync, renameSync, statSync, unlinkSync, writeFileSync } from 'node:fs';
import { isAscii } from 'node:buffer';
import { createRequire, Module } from 'node:module';
import os from 'node:os';
import path from 'node:path';
import vm from 'node:vm';

/**
 * V8's code cache for hwcost's own CommonJS files, so that a run does not compile about 1.7 MB of
 * JavaScript before it starts. Node 20 keeps no code cache for modules (`module.enableCompileCache`
 * came with Node 22.1), and compiling was the largest part of a run's startup: measured on the
 * bundled example, `hwcost estimate` took 2.5-3x `node -e 0` without the cache.
 *
 * The cache is kept per file and per command: V8 caches the functions a run compiled, and an
 * `estimate` uses other functions than a `plan`.
 */

/** The environment variable naming the cache's directory; `0`, `false` or `off` keeps no cache. */
export const COMPILE_CACHE_ENV = 'HWCOST_COMPILE_CACHE';

/** Where the cache is kept: `HWCOST_COMPILE_CACHE`, else the user's cache directory; undefined when off. */
export function compileCacheDir(env: NodeJS.ProcessEnv = process.env): string | undefined {
  const chosen = env[COMPILE_CACHE_ENV];
  if (chosen !== undefined && chosen !== '') return /^(0|false|off)$/i.test(chosen) ? undefined : path.resolve(chosen);
  const base = env.XDG_CACHE_HOME || path.join(os.homedir(), '.cache');
  return path.join(base, 'hwcost', 'compile-cache');
}

/** 32-bit FNV-1a of a path, in hex: a short file name for it (crypto would cost more to load than it saves). */
function pathHash(text: string): string {
  let hash = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) hash = Math.imul(hash ^ text.charCodeAt(i), 0x01000193);
  return (hash >>> 0).toString(16).padStart(8, '0');
}

export interface CachedRequireOptions {
  /** The cache's directory; undefined compiles without one. */
  dir: string | undefined;
  /** The command the cache is for (a file name part: letters, digits and dashes). */
  profile: string;
  /** Runs the cache's writing when the run is over. Default: when the process exits. */
  atExit?: (write: () => void) => void;
}

/**
 * Runs a CommonJS file as `require` would and registers it in `require.cache`, so later `require`s
 * and `import`s of it get this one copy. Its code comes from the cache when one was kept for this
 * exact file (path, size, modification time) under this Node; V8 checks the rest (its version and
 * flags) and rejects a cache that does not fit. Otherwise the file is compiled, and when the
 * process exits the code compiled during the run is kept for the next one. A cache that cannot be
 * read or written is no error: the run compiles as Node would.
 */
export function requireCached(file: string, options: CachedRequireOptions): unknown {
  // Size, time and content from one open file, so that a rebuild meanwhile cannot mix them.
  const fd = openSync(file, 'r');
  let bytes: Buffer;
  let size: number;
  let mtimeMs: number;
  try {
    ({ size, mtimeMs } = fstatSync(fd));
    bytes = readFileSync(fd);
  } finally {
    closeSync(fd);
  }
  // An ASCII file (as hwcost's bundles are) needs no UTF-8 decoding: a third of the time to read it.
  const source = bytes.toString(isAscii(bytes) ? 'latin1' : 'utf8');
  const prefix = `${path.basename(file)}-${pathHash(file)}-${options.profile}`;
  const name = `${prefix}-${size}-${Math.trunc(mtimeMs)}-${process.version}-${process.arch}.bin`;
  const cacheFile = options.dir === undefined ? undefined : path.join(options.dir, name);
  let cachedData: Buffer | undefined;
  if (cacheFile !== undefined) {
    try {
      cachedData = readFileSync(cacheFile);
    } catch {
      // no cache yet
    }
  }
  const script = new vm.Script(Module.wrap(source), { filename: file, ...(cachedData === undefined ? {} : { cachedData }) });
  if (cacheFile !== undefined && (cachedData === undefined || script.cachedDataRejected === true)) {
    const write = () => keep(options.dir!, prefix, cacheFile, script);
    if (options.atExit) options.atExit(write);
    else process.once('exit', write);
  }
  const compiled = script.runInThisContext() as (...args: unknown[]) => void;
  const cached = new Module(file);
  cached.filename = file;
  const require = createRequire(file);
  require.cache[file] = cached;
  try {
    compiled.call(cached.exports, cached.exports, require, cached, file, path.dirname(file));
  } catch (error) {
    // As Node's own loader does: a module that failed is not left half-made for the next require.
    delete require.cache[file];
    throw error;
  }
  cached.loaded = true;
  return cached.exports;
}

/**
 * Caches kept at most: an installation writes two per command (the command line and core), and
 * each copy of hwcost (another clone, another project) writes its own; about 10 MB in all.
 */
const MAX_CACHES = 24;

/** Writes the code V8 has compiled for `script` (whole, or not at all), and drops the file's older caches and the oldest beyond {@link MAX_CACHES}. */
function keep(dir: string, prefix: string, cacheFile: string, script: vm.Script): void {
  const partial = `${cacheFile}.${process.pid}.tmp`;
  try {
    mkdirSync(dir, { recursive: true, mode: 0o700 });
    writeFileSync(partial, script.createCachedData(), { mode: 0o600 });
    renameSync(partial, cacheFile);
    const others = readdirSync(dir).filter((name) => name.endsWith('.bin') && path.join(dir, name) !== cacheFile);
    for (const other of others.filter((name) => name.startsWith(`${prefix}-`))) unlinkSync(path.join(dir, other));
    const rest = others
      .filter((name) => !name.startsWith(`${prefix}-`))
      .map((name) => ({ name, time: statSync(path.join(dir, name)).mtimeMs }))
      .sort((a, b) => b.time - a.time);
    for (const { name } of rest.slice(MAX_CACHES - 1)) unlinkSync(path.join(dir, name));
  } catch {
    try {
      unlinkSync(partial);
    } catch {
      // nothing was written
    }
  }
}
