/**
 * Stands in for pako, which jsfive's sources import for its deflate filter, in the bundle (see
 * tsup.config.ts): io/hdf5 replaces that filter with node:zlib capped at the chunk's size, so pako
 * is never needed. Should the replacement ever be lost, deflated data fails to read (one line)
 * instead of inflating without a limit.
 */
export function inflate(): never {
  throw new Error('deflate is read through node:zlib with a size limit (io/hdf5), not through pako');
}
