import type { LayerAttributes } from '@hwcost/core';

/** A layer of an imported model. */
export interface ModelLayer {
  attributes: LayerAttributes;
  /**
   * False for a class hwcost does not know, or a layer whose shapes cannot be known; such a layer
   * is reported with its `reason`, never counted as zero.
   */
  supported: boolean;
  /** Why the layer is not supported (one line); absent for supported layers. */
  reason?: string;
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
