import { readFile } from 'node:fs/promises';
import { HwcostError, errorMessage } from '../errors.js';
import { readKerasWeights } from './keras-h5.js';
import type { ModelWeights } from './types.js';

/** Reads the kernels of a Keras `.h5` weights or full-model file. */
export async function loadWeightsFile(file: string): Promise<ModelWeights> {
  let bytes: Buffer;
  try {
    bytes = await readFile(file);
  } catch (error) {
    throw new HwcostError(`cannot read weights file ${file}: ${errorMessage(error)}`);
  }
  return readKerasWeights(new Uint8Array(bytes.buffer, bytes.byteOffset, bytes.byteLength), file);
}
