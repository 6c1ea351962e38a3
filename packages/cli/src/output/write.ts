import { randomBytes } from 'node:crypto';
import { rename, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { HwcostError, errorMessage } from '@hwcost/core';

/**
 * Writes a file atomically: the content goes to a temporary file beside it that is renamed over the
 * target, so a failed run never leaves a half-written output.
 */
export async function writeFileAtomic(file: string, content: string | Uint8Array): Promise<void> {
  const target = path.resolve(file);
  const temporary = path.join(path.dirname(target), `.${path.basename(target)}.${randomBytes(6).toString('hex')}.tmp`);
  try {
    await writeFile(temporary, content);
    await rename(temporary, target);
  } catch (error) {
    await rm(temporary, { force: true });
    throw new HwcostError(`cannot write ${file}: ${errorMessage(error)}`);
  }
}

/** Writes to `--output` when given, else to stdout. */
export async function emit(content: string, output: string | undefined): Promise<void> {
  if (output) await writeFileAtomic(output, content);
  else process.stdout.write(content.endsWith('\n') ? content : `${content}\n`);
}
