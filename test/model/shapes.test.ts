import { describe, expect, it } from 'vitest';
import { inferShapes, type DataObject } from '@hwcost/model';
import type { LayerKind } from '@hwcost/core';

function infer(kind: LayerKind, config: Record<string, unknown>, ...inputs: number[][]) {
  return inferShapes(kind, config as DataObject, inputs, 'layer x');
}

describe('Keras shape inference (channels_last)', () => {
  it('applies Dense to the last axis', () => {
    expect(infer('dense', { units: 5 }, [7, 3])).toEqual({ outputShape: [7, 5], weightShape: [3, 5] });
  });

  it('computes valid and same convolutions with strides and dilation', () => {
    // valid: floor((n - d(k-1) - 1) / s) + 1; same: ceil(n / s)
    expect(infer('conv2d', { filters: 4, kernel_size: [3, 3], strides: [2, 2], dilation_rate: [2, 2], padding: 'valid' }, [32, 31, 3])).toEqual({
      outputShape: [14, 14, 4],
      weightShape: [3, 3, 3, 4],
    });
    expect(infer('conv2d', { filters: 4, kernel_size: 3, strides: 2, padding: 'same' }, [31, 32, 3]).outputShape).toEqual([16, 16, 4]);
    expect(infer('conv2d', { filters: 4, kernel_size: [5, 5], padding: 'valid' }, [3, 3, 1]).outputShape).toEqual([0, 0, 4]);
  });

  it('handles Conv1D, including causal padding and groups', () => {
    expect(infer('conv1d', { filters: 8, kernel_size: [3], padding: 'valid' }, [100, 4])).toEqual({ outputShape: [98, 8], weightShape: [3, 4, 8] });
    expect(infer('conv1d', { filters: 8, kernel_size: [3], strides: [2], padding: 'causal' }, [100, 4]).outputShape).toEqual([50, 8]);
    expect(infer('conv1d', { filters: 8, kernel_size: [3], groups: 2, padding: 'same' }, [100, 4]).weightShape).toEqual([3, 2, 8]);
  });

  it('gives depthwise and separable convolutions the depthwise kernel', () => {
    expect(infer('depthwise-conv2d', { kernel_size: [3, 3], depth_multiplier: 2, padding: 'same' }, [8, 8, 3])).toEqual({
      outputShape: [8, 8, 6],
      weightShape: [3, 3, 3, 2],
    });
    expect(infer('separable-conv2d', { filters: 16, kernel_size: [3, 3], padding: 'valid' }, [8, 8, 3])).toEqual({
      outputShape: [6, 6, 16],
      weightShape: [3, 3, 3, 1],
    });
  });

  it('pools with strides defaulting to the pool size', () => {
    expect(infer('max-pooling1d', { pool_size: [2], strides: null, padding: 'valid' }, [9, 4]).outputShape).toEqual([4, 4]);
    expect(infer('average-pooling1d', { pool_size: 2, padding: 'same' }, [9, 4]).outputShape).toEqual([5, 4]);
    expect(infer('max-pooling2d', {}, [9, 8, 4]).outputShape).toEqual([4, 4, 4]);
    expect(infer('global-average-pooling1d', {}, [9, 4]).outputShape).toEqual([4]);
    expect(infer('global-average-pooling2d', { keepdims: true }, [9, 8, 4]).outputShape).toEqual([1, 1, 4]);
  });

  it('zero-pads from an integer, a pair per axis, or a pair of pairs', () => {
    expect(infer('zero-padding1d', { padding: [1, 2] }, [10, 3]).outputShape).toEqual([13, 3]);
    expect(infer('zero-padding2d', { padding: 1 }, [10, 10, 3]).outputShape).toEqual([12, 12, 3]);
    expect(infer('zero-padding2d', { padding: [1, 2] }, [10, 10, 3]).outputShape).toEqual([12, 14, 3]);
    expect(infer('zero-padding2d', { padding: [[1, 0], [2, 3]] }, [10, 10, 3]).outputShape).toEqual([11, 15, 3]);
  });

  it('flattens and reshapes, resolving one -1', () => {
    expect(infer('flatten', {}, [4, 4, 2]).outputShape).toEqual([32]);
    expect(infer('reshape', { target_shape: [-1, 4] }, [32]).outputShape).toEqual([8, 4]);
    expect(() => infer('reshape', { target_shape: [5, -1] }, [32])).toThrow('layer x: cannot reshape [32] into [5,-1]');
    expect(() => infer('reshape', { target_shape: [5, 5] }, [32])).toThrow(/cannot reshape/);
  });

  it('keeps the shape through activations, dropout and batch normalization', () => {
    for (const kind of ['activation', 'softmax', 'dropout'] as const) expect(infer(kind, {}, [5, 3])).toEqual({ outputShape: [5, 3], weightShape: [] });
    expect(infer('batch-normalization', { axis: -1 }, [5, 3])).toEqual({ outputShape: [5, 3], weightShape: [3] });
    expect(infer('batch-normalization', { axis: 1 }, [5, 3]).weightShape).toEqual([5]);
  });

  it('merges: Add broadcasts, Concatenate sums the axis', () => {
    expect(infer('add', {}, [4, 3], [4, 3]).outputShape).toEqual([4, 3]);
    expect(infer('concatenate', { axis: 1 }, [4, 3], [2, 3]).outputShape).toEqual([6, 3]);
    expect(() => infer('add', {}, [4, 3], [4, 2])).toThrow('layer x: cannot add shapes [4,3] and [4,2]');
    expect(() => infer('concatenate', { axis: -1 }, [4, 3], [2, 3])).toThrow(/cannot concatenate/);
  });

  it('rejects channels_first and missing settings with the layer named', () => {
    expect(() => infer('conv2d', { filters: 2, kernel_size: 3, data_format: 'channels_first' }, [3, 8, 8])).toThrow('layer x: data_format "channels_first" is not supported');
    expect(() => infer('conv2d', { kernel_size: 3 }, [8, 8, 1])).toThrow('layer x: config has no filters');
    expect(() => infer('conv2d', { filters: 2, kernel_size: 3 }, [8, 8])).toThrow(/expects an input of rank 3/);
  });
});

