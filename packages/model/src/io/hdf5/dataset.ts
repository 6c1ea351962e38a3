import { isUndefinedAddress, u16, u32, u64, u8 } from './bytes.js';

/** What a dataset's elements are, from its datatype message. */
export interface ElementType {
  kind: 'float' | 'int' | 'uint' | 'string' | 'other';
  /** Bytes per element. */
  size: number;
  bigEndian: boolean;
  /** numpy's name for it (`<f4`, `>i2`), or the HDF5 class for what is no number. */
  name: string;
}

/** Where a dataset's values are: in one range of the file, in the header itself, or in chunks. */
export type Storage = { kind: 'contiguous'; address: number | undefined } | { kind: 'compact'; address: number; size: number } | { kind: 'chunked' } | { kind: 'unsupported'; what: string };

const CLASSES = ['fixed-point', 'floating-point', 'time', 'string', 'bitfield', 'opaque', 'compound', 'reference', 'enum', 'variable-length', 'array'];

/** HDF5 allows at most 32 dimensions. */
const MAX_RANK = 32;

/** The shape in a dataspace message at `at` (a scalar has shape `[]`), or a problem. */
export function readDataspace(bytes: Uint8Array, at: number): number[] | string {
  const version = u8(bytes, at);
  if (version !== 1 && version !== 2) return `dataspace message version ${version} is not supported`;
  const rank = u8(bytes, at + 1);
  if (rank > MAX_RANK) return `a dataspace of ${rank} dimensions`;
  // Version 2 says "null dataspace" (no elements at all) in its type byte.
  if (version === 2 && u8(bytes, at + 3) === 2) return [0];
  const first = at + (version === 1 ? 8 : 4);
  const shape = Array.from({ length: rank }, (_, i) => u64(bytes, first + 8 * i));
  return shape.every(Number.isSafeInteger) ? shape : 'a dimension too large to address';
}

/** The element type in a datatype message at `at`. */
export function readDatatype(bytes: Uint8Array, at: number): ElementType {
  const typeClass = u8(bytes, at) & 0x0f;
  const bits = u8(bytes, at + 1);
  const size = u32(bytes, at + 4);
  const bigEndian = (bits & 1) === 1;
  const order = bigEndian ? '>' : '<';
  if (typeClass === 0 && [1, 2, 4, 8].includes(size)) {
    const signed = (bits & 0x08) !== 0;
    return { kind: signed ? 'int' : 'uint', size, bigEndian, name: `${order}${signed ? 'i' : 'u'}${size}` };
  }
  // IEEE layouts only (as numpy writes them); HDF5's VAX byte order sets bit 6 as well.
  if (typeClass === 1 && [2, 4, 8].includes(size) && (bits & 0x40) === 0) return { kind: 'float', size, bigEndian, name: `${order}f${size}` };
  if (typeClass === 3) return { kind: 'string', size, bigEndian, name: `S${size}` };
  return { kind: typeClass === 9 && (bits & 0x0f) === 1 ? 'string' : 'other', size, bigEndian, name: CLASSES[typeClass] ?? `class ${typeClass}` };
}

/** The storage a data layout message at `at` describes. */
export function readLayout(bytes: Uint8Array, at: number): Storage {
  const version = u8(bytes, at);
  if (version === 1 || version === 2) {
    const layoutClass = u8(bytes, at + 2);
    if (layoutClass === 1) return contiguous(bytes, at + 8);
    if (layoutClass === 2) return { kind: 'chunked' };
    return { kind: 'unsupported', what: `compact storage in a version ${version} layout` };
  }
  if (version === 3 || version === 4) {
    const layoutClass = u8(bytes, at + 1);
    if (layoutClass === 0) return { kind: 'compact', address: at + 4, size: u16(bytes, at + 2) };
    if (layoutClass === 1) return contiguous(bytes, at + 2);
    // jsfive reads the version 1 B-tree of chunks, not the chunk indexes that version 4 added.
    if (layoutClass === 2 && version === 3) return { kind: 'chunked' };
    return { kind: 'unsupported', what: layoutClass === 2 ? 'chunks indexed as in HDF5 1.10 files (layout version 4)' : `storage class ${layoutClass}` };
  }
  return { kind: 'unsupported', what: `data layout message version ${version}` };
}

function contiguous(bytes: Uint8Array, at: number): Storage {
  // An undefined address: the dataset was never written, and reads as zeros.
  return { kind: 'contiguous', address: isUndefinedAddress(bytes, at) ? undefined : u64(bytes, at) };
}

/** Whether an attribute info message at `at` says the object keeps attributes in dense storage (a fractal heap). */
export function hasDenseAttributes(bytes: Uint8Array, at: number): boolean {
  const flags = u8(bytes, at + 1);
  return !isUndefinedAddress(bytes, at + 2 + (flags & 1 ? 2 : 0));
}

/**
 * `data` (the stored elements, in the file's byte order) as float32, copied once: numpy's
 * conversion of each element to float32.
 */
export function toFloat32(data: Uint8Array, type: ElementType): Float32Array {
  // The Uint8Array constructor copies; a Node Buffer's slice() would be a view of the whole file.
  const copy = new Uint8Array(data);
  if (type.bigEndian) {
    for (let i = 0; i < copy.length; i += type.size) {
      for (let a = i, b = i + type.size - 1; a < b; a++, b--) [copy[a], copy[b]] = [copy[b]!, copy[a]!];
    }
  }
  const { buffer } = copy;
  if (type.kind === 'float') {
    if (type.size === 4) return new Float32Array(buffer);
    if (type.size === 8) return Float32Array.from(new Float64Array(buffer));
    return Float32Array.from(new Uint16Array(buffer), halfToNumber);
  }
  const signed = type.kind === 'int';
  if (type.size === 1) return Float32Array.from(signed ? new Int8Array(buffer) : copy);
  if (type.size === 2) return Float32Array.from(signed ? new Int16Array(buffer) : new Uint16Array(buffer));
  if (type.size === 4) return Float32Array.from(signed ? new Int32Array(buffer) : new Uint32Array(buffer));
  return Float32Array.from(signed ? new BigInt64Array(buffer) : new BigUint64Array(buffer), Number);
}

/** An IEEE 754 half-precision value from its bits. */
function halfToNumber(bits: number): number {
  const sign = bits & 0x8000 ? -1 : 1;
  const exponent = (bits >> 10) & 0x1f;
  const fraction = bits & 0x3ff;
  if (exponent === 0x1f) return fraction === 0 ? sign * Infinity : NaN;
  if (exponent === 0) return sign * 2 ** -14 * (fraction / 1024);
  return sign * 2 ** (exponent - 15) * (1 + fraction / 1024);
}
