import { errorMessage, isHwcostError, layerAttributes, type LayerAttributes, layerKind } from '@hwcost/core';
import { dataObject } from '../io/data.js';
import { isKnown, type Shape } from '../keras/shapes.js';
import type { Quantizer } from '../keras/qkeras.js';
import type { ModelLayer } from '../types.js';
import type { LayoutStep } from '../weights/layout.js';
import { intAttribute, type NodeProto } from './proto.js';
import { readsChannelsFirst, type AnalyzedNode, type OnnxGraph } from './graph.js';
import { CHANNELS_LAST_DOMAIN, type OnnxTensor, type WeightOrigin } from './rules.js';

/** A layer's kernel: which initializer, and the steps from its stored layout to Keras's. */
export interface OnnxKernel {
  initializer: string;
  storedShape: number[];
  steps: LayoutStep[];
}

/** An imported ONNX layer: the model layer, and where its kernel is in the file. */
export interface OnnxLayer {
  layer: ModelLayer;
  kernel?: OnnxKernel;
}

/** Nodes that only pass data on at inference: no layer, their output is their input. */
const PASS_THROUGH = new Set(['Identity', 'Dropout', 'Cast']);

/** hls4ml class names of ONNX operators that need nothing beyond their input (activations, plumbing). */
const SIMPLE_CLASSES: Readonly<Record<string, string>> = {
  Relu: 'Activation', Sigmoid: 'Activation', Tanh: 'Activation', Elu: 'Activation', Selu: 'Activation', Softplus: 'Activation', Softsign: 'Activation',
  HardSigmoid: 'Activation', HardSwish: 'Activation', Clip: 'Activation', Gelu: 'Activation', Erf: 'Activation', Exp: 'Activation', Mish: 'Activation',
  Celu: 'Activation', Abs: 'Activation', Neg: 'Activation', Sqrt: 'Activation', Reciprocal: 'Activation', Log: 'Activation', Sign: 'Activation',
  LeakyRelu: 'LeakyReLU', ThresholdedRelu: 'ThresholdedReLU', Softmax: 'Softmax', LogSoftmax: 'Softmax',
  Flatten: 'Flatten', Reshape: 'Reshape', Squeeze: 'Reshape', Unsqueeze: 'Reshape', Transpose: 'Transpose', Concat: 'Concatenate',
  Quant: 'Quant', BipolarQuant: 'BipolarQuant', Trunc: 'Trunc', QuantizeLinear: 'QuantizeLinear', DequantizeLinear: 'DequantizeLinear', MultiThreshold: 'MultiThreshold',
  Slice: 'Slice', Split: 'Split', Expand: 'Expand', Tile: 'Tile', DepthToSpace: 'DepthToSpace', SpaceToDepth: 'SpaceToDepth',
};

/** hls4ml class names of element-wise merges of two or more activations. */
const MERGES: Readonly<Record<string, string>> = { Add: 'Add', Sum: 'Add', Sub: 'Subtract', Mul: 'Multiply', Max: 'Maximum', Min: 'Minimum', Mean: 'Average' };

