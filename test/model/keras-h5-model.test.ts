import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { importKerasH5Model, loadModelFile, loadWeightsFile } from '@hwcost/model';
import { layer, sequential } from './fixtures.js';
import { kerasH5 } from './h5-fixtures.js';

const dir = mkdtempSync(path.join(tmpdir(), 'hwcost-h5-model-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const mlp = sequential([layer('Dense', 'fc1', { units: 8, batch_input_shape: [null, 4] }), layer('Dense', 'out', { units: 2 })], 'mlp');
const kernels = { fc1: { shape: [4, 8] }, out: { shape: [8, 2] } };

describe('whole-model Keras HDF5 files', () => {
  it('reads the architecture from model_config and the weights from model_weights of one file', async () => {
    const file = path.join(dir, 'model.h5');
    writeFileSync(file, await kerasH5(mlp, kernels));
    const model = await loadModelFile(file);
    expect(model).toMatchObject({ name: 'mlp', source: file, holdsWeights: true });
    expect(model.layers.map((l) => [l.attributes.name, l.attributes.weightShape])).toEqual([
      ['fc1_input', []],
      ['fc1', [4, 8]],
      ['out', [8, 2]],
    ]);
    const weights = await loadWeightsFile(file);
    expect([...weights.keys()]).toEqual(['fc1', 'out']);
    expect(weights.get('out')!.shape).toEqual([8, 2]);
  });

  it('reads an HDF5 file saved under a .keras name the same way', async () => {
    const file = path.join(dir, 'old-tf.keras');
    writeFileSync(file, await kerasH5(mlp, kernels));
    expect((await loadModelFile(file)).layers.map((l) => l.attributes.name)).toEqual(['fc1_input', 'fc1', 'out']);
  });

  it('refuses a weights-only file with a hint, in one line', async () => {
    const bytes = await kerasH5(undefined, kernels);
    await expect(importKerasH5Model(bytes, 'w.h5', 1 << 20)).rejects.toThrow(
      'w.h5 holds Keras weights but no architecture (no model_config); give the model JSON (model.to_json()) or a file written by model.save(), and this file as the weights',
    );
  });

  it('names the attribute when its JSON is malformed, and refuses an oversized one', async () => {
    const bytes = await kerasH5({ class_name: 'Sequential', config: { layers: 'oops' } }, {});
    await expect(importKerasH5Model(bytes, 'bad.h5', 1 << 20)).rejects.toThrow('bad.h5: config.layers must be a list, got "oops"');
    await expect(importKerasH5Model(await kerasH5(mlp, kernels), 'big.h5', 10)).rejects.toThrow('big.h5: the model_config attribute is larger than 10 characters');
  });
});
