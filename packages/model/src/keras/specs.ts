import { HwcostError, quote } from '@hwcost/core';
import { dataObject, field, isDataObject, requireList, requireMapping, type DataObject, type DataValue } from '../io/data.js';
import { BARE_KEYS, PROJECT_KEYS } from '../config/keys.js';
import { modernClassName, modernConfig } from './legacy.js';
import { batchlessShape, declaredInputShape, type Shape } from './shapes.js';

/** One layer of a Keras model config, before shapes are known. */
export interface LayerSpec {
  name: string;
  /** The class name, Keras 1 names modernised and a registered `package>` prefix dropped. */
  className: string;
  config: DataObject;
  /** Names of the layers it takes its inputs from, in argument order. */
  inbound: string[];
  /**
   * Input shapes the file records for this layer (Keras 3 and late Keras 2: `build_config`, the
   * shapes of inbound tensors); used only where the inputs' shapes are otherwise unknown.
   */
  recordedInputs?: Shape[];
}

/** A model flattened into layers: nested models are inlined, their inputs and outputs named. */
interface FlatModel {
  specs: LayerSpec[];
  /** The layers that stand for the model's inputs, in call order. */
  inputs: string[];
  /** The layer whose output is the model's (first) output. */
  output: string | undefined;
}

const MODEL_CLASSES = new Set(['Sequential', 'Functional', 'Model']);

/** True for a layer entry that is itself a model (a nested Sequential or functional model). */
function isNestedModel(entry: DataValue): entry is DataObject {
  if (!isDataObject(entry)) return false;
  const config = field(entry, 'config');
  return MODEL_CLASSES.has(String(field(entry, 'class_name'))) && (Array.isArray(config) || (isDataObject(config) && Array.isArray(field(config, 'layers'))));
}

/**
 * The class name as the layer-kind table knows it: Keras 3 may serialise a registered class as
 * `package>Class` (e.g. `HGQ>FixedPointQuantizer`), and Keras 1 names are mapped to Keras 2's.
 */
function className(layer: DataObject, config: DataObject, where: string): string {
  const name = field(layer, 'class_name');
  if (typeof name !== 'string' || name === '') throw new HwcostError(`${where} has no class_name`);
  const registered = name.lastIndexOf('>');
  return modernClassName(registered >= 0 ? name.slice(registered + 1) : name, config);
}

/** A shape recorded in a file (with its batch axis), or undefined when it is not a list of sizes. */
function recordedShape(value: DataValue | undefined, where: string): Shape | undefined {
  if (!Array.isArray(value) || value.length === 0 || !value.every((n) => n === null || typeof n === 'number')) return undefined;
  try {
    return batchlessShape(value, where);
  } catch {
    return undefined;
  }
}

/** The shapes in a `build_config.input_shape`: one shape, or one per input for merge layers. */
function builtInputShapes(entry: DataObject, where: string): Shape[] | undefined {
  const build = field(entry, 'build_config');
  const shape = isDataObject(build) ? field(build, 'input_shape') : undefined;
  if (!Array.isArray(shape)) return undefined;
  const shapes = shape.length > 0 && shape.every((s) => Array.isArray(s)) ? shape : [shape];
  const parsed = shapes.map((s) => recordedShape(s, `${where} build_config`));
  return parsed.every((s) => s !== undefined) ? (parsed as Shape[]) : undefined;
}

/** A tensor passed to a Keras 3 layer call: the layer it comes from, and its shape when recorded. */
interface KerasTensor {
  source: string;
  shape?: Shape;
}

/** Every `__keras_tensor__` in a Keras 3 node's arguments, in order. */
function kerasTensors(value: DataValue, where: string, into: KerasTensor[]): KerasTensor[] {
  if (Array.isArray(value)) {
    for (const item of value) kerasTensors(item, where, into);
  } else if (isDataObject(value)) {
    const config = field(value, 'config');
    const history = field(value, 'class_name') === '__keras_tensor__' && isDataObject(config) ? field(config, 'keras_history') : undefined;
    if (Array.isArray(history) && typeof history[0] === 'string') {
      const shape = recordedShape(field(config as DataObject, 'shape'), where);
      into.push(shape ? { source: history[0], shape } : { source: history[0] });
    } else for (const key of Object.keys(value)) kerasTensors(value[key]!, where, into);
  }
  return into;
}

/**
 * The inputs of a functional layer, from its first inbound node (a shared layer is costed once):
 * Keras 2 writes `[[["name", node, tensor, {kwargs}], …], …]`, Keras 3 `[{"args": […], "kwargs": {…}}]`
 * whose tensors also record their shapes.
 */
