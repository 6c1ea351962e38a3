import { access, constants, rename, rm, stat, writeFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import path from 'node:path';
import { HwcostError, errorMessage } from '@hwcost/core';
import { removeOnSignal } from './signals.js';

/** A file a command writes, with its content. */
export interface OutputFile {
  file: string;
  content: string | Uint8Array;
}

function cannotWrite(file: string, reason: string): HwcostError {
  return new HwcostError(`cannot write ${file}: ${reason}`);
}

/**
 * Checks, before anything is computed or written, that every output can be written: its folder
 * exists and is writable, the file is not a directory or a device (it is replaced by a rename, which
 * would put a regular file in a device's place), and no two outputs name the same file. Undefined
 * entries (options not given) are skipped.
 */
export async function checkOutputs(files: readonly (string | undefined)[]): Promise<void> {
  const seen = new Map<string, string>();
  for (const file of files) {
    if (file === undefined) continue;
    const target = path.resolve(file);
    const other = seen.get(target);
    if (other !== undefined) throw new HwcostError(`${other} and ${file} are the same file; give each output its own`);
    seen.set(target, file);
    const info = await stat(target).catch(() => undefined);
    if (info?.isDirectory()) throw cannotWrite(file, 'it is a directory');
    if (info && !info.isFile()) throw cannotWrite(file, 'it is not a regular file (hwcost replaces its outputs whole)');
    const folder = path.dirname(target);
    const folderInfo = await stat(folder).catch(() => undefined);
    if (!folderInfo) throw cannotWrite(file, `no such folder ${folder}`);
    if (!folderInfo.isDirectory()) throw cannotWrite(file, `${folder} is not a folder`);
    await access(folder, constants.W_OK).catch(() => {
      throw cannotWrite(file, `the folder ${folder} is not writable`);
    });
  }
}

/**
 * Writes files atomically and together: every content first goes to a temporary file beside its
 * target, and only when all are written are they renamed over the targets. A failed run, or one
 * interrupted by SIGINT or SIGTERM, never leaves a half-written output or a temporary file behind.
 */
export async function writeFilesAtomic(outputs: readonly OutputFile[]): Promise<void> {
  const pending = outputs.map(({ file, content }) => {
    const target = path.resolve(file);
    // crypto is loaded only by runs that write a file: loading it costs 3.5 ms.
    const { randomBytes } = createRequire(import.meta.url)('node:crypto') as typeof import('node:crypto');
    return { file, content, target, temporary: path.join(path.dirname(target), `.${path.basename(target)}.${randomBytes(6).toString('hex')}.tmp`) };
  });
  const release = removeOnSignal(pending.map((p) => p.temporary));
  let current = pending[0]?.file;
  try {
    for (const p of pending) {
      current = p.file;
      await writeFile(p.temporary, p.content);
    }
    // A signal that came while writing is acted on in a later turn of the event loop; give it that
    // turn before anything is renamed, so an interrupted run leaves nothing and exits as interrupted.
    await new Promise((resolve) => setImmediate(resolve));
    for (const p of pending) {
      current = p.file;
      await rename(p.temporary, p.target);
    }
  } catch (error) {
    await Promise.all(pending.map((p) => rm(p.temporary, { force: true })));
    throw cannotWrite(current ?? '', errorMessage(error));
  } finally {
    release();
  }
}

/** Writes one file atomically (see {@link writeFilesAtomic}). */
export function writeFileAtomic(file: string, content: string | Uint8Array): Promise<void> {
  return writeFilesAtomic([{ file, content }]);
}

/** Writes the report to `--output` when given (with the other outputs, atomically), else to stdout. */
export async function emit(content: string, output: string | undefined, others: readonly OutputFile[] = []): Promise<void> {
  await writeFilesAtomic(output ? [...others, { file: output, content }] : others);
  if (!output) process.stdout.write(content.endsWith('\n') ? content : `${content}\n`);
}
