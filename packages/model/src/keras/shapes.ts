import { HwcostError, type LayerKind, layerKind, requireInteger, quote } from '@hwcost/core';
import { field, isDataObject, type DataObject, type DataValue } from '../io/data.js';

/** One axis of a shape: its size, or null where Keras leaves it undefined (`None`). */
export type Dim = number | null;

/** A shape without the batch axis; an axis may be of undefined size. */
export type Shape = Dim[];

/** Shapes of one layer, without the batch axis. */
export interface LayerShapes {
  outputShape: Shape;
  /** The kernel shape (its first weight, as hls4ml's `weight_shape`); empty for a layer without weights. */
  weightShape: Shape;
}

type Padding = 'valid' | 'same' | 'causal' | 'full';

function fail(where: string, reason: string): never {
  throw new HwcostError(`${where}: ${reason}`);
}

function isUnset(value: DataValue | undefined): value is null | undefined {
  return value === undefined || value === null;
}

/** The product of the axes, or null when one is undefined. */
export function shapeSize(shape: Shape): Dim {
  let p = 1;
  for (const n of shape) {
    if (n === null) return null;
    p *= n;
  }
  return p;
}

/** True when every axis of the shape has a size. */
export function isKnown(shape: Shape): shape is number[] {
  return shape.every((n) => n !== null);
}

