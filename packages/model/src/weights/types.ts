/** A layer's kernel: its shape and its values in C (row-major) order, as numpy stores them. */
export interface WeightTensor {
  shape: number[];
  data: Float64Array;
}

/** Kernels by Keras layer name. */
export type ModelWeights = Map<string, WeightTensor>;
