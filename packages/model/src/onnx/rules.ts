import { HwcostError, quote } from '@hwcost/core';
import type { Dim, Shape } from '../keras/shapes.js';
import { floatAttribute, intAttribute, intsAttribute, stringAttribute, type NodeProto } from './proto.js';
import { numericValues } from './tensor.js';
import { broadcastShapes, concatConstants, elementwise, gatherConstant, MAX_FOLDED, size, sliceConstant, sliceRange, transposeConstant, type Constant } from './values.js';

/** What the import knows of one tensor of the graph. */
export interface OnnxTensor {
  /** Shape in ONNX layout (batch axis first, taken as 1); null for an axis of unknown size. */
  shape?: Shape;
  /** The value, for small constants computed at import (shape arithmetic). */
  constant?: Constant;
  /** Set for a tensor derived from an initializer (a weight): where it comes from and how. */
  weight?: WeightOrigin;
  /** True for an activation in channels-first layout (`[N, C, H, W]`), as ONNX convolutions use. */
  channelsFirst?: boolean;
}

/** A weight tensor's initializer and the transformations since, in the order applied. */
export interface WeightOrigin {
  initializer: string;
  storedShape: number[];
  steps: ({ transpose: number[] } | { reshape: number[] })[];
  /** A QONNX `Quant`/`BipolarQuant` on the weight: its bit width and largest scale. */
  quant?: { bits: number; scale: number; signed: boolean };
}

/** The inputs of a rule: each input tensor (undefined for an omitted optional input). */
export type Inputs = (OnnxTensor | undefined)[];

/** Computes the output tensors of a node from its inputs; throws a HwcostError with the reason when it cannot. */
export type Rule = (node: NodeProto, inputs: Inputs, opset: number) => OnnxTensor[];

const fail = (reason: string): never => {
  throw new HwcostError(reason);
};

/** The input's shape, which the rule needs. */
function shapeOf(inputs: Inputs, i: number, what = 'input'): Shape {
  const shape = inputs[i]?.shape;
  if (!shape) fail(`${what} shape unknown`);
  return shape!;
}

/** The input's value, which the rule needs known at import (a shape, axes, pads…). */
function valueOf(inputs: Inputs, i: number, what: string): number[] {
  const c = inputs[i]?.constant;
  if (!c) fail(`${what} is computed at run time; hwcost needs it constant`);
  return c!.value;
}

const optionalValue = (inputs: Inputs, i: number): number[] | undefined => inputs[i]?.constant?.value;

function axis(value: number, rank: number): number {
  const a = value < 0 ? value + rank : value;
  if (a < 0 || a >= rank) fail(`axis ${value} is out of range for rank ${rank}`);
  return a;
}

const mul = (a: Dim, b: Dim): Dim => (a === null || b === null ? null : a * b);
const product = (shape: Shape): Dim => shape.reduce<Dim>((a, b) => mul(a, b), 1);

/** Keeps the input's shape (and its layout): activations, normalisations, quantizers. */
const same: Rule = (_node, inputs) => [{ shape: shapeOf(inputs, 0), channelsFirst: inputs[0]?.channelsFirst ?? false }];

/** Element-wise with numpy broadcasting. */
const broadcast: Rule = (_node, inputs) => {
  const present = inputs.filter((t): t is OnnxTensor => t !== undefined);
  let shape: Shape = [];
  for (const [i, t] of present.entries()) {
    const next = broadcastShapes(shape, shapeOf(present, i));
    if (!next) fail(`cannot broadcast shapes ${quote(shape)} and ${quote(t.shape)}`);
    shape = next!;
  }
  // Channels-first layout carries over from an activation, not from a constant operand.
  const activation = present.find((t) => !t.constant && !t.weight && (t.shape?.length ?? 0) === shape.length);
  return [{ shape, channelsFirst: activation?.channelsFirst ?? false }];
};

/** One spatial axis of a window (convolution or pooling), with ONNX's padding rules. */
function window(n: Dim, kernel: number, stride: number, dilation: number, padBegin: number, padEnd: number, autoPad: string, ceil: boolean): Dim {
  if (n === null) return null;
  const extent = dilation * (kernel - 1) + 1;
  if (autoPad === 'SAME_UPPER' || autoPad === 'SAME_LOWER') return Math.ceil(n / stride);
  if (autoPad === 'VALID') return Math.max(0, Math.floor((n - extent) / stride) + 1);
  const span = (n + padBegin + padEnd - extent) / stride;
  return Math.max(0, (ceil ? Math.ceil(span) : Math.floor(span)) + 1);
}

