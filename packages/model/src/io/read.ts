import { readFile, stat } from 'node:fs/promises';
import { HwcostError, errorMessage } from '@hwcost/core';

const REASONS: Record<string, string> = {
  ENOENT: 'no such file',
  EACCES: 'permission denied',
  EPERM: 'permission denied',
};

function unreadable(file: string, what: string, error: unknown): HwcostError {
  const code = (error as NodeJS.ErrnoException).code;
  return new HwcostError(`cannot read ${what} ${file}: ${(code && REASONS[code]) || errorMessage(error)}`);
}

/**
 * Reads a whole file of at most `maxBytes`; `what` names it in errors ("model", "config", …). The
 * size is checked before reading, so an oversized file is never loaded.
 */
export async function readFileBytes(file: string, what: string, maxBytes: number): Promise<Uint8Array> {
  const info = await stat(file).catch((error: unknown) => {
    throw unreadable(file, what, error);
  });
  if (info.isDirectory()) throw new HwcostError(`cannot read ${what} ${file}: it is a directory`);
  if (info.size > maxBytes) throw new HwcostError(`${what} ${file} is ${formatBytes(info.size)}, more than the ${formatBytes(maxBytes)} hwcost reads`);
  const bytes = await readFile(file).catch((error: unknown) => {
    throw unreadable(file, what, error);
  });
  return new Uint8Array(bytes.buffer, bytes.byteOffset, bytes.byteLength);
}

/** A byte count for messages, in MiB when large. */
export function formatBytes(bytes: number): string {
  return bytes >= 1024 * 1024 ? `${+(bytes / (1024 * 1024)).toFixed(1)} MiB` : `${bytes} bytes`;
}
