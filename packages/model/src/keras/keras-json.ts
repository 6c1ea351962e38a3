import path from 'node:path';
import { HwcostError, layerAttributes, type LayerAttributes, layerKind } from '@hwcost/core';
import { dataObject, field, isDataObject, quote, requireList, requireMapping, type DataObject, type DataValue } from '../io/data.js';
import { parseJson } from '../io/json.js';
import { readQuantizer } from './qkeras.js';
import { batchlessShape, declaredInputShape, inferShapes } from './shapes.js';
import type { ImportedModel, ModelLayer } from '../types.js';

/** One layer of a Keras model config, before shapes are known. */
interface LayerSpec {
  name: string;
  className: string;
  config: DataObject;
  /** Names of the layers it takes its inputs from, in argument order. */
  inbound: string[];
  /** Keras 3's `build_config.input_shape`, read only when an input shape is otherwise unknown. */
  builtInputShape?: DataValue[];
}

function builtInputShape(entry: DataObject): DataValue[] | undefined {
  const build = field(entry, 'build_config');
  const shape = isDataObject(build) ? field(build, 'input_shape') : undefined;
  return Array.isArray(shape) ? shape : undefined;
}

/** The shapes in a `build_config.input_shape`: one shape, or one per input for merge layers. */
function builtInputShapes(shape: DataValue[] | undefined, where: string): number[][] | undefined {
  if (!shape) return undefined;
  const shapes = shape.length > 0 && shape.every((s) => Array.isArray(s)) ? (shape as DataValue[][]) : [shape];
  return shapes.map((s) => batchlessShape(s, `${where} build_config`));
}

function layerSpec(entry: DataValue, where: string, inbound: string[]): LayerSpec {
  const layer = requireMapping(entry, where);
  const className = field(layer, 'class_name');
  if (typeof className !== 'string' || className === '') throw new HwcostError(`${where} has no class_name`);
  const config = requireMapping(field(layer, 'config'), `${where} (${className}) config`);
  const name = field(layer, 'name') ?? field(config, 'name');
  if (typeof name !== 'string' || name === '') throw new HwcostError(`${where} (${className}) has no name`);
  return { name, className, config, inbound, builtInputShape: builtInputShape(layer) };
}

/** The names of the layers feeding a Keras 3 node: every `__keras_tensor__` in its arguments. */
function kerasTensorSources(value: DataValue, into: string[]): string[] {
  if (Array.isArray(value)) {
    for (const item of value) kerasTensorSources(item, into);
  } else if (isDataObject(value)) {
    const config = field(value, 'config');
    const history = field(value, 'class_name') === '__keras_tensor__' && isDataObject(config) ? field(config, 'keras_history') : undefined;
    if (Array.isArray(history) && typeof history[0] === 'string') into.push(history[0]);
    else for (const key of Object.keys(value)) kerasTensorSources(value[key]!, into);
  }
  return into;
}

/**
 * The inputs of a functional layer, from its first inbound node (a shared layer is costed once):
 * Keras 2 writes `[[["name", node, tensor, {kwargs}], …], …]`, Keras 3 `[{"args": […], "kwargs": {…}}]`.
 */
function inboundLayers(nodes: DataValue | undefined, where: string): string[] {
  if (nodes === undefined || nodes === null) return [];
  const [node] = requireList(nodes, `${where} inbound_nodes`);
  if (node === undefined) return [];
  if (isDataObject(node)) return kerasTensorSources(field(node, 'args') ?? [], []);
  return requireList(node, `${where} inbound node`).map((reference) => {
    const name = Array.isArray(reference) ? reference[0] : undefined;
    if (typeof name !== 'string') throw new HwcostError(`${where}: cannot read inbound reference ${quote(reference)}`);
    return name;
  });
}

function functionalLayers(config: DataObject, source: string): LayerSpec[] {
  return requireList(field(config, 'layers'), `${source}: config.layers`).map((entry, i) => {
    const where = `${source}: layer ${i}`;
    return layerSpec(entry, where, inboundLayers(isDataObject(entry) ? field(entry, 'inbound_nodes') : undefined, where));
  });
}

/** The input shape of a Sequential model without an InputLayer, wherever its Keras version put it. */
function sequentialInputShape(model: DataObject, config: DataObject | undefined, first: LayerSpec, source: string): number[] | undefined {
  const where = `${source}: layer ${first.name} (${first.className})`;
  const buildInputShape = config ? field(config, 'build_input_shape') : undefined;
  return (
    declaredInputShape(first.config, where) ??
    builtInputShapes(first.builtInputShape, where)?.[0] ??
    (Array.isArray(buildInputShape) ? batchlessShape(buildInputShape, `${source}: build_input_shape`) : undefined) ??
    builtInputShapes(builtInputShape(model), `${source}: model`)?.[0]
  );
}

