import type * as H5 from 'h5wasm';
import { HwcostError } from '@hwcost/core';
import { withHdf5File, type Hdf5File } from '../io/hdf5.js';
import type { ModelWeights, WeightTensor } from './types.js';

type H5Group = H5.Group;
type H5Dataset = H5.Dataset;
type H5File = Hdf5File;

/**
 * Reads every layer's kernel (its first weight, as hls4ml's `layer.get_weights()[0]`) from Keras
 * HDF5 bytes: a Keras 2 `save_weights` file or full-model `.h5` (groups per layer, `kernel:0`,
 * ordered by the `weight_names` attribute) or a Keras 3 `model.weights.h5` (`layers/<name>/vars/0`).
 * The bytes go to HDF5's in-memory file system, never to disk. `file` names the source in errors.
 */
export async function readKerasWeights(bytes: Uint8Array, file: string): Promise<ModelWeights> {
  // Checked first because the HDF5 library would print its own diagnostics for anything else.
  if (!hasHdf5Signature(bytes)) throw new HwcostError(`${file}: not an HDF5 file (no HDF5 signature)`);
  return withHdf5File(bytes, file, 'Keras weights', (h5) => {
    const weights: ModelWeights = new Map();
    readLayout(h5, weights, file);
    return weights;
  });
}

/** Keras 2 files list their layers in `layer_names` (under `model_weights` for a full model); Keras 3 files have `layers`. */
function readLayout(h5: H5File, weights: ModelWeights, file: string): void {
  const keras2Root = h5.keys().includes('model_weights') ? (h5.get('model_weights') as H5Group) : h5;
  const layers = h5.keys().includes('layers') ? (h5.get('layers') as H5Group) : undefined;
  if (layers && !keras2Root.attrs['layer_names']) readKeras3(layers, weights, file);
  else readKeras2(keras2Root, weights, file);
}

const SIGNATURE = [0x89, 0x48, 0x44, 0x46, 0x0d, 0x0a, 0x1a, 0x0a];

/** HDF5 files start with a signature at offset 0, or after a user block of 512, 1024, 2048, … bytes. */
export function hasHdf5Signature(bytes: Uint8Array): boolean {
  for (let offset = 0; offset + SIGNATURE.length <= bytes.length; offset = offset === 0 ? 512 : offset * 2) {
    if (SIGNATURE.every((b, i) => bytes[offset + i] === b)) return true;
  }
  return false;
}

function readKeras2(root: H5Group, weights: ModelWeights, file: string): void {
  const names = stringList(root.attrs['layer_names']?.value) ?? root.keys();
  for (const layer of names) {
    const group = root.get(layer) as H5Group | null;
    if (!group || group.type !== 'Group') continue;
    const weightNames = stringList(group.attrs['weight_names']?.value);
    if (!weightNames || weightNames.length === 0) continue;
    const dataset = group.get(weightNames[0]!) as H5Dataset | null;
    if (!dataset || dataset.type !== 'Dataset') throw new HwcostError(`${file}: layer ${layer} lists weight ${weightNames[0]} but has no such dataset`);
    weights.set(layer, tensor(dataset, `${file}: layer ${layer}`));
  }
}

/** Keras 3 keeps each layer's variables at `layers/<name>/vars/<i>`, nested models under their own `layers`. */
function readKeras3(layers: H5Group, weights: ModelWeights, file: string): void {
  for (const layer of layers.keys()) {
    const group = layers.get(layer) as H5Group | null;
    if (!group || group.type !== 'Group') continue;
    const keys = group.keys();
    if (keys.includes('layers')) readKeras3(group.get('layers') as H5Group, weights, file);
    if (!keys.includes('vars')) continue;
    const vars = group.get('vars') as H5Group;
    if (vars.keys().includes('0')) weights.set(layer, tensor(vars.get('0') as H5Dataset, `${file}: layer ${layer}`));
  }
}

function tensor(dataset: H5Dataset, where: string): WeightTensor {
  const value = dataset.value;
  if (!ArrayBuffer.isView(value) || value instanceof BigInt64Array || value instanceof BigUint64Array) {
    throw new HwcostError(`${where}: kernel is not a numeric array (dtype ${String(dataset.dtype)})`);
  }
  return { shape: [...(dataset.shape ?? [])], data: Float64Array.from(value as ArrayLike<number>) };
}

function stringList(value: unknown): string[] | undefined {
  if (value === undefined || value === null) return undefined;
  const list = Array.isArray(value) ? value : [value];
  return list.map((v) => (v instanceof Uint8Array ? new TextDecoder().decode(v) : String(v))).filter((name) => name !== '');
}
