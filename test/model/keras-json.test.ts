import { describe, expect, it } from 'vitest';
import { importKerasJson, type ImportedModel } from '@hwcost/model';
import { functional, functional3, layer, node, node3, sequential } from './fixtures.js';

function load(model: unknown): ImportedModel {
  return importKerasJson(JSON.stringify(model), 'model.json');
}

function shapes(model: ImportedModel) {
  return Object.fromEntries(
    model.layers.map(({ attributes: a, supported }) => [a.name, { type: a.layerType, in: a.inputShape, out: a.outputShape, w: a.weightShape, supported }]),
  );
}

const conv = (filters: number, kernel: number, padding = 'same') => ({ filters, kernel_size: [kernel, kernel], strides: [1, 1], padding, dilation_rate: [1, 1] });

describe('Keras Sequential JSON', () => {
  it('reads the Keras 2.0 list form and names the implicit input after the first layer', () => {
    const model = load({
      class_name: 'Sequential',
      config: [
        layer('Conv2D', 'conv2d_1', { batch_input_shape: [null, 8, 8, 1], ...conv(2, 3) }),
        layer('Dropout', 'dropout_1', { rate: 0.25 }),
        layer('Flatten', 'flatten_1'),
        layer('Dense', 'dense_1', { units: 10 }),
      ],
    });
    expect(model.name).toBe('model');
    expect(model.source).toBe('model.json');
    expect(model.layers.map((l) => l.attributes.name)).toEqual(['conv2d_1_input', 'conv2d_1', 'dropout_1', 'flatten_1', 'dense_1']);
    expect(shapes(model).conv2d_1).toEqual({ type: 'Conv2D', in: [8, 8, 1], out: [8, 8, 2], w: [3, 3, 1, 2], supported: true });
    expect(shapes(model).dense_1).toMatchObject({ in: [128], out: [10], w: [128, 10] });
    expect(model.layers[1]!.attributes.inboundLayers).toEqual(['conv2d_1_input']);
  });

  it('reads a Sequential model whose first layer carries batch_input_shape', () => {
    const model = load(sequential([layer('Dense', 'fc1', { units: 4, batch_input_shape: [null, 3] }), layer('Activation', 'relu', { activation: 'relu' })], 'mlp'));
    expect(model.name).toBe('mlp');
    expect(shapes(model)).toMatchObject({ fc1_input: { out: [3] }, fc1: { in: [3], out: [4], w: [3, 4] }, relu: { out: [4], w: [] } });
  });

  it('records a QKeras kernel quantizer', () => {
    const model = load(
      sequential([layer('InputLayer', 'in', { batch_input_shape: [null, 16] }), layer('QDense', 'q', { units: 8, kernel_quantizer: 'quantized_bits(6,0,alpha=1)' })]),
    );
    expect(model.layers[1]!.attributes.args.kernelQuantizer).toEqual({ className: 'quantized_bits', config: { bits: 6, integer: 0, alpha: 1 } });
  });

  it('marks every layer unsupported, naming why, when a Sequential model declares no input shape', () => {
    const model = load(sequential([layer('Dense', 'fc1', { units: 4 })]));
    expect(model.layers.map((l) => [l.attributes.name, l.supported, l.reason])).toEqual([
      ['fc1_input', false, 'declares no input shape (batch_input_shape or batch_shape)'],
      ['fc1', false, 'input shape unknown: layer fc1_input: declares no input shape (batch_input_shape or batch_shape)'],
    ]);
  });

  it('passes an axis of undefined size on, marking the layers that have one', () => {
    const model = load(
      sequential([
        layer('InputLayer', 'in', { batch_input_shape: [null, null, 3] }),
        layer('Conv1D', 'conv', { filters: 4, kernel_size: 3, padding: 'same' }),
        layer('GlobalAveragePooling1D', 'gap'),
        layer('Dense', 'fc', { units: 2 }),
      ]),
    );
    expect(model.layers.map((l) => [l.attributes.name, l.supported])).toEqual([
      ['in', false],
      ['conv', false],
      ['gap', false],
      ['fc', true],
    ]);
    expect(model.layers[1]!.reason).toBe('an axis of undefined size (input [?, 3] → output [?, 4]); hwcost needs fixed sizes');
    expect(shapes(model).fc).toMatchObject({ in: [4], out: [2], w: [4, 2] });
  });
});