function inboundOf(nodes: DataValue | undefined, where: string): { inbound: string[]; shapes?: Shape[] } {
  if (nodes === undefined || nodes === null) return { inbound: [] };
  const [node] = requireList(nodes, `${where} inbound_nodes`);
  if (node === undefined) return { inbound: [] };
  if (isDataObject(node)) {
    // Tensors are positional, or (a layer called as `layer(inputs=x)`) keyword arguments.
    const positional = kerasTensors(field(node, 'args') ?? [], where, []);
    const tensors = positional.length > 0 ? positional : kerasTensors(field(node, 'kwargs') ?? [], where, []);
    const shapes = tensors.map((t) => t.shape);
    return { inbound: tensors.map((t) => t.source), ...(shapes.every((s) => s !== undefined) && shapes.length > 0 ? { shapes: shapes as Shape[] } : {}) };
  }
  return {
    inbound: requireList(node, `${where} inbound node`).map((reference) => {
      const name = Array.isArray(reference) ? reference[0] : undefined;
      if (typeof name !== 'string') throw new HwcostError(`${where}: cannot read inbound reference ${quote(reference)}`);
      return name;
    }),
  };
}

function layerSpec(entry: DataValue, where: string): { spec: LayerSpec; layer: DataObject } {
  const layer = requireMapping(entry, where);
  const raw = requireMapping(field(layer, 'config') ?? dataObject(), `${where} config`);
  const name = field(layer, 'name') ?? field(raw, 'name');
  const cls = className(layer, raw, where);
  if (typeof name !== 'string' || name === '') throw new HwcostError(`${where} (${cls}) has no name`);
  const recorded = builtInputShapes(layer, `${where} (${cls})`);
  return { spec: { name, className: cls, config: modernConfig(cls, raw), inbound: [], ...(recorded ? { recordedInputs: recorded } : {}) }, layer };
}

/** The first layer name of `input_layers`/`output_layers`, which Keras writes as `[name, 0, 0]` or a list of them. */
function endpointNames(value: DataValue | undefined): string[] {
  if (!Array.isArray(value)) return [];
  if (typeof value[0] === 'string') return [value[0]];
  return value.flatMap((v) => (Array.isArray(v) && typeof v[0] === 'string' ? [v[0]] : []));
}

/** Renames layers (and the references to them) so that none collides with a name already taken. */
function renameColliding(flat: FlatModel, prefix: string, taken: Set<string>): FlatModel {
  const renamed = new Map<string, string>();
  for (const spec of flat.specs) {
    if (!taken.has(spec.name)) continue;
    let name = `${prefix}/${spec.name}`;
    for (let i = 2; taken.has(name); i++) name = `${prefix}/${spec.name}_${i}`;
    renamed.set(spec.name, name);
  }
  const rename = (name: string) => renamed.get(name) ?? name;
  return {
    specs: flat.specs.map((s) => ({ ...s, name: rename(s.name), inbound: s.inbound.map(rename) })),
    inputs: flat.inputs.map(rename),
    output: flat.output === undefined ? undefined : rename(flat.output),
  };
}

/**
 * Inlines a nested model called with the outer layers `inbound`: its input layers are replaced by
 * those outer layers, so the inner layers read straight from them.
 */
function inline(flat: FlatModel, inbound: string[]): LayerSpec[] {
  const replaced = new Map(flat.inputs.map((input, i) => [input, inbound[i]]));
  return flat.specs
    .filter((s) => !(replaced.has(s.name) && replaced.get(s.name) !== undefined))
    .map((s) => ({ ...s, inbound: s.inbound.map((n) => replaced.get(n) ?? n) }));
}

/** The layers of a functional model, nested models inlined. */
function functionalModel(model: DataObject, source: string, depth: number): FlatModel {
  const config = requireMapping(field(model, 'config'), `${source}: config`);
  const entries = requireList(field(config, 'layers'), `${source}: config.layers`);
  const taken = new Set<string>();
  const plain: LayerSpec[] = [];
  const nested: { index: number; flat: FlatModel; inbound: string[]; name: string }[] = [];
  entries.forEach((entry, i) => {
    const where = `${source}: layer ${i}`;
    const inbound = inboundOf(isDataObject(entry) ? field(entry, 'inbound_nodes') : undefined, where);
    if (isNestedModel(entry)) {
      const name = String(field(entry, 'name') ?? field(requireMapping(field(entry, 'config'), where), 'name') ?? `model_${i}`);
      nested.push({ index: i, flat: flatten(entry, `${source}: model ${name}`, depth + 1), inbound: inbound.inbound, name });
      return;
    }
    const { spec } = layerSpec(entry, where);
    spec.inbound = inbound.inbound;
    if (inbound.shapes && !spec.recordedInputs) spec.recordedInputs = inbound.shapes;
    plain.push(spec);
    taken.add(spec.name);
  });
  // A consumer of a nested model reads the model's output layer.
  const outputOf = new Map<string, string | undefined>();
  const specs = [...plain];
  for (const n of nested) {
    const flat = renameColliding(n.flat, n.name, taken);
    for (const s of flat.specs) taken.add(s.name);
    outputOf.set(n.name, flat.output);
    specs.push(...inline(flat, n.inbound));
  }
  const resolve = (name: string) => (outputOf.has(name) ? (outputOf.get(name) ?? name) : name);
  for (const spec of specs) spec.inbound = spec.inbound.map(resolve);
  const inputs = endpointNames(field(config, 'input_layers'));
  const outputs = endpointNames(field(config, 'output_layers')).map(resolve);
  return {
    specs,
    inputs: inputs.length > 0 ? inputs : specs.filter((s) => s.className === 'InputLayer').map((s) => s.name),
    output: outputs[0] ?? specs.at(-1)?.name,
  };
}

