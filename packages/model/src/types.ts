import type { LayerAttributes } from '@hwcost/core';

/** A layer of an imported model. */
export interface ModelLayer {
  attributes: LayerAttributes;
  /** False for a Keras class hwcost does not know; such a layer is reported, never counted as zero. */
  supported: boolean;
}

/** A model ready for estimation: its layers in topological order. */
export interface ImportedModel {
  name: string;
  /** Where it came from: a file path, or a description for built-in examples. */
  source: string;
  layers: ModelLayer[];
  /** True when the model file holds the weights too (a `.keras` archive, a whole-model `.h5`). */
  holdsWeights?: boolean;
}
