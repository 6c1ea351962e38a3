import path from 'node:path';
import { HwcostError } from '@hwcost/core';
import type { ImportedModel } from '../types.js';
import { applyLayout } from '../weights/layout.js';
import type { ModelWeights, WeightTensor } from '../weights/types.js';
import { analyzeGraph } from './graph.js';
import { onnxLayers } from './layers.js';
import { decodeOnnxModel } from './proto.js';
import { ExternalData, tensorValues } from './tensor.js';

/** External weight files of real models reach gigabytes; past this, refuse rather than exhaust memory. */
const MAX_EXTERNAL_BYTES = 2 * 1024 * 1024 * 1024;

/**
 * Imports an ONNX model (PyTorch's TorchScript or dynamo exporter, tf2onnx, QONNX) as layers in
 * Keras terms: hls4ml class names, Keras-layout shapes, layers named after their weight
 * initializers. The weights are in the model (or in external-data files beside it).
 */
export async function importOnnxModel(bytes: Uint8Array, file: string): Promise<ImportedModel> {
  const model = await decodeOnnxModel(bytes, file);
  const graph = analyzeGraph(model);
  // Exporters name graphs generically (torch_jit, main_graph) or by a hash: the file names the model.
  return {
    name: path.basename(file, path.extname(file)),
    source: file,
    layers: onnxLayers(graph).map((l) => l.layer),
    holdsWeights: true,
  };
}

/**
 * Reads the kernels of an ONNX model's weighted layers from its initializers (external-data files
 * beside the model included), in Keras layout and keyed by layer name; each records its stored
 * layout (`source`) so that masks can be written in the initializer's own shape. With `expected`,
 * only those layers are read, after their shapes are checked.
 */
export async function readOnnxWeights(bytes: Uint8Array, file: string, expected?: ReadonlyMap<string, readonly number[]>): Promise<ModelWeights> {
  const model = await decodeOnnxModel(bytes, file);
  const graph = analyzeGraph(model);
  const external = new ExternalData(file, MAX_EXTERNAL_BYTES);
  const weights: ModelWeights = new Map();
  for (const { layer, kernel } of onnxLayers(graph)) {
    const name = layer.attributes.name;
    if (!kernel || (expected && !expected.has(name))) continue;
    const want = expected?.get(name);
    if (want && want.join('x') !== layer.attributes.weightShape.join('x')) {
      throw new HwcostError(`${file}: layer ${name}: the kernel is [${layer.attributes.weightShape.join(', ')}], the model says [${want.join(', ')}]`);
    }
    const tensor = graph.initializers.get(kernel.initializer);
    if (!tensor) throw new HwcostError(`${file}: layer ${name}: its weight ${kernel.initializer} is no initializer`);
    const stored = { shape: kernel.storedShape, data: await tensorValues(tensor, `${file}: initializer ${kernel.initializer}`, external) };
    const keras = applyLayout(stored, kernel.steps);
    const entry: WeightTensor = { shape: [...keras.shape], data: keras.data, source: { name: kernel.initializer, shape: kernel.storedShape, steps: kernel.steps } };
    weights.set(name, entry);
  }
  return weights;
}
