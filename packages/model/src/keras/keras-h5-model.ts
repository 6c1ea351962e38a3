import { HwcostError } from '@hwcost/core';
import { withHdf5File } from '../io/hdf5.js';
import { parseJson } from '../io/json.js';
import { hasHdf5Signature } from '../weights/keras-h5.js';
import { importKerasModel } from './keras-json.js';
import type { ImportedModel } from '../types.js';

const MODEL_CONFIG = 'model_config';

/** The JSON text of an HDF5 string attribute, as h5py writes it (a str, or UTF-8 bytes). */
function attributeText(value: unknown): string | undefined {
  if (typeof value === 'string') return value;
  if (value instanceof Uint8Array) return new TextDecoder().decode(value);
  if (Array.isArray(value) && value.length === 1) return attributeText(value[0]);
  return undefined;
}

/**
 * Reads the architecture of a whole-model Keras HDF5 file (Keras 2's `model.save("m.h5")`, also
 * saved under a `.keras` name by older tf.keras): the model JSON in the root's `model_config`
 * attribute. The weights are in the same file under `model_weights`. A weights-only file
 * (`save_weights`) has no architecture and is refused with a hint.
 */
export async function importKerasH5Model(bytes: Uint8Array, file: string, maxConfigBytes: number): Promise<ImportedModel> {
  if (!hasHdf5Signature(bytes)) throw new HwcostError(`${file}: not an HDF5 file (no HDF5 signature)`);
  const text = await withHdf5File(bytes, file, 'a Keras model', (h5) => {
    const attribute = h5.attrs[MODEL_CONFIG];
    if (!attribute) {
      throw new HwcostError(
        `${file} holds Keras weights but no architecture (no ${MODEL_CONFIG}); give the model JSON (model.to_json()) or a file written by model.save(), and this file as the weights`,
      );
    }
    const value = attributeText(attribute.value);
    if (value === undefined) throw new HwcostError(`${file}: the ${MODEL_CONFIG} attribute is not text`);
    if (value.length > maxConfigBytes) throw new HwcostError(`${file}: the ${MODEL_CONFIG} attribute is larger than ${maxConfigBytes} characters`);
    return value;
  });
  return { ...importKerasModel(parseJson(text, `${file}: ${MODEL_CONFIG}`), file), holdsWeights: true };
}
