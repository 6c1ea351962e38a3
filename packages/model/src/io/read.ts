import { closeSync, constants, fstatSync, openSync, read, readSync, type Stats } from 'node:fs';
import { promisify } from 'node:util';
import { HwcostError, errorMessage } from '@hwcost/core';

const REASONS: Record<string, string> = {
  ENOENT: 'no such file',
  EACCES: 'permission denied',
  EPERM: 'permission denied',
  EISDIR: 'it is a directory',
  ELOOP: 'too many symbolic links',
  ENOTDIR: 'a part of the path is not a directory',
};

/** The first buffer when `stat` reports no size (as files under /proc do). */
const INITIAL_CAPACITY = 64 * 1024;

function unreadable(file: string, what: string, error: unknown): HwcostError {
  const code = (error as NodeJS.ErrnoException).code;
  return new HwcostError(`cannot read ${what} ${file}: ${(code && REASONS[code]) || errorMessage(error)}`);
}

function kindOf(info: Stats): string {
  if (info.isDirectory()) return 'it is a directory';
  if (info.isFIFO()) return 'it is a pipe (FIFO)';
  if (info.isCharacterDevice() || info.isBlockDevice()) return 'it is a device';
  if (info.isSocket()) return 'it is a socket';
  return 'it is not a regular file';
}

/**
 * Reads a whole regular file of at most `maxBytes`; `what` names it in errors ("model", "config", …).
 * Pipes and devices are refused without blocking (the file is opened non-blocking and checked before
 * any read), and the limit is enforced on the bytes actually read, never on what `stat` says: files
 * under /proc report size 0, and a file may grow while it is read.
 */
export async function readFileBytes(file: string, what: string, maxBytes: number): Promise<Uint8Array> {
  let fd: number;
  try {
    // O_NONBLOCK keeps open() from waiting for a writer on a FIFO; it has no effect on regular files.
    fd = openSync(file, constants.O_RDONLY | (constants.O_NONBLOCK ?? 0));
  } catch (error) {
    throw unreadable(file, what, error);
  }
  try {
    const info = fstatSync(fd);
    if (!info.isFile()) throw new HwcostError(`cannot read ${what} ${file}: ${kindOf(info)}, not a regular file`);
    return await readAtMost(fd, info.size, file, what, maxBytes);
  } catch (error) {
    throw error instanceof HwcostError ? error : unreadable(file, what, error);
  } finally {
    closeSync(fd);
  }
}

/**
 * Files up to this size are read synchronously: for a config or a model of a few kilobytes, round
 * trips to Node's thread pool cost more than the reading (2-3 ms of a short run). Larger files are
 * read asynchronously, so that a long read does not hold up the event loop.
 */
const SYNC_READ_BYTES = 1024 * 1024;

const readAsync = promisify(read);

/**
 * Reads until the end of the file or one byte past `maxBytes`. The buffer starts at the size `stat`
 * reported, so a regular file is read with one allocation, and grows by doubling when the file turns
 * out larger than it said, never past the limit.
 */
async function readAtMost(fd: number, declaredSize: number, file: string, what: string, maxBytes: number): Promise<Uint8Array> {
  // One byte past the limit tells a file of exactly maxBytes from a larger one.
  const cap = maxBytes + 1;
  const sync = declaredSize <= SYNC_READ_BYTES;
  let buffer = new Uint8Array(Math.min(cap, Math.max(declaredSize + 1, INITIAL_CAPACITY)));
  let length = 0;
  for (;;) {
    if (length === buffer.length) {
      if (length === cap) throw new HwcostError(`${what} ${file} is larger than the ${formatBytes(maxBytes)} hwcost reads`);
      const grown = new Uint8Array(Math.min(cap, buffer.length * 2));
      grown.set(buffer);
      buffer = grown;
    }
    const bytesRead = sync ? readSync(fd, buffer, length, buffer.length - length, null) : (await readAsync(fd, buffer, length, buffer.length - length, null)).bytesRead;
    if (bytesRead === 0) return buffer.subarray(0, length);
    length += bytesRead;
  }
}

/** A byte count for messages, in MiB when large. */
export function formatBytes(bytes: number): string {
  return bytes >= 1024 * 1024 ? `${+(bytes / (1024 * 1024)).toFixed(1)} MiB` : `${bytes} bytes`;
}
