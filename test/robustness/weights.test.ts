import { readFileSync, writeFileSync, mkdtempSync, rmSync } from 'node:fs';
import { deflateSync } from 'node:zlib';
import { tmpdir } from 'node:os';
import path from 'node:path';
import h5wasm from 'h5wasm';
import { afterAll, describe, expect, it } from 'vitest';
import { loadWeightsFile, readKerasWeights } from '@hwcost/model';
import { kerasArchive } from '../model/archive-fixtures.js';
import { oneLineError, runHwcost } from '../support/cli.js';

type Group = InstanceType<typeof h5wasm.Group>;

const models = '../shared/conformance/models';
const dir = mkdtempSync(path.join(tmpdir(), 'hwcost-weights-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

let next = 0;
/** An HDF5 file built by `build` on a fresh file, as bytes. */
async function h5(build: (file: InstanceType<typeof h5wasm.File>) => void): Promise<Uint8Array> {
  const { FS } = await h5wasm.ready;
  const name = `/robust-${process.pid}-${next++}.h5`;
  const file = new h5wasm.File(name, 'w');
  build(file);
  file.close();
  const bytes = FS.readFile(name);
  FS.unlink(name);
  return bytes;
}

function kernel(group: Group, shape: number[]): void {
  const size = shape.reduce((a, b) => a * b, 1);
  group.create_group('vars').create_dataset({ name: '0', data: new Float32Array(size).fill(0.5), shape, dtype: '<f' });
}

/** Keras 3 layout with `depth` models nested in one another, a Dense layer `fc` with a kernel in the innermost. */
function nested(depth: number): (file: InstanceType<typeof h5wasm.File>) => void {
  return (file) => {
    let layers = file.create_group('layers');
    for (let i = 0; i < depth - 1; i++) layers = layers.create_group(`model_${i}`).create_group('layers');
    kernel(layers.create_group('fc'), [2, 3]);
  };
}

describe('HDF5 weights under hostile input', () => {
  it('reports a damaged HDF5 file in one line, without the library printing its error stack', () => {
    // One flipped byte in an object header: the HDF5 library used to print 90 lines of HDF5-DIAG.
    const bytes = readFileSync(`${models}/KERAS_3layer_weights.h5`);
    bytes[1986]! ^= 0xff;
    const damaged = path.join(dir, 'damaged.h5');
    writeFileSync(damaged, bytes);
    const result = runHwcost(['plan', `${models}/KERAS_3layer.json`, '--weights', damaged, '--objective', 'parameter', '--sparsity', '0.5']);
    expect(result.status).toBe(2);
    expect(result.stderr).not.toContain('HDF5-DIAG');
    expect(oneLineError(result)).toBe(`hwcost: ${damaged}: cannot read Keras weights from this HDF5 file (can't get info for object: '/fc1_relu': message not aligned)`);
  });

  it('walks nested Keras 3 models within a bounded depth, quickly', async () => {
    expect((await readKerasWeights(await h5(nested(8)), 'ok.h5')).get('fc')!.shape).toEqual([2, 3]);
    await expect(readKerasWeights(await h5(nested(9)), 'deep.h5')).rejects.toThrow(
      'deep.h5: layers nested more than 8 levels deep (layers/.../layers); refusing to walk further',
    );
    // Two hard links back to the top make every level twice as wide and the nesting endless in a
    // file of a few kilobytes; unbounded, the walk never ends.
    const endless = await h5((file) => {
      const layers = file.create_group('layers');
      for (const name of ['a', 'b']) layers.create_group(name).create_hard_link('/layers', 'layers');
    });
    const started = performance.now();
    await expect(readKerasWeights(endless, 'endless.h5')).rejects.toThrow('endless.h5: layers nested more than 8 levels deep');
    expect(performance.now() - started).toBeLessThan(5000);
  });

  it('bounds the number of layer groups it walks', async () => {
    const wide = await h5((file) => {
      const layers = file.create_group('layers');
      for (let i = 0; i <= 10_000; i++) layers.create_group(`l${i}`);
    });
    await expect(readKerasWeights(wide, 'wide.h5')).rejects.toThrow('wide.h5: more than 10000 layer groups; refusing to walk further');
  });

  it('refuses an unwritten dataset before decoding it', async () => {
    // 8000 x 8000 float32 never written: a few kilobytes on disk, 256 MB of fill values if decoded.
    const unwritten = await h5((file) => {
      const vars = file.create_group('layers').create_group('fc1').create_group('vars');
      const data = vars.create_dataset({ name: '0', data: new Float32Array(4), shape: [2, 2], dtype: '<f', maxshape: [null, null], chunks: [64, 64] });
      data.resize([8000, 8000]);
    });
    expect(unwritten.length).toBeLessThan(64 * 1024);
    await expect(readKerasWeights(unwritten, 'unwritten.h5')).rejects.toThrow(
      'unwritten.h5: layer fc1: a kernel of shape [8000, 8000] needs 256000000 bytes, more than the file can hold (an unwritten or damaged dataset)',
    );
  });

  it('with the model given, decodes only its layers, each after checking its shape', async () => {
    const bytes = await h5((file) => {
      const layers = file.create_group('layers');
      kernel(layers.create_group('fc1'), [16, 100]);
      kernel(layers.create_group('other'), [4, 4]);
    });
    const read = await readKerasWeights(bytes, 'w.h5', new Map([['fc1', [16, 100]]]));
    expect([...read.keys()]).toEqual(['fc1']);
    await expect(readKerasWeights(bytes, 'w.h5', new Map([['fc1', [16, 64]]]))).rejects.toThrow('w.h5: layer fc1: weights have shape [16, 100], the model says [16, 64]');
  });

  it('refuses weights from another model in plan, before planning', () => {
    const result = runHwcost([
      'plan', `${models}/KERAS_3layer.json`, '--weights', `${models}/KERAS_dense_16x100x100x100x100x100x5_weights.h5`, '--objective', 'parameter', '--sparsity', '0.5',
    ]);
    expect(result.status).toBe(2);
    expect(oneLineError(result)).toMatch(/: layer fc1_relu: weights have shape \[16, 100\], the model says \[16, 64\]$/);
  });

  it('reads chunked, deflated kernels (h5py with compression="gzip"), in the library and in the built CLI', async () => {
    // The CLI's bundle has no pako: deflate goes through node:zlib (io/hdf5), which this checks.
    const original = `${models}/KERAS_3layer_weights.h5`;
    const kernels = await readKerasWeights(readFileSync(original), original);
    const compressed = await h5((file) => {
      const layers = file.create_group('layers');
      for (const [layer, { shape, data }] of kernels) {
        layers.create_group(layer).create_group('vars').create_dataset({ name: '0', data: Float32Array.from(data), shape, dtype: '<f', chunks: [Math.min(4, shape[0]!), shape[1]!], compression: 'gzip' });
      }
    });
    const read = await readKerasWeights(compressed, 'gzip.h5');
    for (const [layer, { shape, data }] of kernels) {
      expect(read.get(layer)!.shape).toEqual(shape);
      expect(read.get(layer)!.data).toEqual(data);
    }
    const file = path.join(dir, 'gzip.weights.h5');
    writeFileSync(file, compressed);
    const plan = (weights: string) => runHwcost(['plan', `${models}/KERAS_3layer.json`, '--weights', weights, '--objective', 'parameter', '--sparsity', '0.5', '--format', 'json']);
    const [fromGzip, fromPlain] = [plan(file), plan(original)];
    expect(fromGzip.stderr).toBe('');
    expect(fromGzip.status).toBe(0);
    // The same plan, but for the file named and the solver's time.
    const report = (stdout: string) => ({ ...JSON.parse(stdout), solver: { ...JSON.parse(stdout).solver, ms: 0 } });
    expect(report(fromGzip.stdout)).toEqual(report(fromPlain.stdout.replaceAll(JSON.stringify(original).slice(1, -1), JSON.stringify(file).slice(1, -1))));
  });

  it('stops a deflated chunk that inflates past its chunk size (a deflate bomb), in one line', async () => {
    const random = Float32Array.from({ length: 256 * 256 }, (_v, i) => Math.sin(i * 12.9898) * 43758.5453);
    const bytes = await h5((file) => {
      file.create_group('layers').create_group('fc1').create_group('vars').create_dataset({ name: '0', data: random, shape: [256, 256], dtype: '<f', chunks: [256, 256], compression: 'gzip' });
    });
    // The chunk's deflate stream (the zlib header, 0x78 and check bits, with room for the whole
    // chunk after it), replaced in place by a stream of 192 MB of zeros that is no longer.
    const start = bytes.findIndex((b, i) => b === 0x78 && (b * 256 + bytes[i + 1]!) % 31 === 0 && i > 0 && bytes.length - i > 200_000);
    const bomb = deflateSync(new Uint8Array(192 * 1024 * 1024), { level: 9 });
    expect(start).toBeGreaterThan(0);
    expect(bomb.length).toBeLessThan(bytes.length - start);
    bytes.set(bomb, start);
    const started = performance.now();
    await expect(readKerasWeights(bytes, 'bomb.h5')).rejects.toThrow(
      "bomb.h5: cannot read Keras weights from this HDF5 file (a deflated chunk of '/layers/fc1/vars/0' inflates past the size of a chunk, so it is damaged or built to exhaust memory)",
    );
    expect(performance.now() - started).toBeLessThan(5000);
  });

  it('refuses a .keras whose weights member inflates far past its compressed size (a zip bomb)', async () => {
    const archive = path.join(dir, 'bomb.keras');
    writeFileSync(archive, kerasArchive({ 'config.json': '{}', 'model.weights.h5': new Uint8Array(70 * 1024 * 1024) }));
    await expect(loadWeightsFile(archive)).rejects.toThrow(`${archive}: model.weights.h5 inflates to more than 64 MiB; refusing it (a zip bomb?)`);
  });
});