describe('Keras functional JSON', () => {
  // Two branches merged by Add, pooled two ways and concatenated; listed out of order on purpose.
  const cnn = functional([
    node('Dense', 'head', { units: 10 }, ['gap']),
    node('InputLayer', 'input_1', { batch_input_shape: [null, 32, 32, 3] }, []),
    node('Conv2D', 'conv_a', conv(8, 3), ['input_1']),
    node('BatchNormalization', 'bn', { axis: [3] }, ['conv_a']),
    node('ReLU', 'relu', {}, ['bn']),
    node('Conv2D', 'conv_b', conv(8, 1, 'valid'), ['input_1']),
    node('Add', 'add', {}, ['relu', 'conv_b']),
    node('MaxPooling2D', 'max', { pool_size: [2, 2], strides: [2, 2], padding: 'valid' }, ['add']),
    node('AveragePooling2D', 'avg', { pool_size: [3, 3], strides: [2, 2], padding: 'same' }, ['conv_b']),
    node('Concatenate', 'cat', { axis: -1 }, ['max', 'avg']),
    node('GlobalAveragePooling2D', 'gap', {}, ['cat']),
  ]);

  it('follows inbound_nodes through branches and merges, in topological order', () => {
    const model = load(cnn);
    const names = model.layers.map((l) => l.attributes.name);
    expect(names).toEqual(['input_1', 'conv_a', 'bn', 'relu', 'conv_b', 'add', 'max', 'avg', 'cat', 'gap', 'head']);
    expect(shapes(model)).toEqual({
      input_1: { type: 'InputLayer', in: [32, 32, 3], out: [32, 32, 3], w: [], supported: true },
      conv_a: { type: 'Conv2D', in: [32, 32, 3], out: [32, 32, 8], w: [3, 3, 3, 8], supported: true },
      bn: { type: 'BatchNormalization', in: [32, 32, 8], out: [32, 32, 8], w: [8], supported: true },
      relu: { type: 'ReLU', in: [32, 32, 8], out: [32, 32, 8], w: [], supported: true },
      conv_b: { type: 'Conv2D', in: [32, 32, 3], out: [32, 32, 8], w: [1, 1, 3, 8], supported: true },
      add: { type: 'Add', in: [32, 32, 8], out: [32, 32, 8], w: [], supported: true },
      max: { type: 'MaxPooling2D', in: [32, 32, 8], out: [16, 16, 8], w: [], supported: true },
      avg: { type: 'AveragePooling2D', in: [32, 32, 8], out: [16, 16, 8], w: [], supported: true },
      cat: { type: 'Concatenate', in: [16, 16, 8], out: [16, 16, 16], w: [], supported: true },
      gap: { type: 'GlobalAveragePooling2D', in: [16, 16, 16], out: [16], w: [], supported: true },
      head: { type: 'Dense', in: [16], out: [10], w: [16, 10], supported: true },
    });
    expect(model.layers.find((l) => l.attributes.name === 'add')!.attributes.inboundLayers).toEqual(['relu', 'conv_b']);
  });

  it('reads the Keras 3 form of inbound nodes (keras_history in args)', () => {
    const model = load(
      functional3([
        node3('InputLayer', 'x', { batch_shape: [null, 10] }, []),
        node3('Dense', 'a', { units: 4 }, ['x']),
        node3('Dense', 'b', { units: 6 }, ['x']),
        node3('Concatenate', 'cat', { axis: 1 }, ['a', 'b']),
        node3('Dense', 'out', { units: 2 }, ['cat']),
      ]),
    );
    expect(model.name).toBe('functional');
    expect(shapes(model)).toMatchObject({ cat: { out: [10] }, out: { in: [10], w: [10, 2] } });
    expect(model.layers.find((l) => l.attributes.name === 'cat')!.attributes.inboundLayers).toEqual(['a', 'b']);
  });

  it('reports an unknown class as unsupported when nothing after it needs its shape', () => {
    const model = load(functional([node('InputLayer', 'in', { batch_input_shape: [null, 4] }, []), node('Dense', 'fc', { units: 3 }, ['in']), node('MyHead', 'head', {}, ['fc'])]));
    expect(shapes(model).head).toEqual({ type: 'MyHead', in: [3], out: [], w: [], supported: false });
    expect(shapes(model).fc!.supported).toBe(true);
  });

  it('marks the layers after an unknown class unsupported, naming it, when no shape is recorded', () => {
    const model = load(
      functional([
        node('InputLayer', 'in', { batch_input_shape: [null, 8, 8, 1] }, []),
        node('MyUpsampler', 'up', { size: [2, 2] }, ['in']),
        node('Conv2D', 'conv', conv(4, 3), ['up']),
        node('Flatten', 'flat', {}, ['conv']),
      ]),
    );
    expect(model.layers.map((l) => [l.attributes.name, l.supported, l.reason])).toEqual([
      ['in', true, undefined],
      ['up', false, 'class MyUpsampler is not known to hwcost'],
      ['conv', false, 'input shape unknown: layer up: class MyUpsampler is not known to hwcost'],
      ['flat', false, 'input shape unknown: layer conv: input shape unknown: layer up: class MyUpsampler is not known to hwcost'],
    ]);
  });

  it('uses the input shape Keras 3 recorded in build_config after an unknown layer', () => {
    const model = load(
      functional3([
        node3('InputLayer', 'in', { batch_shape: [null, 8, 8, 1] }, []),
        node3('MyUpsampler', 'up', { size: [2, 2] }, ['in']),
        node3('Conv2D', 'conv', conv(4, 3), ['up'], [null, 16, 16, 1]),
      ]),
    );
    expect(shapes(model)).toMatchObject({ up: { supported: false, in: [8, 8, 1] }, conv: { in: [16, 16, 1], out: [16, 16, 4], w: [3, 3, 1, 4], supported: true } });
  });

  it('rejects broken graphs with one-line messages, and marks a layer it cannot read unsupported', () => {
    const input = node('InputLayer', 'in', { batch_input_shape: [null, 4] }, []);
    expect(() => load(functional([input, node('Dense', 'a', { units: 2 }, ['nowhere'])]))).toThrow('layer a takes its input from nowhere, which is not a layer of the model');
    expect(() => load(functional([input, node('Dense', 'in', { units: 2 }, [])]))).toThrow('two layers are named in');
    expect(() => load(functional([input, node('Dense', 'a', { units: 2 }, ['b']), node('Dense', 'b', { units: 2 }, ['a'])]))).toThrow('the layers a, b form a cycle');
    expect(() => load({ class_name: 'MySubclassedModel', config: {} })).toThrow('model class "MySubclassedModel" is not supported');
    expect(load(functional([input, node('Dense', 'a', {}, ['in'])])).layers[1]).toMatchObject({ supported: false, reason: 'config has no units' });
  });
});