/** Spatial output sizes of a convolution or pooling window over `spatial`. */
function windowed(node: NodeProto, spatial: Shape, kernel: number[], isPool: boolean): Shape {
  const rank = spatial.length;
  const strides = intsAttribute(node, 'strides') ?? Array<number>(rank).fill(1);
  const dilations = intsAttribute(node, 'dilations') ?? Array<number>(rank).fill(1);
  const pads = intsAttribute(node, 'pads') ?? Array<number>(2 * rank).fill(0);
  const autoPad = stringAttribute(node, 'auto_pad', 'NOTSET');
  const ceil = isPool && intAttribute(node, 'ceil_mode', 0) === 1;
  return spatial.map((n, i) => window(n, kernel[i]!, strides[i] ?? 1, dilations[i] ?? 1, pads[i] ?? 0, pads[i + rank] ?? 0, autoPad, ceil));
}

/** Domain of QONNX's channels-last operators: activations `[N, H, W, C]`, weights `[F, kh, kw, C/g]`. */
export const CHANNELS_LAST_DOMAIN = 'qonnx.custom_op.channels_last';

const conv: Rule = (node, inputs) => {
  const x = shapeOf(inputs, 0);
  const w = shapeOf(inputs, 1, 'weight');
  const last = node.domain === CHANNELS_LAST_DOMAIN;
  if (x.length < 3 || w.length !== x.length) fail(`Conv input ${quote(x)} and weight ${quote(w)} do not match`);
  const spatial = last ? x.slice(1, -1) : x.slice(2);
  const kernel = intsAttribute(node, 'kernel_shape') ?? ((last ? w.slice(1, -1) : w.slice(2)) as number[]);
  const out = windowed(node, spatial, kernel, false);
  return [{ shape: last ? [x[0]!, ...out, w[0]!] : [x[0]!, w[0]!, ...out], channelsFirst: !last }];
};

const convTranspose: Rule = (node, inputs) => {
  const x = shapeOf(inputs, 0);
  const w = shapeOf(inputs, 1, 'weight');
  const group = intAttribute(node, 'group', 1);
  const spatial = x.slice(2);
  const rank = spatial.length;
  const kernel = intsAttribute(node, 'kernel_shape') ?? (w.slice(2) as number[]);
  const filters = mul(w[1]!, group);
  const explicit = intsAttribute(node, 'output_shape');
  if (explicit && explicit.length > 0) return [{ shape: [x[0]!, filters, ...explicit.slice(-rank)], channelsFirst: true }];
  const strides = intsAttribute(node, 'strides') ?? Array<number>(rank).fill(1);
  const dilations = intsAttribute(node, 'dilations') ?? Array<number>(rank).fill(1);
  const pads = intsAttribute(node, 'pads') ?? Array<number>(2 * rank).fill(0);
  const outputPadding = intsAttribute(node, 'output_padding') ?? Array<number>(rank).fill(0);
  const autoPad = stringAttribute(node, 'auto_pad', 'NOTSET');
  const out = spatial.map((n, i) => {
    if (n === null) return null;
    if (autoPad === 'SAME_UPPER' || autoPad === 'SAME_LOWER') return n * strides[i]!;
    return strides[i]! * (n - 1) + outputPadding[i]! + (kernel[i]! - 1) * dilations[i]! + 1 - pads[i]! - pads[i + rank]!;
  });
  return [{ shape: [x[0]!, filters, ...out], channelsFirst: true }];
};

const pool: Rule = (node, inputs) => {
  const x = shapeOf(inputs, 0);
  const last = node.domain === CHANNELS_LAST_DOMAIN;
  const kernel = intsAttribute(node, 'kernel_shape') ?? fail('pooling has no kernel_shape');
  const out = windowed(node, last ? x.slice(1, -1) : x.slice(2), kernel!, true);
  return [{ shape: last ? [x[0]!, ...out, x.at(-1)!] : [x[0]!, x[1]!, ...out], channelsFirst: !last }];
};

const globalPool: Rule = (node, inputs) => {
  const x = shapeOf(inputs, 0);
  const last = node.domain === CHANNELS_LAST_DOMAIN;
  const ones = Array<number>(x.length - 2).fill(1);
  return [{ shape: last ? [x[0]!, ...ones, x.at(-1)!] : [x[0]!, x[1]!, ...ones], channelsFirst: !last }];
};