function integerValue(value: DataValue | undefined, where: string, key: string, min: number): number {
  return requireInteger(value, `${where}: ${key}`, min);
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

function paddingSetting(config: DataObject, where: string, allowed: readonly Padding[]): Padding {
  const value = field(config, 'padding') ?? 'valid';
  const padding = typeof value === 'string' ? value.toLowerCase() : value;
  if (typeof padding === 'string' && (allowed as readonly string[]).includes(padding)) return padding as Padding;
  return fail(where, `unknown padding ${quote(value)}`);
}

/** Shapes are inferred channels_last, the Keras default and what hls4ml converts. */
function requireChannelsLast(config: DataObject, where: string): void {
  const format = field(config, 'data_format');
  if (format !== undefined && format !== null && format !== 'channels_last') {
    fail(where, `data_format ${quote(format)} is not supported (hwcost infers channels_last shapes)`);
  }
}

function requireRank(input: Shape, rank: number, where: string, what: string): void {
  if (input.length !== rank) fail(where, `${what} expects an input of rank ${rank} (without the batch axis), got shape ${quote(input)}`);
}

/** Output length of a convolution or pooling window along one axis, as Keras computes it. */
function windowOutput(n: Dim, kernel: number, stride: number, dilation: number, padding: Padding): Dim {
  if (n === null) return null;
  if (padding === 'valid') return Math.max(0, Math.floor((n - dilation * (kernel - 1) - 1) / stride) + 1);
  return Math.ceil(n / stride);
}

/** Output length of a transposed convolution along one axis (Keras's `deconv_output_length`). */
function transposedOutput(n: Dim, kernel: number, stride: number, dilation: number, padding: Padding, outputPadding: number | undefined): Dim {
  if (n === null) return null;
  const k = kernel + (kernel - 1) * (dilation - 1);
  if (outputPadding === undefined) return padding === 'same' ? n * stride : n * stride + Math.max(k - stride, 0);
  const pad = padding === 'same' ? Math.floor(k / 2) : 0;
  return (n - 1) * stride + k - 2 * pad + outputPadding;
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
 * The shape a Keras input declares (`batch_input_shape` in Keras 2, `batch_shape` in Keras 3, or
 * `input_shape` without the batch axis), without the batch axis; undefined when the config declares none.
 */
export function declaredInputShape(config: DataObject, where: string): Shape | undefined {
  const value = field(config, 'batch_input_shape') ?? field(config, 'batch_shape');
  if (value === undefined || value === null) {
    const unbatched = field(config, 'input_shape');
    return Array.isArray(unbatched) ? batchlessShape([null, ...unbatched], where) : undefined;
  }
  if (!Array.isArray(value) || value.length < 1) fail(where, `input shape must be a list with the batch axis first, got ${quote(value)}`);
  return batchlessShape(value, where);
}

/** A shape with its batch axis dropped; an axis of undefined size (`None`) is null. */
export function batchlessShape(value: DataValue[], where: string): Shape {
  return value.slice(1).map((n) => (n === null ? null : integerValue(n, where, 'input shape entry', 0)));
}

function convolution(config: DataObject, input: Shape, rank: 1 | 2, where: string, padding: readonly Padding[]) {
  requireChannelsLast(config, where);
  requireRank(input, rank + 1, where, `a ${rank}D convolution`);
  const kernel = tupleSetting(config, 'kernel_size', rank, where);
  const strides = tupleSetting(config, 'strides', rank, where, 1);
  const dilation = tupleSetting(config, 'dilation_rate', rank, where, 1);
  const pad = paddingSetting(config, where, padding);
  return { kernel, strides, dilation, pad, channels: input[rank]!, spatial: kernel.map((k, i) => windowOutput(input[i]!, k, strides[i]!, dilation[i]!, pad)) };
}

function transposedConvolution(config: DataObject, input: Shape, rank: 1 | 2, where: string): LayerShapes {
  const { kernel, strides, dilation, pad, channels } = convolution(config, input, rank, where, ['valid', 'same']);
  const filters = integerSetting(config, 'filters', where);
  const outputPadding = isUnset(field(config, 'output_padding')) ? undefined : tupleSetting(config, 'output_padding', rank, where);
  const spatial = kernel.map((k, i) => transposedOutput(input[i]!, k, strides[i]!, dilation[i]!, pad, outputPadding?.[i]));
  return { outputShape: [...spatial, filters], weightShape: [...kernel, filters, channels] };
}

function pooling(config: DataObject, input: Shape, rank: 1 | 2, where: string): LayerShapes {
  requireChannelsLast(config, where);
  requireRank(input, rank + 1, where, `${rank}D pooling`);
  const pool = tupleSetting(config, 'pool_size', rank, where, 2);
  // Keras pools with strides equal to the pool size unless told otherwise.
  const strides = isUnset(field(config, 'strides')) ? pool : tupleSetting(config, 'strides', rank, where);
  const padding = paddingSetting(config, where, ['valid', 'same']);
  return { outputShape: [...pool.map((p, i) => windowOutput(input[i]!, p, strides[i]!, 1, padding)), input[rank]!], weightShape: [] };
}

function globalPooling(config: DataObject, input: Shape, rank: 1 | 2, where: string): LayerShapes {
  requireChannelsLast(config, where);
  requireRank(input, rank + 1, where, `${rank}D global pooling`);
  const channels = input[rank]!;
  return { outputShape: field(config, 'keepdims') === true ? [...Array<number>(rank).fill(1), channels] : [channels], weightShape: [] };
}

/**
 * Padding or cropping per axis as `[before, after]`: Keras accepts one integer for all sides, one
 * integer per axis, or (1D) a pair or (2D) a pair of pairs.
 */
function sideAmounts(config: DataObject, key: string, rank: 1 | 2, fallback: number, where: string): [number, number][] {
  const value = field(config, key) ?? fallback;
  const pair = (v: DataValue): [number, number] => {
    if (typeof v === 'number') return [integerValue(v, where, key, 0), v];
    if (Array.isArray(v) && v.length === 2) return [integerValue(v[0], where, key, 0), integerValue(v[1], where, key, 0)];
    return fail(where, `cannot read ${key} ${quote(value)}`);
  };
  if (rank === 1) return [pair(value)];
  if (typeof value === 'number') return [pair(value), pair(value)];
  if (!Array.isArray(value) || value.length !== 2) return fail(where, `cannot read ${key} ${quote(value)}`);
  return [pair(value[0]!), pair(value[1]!)];
}

function padded(config: DataObject, input: Shape, rank: 1 | 2, where: string, sign: 1 | -1): LayerShapes {
  requireChannelsLast(config, where);
  requireRank(input, rank + 1, where, sign > 0 ? `${rank}D zero padding` : `${rank}D cropping`);
  const amounts = sign > 0 ? sideAmounts(config, 'padding', rank, 1, where) : sideAmounts(config, 'cropping', rank, rank === 1 ? 1 : 0, where);
  const spatial = amounts.map(([before, after], i) => {
    const n = input[i]!;
    return n === null ? null : Math.max(0, n + sign * (before + after));
  });
  return { outputShape: [...spatial, input[rank]!], weightShape: [] };
}

function upSampling(config: DataObject, input: Shape, rank: 1 | 2, where: string): LayerShapes {
  requireChannelsLast(config, where);
  requireRank(input, rank + 1, where, `${rank}D up-sampling`);
  const size = tupleSetting(config, 'size', rank, where, 2);
  return { outputShape: [...size.map((s, i) => (input[i] === null ? null : input[i]! * s)), input[rank]!], weightShape: [] };
}

function reshape(config: DataObject, input: Shape, where: string): Shape {
  const target = field(config, 'target_shape');
  if (!Array.isArray(target)) return fail(where, `target_shape must be a list, got ${quote(target)}`);
  const dims = target.map((n) => (n === -1 || n === null ? -1 : integerValue(n, where, 'target_shape entry', 0)));
  const unknown = dims.filter((n) => n === -1).length;
  const known = dims.filter((n) => n !== -1).reduce((a, b) => a * b, 1);
  if (unknown > 1) fail(where, `target_shape ${quote(target)} has more than one -1`);
  const size = shapeSize(input);
  if (size === null) return dims.map((n) => (n === -1 ? null : n));
  if (unknown === 1) {
    if (known === 0 || size % known !== 0) fail(where, `cannot reshape ${quote(input)} into ${quote(target)}`);
    return dims.map((n) => (n === -1 ? size / known : n));
  }
  if (known !== size) fail(where, `cannot reshape ${quote(input)} (${size} values) into ${quote(target)}`);
  return dims;
}

function permute(config: DataObject, input: Shape, where: string): Shape {
  const dims = field(config, 'dims');
  if (!Array.isArray(dims) || dims.length !== input.length) fail(where, `dims ${quote(dims)} must list every axis of ${quote(input)}`);
  const order = dims.map((d) => integerValue(d, where, 'dims entry', 1) - 1);
  if (new Set(order).size !== order.length || order.some((i) => i >= input.length)) fail(where, `dims ${quote(dims)} is not a permutation of the axes`);
  return order.map((i) => input[i]!);
}

function broadcast(inputs: Shape[], where: string): Shape {
  const [first, ...rest] = inputs;
  return rest.reduce((shape, other) => {
    if (other.length !== shape.length) fail(where, `cannot add shapes ${quote(shape)} and ${quote(other)}`);
    return shape.map((n, i) => {
      const m = other[i]!;
      if (n !== null && m !== null && n !== m && n !== 1 && m !== 1) fail(where, `cannot add shapes ${quote(shape)} and ${quote(other)}`);
      if (n === 1 || n === null) return m === 1 ? n : m;
      return n;
    });
  }, first!);
}

function concatenate(config: DataObject, inputs: Shape[], where: string): Shape {
  const [first, ...rest] = inputs;
  const axis = axisIndex(field(config, 'axis'), first!.length, where, 'axis');
  const output = [...first!];
  for (const other of rest) {
    const compatible = other.length === first!.length && other.every((n, i) => i === axis || n === first![i] || n === null || first![i] === null);
    if (!compatible) fail(where, `cannot concatenate shapes ${quote(first)} and ${quote(other)} along axis ${axis + 1}`);
    const a = output[axis]!;
    const b = other[axis]!;
    output[axis] = a === null || b === null ? null : a + b;
  }
  return output;
}

function normalizedAxes(config: DataObject, input: Shape, where: string): Shape {
  const axis = field(config, 'axis');
  const axes = Array.isArray(axis) ? axis : [axis];
  return axes.map((a) => input[axisIndex(a, input.length, where, 'axis')]!);
}

function preluAlpha(config: DataObject, input: Shape, where: string): Shape {
  const shared = field(config, 'shared_axes');
  const axes = isUnset(shared) ? [] : (Array.isArray(shared) ? shared : [shared]).map((a) => axisIndex(a, input.length, where, 'shared_axes'));
  return input.map((n, i) => (axes.includes(i) ? 1 : n));
}

/** The gates of a recurrent cell: its kernel has this many blocks of `units` columns. */
const GATES: Partial<Record<LayerKind, number>> = { 'simple-rnn': 1, lstm: 4, gru: 3 };

function recurrent(kind: LayerKind, config: DataObject, input: Shape, where: string): LayerShapes {
  requireRank(input, 2, where, 'a recurrent layer');
  const units = integerSetting(config, 'units', where);
  const [steps, features] = input as [Dim, Dim];
  return { outputShape: field(config, 'return_sequences') === true ? [steps, units] : [units], weightShape: [features, GATES[kind]! * units] };
}

/** The layer a wrapper (`Bidirectional`, `TimeDistributed`) wraps: its kind and config. */
function wrapped(config: DataObject, where: string): { kind: LayerKind; config: DataObject; className: string } {
  const inner = field(config, 'layer');
  const className = isDataObject(inner) ? field(inner, 'class_name') : undefined;
  const innerConfig = isDataObject(inner) ? field(inner, 'config') : undefined;
  if (typeof className !== 'string' || !isDataObject(innerConfig)) fail(where, 'config has no wrapped layer (layer.class_name, layer.config)');
  const kind = layerKind(className);
  if (kind === undefined) fail(where, `wraps a layer of class ${className}, which hwcost does not know`);
  return { kind, config: innerConfig, className };
}

function bidirectional(config: DataObject, input: Shape, where: string): LayerShapes {
  const inner = wrapped(config, where);
  if (GATES[inner.kind] === undefined) fail(where, `wraps ${inner.className}, not a recurrent layer`);
  const forward = recurrent(inner.kind, inner.config, input, `${where} (${inner.className})`);
  const mode = field(config, 'merge_mode') ?? 'concat';
  const out = [...forward.outputShape];
  if (mode === 'concat') out[out.length - 1] = (out.at(-1) as number) * 2;
  return { outputShape: out, weightShape: forward.weightShape };
}

function timeDistributed(config: DataObject, input: Shape, where: string): LayerShapes {
  const inner = wrapped(config, where);
  if (input.length < 2) fail(where, `expects an input with a time axis, got shape ${quote(input)}`);
  const each = inferShapes(inner.kind, inner.config, [input.slice(1)], `${where} (${inner.className})`);
  return { outputShape: [input[0]!, ...each.outputShape], weightShape: each.weightShape };
}

function garnet(config: DataObject, input: Shape, where: string): LayerShapes {
  requireRank(input, 2, where, 'GarNet');
  const last = (key: string): number => {
    const value = field(config, key);
    const list = Array.isArray(value) ? value : [value];
    return integerValue(key === 'n_filters' ? list.at(-1) : list[0], where, key, 1);
  };
  const filters = last('n_filters');
  const collapse = field(config, 'collapse');
  const collapsed = collapse === 'mean' || collapse === 'sum' || collapse === 'max';
  return { outputShape: collapsed ? [filters] : [input[0]!, filters], weightShape: [input[1]!, last('n_propagate')] };
}

/** Kinds that take several inputs: merges, TensorFlow ops, and GarNet (features plus the vertex count). */
const MULTI_INPUT: ReadonlySet<LayerKind> = new Set<LayerKind>(['add', 'concatenate', 'garnet', 'tf-op']);

/** TensorFlow ops (`TFOpLambda.function`) that work element-wise, so their output has their inputs' broadcast shape. */
const ELEMENTWISE_TF_OPS = new Set([
  '__operators__.add', 'math.add', 'math.add_n', 'math.subtract', 'math.multiply', 'math.truediv', 'math.divide', 'math.maximum', 'math.minimum',
  'math.pow', 'math.square', 'math.sqrt', 'math.rsqrt', 'math.exp', 'math.log', 'math.abs', 'math.negative', 'math.sigmoid', 'math.tanh', 'math.sin',
  'math.cos', 'math.round', 'math.floor', 'math.sign', 'math.reciprocal', 'nn.relu', 'nn.relu6', 'nn.leaky_relu', 'nn.elu', 'nn.selu', 'nn.gelu',
  'nn.softmax', 'nn.sigmoid', 'nn.silu', 'nn.swish', 'clip_by_value', 'cast', 'identity', 'stop_gradient',
]);

function tfOp(config: DataObject, inputs: Shape[], where: string): Shape {
  const fn = field(config, 'function');
  if (typeof fn !== 'string' || !ELEMENTWISE_TF_OPS.has(fn)) fail(where, `TensorFlow op ${quote(fn)} has no shape rule in hwcost`);
  return broadcast(inputs, where);
}

/**
 * Infers a layer's output and kernel shapes from its config and input shapes, as Keras does
 * (channels_last; batch axis excluded; an axis of undefined size stays null). `inputs` is empty for
 * an input layer, has one entry for most layers and several for merges. `where` names the layer in
 * errors.
 */
export function inferShapes(kind: LayerKind, config: DataObject, inputs: Shape[], where: string): LayerShapes {
  if (kind === 'input') {
    const shape = declaredInputShape(config, where);
    if (!shape) fail(where, 'declares no input shape (batch_input_shape or batch_shape)');
    return { outputShape: shape, weightShape: [] };
  }
  if (inputs.length === 0) fail(where, 'has no input');
  if (inputs.length > 1 && !MULTI_INPUT.has(kind)) fail(where, `expects one input, got ${inputs.length}`);
  const input = inputs[0]!;
  switch (kind) {
    case 'add':
      return { outputShape: broadcast(inputs, where), weightShape: [] };
    case 'concatenate':
      return { outputShape: concatenate(config, inputs, where), weightShape: [] };
    case 'tf-op':
      return { outputShape: tfOp(config, inputs, where), weightShape: [] };
    case 'dense': {
      if (input.length === 0) fail(where, 'Dense needs an input of rank 1 or more');
      const units = integerSetting(config, 'units', where);
      return { outputShape: [...input.slice(0, -1), units], weightShape: [input.at(-1)!, units] };
    }
    case 'conv1d':
    case 'conv2d': {
      const rank = kind === 'conv1d' ? 1 : 2;
      const { kernel, spatial, channels } = convolution(config, input, rank, where, rank === 1 ? ['valid', 'same', 'causal'] : ['valid', 'same']);
      const filters = integerSetting(config, 'filters', where);
      const groups = integerSetting(config, 'groups', where, 1);
      if (channels !== null && channels % groups !== 0) fail(where, `${channels} input channels cannot be split into ${groups} groups`);
      return { outputShape: [...spatial, filters], weightShape: [...kernel, channels === null ? null : channels / groups, filters] };
    }
    case 'conv1d-transpose':
      return transposedConvolution(config, input, 1, where);
    case 'conv2d-transpose':
      return transposedConvolution(config, input, 2, where);
    case 'depthwise-conv1d':
    case 'depthwise-conv2d': {
      const { kernel, spatial, channels } = convolution(config, input, kind === 'depthwise-conv1d' ? 1 : 2, where, ['valid', 'same', 'causal']);
      const multiplier = integerSetting(config, 'depth_multiplier', where, 1);
      return { outputShape: [...spatial, channels === null ? null : channels * multiplier], weightShape: [...kernel, channels, multiplier] };
    }
    case 'separable-conv1d':
    case 'separable-conv2d': {
      const { kernel, spatial, channels } = convolution(config, input, kind === 'separable-conv1d' ? 1 : 2, where, ['valid', 'same', 'causal']);
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
      return padded(config, input, 1, where, 1);
    case 'zero-padding2d':
      return padded(config, input, 2, where, 1);
    case 'cropping1d':
      return padded(config, input, 1, where, -1);
    case 'cropping2d':
      return padded(config, input, 2, where, -1);
    case 'upsampling1d':
      return upSampling(config, input, 1, where);
    case 'upsampling2d':
      return upSampling(config, input, 2, where);
    case 'flatten':
      return { outputShape: [shapeSize(input)], weightShape: [] };
    case 'reshape':
      return { outputShape: reshape(config, input, where), weightShape: [] };
    case 'permute':
      return { outputShape: permute(config, input, where), weightShape: [] };
    case 'repeat-vector':
      return { outputShape: [integerSetting(config, 'n', where), ...input], weightShape: [] };
    case 'batch-normalization':
    case 'layer-normalization':
      return { outputShape: [...input], weightShape: normalizedAxes(config, input, where) };
    case 'prelu':
      return { outputShape: [...input], weightShape: preluAlpha(config, input, where) };
    case 'simple-rnn':
    case 'lstm':
    case 'gru':
      return recurrent(kind, config, input, where);
    case 'bidirectional':
      return bidirectional(config, input, where);
    case 'time-distributed':
      return timeDistributed(config, input, where);
    case 'embedding': {
      const dim = integerSetting(config, 'output_dim', where);
      return { outputShape: [...input, dim], weightShape: [integerSetting(config, 'input_dim', where), dim] };
    }
    case 'garnet':
      return garnet(config, input, where);
    case 'data-movement':
      return fail(where, `hwcost reads the shapes of ${kind} layers from ONNX models only`);
    case 'dropout':
    case 'quantizer':
    case 'scale':
    case 'activation':
    case 'softmax':
      return { outputShape: [...input], weightShape: [] };
  }
}
