import path from 'node:path';
import { HwcostError, quote } from '@hwcost/core';
import { readFileBytes } from '../io/read.js';
import { int, type TensorProto } from './proto.js';

/** ONNX `TensorProto.DataType` codes hwcost reads. */
const FLOAT = 1;
const UINT8 = 2;
const INT8 = 3;
const UINT16 = 4;
const INT16 = 5;
const INT32 = 6;
const INT64 = 7;
const BOOL = 9;
const FLOAT16 = 10;
const DOUBLE = 11;
const UINT32 = 12;
const UINT64 = 13;
const BFLOAT16 = 16;

/** Bytes per element of the numeric types, as stored in `raw_data`. */
const WIDTH: Readonly<Record<number, number>> = { [FLOAT]: 4, [UINT8]: 1, [INT8]: 1, [UINT16]: 2, [INT16]: 2, [INT32]: 4, [INT64]: 8, [BOOL]: 1, [FLOAT16]: 2, [DOUBLE]: 8, [UINT32]: 4, [UINT64]: 8, [BFLOAT16]: 2 };

/** The shape of an initializer or constant tensor. */
export function tensorShape(tensor: TensorProto): number[] {
  return (tensor.dims ?? []).map((d) => int(d));
}

/** True when the tensor's data is in a file beside the model (`data_location: EXTERNAL`). */
export function isExternal(tensor: TensorProto): boolean {
  return tensor.dataLocation === 1;
}

function half(bits: number): number {
  const sign = bits & 0x8000 ? -1 : 1;
  const exponent = (bits >> 10) & 0x1f;
  const fraction = bits & 0x3ff;
  if (exponent === 0) return sign * 2 ** -14 * (fraction / 1024);
  if (exponent === 31) return fraction ? Number.NaN : sign * Number.POSITIVE_INFINITY;
  return sign * 2 ** (exponent - 15) * (1 + fraction / 1024);
}

/** Decodes little-endian raw tensor bytes of a numeric type into float32 values. */
function decodeRaw(bytes: Uint8Array, type: number, count: number, where: string): Float32Array {
  const width = WIDTH[type];
  if (width === undefined) throw new HwcostError(`${where}: tensor data type ${type} is not numeric`);
  if (bytes.length !== count * width) throw new HwcostError(`${where}: holds ${bytes.length} bytes, its shape needs ${count * width}`);
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const out = new Float32Array(count);
  for (let i = 0; i < count; i++) {
    const at = i * width;
    switch (type) {
      case FLOAT: out[i] = view.getFloat32(at, true); break;
      case DOUBLE: out[i] = view.getFloat64(at, true); break;
      case FLOAT16: out[i] = half(view.getUint16(at, true)); break;
      case BFLOAT16: out[i] = new Float32Array(new Uint32Array([view.getUint16(at, true) << 16]).buffer)[0]!; break;
      case INT64: out[i] = Number(view.getBigInt64(at, true)); break;
      case UINT64: out[i] = Number(view.getBigUint64(at, true)); break;
      case INT32: out[i] = view.getInt32(at, true); break;
      case UINT32: out[i] = view.getUint32(at, true); break;
      case INT16: out[i] = view.getInt16(at, true); break;
      case UINT16: out[i] = view.getUint16(at, true); break;
      case INT8: out[i] = view.getInt8(at); break;
      default: out[i] = view.getUint8(at);
    }
  }
  return out;
}

/** Reads the external data files of one model, each once, within a byte limit. */
export class ExternalData {
  private readonly files = new Map<string, Promise<Uint8Array>>();

  constructor(
    private readonly model: string,
    private readonly maxBytes: number,
  ) {}