function sequentialLayers(model: DataObject, source: string): LayerSpec[] {
  const raw = field(model, 'config');
  // Keras 2.0 wrote a Sequential config as the bare list of layers.
  const config = Array.isArray(raw) ? undefined : requireMapping(raw, `${source}: config`);
  const entries = config ? requireList(field(config, 'layers'), `${source}: config.layers`) : (raw as DataValue[]);
  const specs = entries.map((entry, i) => layerSpec(entry, `${source}: layer ${i}`, []));
  const first = specs[0];
  if (!first) throw new HwcostError(`${source}: the Sequential model has no layers`);
  if (first.className !== 'InputLayer') {
    const shape = sequentialInputShape(model, config, first, source);
    if (!shape) throw new HwcostError(`${source}: the Sequential model declares no input shape (no InputLayer, no batch_input_shape on layer ${first.name})`);
    const inputConfig = dataObject();
    inputConfig.batch_input_shape = [null, ...shape];
    // Keras names the implicit input of a Sequential model after its first layer.
    specs.unshift({ name: `${first.name}_input`, className: 'InputLayer', config: inputConfig, inbound: [] });
  }
  return specs.map((spec, i) => ({ ...spec, inbound: i === 0 ? [] : [specs[i - 1]!.name] }));
}

/** Orders layers so that each follows its inputs, keeping the file's order where it already does. */
function topologicalOrder(specs: LayerSpec[], source: string): LayerSpec[] {
  const byName = new Map<string, LayerSpec>();
  for (const spec of specs) {
    if (byName.has(spec.name)) throw new HwcostError(`${source}: two layers are named ${spec.name}`);
    byName.set(spec.name, spec);
  }
  for (const spec of specs) {
    const missing = spec.inbound.find((name) => !byName.has(name));
    if (missing !== undefined) throw new HwcostError(`${source}: layer ${spec.name} takes its input from ${missing}, which is not a layer of the model`);
  }
  const placed = new Set<string>();
  const ordered: LayerSpec[] = [];
  let pending = specs;
  while (pending.length > 0) {
    const next = pending.filter((spec) => {
      const ready = spec.inbound.every((name) => placed.has(name));
      if (ready) {
        ordered.push(spec);
        placed.add(spec.name);
      }
      return !ready;
    });
    if (next.length === pending.length) throw new HwcostError(`${source}: the layers ${next.map((s) => s.name).join(', ')} form a cycle`);
    pending = next;
  }
  return ordered;
}

/**
 * Infers every layer's shapes in topological order. A layer of a class hwcost does not know is kept
 * as unsupported with an unknown output; that is an error only for a later layer that needs it.
 */
function inferLayers(specs: LayerSpec[], source: string): ModelLayer[] {
  const outputs = new Map<string, number[]>();
  const unsupported = new Map<string, LayerSpec>();
  return specs.map((spec) => {
    const where = `${source}: layer ${spec.name} (${spec.className})`;
    const kind = layerKind(spec.className);
    const known = spec.inbound.map((name) => outputs.get(name));
    const inputs = known.every((shape) => shape !== undefined) ? (known as number[][]) : builtInputShapes(spec.builtInputShape, where);
    const quantizer = readQuantizer(field(spec.config, 'kernel_quantizer'), where);
    const base = { name: spec.name, layerType: spec.className, inboundLayers: spec.inbound, args: quantizer ? { kernelQuantizer: quantizer } : {} };
    if (kind === undefined) {
      unsupported.set(spec.name, spec);
      return { attributes: layerAttributes({ ...base, inputShape: inputs?.[0] ?? [] }), supported: false };
    }
    if (!inputs) {
      const blocker = spec.inbound.map((name) => unsupported.get(name)).find((s) => s !== undefined)!;
      throw new HwcostError(`${where}: cannot infer its input shape, which comes from layer ${blocker.name} of class ${blocker.className} that hwcost does not support`);
    }
    const shapes = inferShapes(kind, spec.config, inputs, where);
    outputs.set(spec.name, shapes.outputShape);
    const attributes: LayerAttributes = layerAttributes({ ...base, ...shapes, inputShape: inputs[0] ?? shapes.outputShape });
    return { attributes, supported: true };
  });
}

/**
 * Imports a Keras model config (`model.to_json()` of Keras 2, or `config.json` of a Keras 3 `.keras`
 * archive): a Sequential model or a functional `Model`/`Functional` graph. Layers come out in
 * topological order; `source` (the file path) names the model in errors and in the result.
 */
export function importKerasModel(data: DataValue, source: string): ImportedModel {
  const model = requireMapping(data, `${source}: the model`);
  const className = field(model, 'class_name');
  const config = field(model, 'config');
  let specs: LayerSpec[];
  if (className === 'Sequential') specs = sequentialLayers(model, source);
  else if (className === 'Model' || className === 'Functional') specs = functionalLayers(requireMapping(config, `${source}: config`), source);
  else throw new HwcostError(`${source}: model class ${quote(className)} is not supported (expected Sequential, Model or Functional)`);
  const name = isDataObject(config) ? field(config, 'name') : undefined;
  return {
    name: typeof name === 'string' && name !== '' ? name : path.basename(source, path.extname(source)),
    source,
    layers: inferLayers(topologicalOrder(specs, source), source),
  };
}

/** Imports Keras model JSON text (`model.to_json()`). */
export function importKerasJson(text: string, source: string): ImportedModel {
  return importKerasModel(parseJson(text, source), source);
}
