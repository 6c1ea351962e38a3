import { errorMessage, HwcostError, isHwcostError } from '@hwcost/core';
import type { Shape } from '../keras/shapes.js';
import { int, intAttribute, type GraphProto, type ModelProto, type NodeProto, type TensorProto, type ValueInfoProto } from './proto.js';
import { CHANNELS_LAST_DOMAIN, constantAttribute, fold, RULES, type Inputs, type OnnxTensor, type WeightOrigin } from './rules.js';
import { isExternal, numericValues, tensorShape } from './tensor.js';
import { MAX_FOLDED, size, type Constant } from './values.js';

/** One node of the graph, analysed. */
export interface AnalyzedNode {
  node: NodeProto;
  /** True when the node only computes constants or transforms weights: it is no layer. */
  folded: boolean;
  /** Why its outputs are unknown, when they are. */
  reason?: string;
}

/** A graph with what is known of each tensor. */
export interface OnnxGraph {
  opset: number;
  nodes: AnalyzedNode[];
  tensors: Map<string, OnnxTensor>;
  initializers: Map<string, TensorProto>;
  /** The graph inputs that are not initializers: the model's inputs. */
  inputs: string[];
  /** The nodes reading each tensor. */
  consumers: Map<string, NodeProto[]>;
}

/** ONNX data types of 8-bit integer weights. */
const UINT8 = 2;
const INT8 = 3;

/** Operators that read their first input channels-first (`[N, C, …]`) in the default domain. */
const CHANNELS_FIRST_OPS = new Set(['Conv', 'ConvInteger', 'QLinearConv', 'ConvTranspose', 'MaxPool', 'AveragePool', 'LpPool', 'GlobalAveragePool', 'GlobalMaxPool', 'GlobalLpPool', 'BatchNormalization', 'InstanceNormalization']);

/** True for a node that reads its first input channels-first: an ONNX convolution, pooling or normalisation. */
export function readsChannelsFirst(node: NodeProto): boolean {
  return CHANNELS_FIRST_OPS.has(node.opType ?? '') && node.domain !== CHANNELS_LAST_DOMAIN;
}

/** Operators that pass a weight through (quantize, cast, transpose, reshape it) without making it an activation. */
const WEIGHT_TRANSFORMS = new Set(['Identity', 'Cast', 'Quant', 'BipolarQuant', 'Trunc', 'QuantizeLinear', 'DequantizeLinear', 'Clip', 'Transpose', 'Reshape', 'Flatten', 'Squeeze', 'Unsqueeze']);

/** The ONNX opset of the default domain (13 when the model does not say). */
function defaultOpset(model: ModelProto): number {
  const entry = (model.opsetImport ?? []).find((o) => !o.domain || o.domain === 'ai.onnx');
  return entry ? int(entry.version) : 13;
}

/** A declared tensor shape; the batch axis (first) is taken as 1, other named or missing sizes are unknown. */
function declaredShape(info: ValueInfoProto, batchAxis: boolean): Shape | undefined {
  const dims = info.type?.tensorType?.shape?.dim;
  if (!dims) return undefined;
  return dims.map((d, i) => {
    const value = int(d.dimValue);
    if (i === 0 && batchAxis) return 1;
    return d.dimValue !== undefined && d.dimValue !== null && value > 0 ? value : null;
  });
}

/** Nodes in an order where each follows the producers of its inputs (ONNX requires it; not every writer complies). */
function topological(graph: GraphProto, known: Set<string>): NodeProto[] {
  const pending = [...(graph.node ?? [])];
  const ordered: NodeProto[] = [];
  const available = new Set(known);
  while (pending.length > 0) {
    const before = pending.length;
    for (let i = 0; i < pending.length; ) {
      const node = pending[i]!;
      if ((node.input ?? []).every((name) => name === '' || available.has(name))) {
        ordered.push(node);
        for (const out of node.output ?? []) available.add(out);
        pending.splice(i, 1);
      } else i++;
    }
    // Inputs nothing produces (a broken graph): keep the file's order for the rest.
    if (pending.length === before) return [...ordered, ...pending];
  }
  return ordered;
}

