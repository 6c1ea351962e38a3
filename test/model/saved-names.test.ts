import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import h5wasm from 'h5wasm';
import { afterAll, describe, expect, it } from 'vitest';
import { loadWeightsFile } from '@hwcost/model';
import { kerasSnakeCase, savedLayerNames } from '../../packages/model/src/weights/saved-names.js';
import { kerasArchive } from './archive-fixtures.js';

type H5Group = InstanceType<typeof h5wasm.Group>;

/** A layer group of the saving library: `<group>/vars/0` holding `shape` filled with `fill`. */
function variables(parent: H5Group, group: string, shape: number[], fill: number): void {
  const size = shape.reduce((a, b) => a * b, 1);
  parent.create_group(group).create_group('vars').create_dataset({ name: '0', data: new Float32Array(size).fill(fill), shape, dtype: '<f' });
}

/**
 * `model.weights.h5` as tf.keras 2.14 writes it into a `.keras` archive: groups under
 * `_layer_checkpoint_dependencies`, named after the layer classes and numbered per class, a GRU's
 * kernel under its cell, a nested model's layers under the nested model's group.
 */
async function checkpointDependencies(): Promise<Uint8Array> {
  const { FS } = await h5wasm.ready;
  const name = '/checkpoint-dependencies.weights.h5';
  const file = new h5wasm.File(name, 'w');
  const layers = file.create_group('_layer_checkpoint_dependencies');
  variables(layers, 'conv1d', [3, 9, 16], 1);
  layers.create_group('activation').create_group('vars');
  variables(layers, 'dense', [16, 6], 2);
  variables(layers, 'dense_1', [6, 4], 3);
  const gru = layers.create_group('gru');
  gru.create_group('vars');
  variables(gru, 'cell', [4, 12], 4);
  const inner = layers.create_group('functional').create_group('_layer_checkpoint_dependencies');
  variables(inner, 'dense', [4, 2], 5);
  file.create_group('optimizer').create_group('vars').create_dataset({ name: '1', data: new Float32Array(16 * 6), shape: [16, 6], dtype: '<f' });
  file.close();
  const bytes = FS.readFile(name);
  FS.unlink(name);
  return bytes;
}

const layer = (className: string, name: string, extra: Record<string, unknown> = {}) => ({ class_name: className, config: { name, ...extra } });
const config = {
  class_name: 'Sequential',
  config: {
    name: 'sequential',
    layers: [
      layer('InputLayer', 'input_5'),
      layer('Conv1D', 'conv1'),
      layer('Activation', 'activation_4'),
      layer('Dense', 'dense_4'),
      layer('Dense', 'fc_out'),
      layer('GRU', 'encoder'),
      layer('Functional', 'head', { layers: [layer('InputLayer', 'head_in'), layer('Dense', 'head_dense')] }),
    ],
  },
};

describe('weights of Keras saving library files (.keras of tf.keras 2.13–2.15, Keras 3)', () => {
  const dir = mkdtempSync(path.join(tmpdir(), 'hwcost-saved-names-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('names groups as Keras does: snake-cased class names, numbered per class in layer order', () => {
    expect(['Conv1D', 'QConv2DBatchnorm', 'GlobalMaxPooling1D', 'QDense', 'InputLayer', 'GRU'].map(kerasSnakeCase)).toEqual([
      'conv1d',
      'q_conv2d_batchnorm',
      'global_max_pooling1d',
      'q_dense',
      'input_layer',
      'gru',
    ]);
    expect([...savedLayerNames(config)]).toEqual([
      ['input_layer', 'input_5'],
      ['conv1d', 'conv1'],
      ['activation', 'activation_4'],
      ['dense', 'dense_4'],
      ['dense_1', 'fc_out'],
      ['gru', 'encoder'],
      ['functional', 'head'],
      ['functional/input_layer', 'head_in'],
      ['functional/dense', 'head_dense'],
    ]);
  });

  it('reads _layer_checkpoint_dependencies of a .keras archive under the layer names of its config.json', async () => {
    const archive = path.join(dir, 'model.keras');
    writeFileSync(archive, kerasArchive({ 'metadata.json': '{"keras_version": "2.14.0"}', 'config.json': JSON.stringify(config), 'model.weights.h5': await checkpointDependencies() }));
    const weights = await loadWeightsFile(archive);
    const read = Object.fromEntries([...weights].map(([name, w]) => [name, { shape: w.shape, first: w.data[0] }]));
    expect(read).toEqual({
      conv1: { shape: [3, 9, 16], first: 1 },
      dense_4: { shape: [16, 6], first: 2 },
      fc_out: { shape: [6, 4], first: 3 },
      encoder: { shape: [4, 12], first: 4 },
      head_dense: { shape: [4, 2], first: 5 },
    });
  });

  it('checks the kernels the model expects under their layer names', async () => {
    const archive = path.join(dir, 'expected.keras');
    writeFileSync(archive, kerasArchive({ 'config.json': JSON.stringify(config), 'model.weights.h5': await checkpointDependencies() }));
    const only = await loadWeightsFile(archive, new Map([['fc_out', [6, 4]]]));
    expect([...only.keys()]).toEqual(['fc_out']);
    await expect(loadWeightsFile(archive, new Map([['dense_4', [6, 16]]]))).rejects.toThrow(
      `${archive}: model.weights.h5: layer dense_4: weights have shape [16, 6], the model says [6, 16]`,
    );
  });
});
