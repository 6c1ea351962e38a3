import { HwcostError } from '@hwcost/core';
import { formatBytes, readFileBytes } from './io/read.js';
import { decodeText } from './io/text.js';
import { DEFAULT_ARCHIVE_LIMITS, importKerasArchive } from './keras/keras-archive.js';
import { importKerasH5Model } from './keras/keras-h5-model.js';
import { importKerasJson } from './keras/keras-json.js';
import { isZip } from './io/zip.js';
import { hasHdf5Signature } from './weights/keras-h5.js';
import type { ImportedModel } from './types.js';

/** Keras archives hold the weights too, so they may be large; model JSON never is. */
const MAX_ARCHIVE_BYTES = 1024 * 1024 * 1024;

/**
 * Imports a model file, recognized by its content: a Keras 3 `.keras` archive (zip), a whole-model
 * Keras HDF5 file (`model.save()`, named `.h5` or `.keras`) or Keras model JSON (`model.to_json()`).
 * `file` is the model's source in the result and in errors.
 */
export async function loadModelFile(file: string): Promise<ImportedModel> {
  const bytes = await readFileBytes(file, 'model', MAX_ARCHIVE_BYTES);
  if (isZip(bytes)) return importKerasArchive(bytes, file);
  const limit = DEFAULT_ARCHIVE_LIMITS.maxConfigBytes;
  if (hasHdf5Signature(bytes)) return importKerasH5Model(bytes, file, limit);
  if (bytes.length > limit) throw new HwcostError(`model ${file} is ${formatBytes(bytes.length)}, more than the ${formatBytes(limit)} hwcost reads as model JSON`);
  return importKerasJson(decodeText(bytes, file), file);
}
