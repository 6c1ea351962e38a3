import type * as H5 from 'h5wasm';
import { HwcostError, product } from '@hwcost/core';
import { withHdf5File, type Hdf5File } from '../io/hdf5.js';
import type { ModelWeights, WeightTensor } from './types.js';

type H5Group = H5.Group;
type H5Dataset = H5.Dataset;
type H5File = Hdf5File;

/** Each layer's kernel shape as the model declares it, by layer name: what a weights file must hold. */
export type ExpectedKernels = ReadonlyMap<string, readonly number[]>;

/**
 * Keras 3 nests a sub-model's layers under `layers/<model>/layers`; real models nest a few levels.
 * HDF5 resolves every path from the root, so each level makes every lookup below it slower: the
 * depth and the number of layer groups are bounded to keep the walk linear in the file.
 */
const MAX_NESTING = 8;
const MAX_LAYER_GROUPS = 10_000;
/** Deflate, the filter Keras files may use, expands data at most 1032 times. */
const MAX_FILTER_RATIO = 1032;
/** HDF5 type classes of numbers (H5T_INTEGER, H5T_FLOAT). */
const NUMERIC_CLASSES = new Set([0, 1]);

/**
 * Reads every layer's kernel (its first weight, as hls4ml's `layer.get_weights()[0]`) from Keras
 * HDF5 bytes: a Keras 2 `save_weights` file or full-model `.h5` (groups per layer, `kernel:0`,
 * ordered by the `weight_names` attribute) or a file of Keras' saving library (Keras 3's
 * `model.weights.h5`, `layers/<group>/vars/0`; tf.keras 2.13–2.15 `.keras` archives, under
 * `_layer_checkpoint_dependencies/`), whose groups `savedNames` maps to layer names (see
 * {@link savedLayerNames}; without it the group names are taken as layer names).
 * The bytes go to HDF5's in-memory file system, never to disk. `file` names the source in errors.
 *
 * Each kernel's size is checked before it is decoded: it must fit in the file (an unwritten dataset
 * reads as gigabytes of fill values from a few bytes), and with `expected` only the model's layers
 * are decoded, each only when its shape is the one the model declares.
 */
export async function readKerasWeights(bytes: Uint8Array, file: string, expected?: ExpectedKernels, savedNames?: ReadonlyMap<string, string>): Promise<ModelWeights> {
  // Checked first because the HDF5 library would print its own diagnostics for anything else.
  if (!hasHdf5Signature(bytes)) throw new HwcostError(`${file}: not an HDF5 file (no HDF5 signature)`);
  return withHdf5File(bytes, file, 'Keras weights', (h5) => {
    const reader = new KernelReader(file, bytes.length, expected);
    readLayout(h5, reader, savedNames);
    return reader.weights;
  });
}

/** Decodes kernels into `weights` after checking their type, shape and size. */
class KernelReader {
  readonly weights: ModelWeights = new Map();

  constructor(
    readonly file: string,
    private readonly fileBytes: number,
    private readonly expected: ExpectedKernels | undefined,
  ) {}

  /** False for a layer the model does not have: its kernel is never decoded. */
  wants(layer: string): boolean {
    return this.expected === undefined || this.expected.has(layer);
  }

  read(layer: string, dataset: H5Dataset): void {
    const where = `${this.file}: layer ${layer}`;
    const { shape, type, size } = dataset.metadata;
    if (!NUMERIC_CLASSES.has(type)) throw new HwcostError(`${where}: kernel is not a numeric array (dtype ${String(dataset.dtype)})`);
    const dims = [...(shape ?? [])];
    const declared = this.expected?.get(layer);
    if (declared && !sameShape(dims, declared)) {
      throw new HwcostError(`${where}: weights have shape [${dims.join(', ')}], the model says [${declared.join(', ')}]`);
    }
    const bytes = product(dims) * size;
    const room = dataset.filters.length === 0 ? this.fileBytes : this.fileBytes * MAX_FILTER_RATIO;
    if (bytes > room) {
      throw new HwcostError(`${where}: a kernel of shape [${dims.join(', ')}] needs ${bytes} bytes, more than the file can hold (an unwritten or damaged dataset)`);
    }
    // Nested models may repeat a layer name; which kernel the model means would be a guess.
    if (this.weights.has(layer)) throw new HwcostError(`${where}: the file holds two kernels for this layer name`);
    this.weights.set(layer, tensor(dataset, where));
  }
}

function sameShape(a: readonly number[], b: readonly number[]): boolean {
  return a.length === b.length && a.every((n, i) => n === b[i]);
}

/** The groups Keras' saving library keeps a model's layers in: Keras 3's, and tf.keras 2.13–2.15's. */
const SAVED_LAYER_GROUPS = ['layers', '_layer_checkpoint_dependencies'];

