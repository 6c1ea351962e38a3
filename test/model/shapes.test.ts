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
