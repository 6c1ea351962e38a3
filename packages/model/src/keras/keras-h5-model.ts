import { HwcostError } from '@hwcost/core';
import { withHdf5File, type Hdf5Group } from '../io/hdf5.js';
import { parseJson } from '../io/json.js';
import { importKerasModel } from './keras-json.js';
import type { ImportedModel } from '../types.js';

const MODEL_CONFIG = 'model_config';

/** The JSON text of an HDF5 string attribute, as h5py writes it (a str, or UTF-8 bytes). */
function attributeText(value: unknown): string | undefined {
  if (typeof value === 'string') return value;
  if (Array.isArray(value) && value.length === 1) return attributeText(value[0]);
  return undefined;
}

/** A list of names from an HDF5 attribute (`layer_names`, `weight_names`). */
function names(value: unknown): string[] {
  const list = Array.isArray(value) ? value : value === undefined || value === null ? [] : [value];
  return list.map((v) => attributeText(v) ?? String(v));
}

/**
 * The shape of each layer's first weight under `model_weights` (metadata only, no values read): it
 * tells the input width of a layer whose input shape the architecture does not record.
 */
function kernelShapes(h5: Hdf5Group): Map<string, number[]> {
  const shapes = new Map<string, number[]>();
  const root = h5.get('model_weights');
  if (root?.kind !== 'group') return shapes;
  for (const layer of names(root.attribute('layer_names'))) {
    const entry = root.get(layer);
    if (entry?.kind !== 'group') continue;
    const [first] = names(entry.attribute('weight_names'));
    const dataset = first === undefined ? undefined : entry.get(first);
    if (dataset?.kind === 'dataset') shapes.set(layer, [...dataset.shape]);
  }
  return shapes;
}

/**
 * Reads the architecture of a whole-model Keras HDF5 file (Keras 2's `model.save("m.h5")`, also
 * saved under a `.keras` name by older tf.keras): the model JSON in the root's `model_config`
 * attribute. The weights are in the same file under `model_weights`. A weights-only file
 * (`save_weights`) has no architecture and is refused with a hint.
 */
export async function importKerasH5Model(bytes: Uint8Array, file: string, maxConfigBytes: number): Promise<ImportedModel> {
  const read = await withHdf5File(bytes, file, 'a Keras model', (h5) => {
    const attribute = h5.attribute(MODEL_CONFIG);
    if (attribute === undefined) {
      throw new HwcostError(
        `${file} holds Keras weights but no architecture (no ${MODEL_CONFIG}); give the model JSON (model.to_json()) or a file written by model.save(), and this file as the weights`,
      );
    }
    const value = attributeText(attribute);
    if (value === undefined) throw new HwcostError(`${file}: the ${MODEL_CONFIG} attribute is not text`);
    if (value.length > maxConfigBytes) throw new HwcostError(`${file}: the ${MODEL_CONFIG} attribute is larger than ${maxConfigBytes} characters`);
    return { value, kernels: kernelShapes(h5) };
  });
  return { ...importKerasModel(parseJson(read.value, `${file}: ${MODEL_CONFIG}`), file, read.kernels), holdsWeights: true };
}