const gemm: Rule = (node, inputs) => {
  const a = shapeOf(inputs, 0);
  const b = shapeOf(inputs, 1, 'weight');
  if (a.length !== 2 || b.length !== 2) fail(`Gemm needs 2-D operands, got ${quote(a)} and ${quote(b)}`);
  const m = intAttribute(node, 'transA', 0) ? a[1]! : a[0]!;
  const n = intAttribute(node, 'transB', 0) ? b[0]! : b[1]!;
  return [{ shape: [m, n] }];
};

const matmul: Rule = (_node, inputs) => {
  const a = shapeOf(inputs, 0);
  const b = shapeOf(inputs, 1);
  const left = a.length === 1 ? [1, a[0]!] : a;
  const right = b.length === 1 ? [b[0]!, 1] : b;
  const batch = broadcastShapes(left.slice(0, -2), right.slice(0, -2)) ?? fail(`cannot multiply shapes ${quote(a)} and ${quote(b)}`);
  const shape = [...batch!, ...(a.length === 1 ? [] : [left.at(-2)!]), ...(b.length === 1 ? [] : [right.at(-1)!])];
  return [{ shape }];
};

const flatten: Rule = (node, inputs) => {
  const x = shapeOf(inputs, 0);
  const at = intAttribute(node, 'axis', 1);
  const split = at < 0 ? at + x.length : at;
  return [{ shape: [product(x.slice(0, split)), product(x.slice(split))] }];
};

const reshape: Rule = (node, inputs, opset) => {
  const x = shapeOf(inputs, 0);
  const target = opset >= 5 ? valueOf(inputs, 1, 'the target shape') : (intsAttribute(node, 'shape') ?? fail('Reshape has no shape'))!;
  const allowZero = intAttribute(node, 'allowzero', 0) === 1;
  const dims: Dim[] = target.map((d, i) => (d === 0 && !allowZero ? (x[i] ?? fail(`Reshape copies axis ${i}, which the input lacks`)) : d));
  const unknownAt = dims.indexOf(-1);
  if (unknownAt < 0) return [{ shape: dims }];
  const known = dims.filter((_d, i) => i !== unknownAt).reduce<Dim>((a, b) => mul(a, b), 1);
  const total = product(x);
  dims[unknownAt] = total === null || known === null || known === 0 ? null : total / known;
  if (dims[unknownAt] !== null && !Number.isInteger(dims[unknownAt])) fail(`cannot reshape ${quote(x)} into ${quote(target)}`);
  return [{ shape: dims }];
};

const transpose: Rule = (node, inputs) => {
  const x = shapeOf(inputs, 0);
  const perm = intsAttribute(node, 'perm') ?? x.map((_d, i) => x.length - 1 - i);
  return [{ shape: perm.map((p) => x[p]!) }];
};

/** Axes from the `axes` attribute (older opsets) or the second input (opset 13 on). */
function axesOf(node: NodeProto, inputs: Inputs, rank: number, inputIndex = 1): number[] | undefined {
  const values = intsAttribute(node, 'axes') ?? optionalValue(inputs, inputIndex);
  if (values === undefined && inputs[inputIndex] !== undefined) fail('axes are computed at run time; hwcost needs them constant');
  return values?.map((a) => axis(a, rank));
}

const squeeze: Rule = (node, inputs) => {
  const x = shapeOf(inputs, 0);
  const axes = axesOf(node, inputs, x.length) ?? x.flatMap((d, i) => (d === 1 ? [i] : []));
  return [{ shape: x.filter((_d, i) => !axes.includes(i)) }];
};

const unsqueeze: Rule = (node, inputs) => {
  const x = shapeOf(inputs, 0);
  const raw = intsAttribute(node, 'axes') ?? valueOf(inputs, 1, 'the axes');
  const rank = x.length + raw.length;
  const axes = raw.map((a) => axis(a, rank));
  const shape: Shape = [];
  let next = 0;
  for (let i = 0; i < rank; i++) shape.push(axes.includes(i) ? 1 : x[next++]!);
  return [{ shape }];
};

