import { describe, expect, it } from 'vitest';
import { Diagnostics, formatPrecision } from '@hwcost/core';
import { applyHls4mlConfig, importKerasH5Model, importKerasJson, type ImportedModel } from '@hwcost/model';
import { functional, functional3, layer, node, node3, sequential } from './fixtures.js';
import { kerasH5 } from './h5-fixtures.js';

function load(model: unknown): ImportedModel {
  return importKerasJson(JSON.stringify(model), 'model.json');
}

function summary(model: ImportedModel) {
  return Object.fromEntries(model.layers.map(({ attributes: a, supported, reason }) => [a.name, { in: a.inputShape, out: a.outputShape, w: a.weightShape, supported, reason }]));
}

describe('models as real projects write them', () => {
  it('inlines a nested functional model, feeding its layers from the outer ones', () => {
    const encoder = functional(
      [node('InputLayer', 'enc_in', { batch_input_shape: [null, 16] }, []), node('Dense', 'enc_fc', { units: 8 }, ['enc_in']), node('Dense', 'dense', { units: 4 }, ['enc_fc'])],
      'encoder',
    );
    const model = load(
      functional([
        node('InputLayer', 'x', { batch_input_shape: [null, 16] }, []),
        { ...encoder, name: 'encoder', inbound_nodes: [[['x', 0, 0, {}]]] },
        node('Dense', 'dense', { units: 2 }, ['encoder']),
      ]),
    );
    expect(model.layers.map((l) => [l.attributes.name, l.attributes.inboundLayers])).toEqual([
      ['x', []],
      ['enc_fc', ['x']],
      ['encoder/dense', ['enc_fc']],
      ['dense', ['encoder/dense']],
    ]);
    expect(summary(model)).toMatchObject({ enc_fc: { w: [16, 8] }, 'encoder/dense': { w: [8, 4] }, dense: { in: [4], w: [4, 2], supported: true } });
  });

  it('inlines a Sequential model nested in a Sequential model', () => {
    const inner = sequential([layer('Dense', 'a', { units: 8, batch_input_shape: [null, 4] }), layer('Dense', 'b', { units: 6 })], 'block');
    const model = load(sequential([layer('InputLayer', 'in', { batch_input_shape: [null, 4] }), inner, layer('Dense', 'c', { units: 2 })]));
    expect(summary(model)).toMatchObject({ a: { in: [4], w: [4, 8] }, b: { w: [8, 6] }, c: { in: [6], w: [6, 2], supported: true } });
    expect(model.layers.map((l) => l.attributes.name)).toEqual(['in', 'a', 'b', 'c']);
  });

  it('reads HGQ proxy models: FixedPointQuantizer passes shapes through, registered names resolve', () => {
    const quantizer = (name: string, from: string) => ({
      ...node('FixedPointQuantizer', name, { RND: 'TRN', SAT: 'WRAP', fusible: false }, [from]),
      module: 'hls4ml.utils.fixed_point_quantizer',
      registered_name: 'FixedPointQuantizer',
    });
    const model = load(
      functional([
        node('InputLayer', 'input_1', { batch_input_shape: [null, 16] }, []),
        quantizer('inp_q', 'input_1'),
        node('Dense', 'dense_1', { units: 64 }, ['inp_q']),
        { ...node('Activation', 'relu', { activation: 'relu' }, ['dense_1']), class_name: 'keras>Activation' },
        quantizer('relu_q', 'relu'),
        node('Dense', 'dense_2', { units: 5 }, ['relu_q']),
      ]),
    );
    expect(model.layers.every((l) => l.supported)).toBe(true);
    expect(summary(model)).toMatchObject({ inp_q: { out: [16] }, relu_q: { out: [64] }, dense_2: { w: [64, 5] } });
  });

  it('reads the example-models GarNet graph (two inputs, collapsed output)', () => {
    const model = load(
      functional([
        node('InputLayer', 'input_1', { batch_input_shape: [null, 128, 4] }, []),
        node('InputLayer', 'input_2', { batch_input_shape: [null, 1], dtype: 'uint16' }, []),
        node('GarNetStack', 'gar_1', { simplified: true, collapse: 'mean', n_propagate: [8, 8, 16], n_aggregators: [4, 4, 8], n_filters: [8, 8, 16], n_sublayers: 3 }, ['input_1', 'input_2']),
        node('Dense', 'dense', { units: 16 }, ['gar_1']),
      ]),
    );
    expect(summary(model)).toMatchObject({ gar_1: { out: [16], w: [4, 8], supported: true }, dense: { in: [16], w: [16, 16] } });
  });

  it('reads Keras 1 configs (output_dim, nb_filter, nb_row/nb_col, border_mode, Merge)', () => {
    const model = load({
      class_name: 'Sequential',
      config: [
        layer('Convolution2D', 'conv', { batch_input_shape: [null, 8, 8, 1], nb_filter: 4, nb_row: 3, nb_col: 3, border_mode: 'same', subsample: [1, 1] }),
        layer('Flatten', 'flat'),
        layer('Dense', 'fc', { output_dim: 10 }),
      ],
    });
    expect(summary(model)).toMatchObject({ conv: { out: [8, 8, 4], w: [3, 3, 1, 4] }, fc: { in: [256], w: [256, 10] } });
    const first = load({ class_name: 'Sequential', config: [layer('Dense', 'fc', { output_dim: 4, input_dim: 16 })] });
    expect(summary(first).fc).toMatchObject({ in: [16], w: [16, 4] });
    const theano = load({ class_name: 'Sequential', config: [layer('Convolution2D', 'c', { batch_input_shape: [null, 1, 8, 8], nb_filter: 4, nb_row: 3, nb_col: 3, dim_ordering: 'th' })] });
    expect(summary(theano).c).toMatchObject({ supported: false, reason: 'data_format "channels_first" is not supported (hwcost infers channels_last shapes)' });
  });

  it('takes shapes from Keras 3 inbound tensors past a class it does not know', () => {
    const lambda = node3('Lambda', 'custom', { function: 'opaque' }, ['x']);
    const dense = node3('Dense', 'fc', { units: 3 }, ['custom']);
    (dense.inbound_nodes as { args: { config: { shape: unknown } }[] }[])[0]!.args[0]!.config.shape = [null, 12];
    const model = load(functional3([node3('InputLayer', 'x', { batch_shape: [null, 6] }, []), lambda, dense]));
    expect(summary(model)).toMatchObject({ custom: { supported: false, reason: 'class Lambda is not known to hwcost' }, fc: { in: [12], w: [12, 3], supported: true } });
  });

  it('reads the input width of a Dense after an unknown layer from its kernel in a whole-model .h5', async () => {
    const json = functional([
      node('InputLayer', 'x', { batch_input_shape: [null, 6] }, []),
      node('Lambda', 'custom', {}, ['x']),
      node('Dense', 'fc', { units: 3 }, ['custom']),
    ]);
    const model = await importKerasH5Model(await kerasH5(json, { fc: { shape: [12, 3] } }), 'm.h5', 1 << 20);
    expect(summary(model).fc).toMatchObject({ in: [12], out: [3], w: [12, 3], supported: true });
  });

  it('costs larq and example-models binary layers as the dense and conv layers they are', () => {
    const model = load(
      sequential([
        layer('InputLayer', 'in', { batch_input_shape: [null, 28, 28, 1] }),
        layer('QuantConv2D', 'qc', { filters: 8, kernel_size: [3, 3], padding: 'valid', kernel_quantizer: 'ste_sign' }),
        layer('Flatten', 'f'),
        layer('BinaryDense', 'bd', { units: 10 }),
        layer('TernaryDense', 'td', { units: 5 }),
      ]),
    );
    expect(summary(model)).toMatchObject({ qc: { w: [3, 3, 1, 8], supported: true }, bd: { w: [5408, 10] }, td: { w: [10, 5] } });
    const quantizers = Object.fromEntries(model.layers.map((l) => [l.attributes.name, l.attributes.args.kernelQuantizer]));
    expect(quantizers).toMatchObject({ qc: { className: 'ste_sign' }, bd: { className: 'quantized_bits', config: { bits: 2, integer: 2 } } });
  });
});

