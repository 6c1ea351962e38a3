import { HwcostError } from '@hwcost/core';
import { readFileBytes } from '../io/read.js';
import { isZip, readZipMember } from '../io/zip.js';
import { readOnnxWeights } from '../onnx/onnx-model.js';
import { looksLikeOnnx } from '../onnx/proto.js';
import type { ImportedModel } from '../types.js';
import { parseJson } from '../io/json.js';
import { readKerasArchiveConfig } from '../keras/keras-archive.js';
import { readKerasWeights, type ExpectedKernels } from './keras-h5.js';
import { savedLayerNames } from './saved-names.js';
import type { ModelWeights } from './types.js';

/** Weight files of real models reach hundreds of megabytes; past this, refuse rather than exhaust memory. */
const MAX_WEIGHTS_BYTES = 2 * 1024 * 1024 * 1024;
/**
 * Keras stores `model.weights.h5` in a `.keras` archive uncompressed, and float weights hardly
 * deflate; a member inflating to more than this many times its compressed size is a zip bomb.
 */
const MAX_WEIGHTS_RATIO = 100;

/** The kernel shape of every layer of the model that has one: what its weights file must hold. */
export function expectedKernels(model: ImportedModel): ExpectedKernels {
  return new Map(model.layers.filter((l) => l.attributes.weightShape.length > 0).map((l) => [l.attributes.name, l.attributes.weightShape]));
}

/**
 * Reads the kernels of a weights source: an HDF5 file (`*_weights.h5`, a full-model `.h5`), a
 * Keras `.keras` archive, whose `model.weights.h5` is read in memory with its groups named after
 * the layers of the archive's `config.json`, or an ONNX model's
 * initializers (Keras layout, with their stored layout recorded). With `expected`
 * (see {@link expectedKernels}) only the model's layers are decoded, after their shapes are checked.
 */
export async function loadWeightsFile(file: string, expected?: ExpectedKernels): Promise<ModelWeights> {
  const bytes = await readFileBytes(file, 'weights', MAX_WEIGHTS_BYTES);
  if (looksLikeOnnx(bytes, file)) return readOnnxWeights(bytes, file, expected);
  if (!isZip(bytes)) return readKerasWeights(bytes, file, expected);
  const inner = readZipMember(bytes, 'model.weights.h5', file, MAX_WEIGHTS_BYTES, MAX_WEIGHTS_RATIO);
  if (!inner) throw new HwcostError(`${file}: the archive holds no model.weights.h5`);
  // The archive's groups are named after layer classes; its config.json says which layer each is.
  const names = savedLayerNames(parseJson(readKerasArchiveConfig(bytes, file), `${file}: config.json`));
  return readKerasWeights(inner, `${file}: model.weights.h5`, expected, names);
}
