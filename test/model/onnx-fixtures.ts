import onnxProto from 'onnx-proto';

const { onnx } = onnxProto;

type Attribute = number | number[] | string | { tensor: Tensor };

/** A node: operator, inputs, outputs, attributes (ints, floats, strings, a tensor). */
export interface Node {
  op: string;
  inputs: string[];
  outputs: string[];
  name?: string;
  domain?: string;
  attributes?: Record<string, Attribute>;
}

/** An initializer or constant: float32 data unless `int64`. */
export interface Tensor {
  name: string;
  dims: number[];
  data?: number[];
  int64?: boolean;
  int8?: boolean;
  /** Stored in a file beside the model: its name and offset. */
  external?: { location: string; offset: number };
}

function tensorProto(t: Tensor): InstanceType<typeof onnx.TensorProto> {
  const count = t.dims.reduce((a, b) => a * b, 1);
  const data = t.data ?? Array.from({ length: count }, (_v, i) => ((i * 7) % 11) - 5);
  const raw = t.int64
    ? new Uint8Array(BigInt64Array.from(data.map(BigInt)).buffer)
    : t.int8
      ? new Uint8Array(Int8Array.from(data).buffer)
      : new Uint8Array(Float32Array.from(data).buffer);
  return onnx.TensorProto.create({
    name: t.name,
    dims: t.dims,
    dataType: t.int64 ? 7 : t.int8 ? 3 : 1,
    ...(t.external
      ? { dataLocation: 1, externalData: [{ key: 'location', value: t.external.location }, { key: 'offset', value: String(t.external.offset) }, { key: 'length', value: String(raw.length) }] }
      : { rawData: raw }),
  });
}

/** The raw little-endian bytes of a tensor, as an external-data file holds them. */
export function tensorBytes(t: Tensor): Uint8Array {
  const count = t.dims.reduce((a, b) => a * b, 1);
  const data = t.data ?? Array.from({ length: count }, (_v, i) => ((i * 7) % 11) - 5);
  return new Uint8Array(Float32Array.from(data).buffer);
}

function attribute(name: string, value: Attribute) {
  if (typeof value === 'string') return { name, type: 3, s: new TextEncoder().encode(value) };
  if (Array.isArray(value)) return { name, type: 7, ints: value };
  if (typeof value === 'number') return Number.isInteger(value) ? { name, type: 2, i: value } : { name, type: 1, f: value };
  return { name, type: 4, t: tensorProto(value.tensor) };
}

function valueInfo(name: string, dims: (number | string)[]) {
  return { name, type: { tensorType: { elemType: 1, shape: { dim: dims.map((d) => (typeof d === 'number' ? { dimValue: d } : { dimParam: d })) } } } };
}

/** Serialises an ONNX model with the published schema (onnx-proto), as an exporter would write it. */
export function onnxModel(spec: {
  inputs: Record<string, (number | string)[]>;
  outputs?: Record<string, (number | string)[]>;
  valueInfo?: Record<string, (number | string)[]>;
  initializers?: Tensor[];
  nodes: Node[];
  opset?: number;
}): Uint8Array {
  const graph = {
    name: 'main_graph',
    node: spec.nodes.map((n, i) => ({
      opType: n.op,
      input: n.inputs,
      output: n.outputs,
      name: n.name ?? `node_${i}`,
      domain: n.domain ?? '',
      attribute: Object.entries(n.attributes ?? {}).map(([k, v]) => attribute(k, v)),
    })),
    initializer: (spec.initializers ?? []).map(tensorProto),
    input: Object.entries(spec.inputs).map(([name, dims]) => valueInfo(name, dims)),
    output: Object.entries(spec.outputs ?? {}).map(([name, dims]) => valueInfo(name, dims)),
    valueInfo: Object.entries(spec.valueInfo ?? {}).map(([name, dims]) => valueInfo(name, dims)),
  };
  const model = onnx.ModelProto.create({ irVersion: 8, producerName: 'hwcost-test', opsetImport: [{ domain: '', version: spec.opset ?? 17 }], graph });
  return onnx.ModelProto.encode(model).finish();
}