/** Operators whose class depends on their rank, weights or inputs, for the README (the rest are {@link SIMPLE_CLASSES}). */
const DERIVED_CLASSES: readonly (readonly [string, string])[] = [
  ['Gemm, MatMul (+ Add of a bias), MatMulInteger, QLinearMatMul with a constant weight', 'Dense'],
  ['Conv, ConvInteger, QLinearConv', 'Conv1D, Conv2D; DepthwiseConv1D/2D when grouped per channel'],
  ['ConvTranspose', 'Conv1DTranspose, Conv2DTranspose'],
  ['LSTM, GRU, RNN', 'LSTM, GRU, SimpleRNN'],
  ['BatchNormalization, InstanceNormalization', 'BatchNormalization'],
  ['LayerNormalization', 'LayerNormalization'],
  ['PRelu', 'PReLU'],
  ['MaxPool, AveragePool', 'MaxPooling1D/2D, AveragePooling1D/2D'],
  ['GlobalAveragePool, GlobalMaxPool (and ReduceMean, ReduceMax)', 'GlobalAveragePooling1D/2D, GlobalMaxPooling1D/2D'],
  ['Pad', 'ZeroPadding1D/2D'],
  ['Resize, Upsample', 'UpSampling1D/2D'],
  ['Add, Sum, Sub, Mul, Max, Min, Mean of activations', 'Add, Subtract, Multiply, Maximum, Minimum, Average'],
  ['Add, Sub, Mul, Div by a constant', 'ApplyAlpha'],
  ['Gather of a constant table', 'Embedding'],
  ['Identity, Dropout, Cast', '(no layer: passed through)'],
  ['Constant, Shape and the arithmetic on constants', '(no layer: computed at import)'],
];

/** ONNX operators and the hls4ml class each is imported as, for the README's list of inputs. */
export function onnxOperatorClasses(): (readonly [string, string])[] {
  const simple = new Map<string, string[]>();
  for (const [op, cls] of Object.entries(SIMPLE_CLASSES)) simple.set(cls, [...(simple.get(cls) ?? []), op]);
  return [...DERIVED_CLASSES, ...[...simple].map(([cls, ops]) => [ops.join(', '), cls] as const)];
}

/**
 * A shape in Keras layout: batch axis dropped, channels last (for a channels-first activation, or
 * any input of an operator that reads channels first). Undefined when not fully known.
 */
function kerasShape(tensor: OnnxTensor | undefined, channelsFirst = tensor?.channelsFirst ?? false): number[] | undefined {
  const shape = tensor?.shape;
  if (!shape || !isKnown(shape) || shape.length === 0) return undefined;
  return channelsFirst && shape.length >= 3 ? [...shape.slice(2), shape[1]!] : shape.slice(1);
}

/** Layer name: the weight initializer without its trailing `.weight` (the PyTorch module path), else the node's name. */
function weightName(origin: WeightOrigin | undefined): string | undefined {
  return origin?.initializer.replace(/\.weight$/, '');
}

/** The QKeras-equivalent quantizer of a QONNX `Quant`/`BipolarQuant` on a weight, for the weight precision. */
function quantizer(origin: WeightOrigin | undefined): Quantizer | undefined {
  const quant = origin?.quant;
  if (!quant) return undefined;
  const config = dataObject();
  if (quant.bits === 1) return { className: 'binary', config };
  config.bits = quant.bits;
  // A power-of-two scale 2^e makes the values fixed-point with bits + e integer bits (sign included), as hls4ml converts it.
  const exponent = Math.log2(quant.scale);
  config.integer = Number.isInteger(exponent) ? Math.min(quant.bits, Math.max(0, quant.bits + exponent - 1)) : quant.bits;
  return { className: 'quantized_bits', config };
}

/** What a weighted node is in Keras terms: its class, and the steps from its weight input to the Keras kernel. */
interface Weighted {
  className: string;
  steps: LayoutStep[];
  weightShape: number[];
}

function range(n: number, from = 0): number[] {
  return Array.from({ length: n }, (_v, i) => from + i);
}

/** A convolution's class and kernel layout: Keras wants `[...k, in/groups, filters]`, depthwise `[...k, in, multiplier]`. */
function convolution(node: NodeProto, input: Shape, weight: number[]): Weighted {
  const last = node.domain === CHANNELS_LAST_DOMAIN;
  const rank = weight.length - 2;
  const name = rank === 1 ? '1D' : rank === 2 ? '2D' : `${rank}D`;
  const group = intAttribute(node, 'group', 1);
  const channels = (last ? input.at(-1) : input[1]) ?? null;
  const filters = weight[0]!;
  const kernel = last ? weight.slice(1, -1) : weight.slice(2);
  const kernelAxes = last ? range(rank, 1) : range(rank, 2);
  if (group > 1 && channels === group && filters % group === 0) {
    const multiplier = filters / group;
    // [C·m, 1, ...k] (or [C·m, ...k, 1]) is [C, m, ...k] reshaped; Keras wants [...k, C, m].
    return {
      className: `DepthwiseConv${name}`,
      steps: [{ reshape: [group, multiplier, ...kernel] }, { transpose: [...range(rank, 2), 0, 1] }],
      weightShape: [...kernel, group, multiplier],
    };
  }
  const inAxis = last ? rank + 1 : 1;
  return { className: `Conv${name}`, steps: [{ transpose: [...kernelAxes, inAxis, 0] }], weightShape: [...kernel, weight[inAxis]!, filters] };
}