const concat: Rule = (node, inputs) => {
  const shapes = inputs.map((_t, i) => shapeOf(inputs, i));
  const at = axis(intAttribute(node, 'axis', 0), shapes[0]!.length);
  const shape = [...shapes[0]!];
  shape[at] = shapes.reduce<Dim>((a, s) => (a === null || s[at] === null ? null : a + s[at]!), 0);
  const activation = inputs.find((t) => !t?.constant && !t?.weight);
  return [{ shape, channelsFirst: activation?.channelsFirst ?? false }];
};

const pad: Rule = (node, inputs, opset) => {
  const x = shapeOf(inputs, 0);
  const pads = opset >= 11 ? valueOf(inputs, 1, 'the pads') : (intsAttribute(node, 'pads') ?? fail('Pad has no pads'))!;
  const axes = optionalValue(inputs, 3)?.map((a) => axis(a, x.length)) ?? x.map((_d, i) => i);
  const shape = [...x];
  axes.forEach((a, i) => (shape[a] = shape[a] === null ? null : shape[a]! + pads[i]! + pads[i + axes.length]!));
  return [{ shape, channelsFirst: inputs[0]?.channelsFirst ?? false }];
};

const resize: Rule = (node, inputs, opset) => {
  const x = shapeOf(inputs, 0);
  const sizes = opset >= 11 ? optionalValue(inputs, 3) : undefined;
  const scales = node.opType === 'Upsample' ? (opset >= 9 ? optionalValue(inputs, 1) : intsAttribute(node, 'scales')) : optionalValue(inputs, opset >= 11 ? 2 : 1);
  let shape: Shape;
  if (sizes && sizes.length === x.length) shape = sizes;
  else if (scales && scales.length === x.length) shape = x.map((d, i) => (d === null ? null : Math.floor(d * scales[i]!)));
  else return fail('the output size is computed at run time; hwcost needs it constant');
  return [{ shape: shape!, channelsFirst: inputs[0]?.channelsFirst ?? false }];
};

const slice: Rule = (node, inputs, opset) => {
  const x = shapeOf(inputs, 0);
  const starts = opset >= 10 ? valueOf(inputs, 1, 'the starts') : intsAttribute(node, 'starts')!;
  const ends = opset >= 10 ? valueOf(inputs, 2, 'the ends') : intsAttribute(node, 'ends')!;
  const axes = (opset >= 10 ? optionalValue(inputs, 3) : intsAttribute(node, 'axes')) ?? starts.map((_s, i) => i);
  const steps = (opset >= 10 ? optionalValue(inputs, 4) : undefined) ?? starts.map(() => 1);
  const shape = [...x];
  axes.forEach((raw, i) => {
    const a = axis(raw, x.length);
    const n = x[a];
    shape[a] = n === null || n === undefined ? null : sliceRange(n, starts[i]!, ends[i]!, steps[i]!).length;
  });
  return [{ shape, channelsFirst: inputs[0]?.channelsFirst ?? false }];
};

const split: Rule = (node, inputs, opset) => {
  const x = shapeOf(inputs, 0);
  const at = axis(intAttribute(node, 'axis', 0), x.length);
  const outputs = (node.output ?? []).length;
  const n = x[at];
  const parts = (opset >= 13 ? optionalValue(inputs, 1) : intsAttribute(node, 'split')) ?? (n === null || n === undefined ? Array<null>(outputs).fill(null) : Array<number>(outputs).fill(n / outputs));
  return parts.map((p) => {
    const shape = [...x];
    shape[at] = p;
    return { shape, channelsFirst: inputs[0]?.channelsFirst ?? false };
  });
};

const gather: Rule = (node, inputs) => {
  const data = shapeOf(inputs, 0);
  const indices = shapeOf(inputs, 1, 'indices');
  const at = axis(intAttribute(node, 'axis', 0), data.length);
  return [{ shape: [...data.slice(0, at), ...indices, ...data.slice(at + 1)] }];
};

const reduce: Rule = (node, inputs, opset) => {
  const x = shapeOf(inputs, 0);
  const fromInput = (node.opType === 'ReduceSum' && opset >= 13) || opset >= 18;
  const axes = (fromInput ? optionalValue(inputs, 1) : intsAttribute(node, 'axes'))?.map((a) => axis(a, x.length)) ?? x.map((_d, i) => i);
  const keep = intAttribute(node, 'keepdims', 1) === 1;
  return [{ shape: keep ? x.map((d, i) => (axes.includes(i) ? 1 : d)) : x.filter((_d, i) => !axes.includes(i)) }];
};

