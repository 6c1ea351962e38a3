import type { onnx } from 'onnx-proto';
import { HwcostError, errorMessage } from '@hwcost/core';

export type ModelProto = onnx.ModelProto;
export type GraphProto = onnx.IGraphProto;
export type NodeProto = onnx.INodeProto;
export type TensorProto = onnx.ITensorProto;
export type AttributeProto = onnx.IAttributeProto;
export type ValueInfoProto = onnx.IValueInfoProto;

/** An int64 as protobufjs gives it: a number, or a Long when the `long` package is present. */
type Int64 = number | { toNumber(): number } | null | undefined;

/** An int64 field as a number (ONNX sizes and attributes fit in 2^53). */
export function int(value: Int64): number {
  if (value === null || value === undefined) return 0;
  return typeof value === 'number' ? value : value.toNumber();
}

/**
 * True when the bytes start as a serialized ONNX `ModelProto`: field 1 (`ir_version`, a small
 * varint), which every ONNX writer puts first. The file name counts too, for writers that do not.
 */
export function looksLikeOnnx(bytes: Uint8Array, file: string): boolean {
  return file.toLowerCase().endsWith('.onnx') || (bytes[0] === 0x08 && bytes[1] !== undefined && bytes[1] > 0 && bytes[1] < 0x20);
}

/**
 * Decodes an ONNX model with the ONNX schema as published (onnx-proto: onnx.proto compiled by
 * protobufjs). Loaded on first use, like the HDF5 library. `file` names the model in errors.
 */
export async function decodeOnnxModel(bytes: Uint8Array, file: string): Promise<ModelProto> {
  const { default: schema } = await import('onnx-proto');
  let model: ModelProto;
  try {
    model = schema.onnx.ModelProto.decode(bytes);
  } catch (error) {
    throw new HwcostError(`${file}: not a valid ONNX model (${errorMessage(error)})`);
  }
  if (!model.graph || (model.graph.node ?? []).length === 0) throw new HwcostError(`${file}: not an ONNX model (no graph with nodes)`);
  return model;
}

/** The value of a node attribute as ONNX types it: int, float, string, ints, floats, tensor. */
export function attribute(node: NodeProto, name: string): AttributeProto | undefined {
  return (node.attribute ?? []).find((a) => a.name === name);
}

export function intAttribute(node: NodeProto, name: string, fallback: number): number {
  const a = attribute(node, name);
  return a ? int(a.i as Int64) : fallback;
}

export function floatAttribute(node: NodeProto, name: string, fallback: number): number {
  const a = attribute(node, name);
  return a && typeof a.f === 'number' ? a.f : fallback;
}

export function intsAttribute(node: NodeProto, name: string): number[] | undefined {
  const a = attribute(node, name);
  return a === undefined ? undefined : (a.ints ?? []).map((v) => int(v as Int64));
}

export function stringAttribute(node: NodeProto, name: string, fallback: string): string {
  const a = attribute(node, name);
  return a?.s ? new TextDecoder().decode(a.s) : fallback;
}