describe('shape rules of the layers real models use', () => {
  it('up-samples, crops and permutes', () => {
    expect(infer('upsampling2d', { size: [2, 3] }, [4, 5, 2]).outputShape).toEqual([8, 15, 2]);
    expect(infer('upsampling1d', {}, [4, 2]).outputShape).toEqual([8, 2]);
    expect(infer('cropping2d', { cropping: [[1, 1], [0, 2]] }, [8, 8, 3]).outputShape).toEqual([6, 6, 3]);
    expect(infer('cropping1d', {}, [8, 3]).outputShape).toEqual([6, 3]);
    expect(infer('permute', { dims: [2, 1] }, [8, 3]).outputShape).toEqual([3, 8]);
    expect(infer('repeat-vector', { n: 4 }, [3]).outputShape).toEqual([4, 3]);
  });

  it('gives transposed convolutions their Keras output length and kernel', () => {
    expect(infer('conv2d-transpose', { filters: 4, kernel_size: 3, strides: 2, padding: 'same' }, [8, 8, 2])).toEqual({
      outputShape: [16, 16, 4],
      weightShape: [3, 3, 4, 2],
    });
    expect(infer('conv2d-transpose', { filters: 4, kernel_size: 3, strides: 2, padding: 'valid' }, [8, 8, 2]).outputShape).toEqual([17, 17, 4]);
    expect(infer('conv1d-transpose', { filters: 1, kernel_size: 4, strides: 2, padding: 'same', output_padding: 1 }, [5, 2]).outputShape).toEqual([9, 1]);
  });

  it('covers 1D depthwise and separable convolutions', () => {
    expect(infer('depthwise-conv1d', { kernel_size: 3, depth_multiplier: 2, padding: 'valid' }, [10, 4])).toEqual({ outputShape: [8, 8], weightShape: [3, 4, 2] });
    expect(infer('separable-conv1d', { filters: 6, kernel_size: 3, padding: 'same' }, [10, 4])).toEqual({ outputShape: [10, 6], weightShape: [3, 4, 1] });
  });

  it('gives recurrent layers their kernel [in, gates × units] and sequences on request', () => {
    expect(infer('lstm', { units: 8 }, [20, 6])).toEqual({ outputShape: [8], weightShape: [6, 32] });
    expect(infer('gru', { units: 8, return_sequences: true }, [20, 6])).toEqual({ outputShape: [20, 8], weightShape: [6, 24] });
    expect(infer('simple-rnn', { units: 5 }, [20, 6]).weightShape).toEqual([6, 5]);
  });

  it('unwraps Bidirectional and TimeDistributed', () => {
    const lstm = { class_name: 'LSTM', config: { units: 8, return_sequences: true } };
    expect(infer('bidirectional', { layer: lstm, merge_mode: 'concat' }, [20, 6])).toEqual({ outputShape: [20, 16], weightShape: [6, 32] });
    expect(infer('bidirectional', { layer: lstm, merge_mode: 'sum' }, [20, 6]).outputShape).toEqual([20, 8]);
    expect(infer('time-distributed', { layer: { class_name: 'Dense', config: { units: 3 } } }, [20, 6])).toEqual({ outputShape: [20, 3], weightShape: [6, 3] });
    expect(() => infer('time-distributed', { layer: { class_name: 'Mystery', config: {} } }, [20, 6])).toThrow('layer x: wraps a layer of class Mystery, which hwcost does not know');
  });

  it('reads GarNet and GarNetStack output shapes from their config', () => {
    const stack = { n_filters: [8, 8, 16], n_propagate: [8, 8, 16], n_aggregators: [4, 4, 8], collapse: 'mean' };
    expect(inferShapes('garnet', stack as unknown as DataObject, [[128, 4], [1]], 'gar')).toEqual({ outputShape: [16], weightShape: [4, 8] });
    expect(infer('garnet', { n_filters: 6, n_propagate: 3, collapse: null }, [128, 4]).outputShape).toEqual([128, 6]);
  });

  it('keeps shapes through normalisations and PReLU, with their weights', () => {
    expect(infer('layer-normalization', { axis: [-1] }, [10, 4])).toEqual({ outputShape: [10, 4], weightShape: [4] });
    expect(infer('prelu', { shared_axes: [1] }, [10, 4])).toEqual({ outputShape: [10, 4], weightShape: [1, 4] });
    expect(infer('quantizer', {}, [10, 4])).toEqual({ outputShape: [10, 4], weightShape: [] });
    expect(infer('embedding', { input_dim: 100, output_dim: 8 }, [20])).toEqual({ outputShape: [20, 8], weightShape: [100, 8] });
  });

  it('carries axes of undefined size through', () => {
    expect(infer('conv1d', { filters: 4, kernel_size: 3, padding: 'valid' }, [null as unknown as number, 3])).toEqual({ outputShape: [null, 4], weightShape: [3, 3, 4] });
    expect(infer('flatten', {}, [null as unknown as number, 3]).outputShape).toEqual([null]);
  });
});

describe('TensorFlow ops in functional models', () => {
  it('broadcast element-wise ops and refuse the others by name', () => {
    expect(infer('tf-op', { function: 'math.multiply' }, [10, 4]).outputShape).toEqual([10, 4]);
    expect(inferShapes('tf-op', { function: '__operators__.add' } as unknown as DataObject, [[10, 4], [1, 4]], 'x').outputShape).toEqual([10, 4]);
    expect(() => infer('tf-op', { function: 'reshape' }, [10, 4])).toThrow('layer x: TensorFlow op "reshape" has no shape rule in hwcost');
  });
});
