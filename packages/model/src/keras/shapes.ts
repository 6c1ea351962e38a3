import { HwcostError, type LayerKind, product } from '@hwcost/core';
import { field, quote, type DataObject, type DataValue } from '../io/data.js';

/** Shapes of one layer, without the batch axis. */
export interface LayerShapes {
  outputShape: number[];
  /** The kernel shape, as hls4ml's `weight_shape`; empty for a layer without weights. */
  weightShape: number[];
}

type Padding = 'valid' | 'same' | 'causal';

function fail(where: string, reason: string): never {
  throw new HwcostError(`${where}: ${reason}`);
}

function isUnset(value: DataValue | undefined): value is null | undefined {
  return value === undefined || value === null;
}

function integerValue(value: DataValue | undefined, where: string, key: string, min: number): number {
  if (typeof value !== 'number' || !Number.isInteger(value) || value < min) fail(where, `${key} must be an integer ≥ ${min}, got ${quote(value)}`);
  return value;
}

function integerSetting(config: DataObject, key: string, where: string, fallback?: number, min = 1): number {
  const value = field(config, key) ?? fallback;
  if (value === undefined) fail(where, `config has no ${key}`);
  return integerValue(value, where, key, min);
}

/** A per-axis setting (kernel size, strides, …) given as one integer or one per axis. */
function tupleSetting(config: DataObject, key: string, rank: number, where: string, fallback?: number): number[] {
  const value = field(config, key);
  if (isUnset(value)) {
    if (fallback === undefined) fail(where, `config has no ${key}`);
    return Array<number>(rank).fill(fallback);
  }
  if (!Array.isArray(value)) return Array<number>(rank).fill(integerValue(value, where, key, 1));
  if (value.length !== rank) fail(where, `${key} must have ${rank} entries, got ${quote(value)}`);
  return value.map((v) => integerValue(v, where, key, 1));
}

function paddingSetting(config: DataObject, where: string, allowCausal: boolean): Padding {
  const value = field(config, 'padding') ?? 'valid';
  const padding = typeof value === 'string' ? value.toLowerCase() : value;
  if (padding === 'valid' || padding === 'same' || (allowCausal && padding === 'causal')) return padding;
  return fail(where, `unknown padding ${quote(value)}`);
}

/** Shapes are inferred channels_last, the Keras default and what hls4ml converts. */
function requireChannelsLast(config: DataObject, where: string): void {
  const format = field(config, 'data_format');
  if (format !== undefined && format !== null && format !== 'channels_last') {
    fail(where, `data_format ${quote(format)} is not supported (hwcost infers channels_last shapes)`);
  }
}

function requireRank(input: number[], rank: number, where: string, what: string): void {
  if (input.length !== rank) fail(where, `${what} expects an input of rank ${rank} (without the batch axis), got shape ${quote(input)}`);
}

/** Output length of a convolution or pooling window along one axis, as Keras computes it. */
function windowOutput(n: number, kernel: number, stride: number, dilation: number, padding: Padding): number {
  if (padding === 'valid') return Math.max(0, Math.floor((n - dilation * (kernel - 1) - 1) / stride) + 1);
  return Math.ceil(n / stride);
}

/** Index into a batch-less shape of rank `rank` of a Keras axis, which counts the batch axis as 0. */
function axisIndex(axis: DataValue | undefined, rank: number, where: string, key: string): number {
  const value = axis ?? -1;
  if (typeof value !== 'number' || !Number.isInteger(value)) fail(where, `${key} must be an integer, got ${quote(value)}`);
  const index = value < 0 ? rank + value : value - 1;
  if (index < 0 || index >= rank) fail(where, `${key} ${value} is out of range for an input of rank ${rank} (plus the batch axis)`);
  return index;
}

/**
 * The shape a Keras input declares (`batch_input_shape` in Keras 2, `batch_shape` in Keras 3),
 * without the batch axis; undefined when the config declares none.
 */
export function declaredInputShape(config: DataObject, where: string): number[] | undefined {
  const value = field(config, 'batch_input_shape') ?? field(config, 'batch_shape');
  if (value === undefined || value === null) return undefined;
  if (!Array.isArray(value) || value.length < 1) fail(where, `input shape must be a list with the batch axis first, got ${quote(value)}`);
  return batchlessShape(value, where);
}