/** The input shape of a Sequential model without an InputLayer, wherever its Keras version put it. */
function sequentialInputShape(model: DataObject, config: DataObject | undefined, first: LayerSpec, source: string): Shape | undefined {
  const where = `${source}: layer ${first.name} (${first.className})`;
  const buildInputShape = config ? field(config, 'build_input_shape') : undefined;
  return (
    declaredInputShape(first.config, where) ??
    first.recordedInputs?.[0] ??
    recordedShape(buildInputShape, `${source}: build_input_shape`) ??
    builtInputShapes(model, `${source}: model`)?.[0]
  );
}

/** The layers of a Sequential model, chained, with its implicit input layer made explicit; nested models inlined. */
function sequentialModel(model: DataObject, source: string, depth: number): FlatModel {
  const raw = field(model, 'config');
  // Keras 2.0 wrote a Sequential config as the bare list of layers.
  const config = Array.isArray(raw) ? undefined : requireMapping(raw, `${source}: config`);
  const entries = config ? requireList(field(config, 'layers'), `${source}: config.layers`) : (raw as DataValue[]);
  const taken = new Set<string>();
  const steps: (LayerSpec | { flat: FlatModel; name: string })[] = entries.map((entry, i) => {
    if (isNestedModel(entry)) {
      const name = String(field(entry, 'name') ?? field(requireMapping(field(entry, 'config'), `${source}: layer ${i}`), 'name') ?? `model_${i}`);
      return { flat: flatten(entry, `${source}: model ${name}`, depth + 1), name };
    }
    const { spec } = layerSpec(entry, `${source}: layer ${i}`);
    taken.add(spec.name);
    return spec;
  });
  const first = steps[0];
  if (!first) throw new HwcostError(`${source}: the Sequential model has no layers`);
  const specs: LayerSpec[] = [];
  if ('flat' in first || first.className !== 'InputLayer') {
    // A nested model first in the chain declares the input in its own input layer, if anywhere.
    const innerInput = 'flat' in first ? first.flat.specs.find((s) => s.name === first.flat.inputs[0]) : undefined;
    const firstSpec = 'flat' in first ? first.flat.specs.find((s) => s.className !== 'InputLayer') : first;
    const inputConfig = dataObject();
    const shape =
      (innerInput ? declaredInputShape(innerInput.config, `${source}: layer ${innerInput.name}`) : undefined) ??
      (firstSpec ? sequentialInputShape(model, config, firstSpec, source) : undefined);
    if (shape) inputConfig.batch_input_shape = [null, ...shape];
    // Keras names the implicit input of a Sequential model after its first layer.
    const name = `${first.name}_input`;
    specs.push({ name, className: 'InputLayer', config: inputConfig, inbound: [] });
    taken.add(name);
  }
  for (const step of steps) {
    const previous = specs.at(-1)?.name;
    if ('flat' in step) {
      const flat = renameColliding(step.flat, step.name, taken);
      for (const s of flat.specs) taken.add(s.name);
      specs.push(...inline(flat, previous === undefined ? [] : [previous]));
      // The chain continues from the nested model's output.
      const output = flat.output === undefined ? undefined : specs.find((s) => s.name === flat.output);
      if (output && specs.at(-1) !== output) specs.push(specs.splice(specs.indexOf(output), 1)[0]!);
    } else specs.push({ ...step, inbound: previous === undefined ? [] : [previous] });
  }
  return { specs, inputs: specs[0] ? [specs[0].name] : [], output: specs.at(-1)?.name };
}

/** Models nested deeper than this are refused rather than risk the stack. */
const MAX_MODEL_DEPTH = 32;

function flatten(model: DataObject, source: string, depth: number): FlatModel {
  if (depth > MAX_MODEL_DEPTH) throw new HwcostError(`${source}: models nested deeper than ${MAX_MODEL_DEPTH} levels`);
  const cls = field(model, 'class_name');
  if (cls === 'Sequential') return sequentialModel(model, source, depth);
  if (cls === 'Model' || cls === 'Functional') return functionalModel(model, source, depth);
  if (cls === undefined) {
    const keys = Object.keys(model);
    const config = keys.some((k) => PROJECT_KEYS.has(k) || BARE_KEYS.has(k));
    const found = keys.slice(0, 8).map((k) => quote(k)).join(', ') || 'none';
    throw new HwcostError(config ? `${source} is an hls4ml config (keys: ${found}), not a model` : `${source}: not a Keras model (no class_name; keys: ${found})`);
  }
  throw new HwcostError(`${source}: model class ${quote(cls)} is not supported (expected Sequential, Model or Functional)`);
}

/**
 * The layers of a Keras model config (Sequential or functional, Keras 1 to 3), nested models
 * inlined so their layers read straight from the outer layers that feed them.
 */
export function modelLayerSpecs(model: DataObject, source: string): LayerSpec[] {
  return flatten(model, source, 0).specs;
}