const argReduce: Rule = (node, inputs) => {
  const x = shapeOf(inputs, 0);
  const at = axis(intAttribute(node, 'axis', 0), x.length);
  return [{ shape: intAttribute(node, 'keepdims', 1) === 1 ? x.map((d, i) => (i === at ? 1 : d)) : x.filter((_d, i) => i !== at) }];
};

const expand: Rule = (_node, inputs) => {
  const shape = broadcastShapes(shapeOf(inputs, 0), valueOf(inputs, 1, 'the target shape')) ?? fail('cannot expand to the target shape');
  return [{ shape: shape!, channelsFirst: inputs[0]?.channelsFirst ?? false }];
};

const tile: Rule = (_node, inputs) => {
  const repeats = valueOf(inputs, 1, 'the repeats');
  return [{ shape: shapeOf(inputs, 0).map((d, i) => mul(d, repeats[i] ?? 1)) }];
};

/** Recurrent layers: `X [T, N, I]` (or batch first with `layout` 1), `W [D, gates·H, I]`. */
const recurrent: Rule = (node, inputs) => {
  const x = shapeOf(inputs, 0);
  const w = shapeOf(inputs, 1, 'weight');
  const hidden = intAttribute(node, 'hidden_size', 0) || fail('no hidden_size');
  const directions = w[0]!;
  const batchFirst = intAttribute(node, 'layout', 0) === 1;
  const [steps, batch] = batchFirst ? [x[1]!, x[0]!] : [x[0]!, x[1]!];
  const y: Shape = batchFirst ? [batch, steps, directions, hidden] : [steps, directions, batch, hidden];
  const state: Shape = batchFirst ? [batch, directions, hidden] : [directions, batch, hidden];
  return [{ shape: y }, { shape: state }, { shape: state }];
};

const depthToSpace: Rule = (node, inputs) => {
  const [n, c, h, w] = shapeOf(inputs, 0);
  const b = intAttribute(node, 'blocksize', 1);
  const up = node.opType === 'DepthToSpace';
  const scale = (d: Dim | undefined, f: (v: number) => number): Dim => (d === null || d === undefined ? null : f(d));
  return [
    {
      shape: [n!, scale(c, (v) => (up ? v / (b * b) : v * b * b)), scale(h, (v) => (up ? v * b : v / b)), scale(w, (v) => (up ? v * b : v / b))],
      channelsFirst: true,
    },
  ];
};

/** A rule read on some inputs only: quantized operators put scales and zero points between data and weight. */
const onInputs =
  (rule: Rule, indices: readonly number[]): Rule =>
  (node, inputs, opset) =>
    rule(node, indices.map((i) => inputs[i]), opset);

/** Shape rules by ONNX operator (default domain, and the QONNX and channels-last operators). */
export const RULES: Readonly<Record<string, Rule>> = Object.freeze({
  Conv: conv,
  ConvInteger: conv,
  QLinearConv: onInputs(conv, [0, 3]),
  QLinearMatMul: onInputs(matmul, [0, 3]),
  ConvTranspose: convTranspose,
  MaxPool: pool,
  AveragePool: pool,
  LpPool: pool,
  GlobalAveragePool: globalPool,
  GlobalMaxPool: globalPool,
  GlobalLpPool: globalPool,
  Gemm: gemm,
  MatMul: matmul,
  MatMulInteger: matmul,
  Flatten: flatten,
  Reshape: reshape,
  Transpose: transpose,
  Squeeze: squeeze,
  Unsqueeze: unsqueeze,
  Concat: concat,
  Pad: pad,
  Resize: resize,
  Upsample: resize,
  Slice: slice,
  Split: split,
  Gather: gather,
  ReduceMean: reduce,
  ReduceMax: reduce,
  ReduceMin: reduce,
  ReduceSum: reduce,
  ReduceProd: reduce,
  ReduceL1: reduce,
  ReduceL2: reduce,
  ArgMax: argReduce,
  ArgMin: argReduce,
  Expand: expand,
  Tile: tile,
  LSTM: recurrent,
  GRU: recurrent,
  RNN: recurrent,
  DepthToSpace: depthToSpace,
  SpaceToDepth: depthToSpace,
  ...Object.fromEntries(
    [
      'Relu', 'Sigmoid', 'Tanh', 'Softmax', 'LogSoftmax', 'LeakyRelu', 'Elu', 'Selu', 'Softplus', 'Softsign', 'HardSigmoid', 'HardSwish',
      'ThresholdedRelu', 'Clip', 'Gelu', 'Erf', 'Exp', 'Log', 'Abs', 'Neg', 'Sqrt', 'Reciprocal', 'Floor', 'Ceil', 'Round', 'Sign', 'Identity',
      'Dropout', 'Cast', 'Quant', 'BipolarQuant', 'Trunc', 'QuantizeLinear', 'DequantizeLinear', 'BatchNormalization', 'InstanceNormalization',
      'LpNormalization', 'LRN', 'PRelu', 'Mish', 'Celu', 'Not', 'LayerNormalization', 'MultiThreshold', 'Sin', 'Cos',
    ].map((op) => [op, same]),
  ),
  ...Object.fromEntries(
    ['Add', 'Sub', 'Mul', 'Div', 'Pow', 'Max', 'Min', 'Sum', 'Mean', 'Equal', 'Greater', 'Less', 'GreaterOrEqual', 'LessOrEqual', 'And', 'Or', 'Xor', 'Where', 'Mod'].map(
      (op) => [op, broadcast],
    ),
  ),
});

