import type { OptimizationAttributes, StructureType } from '@hwcost/core';

/**
 * How the knapsack is posed:
 * - `hwcost`: the resources after pruning (every layer's, pruned or not) stay within the budget;
 *   every structure's group values are normalised per layer.
 * - `hls4ml`: as hls4ml's `get_model_masks` — the savings of the kept groups stay within
 *   `floor((1 − sparsity) × Σ resources of the pruned layers)`; pattern groups are not normalised.
 */
export type Formulation = 'hwcost' | 'hls4ml';

/** Why a layer is not pruned. */
export type NotPrunedReason =
  /** The layer has no kernel. */
  | 'no-weights'
  /** hwcost cannot cost the layer: its class is unknown, or its shapes cannot be known. */
  | 'unsupported'
  /** hls4ml's `optimize_model` prunes only Dense, Conv2D, QDense and QConv2D (and their ONNX twins). */
  | 'kind-not-optimized'
  /** The last layer with weights: structured pruning would remove outputs, so hls4ml turns it off. */
  | 'last-layer'
  /** The objective leaves the layer alone (its `isLayerOptimizable`), or declines it. */
  | 'objective-declines'
  /** The structure the objective chose does not tile the kernel (where hls4ml's masking raises). */
  | 'structure-does-not-tile';

/** The plan for one layer of the model (every layer has one, in model order). */
export interface LayerPlan {
  name: string;
  layerType: string;
  /** Null for a pruned layer (which may still keep every group); else why it is not pruned. */
  notPruned: { reason: NotPrunedReason; detail: string } | null;
  /**
   * What the objective chose for the layer (after hls4ml's last-layer rule), null when it leaves the
   * layer alone or was not asked (no weights, unknown class, kind not optimized).
   */
  attributes: OptimizationAttributes | null;
  /** The structure the objective chose, as in `attributes`, whether pruned or not. */
  structureType: StructureType | null;
  /** Kernel shape; empty without weights. */
  shape: number[];
  /** Groups of the structure, and how many are kept; both 0 for a layer not pruned. */
  groups: number;
  keptGroups: number;
  /** Weights of the kernel, and how many the mask keeps (all of them for a layer not pruned). */
  weights: number;
  keptWeights: number;
  /** keptWeights / weights; 1 for a layer without weights. */
  keptFraction: number;
  /**
   * What removing one group saves, per dimension; null for a layer not pruned. In re-estimated
   * dimensions the measured mean, (before − after) / removed groups (0 when none is removed).
   */
  savingsPerGroup: number[] | null;
  /** Resources before and after pruning, per dimension; null where the objective has no figure (then not in totals). */
  before: number[] | null;
  after: number[] | null;
  /** Local plans only: the layer's own limit (on its resources for `hwcost`, on its kept savings for `hls4ml`). */
  budget?: number[];
}

/** A whole plan: what `planPruning` returns and every report renders. */
export interface PlanResult {
  formulation: Formulation;
  local: boolean;
  dimensions: string[];
  /**
   * The limit per dimension (null where the budget leaves it free). What it limits is `budgetOn`:
   * the resources after pruning (`hwcost`), or the savings of the kept groups (`hls4ml`). In local
   * plans it is informational, each pruned layer holding its own `budget`.
   */
  budget: (number | null)[];
  budgetOn: 'resources' | 'kept-savings';
  /** What a sparsity applies to: the model's resources (`hwcost`) or those of the pruned layers (`hls4ml`). */
  budgetBase: number[];
  /** With a sparsity: (1 − sparsity) × before, unrounded; null for absolute limits. */
  target: number[] | null;
  /** Dimensions whose resources after pruning end above `target` (the `hls4ml` formulation allows it). */
  aboveTarget: string[];
  /** Resources of the layers the objective has figures for, before and after pruning. */
  before: number[];
  after: number[];
  /**
   * Set when the objective reads weights: the dimensions whose after figures (per layer and in
   * total) are the objective's own estimate of the pruned kernels rather than its savings per group
   * times the groups removed, and how many plans the objective re-estimated to find one within
   * budget by that estimate. Null when every after figure is the linear one.
   */
  reestimated: { dimensions: string[]; plans: number } | null;
  solver: { name: string; optimal: boolean; ms: number };
  layers: LayerPlan[];
  /**
   * 0/1 masks in each kernel's shape and C order, keyed by layer name, for every layer with a kernel
   * (all ones where not pruned). Written as float32 by `encodeNpz`.
   */
  masks: Map<string, LayerMask>;
}

/** A 0/1 mask over a kernel: its shape and one byte per weight in C order. */
export interface LayerMask {
  shape: readonly number[];
  data: Uint8Array;
}
