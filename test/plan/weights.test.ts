import { zipSync } from 'fflate';
import h5wasm from 'h5wasm';
import { describe, expect, it } from 'vitest';
import { loadWeightsFile, readKerasWeights } from '@hwcost/model';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';

/** An HDF5 file in Keras 3's `model.weights.h5` layout, written with the same HDF5 library hwcost reads with. */
async function keras3Weights(): Promise<Uint8Array> {
  const { FS } = await h5wasm.ready;
  const file = new h5wasm.File('/keras3.weights.h5', 'w');
  const dense = file.create_group('layers').create_group('fc1').create_group('vars');
  dense.create_dataset({ name: '0', data: Float32Array.from([1, 2, 3, 4, 5, 6]), shape: [2, 3], dtype: '<f' });
  dense.create_dataset({ name: '1', data: new Float32Array(3), shape: [3], dtype: '<f' });
  const nested = file.get('layers') as InstanceType<typeof h5wasm.Group>;
  nested.create_group('inner').create_group('layers').create_group('conv').create_group('vars').create_dataset({
    name: '0',
    data: new Float32Array(8),
    shape: [1, 2, 2, 2],
    dtype: '<f',
  });
  file.close();
  const bytes = FS.readFile('/keras3.weights.h5');
  FS.unlink('/keras3.weights.h5');
  return bytes;
}

describe('Keras weights', () => {
  it('reads Keras 2 save_weights files: the first weight of each layer, in C order', async () => {
    const weights = await loadWeightsFile('../shared/conformance/models/KERAS_3layer_weights.h5');
    expect([...weights.keys()]).toEqual(['fc1_relu', 'fc2_relu', 'fc3_relu', 'output_softmax']);
    expect(weights.get('fc1_relu')!.shape).toEqual([16, 64]);
    expect(weights.get('fc1_relu')!.data).toHaveLength(1024);
    // float32 as Keras stores it: 4 bytes per weight.
    expect(weights.get('fc1_relu')!.data).toBeInstanceOf(Float32Array);
  });

  it('reads Keras 3 layouts, nested models included', async () => {
    const weights = await readKerasWeights(await keras3Weights(), 'model.weights.h5');
    expect(weights.get('fc1')).toEqual({ shape: [2, 3], data: Float32Array.from([1, 2, 3, 4, 5, 6]) });
    expect(weights.get('conv')!.shape).toEqual([1, 2, 2, 2]);
  });

  it('reads model.weights.h5 inside a .keras archive, and names what is missing', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'hwcost-weights-'));
    try {
      const archive = path.join(dir, 'model.keras');
      writeFileSync(archive, zipSync({ 'config.json': new TextEncoder().encode('{}'), 'model.weights.h5': await keras3Weights() }));
      expect((await loadWeightsFile(archive)).get('fc1')!.shape).toEqual([2, 3]);
      const empty = path.join(dir, 'empty.keras');
      writeFileSync(empty, zipSync({ 'config.json': new TextEncoder().encode('{}') }));
      await expect(loadWeightsFile(empty)).rejects.toThrow(`${empty}: the archive holds no model.weights.h5`);
      const junk = path.join(dir, 'junk.h5');
      writeFileSync(junk, 'not hdf5');
      await expect(loadWeightsFile(junk)).rejects.toThrow(`${junk}: not an HDF5 file (no HDF5 signature)`);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