const integerBinary: Readonly<Record<string, (a: number, b: number) => number>> = {
  Add: (a, b) => a + b,
  Sub: (a, b) => a - b,
  Mul: (a, b) => a * b,
  Div: (a, b) => a / b,
  Pow: (a, b) => a ** b,
  Mod: (a, b) => a % b,
  Max: Math.max,
  Min: Math.min,
  Equal: (a, b) => Number(a === b),
  Greater: (a, b) => Number(a > b),
  Less: (a, b) => Number(a < b),
  GreaterOrEqual: (a, b) => Number(a >= b),
  LessOrEqual: (a, b) => Number(a <= b),
  And: (a, b) => Number(Boolean(a) && Boolean(b)),
  Or: (a, b) => Number(Boolean(a) || Boolean(b)),
};

const unary: Readonly<Record<string, (a: number) => number>> = {
  Neg: (a) => -a,
  Abs: Math.abs,
  Floor: Math.floor,
  Ceil: Math.ceil,
  Round: Math.round,
  Sqrt: Math.sqrt,
  Reciprocal: (a) => 1 / a,
  Not: (a) => Number(!a),
  Relu: (a) => Math.max(0, a),
  Sign: Math.sign,
  Identity: (a) => a,
};

/** ONNX `Cast` targets that hold integers: int8…int64, uint8…uint64, bool. */
const INTEGER_TYPES = new Set([2, 3, 4, 5, 6, 7, 9, 12, 13]);

/**
 * Computes a node whose inputs are all small constants (the shape arithmetic exporters emit:
 * Shape, Gather, Concat, Slice, Cast, ConstantOfShape, Reshape, arithmetic); undefined for an
 * operator it does not compute, or a result too large to be shape arithmetic.
 */
