import type * as H5 from 'h5wasm';
import { HwcostError, errorMessage, isHwcostError } from '@hwcost/core';

/** An open HDF5 file of h5wasm. */
export type Hdf5File = H5.File;

let nextFile = 0;

/**
 * Opens HDF5 bytes read-only in HDF5's in-memory file system (nothing goes to disk), runs `read` on
 * the file and closes it. An error that is not already a hwcost error is reported as
 * `<file>: cannot read <what> from this HDF5 file (…)`.
 */
export async function withHdf5File<T>(bytes: Uint8Array, file: string, what: string, read: (h5: Hdf5File) => T): Promise<T> {
  // Loaded on first use: compiling the HDF5 WebAssembly takes a quarter second every other command can skip.
  const { default: h5wasm } = await import('h5wasm');
  const { FS } = await h5wasm.ready;
  const path = `/hwcost-${process.pid}-${nextFile++}.h5`;
  FS.writeFile(path, bytes);
  let h5: Hdf5File | undefined;
  try {
    h5 = new h5wasm.File(path, 'r');
    return read(h5);
  } catch (error) {
    if (isHwcostError(error)) throw error;
    throw new HwcostError(`${file}: cannot read ${what} from this HDF5 file (${errorMessage(error)})`);
  } finally {
    h5?.close();
    FS.unlink(path);
  }
}