/** A shape with its batch axis dropped; every other axis must be a fixed size. */
export function batchlessShape(value: DataValue[], where: string): number[] {
  return value.slice(1).map((n) => {
    if (n === null) fail(where, `input shape ${quote(value)} has an axis of undefined size; hwcost needs fixed shapes`);
    return integerValue(n, where, 'input shape entry', 0);
  });
}

function convolution(config: DataObject, input: number[], rank: 1 | 2, where: string, allowCausal: boolean) {
  requireChannelsLast(config, where);
  requireRank(input, rank + 1, where, `a ${rank}D convolution`);
  const kernel = tupleSetting(config, 'kernel_size', rank, where);
  const strides = tupleSetting(config, 'strides', rank, where, 1);
  const dilation = tupleSetting(config, 'dilation_rate', rank, where, 1);
  const padding = paddingSetting(config, where, allowCausal);
  const spatial = kernel.map((k, i) => windowOutput(input[i]!, k, strides[i]!, dilation[i]!, padding));
  return { kernel, spatial, channels: input[rank]! };
}

function pooling(config: DataObject, input: number[], rank: 1 | 2, where: string): LayerShapes {
  requireChannelsLast(config, where);
  requireRank(input, rank + 1, where, `${rank}D pooling`);
  const pool = tupleSetting(config, 'pool_size', rank, where, 2);
  // Keras pools with strides equal to the pool size unless told otherwise.
  const strides = isUnset(field(config, 'strides')) ? pool : tupleSetting(config, 'strides', rank, where);
  const padding = paddingSetting(config, where, false);
  return { outputShape: [...pool.map((p, i) => windowOutput(input[i]!, p, strides[i]!, 1, padding)), input[rank]!], weightShape: [] };
}

function globalPooling(config: DataObject, input: number[], rank: 1 | 2, where: string): LayerShapes {
  requireChannelsLast(config, where);
  requireRank(input, rank + 1, where, `${rank}D global pooling`);
  const channels = input[rank]!;
  return { outputShape: field(config, 'keepdims') === true ? [...Array<number>(rank).fill(1), channels] : [channels], weightShape: [] };
}

/**
 * Zero padding per axis as `[before, after]`: Keras accepts one integer for all sides, one integer
 * per axis, or (1D) a pair or (2D) a pair of pairs.
 */
function paddingAmounts(config: DataObject, rank: 1 | 2, where: string): [number, number][] {
  const value = field(config, 'padding') ?? 1;
  const pair = (v: DataValue): [number, number] => {
    if (typeof v === 'number') return [integerValue(v, where, 'padding', 0), v];
    if (Array.isArray(v) && v.length === 2) return [integerValue(v[0], where, 'padding', 0), integerValue(v[1], where, 'padding', 0)];
    return fail(where, `cannot read padding ${quote(value)}`);
  };
  if (rank === 1) return [pair(value)];
  if (typeof value === 'number') return [pair(value), pair(value)];
  if (!Array.isArray(value) || value.length !== 2) return fail(where, `cannot read padding ${quote(value)}`);
  return [pair(value[0]!), pair(value[1]!)];
}

function reshape(config: DataObject, input: number[], where: string): number[] {
  const target = field(config, 'target_shape');
  if (!Array.isArray(target)) return fail(where, `target_shape must be a list, got ${quote(target)}`);
  const dims = target.map((n) => (n === -1 ? -1 : integerValue(n, where, 'target_shape entry', 0)));
  const size = product(input);
  const unknown = dims.filter((n) => n === -1).length;
  const known = product(dims.filter((n) => n !== -1));
  if (unknown > 1) fail(where, `target_shape ${quote(target)} has more than one -1`);
  if (unknown === 1) {
    if (known === 0 || size % known !== 0) fail(where, `cannot reshape ${quote(input)} into ${quote(target)}`);
    return dims.map((n) => (n === -1 ? size / known : n));
  }
  if (known !== size) fail(where, `cannot reshape ${quote(input)} (${size} values) into ${quote(target)}`);
  return dims;
}

function add(inputs: number[][], where: string): number[] {
  const [first, ...rest] = inputs;
  return rest.reduce((shape, other) => {
    if (other.length !== shape.length) fail(where, `cannot add shapes ${quote(shape)} and ${quote(other)}`);
    return shape.map((n, i) => {
      const m = other[i]!;
      if (n !== m && n !== 1 && m !== 1) fail(where, `cannot add shapes ${quote(shape)} and ${quote(other)}`);
      return n === 1 ? m : n;
    });
  }, first!);
}

