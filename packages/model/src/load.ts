import { HwcostError } from '@hwcost/core';
import { formatBytes, readFileBytes } from './io/read.js';
import { decodeText } from './io/text.js';
import { DEFAULT_ARCHIVE_LIMITS, importKerasArchive } from './keras/keras-archive.js';
import { importKerasH5Model } from './keras/keras-h5-model.js';
import { importKerasJson } from './keras/keras-json.js';
import { isZip } from './io/zip.js';
import { hasHdf5Signature } from './weights/keras-h5.js';
import { importOnnxModel } from './onnx/onnx-model.js';
import { looksLikeOnnx } from './onnx/proto.js';
import { isPyTorchFile, pyTorchRefusal } from './pytorch.js';
import type { ImportedModel } from './types.js';

/** Keras archives and ONNX models hold the weights too, so they may be large; model JSON never is. */
const MAX_ARCHIVE_BYTES = 1024 * 1024 * 1024;

/**
 * Imports a model file, recognized by its content: a Keras 3 `.keras` archive (zip), a whole-model
 * Keras HDF5 file (`model.save()`, named `.h5` or `.keras`), an ONNX model, or Keras model JSON
 * (`model.to_json()`). A PyTorch file is refused with the ONNX export call. `file` is the model's
 * source in the result and in errors.
 */
export async function loadModelFile(file: string): Promise<ImportedModel> {
  const bytes = await readFileBytes(file, 'model', MAX_ARCHIVE_BYTES);
  if (isPyTorchFile(bytes, file)) throw pyTorchRefusal(file);
  if (isZip(bytes)) return importKerasArchive(bytes, file);
  const limit = DEFAULT_ARCHIVE_LIMITS.maxConfigBytes;
  if (hasHdf5Signature(bytes)) return importKerasH5Model(bytes, file, limit);
  if (looksLikeOnnx(bytes, file)) return importOnnxModel(bytes, file);
  if (bytes.length > limit) throw new HwcostError(`model ${file} is ${formatBytes(bytes.length)}, more than the ${formatBytes(limit)} hwcost reads as model JSON`);
  return importKerasJson(decodeText(bytes, file), file);
}