/** Keras 2 files list their layers in `layer_names` (under `model_weights` for a full model); files of the saving library have one of {@link SAVED_LAYER_GROUPS}. */
function readLayout(h5: H5File, reader: KernelReader, savedNames: ReadonlyMap<string, string> | undefined): void {
  const keras2Root = h5.keys().includes('model_weights') ? (h5.get('model_weights') as H5Group) : h5;
  const container = SAVED_LAYER_GROUPS.find((name) => h5.keys().includes(name));
  if (container && !keras2Root.attrs['layer_names']) readKeras3(h5.get(container) as H5Group, reader, savedNames);
  else readKeras2(keras2Root, reader);
}

const SIGNATURE = [0x89, 0x48, 0x44, 0x46, 0x0d, 0x0a, 0x1a, 0x0a];

/** HDF5 files start with a signature at offset 0, or after a user block of 512, 1024, 2048, … bytes. */
export function hasHdf5Signature(bytes: Uint8Array): boolean {
  for (let offset = 0; offset + SIGNATURE.length <= bytes.length; offset = offset === 0 ? 512 : offset * 2) {
    if (SIGNATURE.every((b, i) => bytes[offset + i] === b)) return true;
  }
  return false;
}

function readKeras2(root: H5Group, reader: KernelReader): void {
  const names = stringList(root.attrs['layer_names']?.value) ?? root.keys();
  const { file } = reader;
  for (const layer of names) {
    if (!reader.wants(layer)) continue;
    const group = root.get(layer) as H5Group | null;
    if (!group || group.type !== 'Group') continue;
    const weightNames = stringList(group.attrs['weight_names']?.value);
    if (!weightNames || weightNames.length === 0) continue;
    const dataset = group.get(weightNames[0]!) as H5Dataset | null;
    if (!dataset || dataset.type !== 'Dataset') throw new HwcostError(`${file}: layer ${layer} lists weight ${weightNames[0]} but has no such dataset`);
    reader.read(layer, dataset);
  }
}

/**
 * The saving library keeps each layer's variables at `layers/<group>/vars/<i>` (a recurrent layer's
 * at `<group>/cell/vars/<i>`), nested models under their own `layers`. Walked breadth-first, within
 * {@link MAX_NESTING} levels and {@link MAX_LAYER_GROUPS} groups, so that links making a group its own
 * ancestor or a wide tree of shared groups end the walk. A group's path (`functional/dense_1`) is
 * looked up in `savedNames` for the layer's name.
 */
function readKeras3(top: H5Group, reader: KernelReader, savedNames: ReadonlyMap<string, string> | undefined): void {
  const { file } = reader;
  let level: { layers: H5Group; path: string }[] = [{ layers: top, path: '' }];
  let visited = 0;
  for (let depth = 1; level.length > 0; depth++) {
    if (depth > MAX_NESTING) throw new HwcostError(`${file}: layers nested more than ${MAX_NESTING} levels deep (layers/.../layers); refusing to walk further`);
    const next: typeof level = [];
    for (const { layers, path } of level) {
      for (const key of layers.keys()) {
        if (++visited > MAX_LAYER_GROUPS) throw new HwcostError(`${file}: more than ${MAX_LAYER_GROUPS} layer groups; refusing to walk further`);
        const group = layers.get(key) as H5Group | null;
        if (!group || group.type !== 'Group') continue;
        const keys = group.keys();
        const nested = SAVED_LAYER_GROUPS.find((name) => keys.includes(name));
        if (nested) next.push({ layers: group.get(nested) as H5Group, path: `${path}${key}/` });
        const layer = savedNames?.get(`${path}${key}`) ?? key;
        if (!reader.wants(layer)) continue;
        const kernel = firstVariable(group) ?? (keys.includes('cell') ? firstVariable(group.get('cell') as H5Group) : undefined);
        if (kernel) reader.read(layer, kernel);
      }
    }
    level = next;
  }
}

/** A group's `vars/0`, when it is there. */
function firstVariable(group: H5Group): H5Dataset | undefined {
  if (group.type !== 'Group' || !group.keys().includes('vars')) return undefined;
  const vars = group.get('vars') as H5Group;
  return vars.type === 'Group' && vars.keys().includes('0') ? (vars.get('0') as H5Dataset) : undefined;
}

function tensor(dataset: H5Dataset, where: string): WeightTensor {
  const value = dataset.value;
  if (!ArrayBuffer.isView(value) || value instanceof BigInt64Array || value instanceof BigUint64Array) {
    throw new HwcostError(`${where}: kernel is not a numeric array (dtype ${String(dataset.dtype)})`);
  }
  // h5wasm already returns a fresh Float32Array for Keras' float32 kernels: kept as is, not copied.
  return { shape: [...(dataset.shape ?? [])], data: value instanceof Float32Array ? value : Float32Array.from(value as ArrayLike<number>) };
}

function stringList(value: unknown): string[] | undefined {
  if (value === undefined || value === null) return undefined;
  const list = Array.isArray(value) ? value : [value];
  return list.map((v) => (v instanceof Uint8Array ? new TextDecoder().decode(v) : String(v))).filter((name) => name !== '');
}
