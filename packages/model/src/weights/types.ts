import type { LayoutStep } from './layout.js';

/**
 * A layer's kernel: its shape and its values in C (row-major) order, as numpy stores them. Kept as
 * float32, Keras' own precision, so a kernel costs 4 bytes per weight however it is used.
 */
export interface WeightTensor {
  shape: number[];
  data: Float32Array;
  /**
   * Where the kernel is stored in another layout (an ONNX initializer such as a Linear weight
   * `[out, in]`): its name, stored shape and the steps from it to this Keras-layout kernel, so that
   * a mask can be written back in the stored layout ({@link maskInStoredLayout}).
   */
  source?: { name: string; shape: number[]; steps: LayoutStep[] };
}

/** Kernels by Keras layer name. */
export type ModelWeights = Map<string, WeightTensor>;