describe('HGQ proxy models', () => {
  it("give each layer the weight precision its FixedPointQuantizer overrides record, as hls4ml's converter applies them", () => {
    const model = load(
      functional([
        node('InputLayer', 'x', { batch_input_shape: [null, 16] }, []),
        node('Dense', 'dense_1', { units: 8 }, ['x']),
        node('FixedPointQuantizer', 'dense_1_quantizer', { overrides: { layers: { dense_1: { weight_t: 'fixed<10,5>', result_t: 'fixed<12,9,TRN,WRAP>' } } }, fusible: true }, ['dense_1']),
      ]),
    );
    const resolved = applyHls4mlConfig(model, undefined, new Diagnostics());
    const dense = resolved.layers.find((l) => l.attributes.name === 'dense_1')!.attributes.args.hls4ml!;
    expect(formatPrecision(dense.weightPrecision)).toBe('ap_fixed<10,5>');
  });
});

describe('other forms Keras models are written in', () => {
  const mlp = sequential([layer('Dense', 'fc1', { units: 8, batch_input_shape: [null, 4] }), layer('Dense', 'out', { units: 2 })], 'mlp');
  const names = (data: unknown) => load(data).layers.map((l) => [l.attributes.name, l.attributes.weightShape]);
  const expected = [
    ['fc1_input', []],
    ['fc1', [4, 8]],
    ['out', [8, 2]],
  ];

  it('reads a TensorFlow.js model.json (modelTopology, with or without model_config)', () => {
    expect(names({ format: 'layers-model', modelTopology: mlp, weightsManifest: [] })).toEqual(expected);
    expect(names({ format: 'layers-model', modelTopology: { keras_version: '2.11.0', model_config: mlp } })).toEqual(expected);
  });

  it('says when a JSON file is an hls4ml config or no model at all', () => {
    expect(() => load({ IOType: 'io_stream', HLSConfig: {} })).toThrow('model.json is an hls4ml config (keys: "IOType", "HLSConfig"), not a model');
    expect(() => load({ weights: [1, 2] })).toThrow('model.json: not a Keras model (no class_name; keys: "weights")');
  });

  it('reads a bare model.get_config(): Sequential, or functional when its layers have inbound nodes', () => {
    expect(names(mlp.config)).toEqual(expected);
    const graph = functional([node('InputLayer', 'x', { batch_input_shape: [null, 4] }, []), node('Dense', 'fc', { units: 3 }, ['x'])]);
    expect(names(graph.config)).toEqual([
      ['x', []],
      ['fc', [4, 3]],
    ]);
  });
});

describe('Keras 3 layer calls', () => {
  it('follows tensors passed as keyword arguments', () => {
    const dense = node3('Dense', 'fc', { units: 3 }, []);
    dense.inbound_nodes = [{ args: [], kwargs: { inputs: { class_name: '__keras_tensor__', config: { shape: [null, 5], keras_history: ['x', 0, 0] } } } }];
    const model = load(functional3([node3('InputLayer', 'x', { batch_shape: [null, 5] }, []), dense]));
    expect(model.layers[1]!.attributes).toMatchObject({ inboundLayers: ['x'], weightShape: [5, 3] });
  });
});
