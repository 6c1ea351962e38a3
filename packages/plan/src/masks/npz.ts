import { zipSync } from 'fflate';

/** One array for an `.npz`: its shape and values in C order, written as float32. */
export interface NpyArray {
  shape: readonly number[];
  data: Float32Array | Uint8Array;
}

/** Encodes an array in numpy's `.npy` format version 1.0 as little-endian float32. */
export function encodeNpy(array: NpyArray): Uint8Array {
  const shape = array.shape.length === 1 ? `(${array.shape[0]},)` : `(${array.shape.join(', ')})`;
  let header = `{'descr': '<f4', 'fortran_order': False, 'shape': ${shape}, }`;
  // The magic, version and length fields take 10 bytes; numpy pads the header so data is 64-byte aligned.
  const padded = Math.ceil((10 + header.length + 1) / 64) * 64;
  header = header.padEnd(padded - 10 - 1, ' ') + '\n';
  const start = 10 + header.length;
  const out = new Uint8Array(start + array.data.length * 4);
  out.set([0x93, 0x4e, 0x55, 0x4d, 0x50, 0x59, 1, 0], 0);
  new DataView(out.buffer).setUint16(8, header.length, true);
  out.set(new TextEncoder().encode(header), 10);
  // .npy stores little-endian; every platform Node runs on is little-endian, so float32s copy as is.
  new Float32Array(out.buffer, start, array.data.length).set(array.data);
  return out;
}

/** Builds an uncompressed `.npz` (what `numpy.savez` writes) holding one array per key. */
export function encodeNpz(arrays: ReadonlyMap<string, NpyArray>): Uint8Array {
  const files: Record<string, [Uint8Array, { level: 0 }]> = Object.create(null);
  for (const [key, array] of arrays) files[`${key}.npy`] = [encodeNpy(array), { level: 0 }];
  return zipSync(files);
}