/** Dense from Gemm or MatMul with a constant weight: Keras wants `[in, out]`. */
function dense(node: NodeProto, weight: number[]): Weighted | undefined {
  if (weight.length !== 2) return undefined;
  const transposed = node.opType === 'Gemm' && intAttribute(node, 'transB', 0) === 1;
  return { className: 'Dense', steps: transposed ? [{ transpose: [1, 0] }] : [], weightShape: transposed ? [weight[1]!, weight[0]!] : weight };
}

/** The class and kernel of a node whose second input is a weight, or undefined when it is not a weighted layer. */
function weighted(node: NodeProto, input: Shape | undefined, weight: number[]): Weighted | undefined {
  switch (node.opType) {
    case 'Gemm':
    case 'MatMul':
    case 'MatMulInteger':
    case 'QLinearMatMul':
      return dense(node, weight);
    case 'Conv':
    case 'ConvInteger':
    case 'QLinearConv':
      return input ? convolution(node, input, weight) : undefined;
    case 'ConvTranspose': {
      const rank = weight.length - 2;
      const group = intAttribute(node, 'group', 1);
      return {
        className: `Conv${rank}DTranspose`,
        steps: [{ transpose: [...range(rank, 2), 1, 0] }],
        weightShape: [...weight.slice(2), weight[1]! * group, weight[0]!],
      };
    }
    case 'LSTM':
    case 'GRU':
    case 'RNN': {
      const className = node.opType === 'RNN' ? 'SimpleRNN' : node.opType;
      // W [directions, gates·H, in]: the forward direction, transposed to [in, gates·H].
      if (weight[0] !== 1) return { className: 'Bidirectional', steps: [], weightShape: [] };
      return { className, steps: [{ reshape: weight.slice(1) }, { transpose: [1, 0] }], weightShape: [weight[2]!, weight[1]!] };
    }
    default:
      return undefined;
  }
}

/**
 * The layer class of a node without a weight kernel of its own: activations and plumbing by
 * name, merges of several activations, scalings by constants (`ApplyAlpha`), pooling and padding by
 * rank, normalisations. Undefined for an operator hwcost does not know.
 */
function simpleClass(node: NodeProto, activations: number, rank: number, graph: OnnxGraph): string | undefined {
  const op = node.opType ?? '';
  const spatial = rank - 2 === 1 ? '1D' : '2D';
  if (op in SIMPLE_CLASSES) return SIMPLE_CLASSES[op];
  if (op in MERGES || op === 'Div') return activations >= 2 ? MERGES[op] : 'ApplyAlpha';
  if (op === 'BatchNormalization' || op === 'InstanceNormalization') return 'BatchNormalization';
  if (op === 'LayerNormalization') return 'LayerNormalization';
  if (op === 'PRelu') return 'PReLU';
  if (op === 'MaxPool') return `MaxPooling${spatial}`;
  if (op === 'AveragePool') return `AveragePooling${spatial}`;
  if (op === 'GlobalAveragePool') return `GlobalAveragePooling${spatial}`;
  if (op === 'GlobalMaxPool') return `GlobalMaxPooling${spatial}`;
  if (op === 'Pad') return `ZeroPadding${spatial}`;
  if (op === 'Resize' || op === 'Upsample') return `UpSampling${spatial}`;
  if (op === 'Gather') {
    const data = graph.tensors.get(node.input?.[0] ?? '');
    return data?.weight ? 'Embedding' : 'Gather';
  }
  if ((op === 'ReduceMean' || op === 'ReduceMax') && intAttribute(node, 'keepdims', 1) >= 0) return op === 'ReduceMean' ? `GlobalAveragePooling${spatial}` : `GlobalMaxPooling${spatial}`;
  return undefined;
}