function initializerTensor(tensor: TensorProto, name: string): OnnxTensor {
  const shape = tensorShape(tensor);
  const type = tensor.dataType ?? 0;
  // An 8-bit integer weight (quantized ONNX, QDQ or QOperator form) is an 8-bit weight.
  const quant = type === INT8 || type === UINT8 ? { bits: 8, scale: 1, signed: type === INT8 } : undefined;
  const weight: WeightOrigin = { initializer: name, storedShape: shape, steps: [], ...(quant ? { quant } : {}) };
  if (isExternal(tensor) || size(shape) > MAX_FOLDED) return { shape, weight };
  try {
    return { shape, weight, constant: { shape, value: numericValues(tensor, size(shape), `initializer ${name}`), integer: type !== 1 && type !== 10 && type !== 11 && type !== 16 } };
  } catch {
    // Data hwcost cannot decode (strings, a size mismatch): the shape is still known.
    return { shape, weight };
  }
}

/** A QONNX quantizer on a weight: bit width and largest scale from its constant inputs. */
function quantOf(node: NodeProto, inputs: Inputs): WeightOrigin['quant'] {
  if (node.opType === 'BipolarQuant') return { bits: 1, scale: Math.max(...(inputs[1]?.constant?.value ?? [1]).map(Math.abs)), signed: true };
  if (node.opType !== 'Quant') return undefined;
  const bits = inputs[3]?.constant?.value[0];
  if (bits === undefined) return undefined;
  return { bits: Math.round(bits), scale: Math.max(...(inputs[1]?.constant?.value ?? [1]).map(Math.abs)), signed: intAttribute(node, 'signed', 1) === 1 };
}

/** The weight a transform node outputs, when its first input is a weight and the rest are constants. */
function transformedWeight(node: NodeProto, inputs: Inputs, output: OnnxTensor | undefined): WeightOrigin | undefined {
  const origin = inputs[0]?.weight;
  if (!origin || !WEIGHT_TRANSFORMS.has(node.opType ?? '') || inputs.slice(1).some((t) => t !== undefined && !t.constant)) return undefined;
  const op = node.opType;
  if (op === 'Transpose') {
    const rank = inputs[0]!.shape!.length;
    const perm = (node.attribute ?? []).find((a) => a.name === 'perm')?.ints?.map((v) => int(v)) ?? Array.from({ length: rank }, (_v, i) => rank - 1 - i);
    return { ...origin, steps: [...origin.steps, { transpose: perm }] };
  }
  if (op === 'Reshape' || op === 'Flatten' || op === 'Squeeze' || op === 'Unsqueeze') {
    const shape = output?.shape;
    if (!shape || shape.some((d) => d === null)) return undefined;
    return { ...origin, steps: [...origin.steps, { reshape: shape as number[] }] };
  }
  const quant = quantOf(node, inputs) ?? origin.quant;
  return { ...origin, ...(quant ? { quant } : {}) };
}

/** The outputs of a `Shape` node: the input's shape as a constant when it is fully known. */
function shapeNode(node: NodeProto, input: OnnxTensor | undefined, opset: number): OnnxTensor {
  const shape = input?.shape;
  if (!shape) return {};
  const rank = shape.length;
  const bound = (v: number) => Math.min(Math.max(v < 0 ? v + rank : v, 0), rank);
  const start = opset >= 15 ? bound(intAttribute(node, 'start', 0)) : 0;
  const end = opset >= 15 ? bound(intAttribute(node, 'end', rank)) : rank;
  const dims = shape.slice(start, Math.max(start, end));
  const constant: Constant | undefined = dims.every((d) => d !== null) ? { shape: [dims.length], value: dims as number[], integer: true } : undefined;
  return { shape: [dims.length], ...(constant ? { constant } : {}) };
}

function constantNode(node: NodeProto, name: string): OnnxTensor {
  const tensor = (node.attribute ?? []).find((a) => a.name === 'value')?.t;
  if (tensor) return initializerTensor(tensor, name);
  const constant = constantAttribute(node);
  return constant ? { shape: constant.shape, constant } : {};
}

