/**
 * How a kernel as hwcost plans it (Keras layout) is laid out in the file it came from: the steps
 * that turn the stored array into the Keras one. An ONNX Linear weight `[out, in]` is the Keras
 * kernel `[in, out]` after one transpose; a depthwise Conv weight `[C·m, 1, kh, kw]` needs a
 * reshape to `[C, m, kh, kw]` and a transpose to `[kh, kw, C, m]`.
 */
export type LayoutStep = { transpose: number[] } | { reshape: number[] };

/** The typed arrays kernels and masks are held in. */
export type NumericArray = Float32Array | Float64Array | Uint8Array;

/** An array in C order with its shape. */
export interface ShapedArray<T extends NumericArray = Float32Array> {
  shape: readonly number[];
  data: T;
}

function strides(shape: readonly number[]): number[] {
  const out = new Array<number>(shape.length).fill(1);
  for (let i = shape.length - 2; i >= 0; i--) out[i] = out[i + 1]! * shape[i + 1]!;
  return out;
}

/** `array.transpose(perm)`, as numpy computes it, into a new array of the same type. */
export function transposeArray<T extends NumericArray>(array: ShapedArray<T>, perm: readonly number[]): ShapedArray<T> {
  const shape = perm.map((p) => array.shape[p]!);
  const source = strides(array.shape);
  const step = perm.map((p) => source[p]!);
  const out = new (array.data.constructor as new (n: number) => T)(array.data.length);
  const index = new Array<number>(shape.length).fill(0);
  let from = 0;
  for (let i = 0; i < out.length; i++) {
    out[i] = array.data[from]!;
    // Advance the output index like an odometer, moving the source offset along.
    for (let axis = shape.length - 1; axis >= 0; axis--) {
      index[axis]! += 1;
      from += step[axis]!;
      if (index[axis]! < shape[axis]!) break;
      from -= step[axis]! * shape[axis]!;
      index[axis] = 0;
    }
  }
  return { shape, data: out };
}

/** The inverse of a permutation. */
export function inversePermutation(perm: readonly number[]): number[] {
  const inverse = new Array<number>(perm.length);
  perm.forEach((p, i) => (inverse[p] = i));
  return inverse;
}

/** Applies layout steps to a stored array, giving the Keras-layout kernel. */
export function applyLayout<T extends NumericArray>(array: ShapedArray<T>, steps: readonly LayoutStep[]): ShapedArray<T> {
  return steps.reduce((a, step) => ('transpose' in step ? transposeArray(a, step.transpose) : { shape: [...step.reshape], data: a.data }), array);
}

/** Undoes layout steps: a Keras-layout array (a mask) back in the stored layout and shape. */
export function undoLayout<T extends NumericArray>(array: ShapedArray<T>, steps: readonly LayoutStep[], storedShape: readonly number[]): ShapedArray<T> {
  // The shape before each step, to undo reshapes.
  const before: number[][] = [];
  let shape = [...storedShape];
  for (const step of steps) {
    before.push(shape);
    shape = 'transpose' in step ? step.transpose.map((p) => shape[p]!) : [...step.reshape];
  }
  let out = array;
  for (let i = steps.length - 1; i >= 0; i--) {
    const step = steps[i]!;
    out = 'transpose' in step ? transposeArray(out, inversePermutation(step.transpose)) : { shape: [...before[i]!], data: out.data };
  }
  return out;
}

/**
 * A mask (or any array) over a kernel in Keras layout, in the layout the kernel is stored in: the
 * ONNX initializer's own shape (`[out, in]` for a Linear weight) where the kernel came from one,
 * else unchanged.
 */
export function maskInStoredLayout<T extends NumericArray>(mask: ShapedArray<T>, source: { shape: readonly number[]; steps: readonly LayoutStep[] } | undefined): ShapedArray<T> {
  return source ? undoLayout(mask, source.steps, source.shape) : mask;
}

/**
 * Masks keyed by layer name, each in the layout its kernel is stored in (see
 * {@link maskInStoredLayout}): what a PyTorch user applies with `prune.custom_from_mask`.
 */
export function masksInStoredLayout<T extends NumericArray>(
  masks: ReadonlyMap<string, ShapedArray<T>>,
  weights: ReadonlyMap<string, { source?: { shape: readonly number[]; steps: readonly LayoutStep[] } }>,
): Map<string, ShapedArray<T>> {
  return new Map([...masks].map(([name, mask]) => [name, maskInStoredLayout(mask, weights.get(name)?.source)]));
}
