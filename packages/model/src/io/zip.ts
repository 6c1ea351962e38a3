import { Unzip, UnzipInflate } from 'fflate';
import { HwcostError, errorMessage } from '@hwcost/core';
import { formatBytes } from './read.js';

/**
 * Archive bytes are fed to the inflater in slices this small so that a zip bomb is caught after at
 * most ~16 MiB of output (deflate expands at most ~1032x), whatever size its headers declare.
 */
const SLICE = 16 * 1024;

/** True when the bytes start like a zip archive (a local file header). */
export function isZip(bytes: Uint8Array): boolean {
  return bytes[0] === 0x50 && bytes[1] === 0x4b && bytes[2] === 0x03 && bytes[3] === 0x04;
}

/**
 * Reads one member of a zip archive in memory with fflate's streaming unzip, refusing it as soon as
 * its declared or actually inflated size passes `limit`. Returns undefined when there is no such
 * member; `source` names the archive in errors.
 */
export function readZipMember(bytes: Uint8Array, name: string, source: string, limit: number): Uint8Array | undefined {
  const tooLarge = () => new HwcostError(`${source}: ${name} inflates to more than ${formatBytes(limit)}; refusing it (a zip bomb?)`);
  const chunks: Uint8Array[] = [];
  let total = 0;
  let found = false;
  let finished = false;
  let failure: HwcostError | undefined;
  const unzip = new Unzip();
  unzip.register(UnzipInflate);
  unzip.onfile = (file) => {
    if (file.name !== name || found) return;
    found = true;
    if (file.originalSize !== undefined && file.originalSize > limit) {
      failure = tooLarge();
      return;
    }
    file.ondata = (error, chunk, final) => {
      if (error) failure = new HwcostError(`${source}: ${name} is corrupt (${error.message})`);
      else if ((total += chunk.length) > limit) {
        failure = tooLarge();
        file.terminate();
      } else {
        chunks.push(chunk);
        finished = final;
      }
    };
    file.start();
  };
  try {
    for (let at = 0; at < bytes.length && !failure && !finished; at += SLICE) unzip.push(bytes.subarray(at, at + SLICE), at + SLICE >= bytes.length);
  } catch (error) {
    throw new HwcostError(`${source}: not a valid zip archive (${errorMessage(error)})`);
  }
  if (failure) throw failure;
  if (!found) return undefined;
  if (!finished) throw new HwcostError(`${source}: the archive is truncated inside ${name}`);
  const out = new Uint8Array(total);
  let offset = 0;
  for (const chunk of chunks) {
    out.set(chunk, offset);
    offset += chunk.length;
  }
  return out;
}