export function fold(node: NodeProto, constants: (Constant | undefined)[], inputs: Inputs, opset: number): Constant | undefined {
  const op = node.opType ?? '';
  const [first, second] = constants;
  const integer = constants.every((c) => c === undefined || c.integer);
  if (op in integerBinary && first && second) {
    const f = integerBinary[op]!;
    return elementwise([first, second], integer && op === 'Div' ? (a, b) => Math.trunc(a / b) : f, integer || op in { Equal: 1, Greater: 1, Less: 1, GreaterOrEqual: 1, LessOrEqual: 1, And: 1, Or: 1 });
  }
  if ((op === 'Max' || op === 'Min' || op === 'Sum') && constants.every((c) => c !== undefined)) {
    const f = op === 'Max' ? Math.max : op === 'Min' ? Math.min : (...v: number[]) => v.reduce((a, b) => a + b, 0);
    return elementwise(constants as Constant[], f, integer);
  }
  if (op in unary && first) return elementwise([first], unary[op]!, integer);
  if (op === 'Where' && constants.length === 3 && constants.every((c) => c !== undefined)) return elementwise(constants as Constant[], (c, a, b) => (c ? a : b), constants[1]!.integer);
  if (op === 'Cast' && first) {
    const to = intAttribute(node, 'to', 1);
    return INTEGER_TYPES.has(to) ? { ...first, value: first.value.map(Math.trunc), integer: true } : { ...first, integer: false };
  }
  if (op === 'Gather' && first && second) return gatherConstant(first, second, axis(intAttribute(node, 'axis', 0), first.shape.length));
  if (op === 'Concat' && constants.every((c) => c !== undefined)) return concatConstants(constants as Constant[], axis(intAttribute(node, 'axis', 0), first!.shape.length));
  if (op === 'Transpose' && first) return transposeConstant(first, intsAttribute(node, 'perm') ?? first.shape.map((_d, i) => first.shape.length - 1 - i));
  if (op === 'ConstantOfShape' && first) {
    const shape = first.value;
    if (size(shape) > MAX_FOLDED) return undefined;
    const fill = (node.attribute ?? []).find((a) => a.name === 'value')?.t;
    const value = fill ? (numericValues(fill, 1, 'ConstantOfShape value')[0] ?? 0) : 0;
    return { shape, value: Array<number>(size(shape)).fill(value), integer: fill ? INTEGER_TYPES.has(fill.dataType ?? 1) : false };
  }
  if (op === 'Range' && constants.length === 3 && constants.every((c) => c !== undefined)) {
    const [start, limit, delta] = (constants as Constant[]).map((c) => c.value[0]!);
    const n = Math.max(Math.ceil((limit! - start!) / delta!), 0);
    return n > MAX_FOLDED ? undefined : { shape: [n], value: Array.from({ length: n }, (_v, i) => start! + i * delta!), integer };
  }
  if (op === 'Slice' && first) {
    const [output] = slice(node, inputs, opset);
    const starts = opset >= 10 ? constants[1]?.value : intsAttribute(node, 'starts');
    const ends = opset >= 10 ? constants[2]?.value : intsAttribute(node, 'ends');
    if (!starts || !ends) return undefined;
    const axes = (opset >= 10 ? constants[3]?.value : intsAttribute(node, 'axes')) ?? starts.map((_s, i) => i);
    const steps = (opset >= 10 ? constants[4]?.value : undefined) ?? starts.map(() => 1);
    const kept = first.shape.map((n) => Array.from({ length: n }, (_v, i) => i));
    axes.forEach((raw, i) => {
      const a = axis(raw, first.shape.length);
      kept[a] = sliceRange(first.shape[a]!, starts[i]!, ends[i]!, steps[i]!);
    });
    return output?.shape ? sliceConstant(first, kept) : undefined;
  }
  if ((op === 'ReduceProd' || op === 'ReduceSum') && first && first.shape.length <= 1) {
    const value = op === 'ReduceProd' ? first.value.reduce((a, b) => a * b, 1) : first.value.reduce((a, b) => a + b, 0);
    return { shape: intAttribute(node, 'keepdims', 1) === 1 ? first.shape.map(() => 1) : [], value: [value], integer: first.integer };
  }
  if (op === 'Size' && inputs[0]?.shape) {
    const total = product(inputs[0].shape);
    return total === null ? undefined : { shape: [], value: [total], integer: true };
  }
  if (['Reshape', 'Flatten', 'Squeeze', 'Unsqueeze', 'Identity', 'Expand'].includes(op) && first) {
    const [output] = RULES[op]!(node, inputs, opset);
    const shape = output?.shape;
    if (!shape || shape.some((d) => d === null) || size(shape as number[]) > MAX_FOLDED) return undefined;
    if (op === 'Expand') return elementwise([first, { shape: shape as number[], value: Array<number>(size(shape as number[])).fill(0), integer: true }], (a) => a, first.integer);
    return { shape: shape as number[], value: first.value, integer: first.integer };
  }
  return undefined;
}

/** The value of a `Constant` node's attribute (`value_int(s)`, `value_float(s)`), when not a tensor. */
export function constantAttribute(node: NodeProto): Constant | undefined {
  for (const a of node.attribute ?? []) {
    if (a.name === 'value_int') return { shape: [], value: [intAttribute(node, 'value_int', 0)], integer: true };
    if (a.name === 'value_ints') return { shape: [(a.ints ?? []).length], value: intsAttribute(node, 'value_ints')!, integer: true };
    if (a.name === 'value_float') return { shape: [], value: [floatAttribute(node, 'value_float', 0)], integer: false };
    if (a.name === 'value_floats') return { shape: [(a.floats ?? []).length], value: [...(a.floats ?? [])], integer: false };
  }
  return undefined;
}
