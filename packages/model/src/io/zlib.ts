import { createRequire } from 'node:module';

let loaded: typeof import('node:zlib') | undefined;

/**
 * Node's zlib, loaded on first use: most runs inflate nothing (JSON models, uncompressed weights),
 * and loading it costs about 1.6 ms of a 130 ms run.
 */
export function zlib(): typeof import('node:zlib') {
  return (loaded ??= createRequire(import.meta.url)('node:zlib') as typeof import('node:zlib'));
}
