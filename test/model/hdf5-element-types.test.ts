import h5wasm from 'h5wasm';
import { describe, expect, it } from 'vitest';
import { readKerasWeights } from '@hwcost/model';

const VALUES = [1, -2.5, 3, 0.1];

/** Keras 3's `layers/fc/vars/0` holding VALUES as a 2×2 dataset of `dtype`, as bytes. */
async function kernelFile(dtype: string, data: ArrayLike<number>): Promise<Uint8Array> {
  const { FS } = await h5wasm.ready;
  const name = `/types-${process.pid}.h5`;
  const file = new h5wasm.File(name, 'w');
  file.create_group('layers').create_group('fc').create_group('vars').create_dataset({ name: '0', data: data as Float32Array, shape: [2, 2], dtype });
  file.close();
  const bytes = FS.readFile(name);
  FS.unlink(name);
  return bytes;
}

/** Index of the only occurrence of `pattern` in `bytes`. */
function onlyIndexOf(bytes: Uint8Array, pattern: Uint8Array): number {
  const at: number[] = [];
  for (let i = 0; i + pattern.length <= bytes.length; i++) if (pattern.every((b, j) => bytes[i + j] === b)) at.push(i);
  expect(at).toHaveLength(1);
  return at[0]!;
}

describe('HDF5 kernels of every numeric type numpy writes, read as float32', () => {
  it('reads float64 and integer kernels, converted as numpy converts them to float32', async () => {
    expect([...(await readKerasWeights(await kernelFile('<d', Float64Array.from(VALUES)), 'f8.h5')).get('fc')!.data]).toEqual([...Float32Array.from(VALUES)]);
    expect([...(await readKerasWeights(await kernelFile('<i2', Int16Array.from([1, -2, 3, -32768])), 'i2.h5')).get('fc')!.data]).toEqual([1, -2, 3, -32768]);
    expect([...(await readKerasWeights(await kernelFile('<i1', Int8Array.from([1, -2, 3, -128])), 'i1.h5')).get('fc')!.data]).toEqual([1, -2, 3, -128]);
  });

  it('reads big-endian kernels (">f4", as numpy writes on request), swapping their bytes', async () => {
    // h5wasm writes no big-endian data: a little-endian file is turned into one, its datatype's
    // byte-order bit set and each value's bytes swapped in place.
    const little = new Uint8Array(Float32Array.from(VALUES).buffer);
    const bytes = await kernelFile('<f', Float32Array.from(VALUES));
    const data = onlyIndexOf(bytes, little);
    // Datatype message of IEEE float32, little-endian: version 1 class 1, bit field 0x20 0x1f 0x00, size 4.
    const datatype = onlyIndexOf(bytes, Uint8Array.from([0x11, 0x20, 0x1f, 0x00, 0x04, 0x00, 0x00, 0x00]));
    bytes[datatype + 1]! |= 1;
    for (let i = 0; i < little.length; i += 4) bytes.set(little.subarray(i, i + 4).reverse(), data + i);
    expect([...(await readKerasWeights(bytes, 'be.h5')).get('fc')!.data]).toEqual([...Float32Array.from(VALUES)]);
  });

  it('reads a kernel of a file read from disk, which Node gives as a Buffer over a larger pool', async () => {
    // A Buffer's slice() is a view, not a copy: the reader once returned the whole file as the kernel.
    const bytes = await kernelFile('<f', Float32Array.from(VALUES));
    const pooled = Buffer.concat([Buffer.alloc(100, 7), Buffer.from(bytes), Buffer.alloc(100, 7)]).subarray(100, 100 + bytes.length);
    const { data } = (await readKerasWeights(pooled, 'pooled.h5')).get('fc')!;
    expect(data).toHaveLength(4);
    expect([...data]).toEqual([...Float32Array.from(VALUES)]);
  });
});