function concatenate(config: DataObject, inputs: number[][], where: string): number[] {
  const [first, ...rest] = inputs;
  const axis = axisIndex(field(config, 'axis'), first!.length, where, 'axis');
  const output = [...first!];
  for (const other of rest) {
    const compatible = other.length === first!.length && other.every((n, i) => i === axis || n === first![i]);
    if (!compatible) fail(where, `cannot concatenate shapes ${quote(first)} and ${quote(other)} along axis ${axis + 1}`);
    output[axis]! += other[axis]!;
  }
  return output;
}

function batchNormalization(config: DataObject, input: number[], where: string): number[] {
  const axis = field(config, 'axis');
  const axes = Array.isArray(axis) ? axis : [axis];
  return axes.map((a) => input[axisIndex(a, input.length, where, 'axis')]!);
}

/**
 * Infers a layer's output and kernel shapes from its config and input shapes, as Keras does
 * (channels_last; batch axis excluded). `inputs` is empty for an input layer, has one entry for
 * most layers and several for merges. `where` names the layer in errors.
 */
export function inferShapes(kind: LayerKind, config: DataObject, inputs: number[][], where: string): LayerShapes {
  if (kind === 'input') {
    const shape = declaredInputShape(config, where);
    if (!shape) fail(where, 'declares no input shape (batch_input_shape or batch_shape)');
    return { outputShape: shape, weightShape: [] };
  }
  if (inputs.length === 0) fail(where, 'has no input');
  if (kind === 'add') return { outputShape: add(inputs, where), weightShape: [] };
  if (kind === 'concatenate') return { outputShape: concatenate(config, inputs, where), weightShape: [] };
  if (inputs.length > 1) fail(where, `expects one input, got ${inputs.length}`);
  const input = inputs[0]!;
  switch (kind) {
    case 'dense': {
      if (input.length === 0) fail(where, 'Dense needs an input of rank 1 or more');
      const units = integerSetting(config, 'units', where);
      return { outputShape: [...input.slice(0, -1), units], weightShape: [input.at(-1)!, units] };
    }
    case 'conv1d':
    case 'conv2d': {
      const rank = kind === 'conv1d' ? 1 : 2;
      const { kernel, spatial, channels } = convolution(config, input, rank, where, rank === 1);
      const filters = integerSetting(config, 'filters', where);
      const groups = integerSetting(config, 'groups', where, 1);
      if (channels % groups !== 0) fail(where, `${channels} input channels cannot be split into ${groups} groups`);
      return { outputShape: [...spatial, filters], weightShape: [...kernel, channels / groups, filters] };
    }
    case 'depthwise-conv2d': {
      const { kernel, spatial, channels } = convolution(config, input, 2, where, false);
      const multiplier = integerSetting(config, 'depth_multiplier', where, 1);
      return { outputShape: [...spatial, channels * multiplier], weightShape: [...kernel, channels, multiplier] };
    }
    case 'separable-conv2d': {
      const { kernel, spatial, channels } = convolution(config, input, 2, where, false);
      const multiplier = integerSetting(config, 'depth_multiplier', where, 1);
      return { outputShape: [...spatial, integerSetting(config, 'filters', where)], weightShape: [...kernel, channels, multiplier] };
    }
    case 'max-pooling1d':
    case 'average-pooling1d':
      return pooling(config, input, 1, where);
    case 'max-pooling2d':
    case 'average-pooling2d':
      return pooling(config, input, 2, where);
    case 'global-average-pooling1d':
    case 'global-max-pooling1d':
      return globalPooling(config, input, 1, where);
    case 'global-average-pooling2d':
    case 'global-max-pooling2d':
      return globalPooling(config, input, 2, where);
    case 'zero-padding1d':
    case 'zero-padding2d': {
      const rank = kind === 'zero-padding1d' ? 1 : 2;
      requireChannelsLast(config, where);
      requireRank(input, rank + 1, where, `${rank}D zero padding`);
      const amounts = paddingAmounts(config, rank, where);
      return { outputShape: [...amounts.map(([before, after], i) => input[i]! + before + after), input[rank]!], weightShape: [] };
    }
    case 'flatten':
      return { outputShape: [product(input)], weightShape: [] };
    case 'reshape':
      return { outputShape: reshape(config, input, where), weightShape: [] };
    case 'batch-normalization':
      return { outputShape: [...input], weightShape: batchNormalization(config, input, where) };
    case 'dropout':
    case 'activation':
    case 'softmax':
      return { outputShape: [...input], weightShape: [] };
  }
}
