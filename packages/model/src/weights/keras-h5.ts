import { HwcostError, product } from '@hwcost/core';
import { withHdf5File, type Hdf5Dataset, type Hdf5Group } from '../io/hdf5.js';
import type { ModelWeights } from './types.js';

export { hasHdf5Signature } from '../io/hdf5.js';

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

/**
 * Reads every layer's kernel (its first weight, as hls4ml's `layer.get_weights()[0]`) from Keras
 * HDF5 bytes: a Keras 2 `save_weights` file or full-model `.h5` (groups per layer, `kernel:0`,
 * ordered by the `weight_names` attribute) or a file of Keras' saving library (Keras 3's
 * `model.weights.h5`, `layers/<group>/vars/0`; tf.keras 2.13–2.15 `.keras` archives, under
 * `_layer_checkpoint_dependencies/`), whose groups `savedNames` maps to layer names (see
 * {@link savedLayerNames}; without it the group names are taken as layer names).
 * The bytes are read in memory, never written anywhere. `file` names the source in errors.
 *
 * Each kernel's size is checked before it is decoded: it must fit in the file (an unwritten dataset
 * reads as gigabytes of fill values from a few bytes), and with `expected` only the model's layers
 * are decoded, each only when its shape is the one the model declares.
 */
export async function readKerasWeights(bytes: Uint8Array, file: string, expected?: ExpectedKernels, savedNames?: ReadonlyMap<string, string>): Promise<ModelWeights> {
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

  read(layer: string, dataset: Hdf5Dataset): void {
    const where = `${this.file}: layer ${layer}`;
    const { shape: dims, type } = dataset;
    if (type.kind !== 'float' && type.kind !== 'int' && type.kind !== 'uint') throw new HwcostError(`${where}: kernel is not a numeric array (dtype ${type.name})`);
    const declared = this.expected?.get(layer);
    if (declared && !sameShape(dims, declared)) {
      throw new HwcostError(`${where}: weights have shape [${dims.join(', ')}], the model says [${declared.join(', ')}]`);
    }
    const bytes = product(dims) * type.size;
    const room = dataset.filtered ? this.fileBytes * MAX_FILTER_RATIO : this.fileBytes;
    if (bytes > room) {
      throw new HwcostError(`${where}: a kernel of shape [${dims.join(', ')}] needs ${bytes} bytes, more than the file can hold (an unwritten or damaged dataset)`);
    }
    // Nested models may repeat a layer name; which kernel the model means would be a guess.
    if (this.weights.has(layer)) throw new HwcostError(`${where}: the file holds two kernels for this layer name`);
    this.weights.set(layer, { shape: [...dims], data: dataset.float32() });
  }
}

function sameShape(a: readonly number[], b: readonly number[]): boolean {
  return a.length === b.length && a.every((n, i) => n === b[i]);
}

/** The groups Keras' saving library keeps a model's layers in: Keras 3's, and tf.keras 2.13–2.15's. */
const SAVED_LAYER_GROUPS = ['layers', '_layer_checkpoint_dependencies'];

/** Keras 2 files list their layers in `layer_names` (under `model_weights` for a full model); files of the saving library have one of {@link SAVED_LAYER_GROUPS}. */
function readLayout(h5: Hdf5Group, reader: KernelReader, savedNames: ReadonlyMap<string, string> | undefined): void {
  const keras2Root = groupOrUndefined(h5, 'model_weights') ?? h5;
  const container = SAVED_LAYER_GROUPS.find((name) => h5.keys().includes(name));
  const layers = container === undefined ? undefined : groupOrUndefined(h5, container);
  if (layers && keras2Root.attribute('layer_names') === undefined) readKeras3(layers, reader, savedNames);
  else readKeras2(keras2Root, reader);
}

/** The member `name` of `group` when it is a group. */
function groupOrUndefined(group: Hdf5Group, name: string): Hdf5Group | undefined {
  const member = group.get(name);
  return member?.kind === 'group' ? member : undefined;
}

function readKeras2(root: Hdf5Group, reader: KernelReader): void {
  const names = stringList(root.attribute('layer_names')) ?? root.keys();
  const { file } = reader;
  for (const layer of names) {
    if (!reader.wants(layer)) continue;
    const group = groupOrUndefined(root, layer);
    if (!group) continue;
    const weightNames = stringList(group.attribute('weight_names'));
    if (!weightNames || weightNames.length === 0) continue;
    const dataset = group.get(weightNames[0]!);
    if (dataset?.kind !== 'dataset') throw new HwcostError(`${file}: layer ${layer} lists weight ${weightNames[0]} but has no such dataset`);
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
function readKeras3(top: Hdf5Group, reader: KernelReader, savedNames: ReadonlyMap<string, string> | undefined): void {
  const { file } = reader;
  let level: { layers: Hdf5Group; path: string }[] = [{ layers: top, path: '' }];
  let visited = 0;
  for (let depth = 1; level.length > 0; depth++) {
    if (depth > MAX_NESTING) throw new HwcostError(`${file}: layers nested more than ${MAX_NESTING} levels deep (layers/.../layers); refusing to walk further`);
    const next: typeof level = [];
    for (const { layers, path } of level) {
      for (const key of layers.keys()) {
        if (++visited > MAX_LAYER_GROUPS) throw new HwcostError(`${file}: more than ${MAX_LAYER_GROUPS} layer groups; refusing to walk further`);
        const group = groupOrUndefined(layers, key);
        if (!group) continue;
        const keys = group.keys();
        const nested = SAVED_LAYER_GROUPS.find((name) => keys.includes(name));
        const nestedLayers = nested === undefined ? undefined : groupOrUndefined(group, nested);
        if (nestedLayers) next.push({ layers: nestedLayers, path: `${path}${key}/` });
        const layer = savedNames?.get(`${path}${key}`) ?? key;
        if (!reader.wants(layer)) continue;
        const cell = keys.includes('cell') ? groupOrUndefined(group, 'cell') : undefined;
        const kernel = firstVariable(group) ?? (cell ? firstVariable(cell) : undefined);
        if (kernel) reader.read(layer, kernel);
      }
    }
    level = next;
  }
}

/** A group's `vars/0`, when it is there. */
function firstVariable(group: Hdf5Group): Hdf5Dataset | undefined {
  const vars = group.keys().includes('vars') ? groupOrUndefined(group, 'vars') : undefined;
  const first = vars?.keys().includes('0') ? vars.get('0') : undefined;
  return first?.kind === 'dataset' ? first : undefined;
}

function stringList(value: unknown): string[] | undefined {
  if (value === undefined || value === null) return undefined;
  const list = Array.isArray(value) ? value : [value];
  return list.map(String).filter((name) => name !== '');
}
