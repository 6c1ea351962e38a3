import { type LayerAttributes, layerKind, product } from '@hwcost/core';
import type { WeightTensor } from '@hwcost/model';

/** How a group's importance is measured: sum of magnitudes or Euclidean norm. */
export type GroupMetric = 'l1' | 'l2';

/** A layer's weights split into the groups its structure removes together. */
export interface WeightGroups {
  count: number;
  /** Importance of each group (its norm; a single weight's magnitude for unstructured). */
  values: Float64Array;
  /** For each weight (C order), the index of its group. */
  groupOf: Int32Array;
}

/** Grouping either succeeds or says why the structure does not tile the weights. */
export type GroupingResult = { ok: true; groups: WeightGroups } | { ok: false; reason: string };

/**
 * Groups a kernel exactly as hls4ml's masking does for the layer's structure type:
 * - unstructured: every weight alone, valued by its magnitude;
 * - structured: Dense columns (neurons) or Conv2D filters (last axis);
 * - pattern: the Resource-strategy layout — the kernel with its last axis moved to the front,
 *   flattened, read as `patternOffset` rows of `weights / patternOffset`, and cut into groups of
 *   `consecutivePatterns` rows;
 * - block: `blockShape` tiles of a 2-D kernel.
 * Where hls4ml's masking raises (the structure does not tile the kernel) the result says why.
 */
export function groupWeights(layer: LayerAttributes, kernel: WeightTensor, metric: GroupMetric): GroupingResult {
  const { structureType, patternOffset, consecutivePatterns, blockShape } = layer.optimizationAttributes;
  const shape = kernel.shape;
  const n = kernel.data.length;
  switch (structureType) {
    case 'unstructured': {
      const groupOf = new Int32Array(n);
      const values = new Float64Array(n);
      for (let i = 0; i < n; i++) {
        groupOf[i] = i;
        values[i] = Math.abs(kernel.data[i]!);
      }
      return ok(n, values, groupOf);
    }
    case 'structured': {
      const kind = layerKind(layer.layerType);
      if (kind !== 'dense' && kind !== 'conv2d') return { ok: false, reason: `structured groups are defined for Dense and Conv2D kernels, not ${layer.layerType}` };
      const last = shape[shape.length - 1]!;
      const groupOf = new Int32Array(n);
      for (let i = 0; i < n; i++) groupOf[i] = i % last;
      if (kind === 'dense') return ok(last, norms(kernel.data, groupOf, last, metric), groupOf);
      // A Conv2D filter's importance: the norm over input channels of each channel's Frobenius norm.
      const channels = shape[2]!;
      const perChannel = new Int32Array(n);
      for (let i = 0; i < n; i++) perChannel[i] = i % (channels * last);
      const frobenius = norms(kernel.data, perChannel, channels * last, 'l2');
      return ok(last, norms(frobenius, Int32Array.from({ length: channels * last }, (_v, j) => j % last), last, metric), groupOf);
    }
    case 'pattern': {
      const kind = layerKind(layer.layerType);
      if (kind !== 'dense' && kind !== 'conv2d') return { ok: false, reason: `pattern groups are defined for Dense and Conv2D kernels, not ${layer.layerType}` };
      if (n % patternOffset !== 0) return { ok: false, reason: `pattern offset ${patternOffset} does not divide the ${n} weights` };
      if (patternOffset % consecutivePatterns !== 0) {
        return { ok: false, reason: `consecutive patterns ${consecutivePatterns} do not divide the pattern offset ${patternOffset}` };
      }
      const last = shape[shape.length - 1]!;
      const leading = n / last;
      const groupSize = (n / patternOffset) * consecutivePatterns;
      const groupOf = new Int32Array(n);
      for (let i = 0; i < n; i++) {
        const transposed = (i % last) * leading + Math.floor(i / last);
        groupOf[i] = Math.floor(transposed / groupSize);
      }
      const count = patternOffset / consecutivePatterns;
      return ok(count, norms(kernel.data, groupOf, count, metric), groupOf);
    }
    case 'block': {
      if (shape.length !== 2) return { ok: false, reason: `block groups need a 2-D kernel, got shape [${shape.join(', ')}]` };
      const [rows, cols] = shape as [number, number];
      const [br, bc] = blockShape;
      if (rows % br !== 0 || cols % bc !== 0) return { ok: false, reason: `block shape ${br}x${bc} does not tile the ${rows}x${cols} kernel` };
      const perRow = cols / bc;
      const groupOf = new Int32Array(n);
      for (let i = 0; i < n; i++) groupOf[i] = Math.floor(Math.floor(i / cols) / br) * perRow + Math.floor((i % cols) / bc);
      const count = product([rows / br, perRow]);
      return ok(count, norms(kernel.data, groupOf, count, metric), groupOf);
    }
  }
}

function ok(count: number, values: Float64Array, groupOf: Int32Array): GroupingResult {
  return { ok: true, groups: { count, values, groupOf } };
}

function norms(data: ArrayLike<number>, groupOf: Int32Array, count: number, metric: GroupMetric): Float64Array {
  const out = new Float64Array(count);
  if (metric === 'l1') {
    for (let i = 0; i < groupOf.length; i++) out[groupOf[i]!]! += Math.abs(data[i]!);
    return out;
  }
  for (let i = 0; i < groupOf.length; i++) out[groupOf[i]!]! += data[i]! * data[i]!;
  for (let g = 0; g < count; g++) out[g] = Math.sqrt(out[g]!);
  return out;
}

/** A 0/1 mask in the kernel's layout: 1 where the weight's group is kept. */
export function maskOf(groups: WeightGroups, kept: Uint8Array): Uint8Array {
  const mask = new Uint8Array(groups.groupOf.length);
  for (let i = 0; i < mask.length; i++) mask[i] = kept[groups.groupOf[i]!]!;
  return mask;
}
