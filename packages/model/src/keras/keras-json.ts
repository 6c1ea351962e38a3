import path from 'node:path';
import { HwcostError } from '@hwcost/core';
import { dataObject, field, isDataObject, requireMapping, type DataObject, type DataValue } from '../io/data.js';
import { parseJson } from '../io/json.js';
import { inferLayers, type KernelShapes } from './layers.js';
import { modelLayerSpecs, type LayerSpec } from './specs.js';
import type { ImportedModel } from '../types.js';

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
 * The `{class_name, config}` model in the other forms Keras models are written in: a TensorFlow.js
 * `model.json` (`modelTopology`, possibly with `model_config`), a `{model_config: …}` wrapper, or
 * a bare `model.get_config()` (its layers list only: functional when they have inbound nodes).
 */
function unwrapped(data: DataObject): DataObject {
  const topology = field(data, 'modelTopology');
  if (isDataObject(topology)) return unwrapped(topology);
  const inner = field(data, 'model_config');
  if (isDataObject(inner) && field(data, 'class_name') === undefined) return unwrapped(inner);
  const layers = field(data, 'layers');
  if (field(data, 'class_name') === undefined && Array.isArray(layers)) {
    const functional = layers.some((l) => isDataObject(l) && field(l, 'inbound_nodes') !== undefined);
    const model = dataObject();
    model.class_name = functional ? 'Functional' : 'Sequential';
    model.config = data;
    return model;
  }
  return data;
}

/**
 * Imports a Keras model config (`model.to_json()` of Keras 1 to 3, the `model_config` of a
 * whole-model `.h5`, or `config.json` of a `.keras` archive): a Sequential model or a functional
 * graph, nested models inlined. Layers come out in topological order; `source` (the file path)
 * names the model in errors and in the result. `kernels` (from the same file) fill in input widths
 * the config does not record.
 */
export function importKerasModel(data: DataValue, source: string, kernels?: KernelShapes): ImportedModel {
  const model = unwrapped(requireMapping(data, `${source}: the model`));
  const config = field(model, 'config');
  const name = isDataObject(config) ? field(config, 'name') : undefined;
  return {
    name: typeof name === 'string' && name !== '' ? name : path.basename(source, path.extname(source)),
    source,
    layers: inferLayers(topologicalOrder(modelLayerSpecs(model, source), source), source, kernels),
  };
}

/** Imports Keras model JSON text (`model.to_json()`). */
export function importKerasJson(text: string, source: string): ImportedModel {
  return importKerasModel(parseJson(text, source), source);
}