/**
 * Analyses an ONNX graph: every tensor's shape in ONNX layout (batch taken as 1), small constants
 * computed (the Shape/Gather/Concat/… subgraphs exporters emit for pads and shapes), weights
 * followed from their initializers through quantizers, casts and transposes, and the layout of
 * each activation. A node whose outputs cannot be known gets the reason; its outputs take the
 * shapes the file declares in `value_info`, when it declares them.
 */
export function analyzeGraph(model: ModelProto): OnnxGraph {
  const graph = model.graph!;
  const opset = defaultOpset(model);
  const tensors = new Map<string, OnnxTensor>();
  const initializers = new Map<string, TensorProto>();
  for (const tensor of graph.initializer ?? []) {
    const name = tensor.name ?? '';
    initializers.set(name, tensor);
    tensors.set(name, initializerTensor(tensor, name));
  }
  const consumers = new Map<string, NodeProto[]>();
  for (const node of graph.node ?? []) for (const name of node.input ?? []) consumers.set(name, [...(consumers.get(name) ?? []), node]);
  const inputs: string[] = [];
  for (const info of graph.input ?? []) {
    const name = info.name ?? '';
    if (initializers.has(name)) continue;
    inputs.push(name);
    const shape = declaredShape(info, true);
    const channelsFirst = (shape?.length ?? 0) >= 3 && (consumers.get(name) ?? []).some(readsChannelsFirst);
    tensors.set(name, { ...(shape ? { shape } : {}), channelsFirst });
  }
  const declared = new Map<string, Shape>();
  for (const info of [...(graph.valueInfo ?? []), ...(graph.output ?? [])]) {
    const shape = declaredShape(info, true);
    if (shape) declared.set(info.name ?? '', shape);
  }

  const nodes = topological(graph, new Set(tensors.keys())).map((node): AnalyzedNode => {
    const outputs = node.output ?? [];
    const set = (results: OnnxTensor[]) => outputs.forEach((name, i) => tensors.set(name, results[i] ?? {}));
    const op = node.opType ?? '';
    if (op === 'Constant') {
      set([constantNode(node, outputs[0] ?? '')]);
      return { node, folded: true };
    }
    const ins: Inputs = (node.input ?? []).map((name) => (name === '' ? undefined : tensors.get(name)));
    if (op === 'Shape') {
      set([shapeNode(node, ins[0], opset)]);
      return { node, folded: true };
    }
    const missing = (node.input ?? []).find((name) => name !== '' && !tensors.has(name));
    const rule = RULES[op];
    let results: OnnxTensor[] | undefined;
    let reason: string | undefined;
    if (missing !== undefined) reason = `its input ${missing} is produced by no node`;
    else if (!rule) reason = `ONNX operator ${node.domain ? `${node.domain}:` : ''}${op} is not known to hwcost`;
    else {
      try {
        results = rule(node, ins, opset);
      } catch (error) {
        if (!isHwcostError(error)) throw new HwcostError(`node ${node.name || op}: ${errorMessage(error)}`);
        reason = errorMessage(error);
      }
    }
    // Constants in, constant out: shape arithmetic is computed, weights are followed.
    const present = ins.filter((t) => t !== undefined);
    if (results && present.length > 0 && present.every((t) => t.constant)) {
      const folded = fold(node, ins.map((t) => t?.constant), ins, opset);
      if (folded) {
        const weight = transformedWeight(node, ins, results[0]);
        set([{ shape: folded.shape, constant: folded, ...(weight ? { weight } : {}) }]);
        return { node, folded: true };
      }
    }
    const weight = results ? transformedWeight(node, ins, results[0]) : undefined;
    if (weight) {
      set([{ ...results![0], weight }]);
      return { node, folded: true };
    }
    if (results) {
      // What a convolution, pooling or normalisation writes is channels-first like what it reads.
      if (readsChannelsFirst(node)) for (const r of results) r.channelsFirst = (r.shape?.length ?? 0) >= 3;
      set(results);
      return { node, folded: false };
    }
    set(outputs.map((name) => (declared.has(name) ? { shape: declared.get(name)! } : {})));
    return { node, folded: false, reason: reason! };
  });
  return { opset, nodes, tensors, initializers, inputs, consumers };
}
