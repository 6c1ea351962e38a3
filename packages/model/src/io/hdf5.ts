import type * as H5 from 'h5wasm';
import { HwcostError, errorMessage, isHwcostError } from '@hwcost/core';

/** An open HDF5 file of h5wasm. */
export type Hdf5File = H5.File;

let nextFile = 0;

/** One entry of the HDF5 library's error stack: `#003: <source> line 366 in H5G_open(): cannot open group`. */
const STACK_ENTRY = /^\s*#\d+: .* in \w+\(\): (.*)$/;
/** How much of the library's own description of a damaged file goes into the one-line error. */
const MAX_REASON = 160;

/**
 * The HDF5 library reports a damaged file as an error stack of 20–40 lines, outermost call first.
 * The first entry says what failed, the last why; the one line keeps both.
 */
export function summarizeHdf5Error(message: string): string {
  const reasons = message.split('\n').flatMap((line) => STACK_ENTRY.exec(line)?.[1]?.trim() ?? []);
  if (reasons.length === 0) return message.split('\n')[0]!.trim();
  const [first, last] = [reasons[0]!, reasons.at(-1)!];
  const text = first === last ? first : `${first}: ${last}`;
  return text.length > MAX_REASON ? `${text.slice(0, MAX_REASON - 3)}...` : text;
}

/**
 * Opens HDF5 bytes read-only in HDF5's in-memory file system (nothing goes to disk), runs `read` on
 * the file and closes it. An error that is not already a hwcost error is reported as
 * `<file>: cannot read <what> from this HDF5 file (…)`, in one line: while the file is open, the
 * library's errors are thrown instead of printed to stderr.
 */
export async function withHdf5File<T>(bytes: Uint8Array, file: string, what: string, read: (h5: Hdf5File) => T): Promise<T> {
  // Loaded on first use: compiling the HDF5 WebAssembly takes a quarter second every other command can skip.
  const { default: h5wasm } = await import('h5wasm');
  const module = await h5wasm.ready;
  const path = `/hwcost-${process.pid}-${nextFile++}.h5`;
  module.FS.writeFile(path, bytes);
  let h5: Hdf5File | undefined;
  module.activate_throwing_error_handler();
  try {
    h5 = new h5wasm.File(path, 'r');
    return read(h5);
  } catch (error) {
    if (isHwcostError(error)) throw error;
    throw new HwcostError(`${file}: cannot read ${what} from this HDF5 file (${summarizeHdf5Error(errorMessage(error))})`);
  } finally {
    try {
      h5?.close();
    } catch {
      // A damaged file may fail to close as well; the error that matters was reported above.
    }
    module.deactivate_throwing_error_handler();
    module.FS.unlink(path);
  }
}