/** Names unique within the model: a repeated name gets `_2`, `_3`, … */
function uniqueNamer(): (name: string) => string {
  const used = new Set<string>();
  return (name) => {
    let unique = name;
    for (let i = 2; used.has(unique); i++) unique = `${name}_${i}`;
    used.add(unique);
    return unique;
  };
}

/** Builds the attributes of an ONNX layer; a shape hwcost cannot represent makes it unsupported. */
function modelLayer(base: { name: string; layerType: string; inboundLayers: string[]; args: Record<string, unknown> }, shapes: { inputShape?: number[]; outputShape?: number[]; weightShape?: number[] }, reason?: string): ModelLayer {
  const known = (s: number[] | undefined) => s ?? [];
  if (reason === undefined) {
    try {
      return { attributes: layerAttributes({ ...base, inputShape: known(shapes.inputShape), outputShape: known(shapes.outputShape), weightShape: known(shapes.weightShape) }), supported: true };
    } catch (error) {
      if (!isHwcostError(error)) throw error;
      reason = errorMessage(error);
    }
  }
  let attributes: LayerAttributes;
  try {
    attributes = layerAttributes({ ...base, inputShape: known(shapes.inputShape), outputShape: known(shapes.outputShape), weightShape: known(shapes.weightShape) });
  } catch {
    attributes = layerAttributes(base);
  }
  return { attributes, supported: false, reason };
}

/**
 * The layers of an analysed ONNX graph, in Keras terms: hls4ml class names, Keras-layout shapes
 * (channels last, batch dropped; Dense kernels `[in, out]`, Conv2D `[kh, kw, in, out]`), named after
 * their weight initializers. Graph inputs become InputLayers; constants, shape arithmetic and
 * identities are no layers; MatMul followed by the Add of a constant bias is one Dense.
 */
