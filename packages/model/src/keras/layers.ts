import { errorMessage, isHwcostError, layerAttributes, type LayerAttributes, type LayerAttributesInput, layerKind, type LayerKind } from '@hwcost/core';
import { dataObject, field, isDataObject } from '../io/data.js';
import { PRECISION_QUANTIZER, readQuantizer, type Quantizer } from './qkeras.js';
import { inferShapes, isKnown, type LayerShapes, type Shape } from './shapes.js';
import type { LayerSpec } from './specs.js';
import type { ModelLayer } from '../types.js';

/** Kernel shapes by layer name, where the model file holds its weights. */
export type KernelShapes = ReadonlyMap<string, readonly number[]>;

/** Kinds whose kernel's first axis is the size of the input's last axis. */
const KERNEL_READS_LAST_AXIS: ReadonlySet<LayerKind> = new Set<LayerKind>(['dense', 'simple-rnn', 'lstm', 'gru']);

/**
 * The weight quantizer of the example-models binary and ternary layers, which have none in their
 * config: hls4ml quantizes both to two-bit integers (its BinaryQuantizer(bits=2), TernaryQuantizer).
 */
function intrinsicQuantizer(className: string): Quantizer | undefined {
  if (!['BinaryDense', 'TernaryDense', 'BinaryConv2D', 'TernaryConv2D'].includes(className)) return undefined;
  const config = dataObject();
  config.bits = 2;
  config.integer = 2;
  return { className: 'quantized_bits', config };
}

/**
 * The weight precisions an HGQ proxy model records for its layers: each `FixedPointQuantizer`
 * carries `overrides.layers.<layer>.weight_t`, which hls4ml's converter applies to that layer.
 */
function proxyWeightPrecisions(specs: readonly LayerSpec[]): Map<string, Quantizer> {
  const found = new Map<string, Quantizer>();
  for (const spec of specs) {
    if (spec.className !== 'FixedPointQuantizer') continue;
    const overrides = field(spec.config, 'overrides');
    const layers = isDataObject(overrides) ? field(overrides, 'layers') : undefined;
    if (!isDataObject(layers)) continue;
    for (const [name, settings] of Object.entries(layers)) {
      const weight = isDataObject(settings) ? field(settings, 'weight_t') : undefined;
      if (typeof weight !== 'string') continue;
      const config = dataObject();
      config.precision = weight;
      found.set(name, { className: PRECISION_QUANTIZER, config });
    }
  }
  return found;
}

/** A shape for messages: `[null, 16]` prints as `[?, 16]`. */
function shapeText(shape: Shape): string {
  return `[${shape.map((n) => (n === null ? '?' : n)).join(', ')}]`;
}

/** Why a layer's output shape is unknown, for the layers that read it. */
interface Unknown {
  layer: string;
  why: string;
}

/**
 * The input shapes of a layer: its inputs' outputs when all are known, else what the file records
 * for it, else (for a Dense or recurrent layer) the input width its kernel in the file implies.
 */
function inputShapes(spec: LayerSpec, kind: LayerKind | undefined, outputs: Map<string, Shape>, kernels: KernelShapes | undefined): Shape[] | undefined {
  const known = spec.inbound.map((name) => outputs.get(name));
  if (known.every((shape) => shape !== undefined)) return known as Shape[];
  if (spec.recordedInputs) return spec.recordedInputs;
  const kernel = kernels?.get(spec.name);
  if (kind !== undefined && KERNEL_READS_LAST_AXIS.has(kind) && kernel && kernel.length >= 2) return [[kernel[0]!]];
  return undefined;
}

function baseAttributes(spec: LayerSpec, quantizer: Quantizer | undefined) {
  return { name: spec.name, layerType: spec.className, inboundLayers: spec.inbound, args: quantizer ? { kernelQuantizer: quantizer } : {} };
}

/** Layer attributes from shapes that may be partly unknown: unknown shapes are left empty. */
function attributesOf(spec: LayerSpec, inputs: Shape[] | undefined, shapes: LayerShapes | undefined, quantizer: Quantizer | undefined): LayerAttributes {
  const known = (shape: Shape | undefined) => (shape && isKnown(shape) ? shape : []);
  const base = baseAttributes(spec, quantizer);
  const inputShape = inputs?.[0] ?? (spec.className === 'InputLayer' ? shapes?.outputShape : undefined);
  try {
    return layerAttributes({ ...base, inputShape: known(inputShape), outputShape: known(shapes?.outputShape), weightShape: known(shapes?.weightShape) });
  } catch {
    // A shape Keras allows but hwcost's attributes do not (a kernel axis of size 0): report the layer without shapes.
    return layerAttributes(base);
  }
}

/**
 * Infers every layer's shapes in topological order. A layer never stops the model: a class hwcost
 * does not know, a config it cannot read, or an input whose shape cannot be known makes that layer
 * unsupported with the reason, and the layers after it use the shapes the file records where it
 * records them. A layer with an axis of undefined size is unsupported too, but passes its shape on.
 */
export function inferLayers(specs: LayerSpec[], source: string, kernels?: KernelShapes): ModelLayer[] {
  const outputs = new Map<string, Shape>();
  const unknown = new Map<string, Unknown>();
  const proxyPrecisions = proxyWeightPrecisions(specs);
  return specs.map((spec): ModelLayer => {
    const where = `${source}: layer ${spec.name} (${spec.className})`;
    const kind = layerKind(spec.className);
    const inputs = inputShapes(spec, kind, outputs, kernels);
    const unsupported = (reason: string, shapes?: LayerShapes, quantizer?: Quantizer): ModelLayer => {
      if (shapes) outputs.set(spec.name, shapes.outputShape);
      else unknown.set(spec.name, { layer: spec.name, why: reason });
      return { attributes: attributesOf(spec, inputs, shapes, quantizer), supported: false, reason };
    };
    if (kind === undefined) return unsupported(`class ${spec.className} is not known to hwcost`);
    if (!inputs) {
      const blocker = spec.inbound.map((name) => unknown.get(name)).find((u) => u !== undefined);
      return unsupported(blocker ? `input shape unknown: layer ${blocker.layer}: ${blocker.why}` : 'input shape unknown');
    }
    let quantizer: Quantizer | undefined;
    let shapes: LayerShapes;
    try {
      quantizer = readQuantizer(field(spec.config, 'kernel_quantizer') ?? field(spec.config, 'depthwise_quantizer'), where) ?? intrinsicQuantizer(spec.className) ?? proxyPrecisions.get(spec.name);
      shapes = inferShapes(kind, spec.config, inputs, where);
    } catch (error) {
      if (!isHwcostError(error)) throw error;
      return unsupported(errorMessage(error).replace(`${where}: `, ''));
    }
    const shapesKnown = inputs.every(isKnown) && isKnown(shapes.outputShape) && isKnown(shapes.weightShape);
    if (!shapesKnown) {
      const text = `input ${inputs.map(shapeText).join(', ')} → output ${shapeText(shapes.outputShape)}`;
      return unsupported(`an axis of undefined size (${text}); hwcost needs fixed sizes`, shapes, quantizer);
    }
    let attributes: LayerAttributes;
    try {
      attributes = layerAttributes({ ...baseAttributes(spec, quantizer), inputShape: inputs[0] ?? shapes.outputShape, ...shapes } as LayerAttributesInput);
    } catch (error) {
      if (!isHwcostError(error)) throw error;
      return unsupported(errorMessage(error), shapes, quantizer);
    }
    outputs.set(spec.name, shapes.outputShape);
    return { attributes, supported: true };
  });
}
