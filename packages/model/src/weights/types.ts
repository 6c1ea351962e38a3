/**
 * A layer's kernel: its shape and its values in C (row-major) order, as numpy stores them. Kept as
 * float32, Keras' own precision, so a kernel costs 4 bytes per weight however it is used.
 */
export interface WeightTensor {
  shape: number[];
  data: Float32Array;
}

/** Kernels by Keras layer name. */
export type ModelWeights = Map<string, WeightTensor>;