export function onnxLayers(graph: OnnxGraph): OnnxLayer[] {
  const unique = uniqueNamer();
  /** The layer whose output each tensor is (through pass-through nodes). */
  const producer = new Map<string, string>();
  /** Why a tensor's shape is unknown, for the layers reading it. */
  const unknown = new Map<string, string>();
  const layers: OnnxLayer[] = [];
  for (const name of graph.inputs) {
    const tensor = graph.tensors.get(name);
    const layerName = unique(name);
    producer.set(name, layerName);
    const shape = kerasShape(tensor);
    if (!shape) unknown.set(name, `input ${name} has no fixed shape`);
    layers.push({ layer: modelLayer({ name: layerName, layerType: 'InputLayer', inboundLayers: [], args: {} }, { inputShape: shape, outputShape: shape }, shape ? undefined : 'its shape is not fixed in the model') });
  }
  const fused = new Set<AnalyzedNode>();
  for (const analyzed of graph.nodes) {
    const { node } = analyzed;
    if (analyzed.folded || fused.has(analyzed)) continue;
    const ins = node.input ?? [];
    const activationInputs = ins.filter((n) => n !== '' && !graph.tensors.get(n)?.constant && !graph.tensors.get(n)?.weight);
    if (PASS_THROUGH.has(node.opType ?? '') && activationInputs.length > 0) {
      const from = activationInputs[0]!;
      for (const out of node.output ?? []) {
        if (producer.has(from)) producer.set(out, producer.get(from)!);
        if (unknown.has(from)) unknown.set(out, unknown.get(from)!);
      }
      continue;
    }
    const input = graph.tensors.get(activationInputs[0] ?? '');
    // Quantized operators (QOperator form) put the input's scale and zero point before the weight.
    const weightTensor = graph.tensors.get(ins[node.opType === 'QLinearConv' || node.opType === 'QLinearMatMul' ? 3 : 1] ?? '');
    const weight = weightTensor?.weight && weightTensor.shape && isKnown(weightTensor.shape) ? (weightTensor.shape as number[]) : undefined;
    const kind = weight ? weighted(node, input?.shape, weight) : undefined;
    let outputName = node.output?.[0] ?? '';
    // MatMul + Add of a constant bias, as tf2onnx writes a Dense layer: one layer.
    if (node.opType === 'MatMul' && kind) {
      const readers = graph.consumers.get(outputName) ?? [];
      const add = readers.length === 1 && readers[0]!.opType === 'Add' ? graph.nodes.find((n) => n.node === readers[0]) : undefined;
      const other = add?.node.input?.find((n) => n !== outputName);
      if (add && other !== undefined && graph.tensors.get(other)?.constant !== undefined) {
        fused.add(add);
        outputName = add.node.output?.[0] ?? outputName;
      }
    }
    const origin = kind ? weightTensor!.weight : node.opType === 'BatchNormalization' || node.opType === 'PRelu' ? graph.tensors.get(ins[1] ?? '')?.weight : undefined;
    const className = kind?.className ?? simpleClass(node, activationInputs.length, input?.shape?.length ?? 0, graph) ?? node.opType ?? 'Unknown';
    const name = unique(weightName(origin) ?? (node.name || outputName || className));
    for (const out of node.output ?? []) producer.set(out, name);
    producer.set(outputName, name);
    const inbound = [...new Set(activationInputs.map((n) => producer.get(n)).filter((n): n is string => n !== undefined))];
    const quant = quantizer(kind ? weightTensor!.weight : undefined);
    const base = { name, layerType: className, inboundLayers: inbound, args: quant ? { kernelQuantizer: quant } : {} };
    const output = graph.tensors.get(outputName);
    const inputShape = kerasShape(input, readsChannelsFirst(node) || input?.channelsFirst);
    const outputShape = kerasShape(output);
    let weightShape = kind?.weightShape ?? (origin && (node.opType === 'BatchNormalization' || node.opType === 'PRelu') && weightTensor?.shape && isKnown(weightTensor.shape) ? [(weightTensor.shape as number[]).reduce((a, b) => a * b, 1)] : []);
    const blocked = activationInputs.map((n) => unknown.get(n)).find((r) => r !== undefined);
    let reason: string | undefined;
    if (blocked && !inputShape) reason = `input shape unknown: ${blocked}`;
    else if (analyzed.reason) reason = analyzed.reason;
    else if (layerKind(className) === undefined) reason = `ONNX operator ${node.opType} (as ${className}) is not a layer hwcost costs`;
    else if (!inputShape && activationInputs.length > 0) reason = 'input shape unknown';
    else if (!outputShape) reason = 'output shape unknown';
    if (kind && weightShape.length === 0) reason ??= `${className} weights are not imported`;
    if (reason !== undefined) {
      for (const out of node.output ?? []) if (!graph.tensors.get(out)?.shape) unknown.set(out, `layer ${name}: ${reason}`);
      if (!graph.tensors.get(outputName)?.shape) unknown.set(outputName, `layer ${name}: ${reason}`);
      weightShape = isKnown(weightShape) ? weightShape : [];
    }
    const layer = modelLayer(base, { inputShape: inputShape ?? outputShape, outputShape, weightShape }, reason);
    const kernel = kind && origin && kind.weightShape.length > 0 ? { initializer: origin.initializer, storedShape: origin.storedShape, steps: [...origin.steps, ...kind.steps] } : undefined;
    layers.push(kernel ? { layer, kernel } : { layer });
  }
  return layers;
}
