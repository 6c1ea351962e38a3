import { HwcostError } from '@hwcost/core';
import { readFileBytes } from '../io/read.js';
import { isZip, readZipMember } from '../io/zip.js';
import { readKerasWeights } from './keras-h5.js';
import type { ModelWeights } from './types.js';

/** Weight files of real models reach hundreds of megabytes; past this, refuse rather than exhaust memory. */
const MAX_WEIGHTS_BYTES = 2 * 1024 * 1024 * 1024;

/**
 * Reads the kernels of a Keras weights source: an HDF5 file (`*_weights.h5`, a full-model `.h5`)
 * or a Keras 3 `.keras` archive, whose `model.weights.h5` is read in memory.
 */
export async function loadWeightsFile(file: string): Promise<ModelWeights> {
  const bytes = await readFileBytes(file, 'weights', MAX_WEIGHTS_BYTES);
  if (!isZip(bytes)) return readKerasWeights(bytes, file);
  const inner = readZipMember(bytes, 'model.weights.h5', file, MAX_WEIGHTS_BYTES);
  if (!inner) throw new HwcostError(`${file}: the archive holds no model.weights.h5`);
  return readKerasWeights(inner, `${file}: model.weights.h5`);
}
