/** A small constant known at import: its shape, its values in C order, and whether they are integers. */
export interface Constant {
  shape: number[];
  value: number[];
  integer: boolean;
}

/** Constants larger than this are not computed: they are weights, not shape arithmetic. */
export const MAX_FOLDED = 1 << 16;

export function size(shape: readonly number[]): number {
  return shape.reduce((a, b) => a * b, 1);
}

function strides(shape: readonly number[]): number[] {
  const out = new Array<number>(shape.length).fill(1);
  for (let i = shape.length - 2; i >= 0; i--) out[i] = out[i + 1]! * shape[i + 1]!;
  return out;
}

/** Numpy broadcasting of two shapes; undefined when they do not broadcast. */
export function broadcastShapes<T extends number | null>(a: readonly T[], b: readonly T[]): T[] | undefined {
  const rank = Math.max(a.length, b.length);
  const out: T[] = [];
  for (let i = 0; i < rank; i++) {
    const x = a[a.length - rank + i] ?? (1 as T);
    const y = b[b.length - rank + i] ?? (1 as T);
    if (x === null || y === null) out.push((x === 1 ? y : y === 1 ? x : null) as T);
    else if (x === y || y === 1) out.push(x);
    else if (x === 1) out.push(y);
    else return undefined;
  }
  return out;
}

/** The flat index into an array of `shape` broadcast to `target`, for each flat index of `target`. */
function broadcastIndex(shape: readonly number[], target: readonly number[]): (i: number) => number {
  const offset = target.length - shape.length;
  const own = strides(shape);
  const out = strides(target);
  return (i) => {
    let at = 0;
    for (let axis = offset; axis < target.length; axis++) {
      const coordinate = Math.floor(i / out[axis]!) % target[axis]!;
      if (shape[axis - offset] !== 1) at += coordinate * own[axis - offset]!;
    }
    return at;
  };
}

/** An element-wise operation over broadcast constants. */
export function elementwise(inputs: readonly Constant[], f: (...values: number[]) => number, integer: boolean): Constant | undefined {
  const shape = inputs.reduce<number[] | undefined>((s, c) => (s ? broadcastShapes(s, c.shape) : undefined), []);
  if (!shape || size(shape) > MAX_FOLDED) return undefined;
  const index = inputs.map((c) => broadcastIndex(c.shape, shape));
  const value = Array.from({ length: size(shape) }, (_v, i) => f(...inputs.map((c, k) => c.value[index[k]!(i)]!)));
  return { shape, value, integer };
}

/** `data.transpose(perm)` of a constant. */
export function transposeConstant(c: Constant, perm: readonly number[]): Constant {
  const shape = perm.map((p) => c.shape[p]!);
  const from = strides(c.shape);
  const to = strides(shape);
  const value = Array.from({ length: c.value.length }, (_v, i) => {
    let at = 0;
    for (let axis = 0; axis < shape.length; axis++) at += (Math.floor(i / to[axis]!) % shape[axis]!) * from[perm[axis]!]!;
    return c.value[at]!;
  });
  return { shape, value, integer: c.integer };
}

/** numpy's `take(data, indices, axis)`. */
export function gatherConstant(data: Constant, indices: Constant, axis: number): Constant | undefined {
  const n = data.shape[axis]!;
  const outer = size(data.shape.slice(0, axis));
  const inner = size(data.shape.slice(axis + 1));
  const shape = [...data.shape.slice(0, axis), ...indices.shape, ...data.shape.slice(axis + 1)];
  if (size(shape) > MAX_FOLDED) return undefined;
  const value: number[] = [];
  for (let o = 0; o < outer; o++) {
    for (const raw of indices.value) {
      const index = raw < 0 ? raw + n : raw;
      if (index < 0 || index >= n) return undefined;
      for (let i = 0; i < inner; i++) value.push(data.value[(o * n + index) * inner + i]!);
    }
  }
  return { shape, value, integer: data.integer };
}

/** Clamped slice bounds of one axis, as ONNX Slice defines them. */
export function sliceRange(n: number, start: number, end: number, step: number): number[] {
  const clamp = (v: number, lo: number, hi: number) => Math.min(Math.max(v, lo), hi);
  const s = start < 0 ? start + n : start;
  const e = end < 0 ? end + n : end;
  const indices: number[] = [];
  if (step > 0) for (let i = clamp(s, 0, n); i < clamp(e, 0, n); i += step) indices.push(i);
  else for (let i = clamp(s, -1, n - 1); i > clamp(e, -1, n - 1); i += step) indices.push(i);
  return indices;
}

/** A slice of a constant: for each axis the indices kept. */
export function sliceConstant(c: Constant, kept: readonly number[][]): Constant {
  const shape = kept.map((k) => k.length);
  const from = strides(c.shape);
  const to = strides(shape);
  const value = Array.from({ length: size(shape) }, (_v, i) => {
    let at = 0;
    for (let axis = 0; axis < shape.length; axis++) at += kept[axis]![Math.floor(i / to[axis]!) % shape[axis]!]! * from[axis]!;
    return c.value[at]!;
  });
  return { shape, value, integer: c.integer };
}

/** Concatenation of constants along an axis. */
export function concatConstants(parts: readonly Constant[], axis: number): Constant | undefined {
  const first = parts[0]!;
  const shape = [...first.shape];
  shape[axis] = parts.reduce((a, p) => a + p.shape[axis]!, 0);
  if (size(shape) > MAX_FOLDED) return undefined;
  const outer = size(first.shape.slice(0, axis));
  const value: number[] = [];
  for (let o = 0; o < outer; o++) {
    for (const p of parts) {
      const block = size(p.shape.slice(axis));
      value.push(...p.value.slice(o * block, (o + 1) * block));
    }
  }
  return { shape, value, integer: parts.every((p) => p.integer) };
}
