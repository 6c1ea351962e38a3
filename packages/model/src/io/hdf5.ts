import { HwcostError, errorMessage, isHwcostError, product } from '@hwcost/core';
import type * as Jsfive from 'jsfive';
import { readDataspace, readDatatype, readLayout, hasDenseAttributes, toFloat32, type ElementType, type Storage } from './hdf5/dataset.js';
import { Meter, MeterExceeded, metered } from './hdf5/meter.js';
import { MESSAGE, objectHeaderProblem, rootObjectAddress } from './hdf5/object-header.js';
import { zlib } from './zlib.js';

/** A group of an open HDF5 file. */
export interface Hdf5Group {
  readonly kind: 'group';
  /** Its path from the root (`/model_weights/fc1`). */
  readonly path: string;
  /** The names of its members, in the file's order. */
  keys(): string[];
  /** The object at `path` (a member's name, `a/b` below this group, `/a/b` from the root), or undefined when there is none. */
  get(path: string): Hdf5Group | Hdf5Dataset | undefined;
  /**
   * The value of an attribute: a string (fixed-length strings without their padding NULs), a
   * number, or an array of them; null for a type the reader cannot decode; undefined when absent.
   */
  attribute(name: string): unknown;
}

/** A dataset of an open HDF5 file: its shape and type are known before any value is decoded. */
export interface Hdf5Dataset {
  readonly kind: 'dataset';
  readonly path: string;
  readonly shape: number[];
  readonly type: ElementType;
  /** Whether its chunks pass through filters (compression), so that it may hold more than the file. */
  readonly filtered: boolean;
  /** Its values as float32, in C order; for numeric datasets only, after their size was checked. */
  float32(): Float32Array;
}

export type { ElementType };

/** Signs that the file is damaged, in the words the one-line error uses. */
class Hdf5Damage extends Error {}

const SIGNATURE = [0x89, 0x48, 0x44, 0x46, 0x0d, 0x0a, 0x1a, 0x0a];

/** Where the superblock is: offset 0, or after a user block of 512, 1024, 2048, … bytes; -1 for none. */
function superblockOffset(bytes: Uint8Array): number {
  for (let offset = 0; offset + SIGNATURE.length <= bytes.length; offset = offset === 0 ? 512 : offset * 2) {
    if (SIGNATURE.every((b, i) => bytes[offset + i] === b)) return offset;
  }
  return -1;
}

/** HDF5 files start with a signature at offset 0, or after a user block of 512, 1024, 2048, … bytes. */
export function hasHdf5Signature(bytes: Uint8Array): boolean {
  return superblockOffset(bytes) >= 0;
}

/**
 * What reading a file's structure may touch, in bytes (see {@link Meter}): the structure of a real
 * Keras file takes a small part of this; a kernel read through chunks adds its own size.
 */
const BASE_BUDGET = 16 * 1024 * 1024;
const BUDGET_PER_FILE_BYTE = 2;
/** Soft links followed in one file: Keras writes none; a few are plenty, and chains of them end. */
const MAX_SOFT_LINKS = 64;

/**
 * Opens HDF5 bytes read-only with jsfive (a pure JavaScript reader: nothing to compile, nothing
 * written anywhere), runs `read` on the root group and returns its result. Every object header is
 * checked before it is parsed, and the parsing is metered (see {@link Meter}), so that a damaged or
 * hostile file ends in one line, `<file>: cannot read <what> from this HDF5 file (…)`, never in a
 * hang or a flood of memory. An error `read` throws that is a hwcost error passes unchanged.
 */
export async function withHdf5File<T>(bytes: Uint8Array, file: string, what: string, read: (root: Hdf5Group) => T): Promise<T> {
  // Loaded on first use, like every reader only some runs need.
  const jsfive = await import('jsfive');
  const offset = superblockOffset(bytes);
  if (offset < 0) throw new HwcostError(`${file}: not an HDF5 file (no HDF5 signature)`);
  // Addresses count from the superblock; a user block before it is not part of the file's structure.
  const data = bytes.subarray(offset);
  const meter = new Meter(BASE_BUDGET + BUDGET_PER_FILE_BYTE * data.length);
  // jsfive warns on the console about attribute types it cannot decode (they read as null).
  const { warn } = console;
  console.warn = () => {};
  try {
    return metered(meter, () => read(new Session(jsfive, data, meter).root()));
  } catch (error) {
    if (isHwcostError(error) && !meter.exceeded) throw error;
    throw new HwcostError(`${file}: cannot read ${what} from this HDF5 file (${reasonOf(error, meter)})`);
  } finally {
    console.warn = warn;
  }
}

/** What is wrong with the file, from what the reader threw. */
function reasonOf(error: unknown, meter: Meter): string {
  if (meter.exceeded || error instanceof MeterExceeded) {
    return 'its structure refers to far more data than the file holds (damaged, or built to exhaust memory)';
  }
  if (error instanceof Hdf5Damage) return error.message;
  return describe(error);
}