  /** The bytes of `tensor`, from the file its `location` names beside the model. */
  async bytes(tensor: TensorProto, where: string): Promise<Uint8Array> {
    const entries = new Map((tensor.externalData ?? []).map((e) => [e.key ?? '', e.value ?? '']));
    const location = entries.get('location');
    if (!location) throw new HwcostError(`${where}: external data without a location`);
    // The location is relative to the model and may not leave its folder.
    const normalized = path.normalize(location);
    if (path.isAbsolute(normalized) || normalized.split(path.sep)[0] === '..') {
      throw new HwcostError(`${where}: external data location ${quote(location)} is outside the model's folder`);
    }
    const file = path.join(path.dirname(this.model), normalized);
    let read = this.files.get(file);
    if (!read) {
      read = readFileBytes(file, 'ONNX external data', this.maxBytes);
      this.files.set(file, read);
    }
    const data = await read;
    const offset = Number(entries.get('offset') ?? 0);
    const length = entries.has('length') ? Number(entries.get('length')) : data.length - offset;
    if (!Number.isInteger(offset) || !Number.isInteger(length) || offset < 0 || length < 0 || offset + length > data.length) {
      throw new HwcostError(`${where}: external data range ${offset}+${length} lies outside ${file} (${data.length} bytes)`);
    }
    return data.subarray(offset, offset + length);
  }
}

/**
 * The values of a numeric tensor as float32 (weights) — from `raw_data`, the typed fields, or
 * external data beside the model. `where` names the tensor in errors.
 */
export async function tensorValues(tensor: TensorProto, where: string, external: ExternalData | undefined): Promise<Float32Array> {
  const shape = tensorShape(tensor);
  const count = shape.reduce((a, b) => a * b, 1);
  const type = tensor.dataType ?? 0;
  if (isExternal(tensor)) {
    if (!external) throw new HwcostError(`${where}: its data is in an external file, which is not read here`);
    return decodeRaw(await external.bytes(tensor, where), type, count, where);
  }
  return inlineValues(tensor, count, where);
}

/** The values of a tensor stored in the model itself. */
export function inlineValues(tensor: TensorProto, count: number, where: string): Float32Array {
  const type = tensor.dataType ?? 0;
  if (tensor.rawData && tensor.rawData.length > 0) return decodeRaw(tensor.rawData, type, count, where);
  const typed: ArrayLike<unknown> =
    type === FLOAT || type === FLOAT16 || type === BFLOAT16
      ? (tensor.floatData ?? [])
      : type === DOUBLE
        ? (tensor.doubleData ?? [])
        : type === INT64
          ? (tensor.int64Data ?? [])
          : type === UINT64 || type === UINT32
            ? (tensor.uint64Data ?? [])
            : (tensor.int32Data ?? []);
  if (typed.length !== count) throw new HwcostError(`${where}: holds ${typed.length} values, its shape needs ${count}`);
  const out = new Float32Array(count);
  for (let i = 0; i < count; i++) {
    const v = typed[i];
    out[i] = type === FLOAT16 ? half(v as number) : type === BFLOAT16 ? new Float32Array(new Uint32Array([(v as number) << 16]).buffer)[0]! : int(v as number);
  }
  return out;
}

/** The values of a small tensor stored in the model (shapes, axes, indices, scales); int64 exactly. */
export function numericValues(tensor: TensorProto, count: number, where: string): number[] {
  const type = tensor.dataType ?? 0;
  if ((type === INT64 || type === UINT64) && tensor.rawData && tensor.rawData.length > 0) {
    if (tensor.rawData.length !== count * 8) throw new HwcostError(`${where}: holds ${tensor.rawData.length} bytes, its shape needs ${count * 8}`);
    const view = new DataView(tensor.rawData.buffer, tensor.rawData.byteOffset, tensor.rawData.byteLength);
    return Array.from({ length: count }, (_v, i) => Number(type === INT64 ? view.getBigInt64(i * 8, true) : view.getBigUint64(i * 8, true)));
  }
  if (type === INT64 && (tensor.int64Data ?? []).length === count) return (tensor.int64Data ?? []).map((v) => int(v));
  if (type === DOUBLE && (tensor.doubleData ?? []).length === count) return [...(tensor.doubleData ?? [])];
  return Array.from(inlineValues(tensor, count, where));
}
