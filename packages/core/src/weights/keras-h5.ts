import h5wasm from 'h5wasm';
import { HwcostError, errorMessage } from '../errors.js';
import type { ModelWeights, WeightTensor } from './types.js';

type H5Group = InstanceType<typeof h5wasm.Group>;
type H5Dataset = InstanceType<typeof h5wasm.Dataset>;

let nextFile = 0;

/**
 * Reads every layer's kernel (its first weight, as hls4ml's `layer.get_weights()[0]`) from Keras
 * HDF5 bytes: a Keras 2 `save_weights` file or full-model `.h5` (groups per layer, `kernel:0`,
 * ordered by the `weight_names` attribute) or a Keras 3 `model.weights.h5` (`layers/<name>/vars/0`).
 * The bytes go to HDF5's in-memory file system, never to disk. `file` names the source in errors.
 */
export async function readKerasWeights(bytes: Uint8Array, file: string): Promise<ModelWeights> {
  const { FS } = await h5wasm.ready;
  const path = `/hwcost-weights-${process.pid}-${nextFile++}.h5`;
  FS.writeFile(path, bytes);
  let h5: InstanceType<typeof h5wasm.File> | undefined;
  try {
    try {
      h5 = new h5wasm.File(path, 'r');
    } catch (error) {
      throw new HwcostError(`${file}: not a readable HDF5 file (${errorMessage(error)})`);
    }
    const weights: ModelWeights = new Map();
    const keras2Root = h5.keys().includes('model_weights') ? (h5.get('model_weights') as H5Group) : h5;
    const layers = h5.keys().includes('layers') ? (h5.get('layers') as H5Group) : undefined;
    if (layers && !keras2Root.attrs['layer_names']) readKeras3(layers, weights, file);
    else readKeras2(keras2Root, weights, file);
    return weights;
  } finally {
    h5?.close();
    FS.unlink(path);
  }
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

function readKeras3(layers: H5Group, weights: ModelWeights, file: string): void {
  for (const layer of layers.keys()) {
    const group = layers.get(layer) as H5Group | null;
    if (!group || group.type !== 'Group' || !group.keys().includes('vars')) continue;
    const vars = group.get('vars') as H5Group;
    if (!vars.keys().includes('0')) continue;
    weights.set(layer, tensor(vars.get('0') as H5Dataset, `${file}: layer ${layer}`));
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