/** jsfive's errors (thrown strings, failed asserts, reads past the end) in the words of a one-line error. */
function describe(error: unknown): string {
  if (typeof error === 'string') return error.replace(/^\w+Error\((['"])(.*)\1\)$|^InvalidHDF5File\((['"])(.*)\3\)$/, '$2$4') || error;
  if (error instanceof RangeError) {
    if (/bounds|offset/i.test(error.message)) return 'a structure reaches past the end of the file (truncated or damaged)';
    if (/call stack/.test(error.message)) return 'structures nested too deeply';
    return 'a size out of range (damaged)';
  }
  // jsfive's assert() fails as a call of its falsy argument.
  if (error instanceof TypeError && /is not a function/.test(error.message)) return 'a structure fails its consistency check (damaged)';
  if (error instanceof TypeError) return 'a damaged or unsupported structure';
  return errorMessage(error);
}

/** A failure inside jsfive while working on one object, with the object named. */
function about(path: string, doing: string, error: unknown): unknown {
  if (error instanceof Hdf5Damage || error instanceof MeterExceeded || isHwcostError(error)) return error;
  return new Hdf5Damage(`${doing} '${path}': ${describe(error)}`);
}

/** The dataset whose chunks pass through the deflate filter, and their size (see {@link Session.float32}). */
const inflating = { path: '', limit: 0 };

/** One open file: its bytes, the jsfive objects, the budget. */
class Session {
  private readonly buffer: ArrayBuffer;
  private readonly DataObjects: typeof Jsfive.DataObjects;
  private readonly file: Jsfive.File;
  private softLinks = 0;

  constructor(
    private readonly jsfive: typeof Jsfive,
    readonly bytes: Uint8Array,
    private readonly meter: Meter,
  ) {
    // jsfive reads from an ArrayBuffer that is exactly the file. (A copy by the Uint8Array
    // constructor: a Node Buffer's slice() is a view of the whole buffer, not a copy.)
    this.buffer = bytes.byteOffset === 0 && bytes.byteLength === bytes.buffer.byteLength ? (bytes.buffer as ArrayBuffer) : new Uint8Array(bytes).buffer;
    const root = rootObjectAddress(bytes);
    const problem = typeof root === 'string' ? root : objectHeaderProblem(bytes, root);
    if (problem) throw new Hdf5Damage(`can't open the root group: ${problem}`);
    try {
      this.file = new jsfive.File(this.buffer);
    } catch (error) {
      throw about('/', "can't open the root group", error);
    }
    this.DataObjects = this.file._dataobjects.constructor as typeof Jsfive.DataObjects;
    // jsfive's own deflate filter (pako, left out of the bundle: see no-pako.ts) has no output
    // limit; zlib with the chunk's own size as the limit keeps a deflate bomb inside one chunk
    // from taking memory.
    jsfive.Filters.set(1, (data) => {
      let out: Buffer;
      try {
        out = zlib().inflateSync(new Uint8Array(data), { maxOutputLength: inflating.limit });
      } catch (error) {
        const bomb = (error as { code?: unknown }).code === 'ERR_BUFFER_TOO_LARGE';
        throw new Hdf5Damage(`a deflated chunk of '${inflating.path}' ${bomb ? 'inflates past the size of a chunk, so it is damaged or built to exhaust memory' : `is damaged (${errorMessage(error)})`}`);
      }
      return out.buffer.slice(out.byteOffset, out.byteOffset + out.byteLength) as ArrayBuffer;
    });
  }

  root(): Group {
    return new Group(this, this.file, '/');
  }

  /** The member `name` of `parent`, its header checked before jsfive parses it. */
  member(parent: Group, name: string): Group | Dataset | undefined {
    const links = parent.raw._links;
    if (!Object.hasOwn(links, name)) return undefined;
    const target = links[name]!;
    const path = parent.path === '/' ? `/${name}` : `${parent.path}/${name}`;
    if (typeof target === 'string') {
      if (++this.softLinks > MAX_SOFT_LINKS) throw new Hdf5Damage(`more than ${MAX_SOFT_LINKS} soft links followed`);
      return this.resolve(parent, target);
    }
    const problem = objectHeaderProblem(this.bytes, target);
    if (problem) throw new Hdf5Damage(`can't get info for object: '${path}': ${problem}`);
    try {
      const objects = new this.DataObjects(this.buffer, target);
      return objects.is_dataset ? new Dataset(this, new this.jsfive.Dataset(path, objects, parent.raw), path) : new Group(this, new this.jsfive.Group(path, objects, parent.raw), path);
    } catch (error) {
      throw about(path, "can't get info for object:", error);
    }
  }

  /** The object at `path`: from the root when it starts with `/`, else from `from`. */
  resolve(from: Group, path: string): Group | Dataset | undefined {
    let node: Group | Dataset | undefined = path.startsWith('/') ? this.root() : from;
    for (const part of path.split('/').filter((p) => p !== '' && p !== '.')) {
      if (node?.kind !== 'group') return undefined;
      node = this.member(node, part);
    }
    return node;
  }

  /** Values of a dataset, by its storage. */
  float32(dataset: Dataset, storage: Storage): Float32Array {
    const { type, shape, path } = dataset;
    const bytes = product(shape) * type.size;
    switch (storage.kind) {
      case 'contiguous': {
        if (storage.address === undefined) return new Float32Array(product(shape));
        if (storage.address + bytes > this.bytes.length) throw new Hdf5Damage(`the data of '${path}' lies past the end of the file`);
        return toFloat32(this.bytes.subarray(storage.address, storage.address + bytes), type);
      }
      case 'compact':
        if (bytes > storage.size) throw new Hdf5Damage(`'${path}' holds fewer values than its shape`);
        return toFloat32(this.bytes.subarray(storage.address, storage.address + bytes), type);
      case 'chunked':
        return this.chunked(dataset, bytes);
      default:
        throw new Hdf5Damage(`'${path}' uses ${storage.what}, which this reader does not support`);
    }
  }

  /** A chunked dataset, through jsfive: it decodes value by value (unwritten chunks read as 0). */
  private chunked(dataset: Dataset, bytes: number): Float32Array {
    const { raw, type, path } = dataset;
    try {
      inflating.path = path;
      inflating.limit = product(raw._dataobjects.chunks ?? []) * type.size + 64;
      // The size was checked against the file; the B-tree, the chunks and each value are read once.
      this.meter.extend(4 * bytes + this.bytes.length);
      const values = raw.value;
      const out = new Float32Array(product(dataset.shape));
      for (let i = 0; i < out.length; i++) out[i] = Number(values[i] ?? 0);
      return out;
    } catch (error) {
      throw about(path, "can't read the chunks of", error);
    }
  }
}

class Group implements Hdf5Group {
  readonly kind = 'group';
  private attrs: Record<string, unknown> | undefined;

  constructor(
    private readonly session: Session,
    readonly raw: Jsfive.Group,
    readonly path: string,
  ) {}

  keys(): string[] {
    return Object.keys(this.raw._links);
  }

  get(path: string): Hdf5Group | Hdf5Dataset | undefined {
    return this.session.resolve(this, path);
  }

  attribute(name: string): unknown {
    try {
      this.attrs ??= this.raw.attrs;
    } catch (error) {
      throw about(this.path, "can't read the attributes of", error);
    }
    if (Object.hasOwn(this.attrs, name)) return withoutPadding(this.attrs[name]);
    // jsfive reads only attributes kept in the object header; a missing one may be in dense storage.
    const info = this.raw._dataobjects.msgs.find((m) => m.get('type') === MESSAGE.attributeInfo);
    if (info && hasDenseAttributes(this.session.bytes, info.get('offset_to_message')!)) {
      throw new Hdf5Damage(`'${this.path}' keeps its attributes in dense storage (a fractal heap), which this reader does not support`);
    }
    return undefined;
  }
}

/** Fixed-length strings come back padded with NULs, as stored; numpy drops the padding. */
function withoutPadding(value: unknown): unknown {
  if (typeof value === 'string') return value.replace(/\0+$/, '');
  return Array.isArray(value) ? value.map(withoutPadding) : value;
}

class Dataset implements Hdf5Dataset {
  readonly kind = 'dataset';
  readonly shape: number[];
  readonly type: ElementType;
  readonly filtered: boolean;

  constructor(
    private readonly session: Session,
    readonly raw: Jsfive.Dataset,
    readonly path: string,
  ) {
    const { bytes } = session;
    const at = (type: number) => raw._dataobjects.msgs.find((m) => m.get('type') === type)?.get('offset_to_message');
    const shape = readDataspace(bytes, at(MESSAGE.dataspace)!);
    if (typeof shape === 'string') throw new Hdf5Damage(`can't get info for object: '${path}': ${shape}`);
    const datatype = at(MESSAGE.datatype);
    if (datatype === undefined) throw new Hdf5Damage(`can't get info for object: '${path}': a dataset without a datatype`);
    this.shape = shape;
    this.type = readDatatype(bytes, datatype);
    this.filtered = at(MESSAGE.filters) !== undefined;
  }

  float32(): Float32Array {
    if (this.type.kind !== 'float' && this.type.kind !== 'int' && this.type.kind !== 'uint') {
      throw new Hdf5Damage(`'${this.path}' holds ${this.type.name} values, not numbers`);
    }
    const layout = this.raw._dataobjects.msgs.find((m) => m.get('type') === MESSAGE.layout)?.get('offset_to_message');
    if (layout === undefined) throw new Hdf5Damage(`'${this.path}' has no data layout`);
    return this.session.float32(this, readLayout(this.session.bytes, layout));
  }
}
