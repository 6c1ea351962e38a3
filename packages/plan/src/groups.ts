import { type LayerAttributes, layerKind } from '@hwcost/core';
import type { WeightTensor } from '@hwcost/model';

/** How a group's importance is measured: sum of magnitudes or Euclidean norm. */
export type GroupMetric = 'l1' | 'l2';

/**
 * A layer's kernel cut into the groups its structure removes together. Nothing is stored per
 * weight: group membership is arithmetic on the weight's index, and unstructured importances are
 * read from the kernel itself.
 */
export interface WeightGroups {
  count: number;
  /** Importance of group g: its l1/l2 norm (a single weight's magnitude for unstructured). */
  importance(g: number): number;
  /** A reader of importance(g) / divisor in one call, for loops over millions of groups. */
  importanceOver(divisor: number): (g: number) => number;
  /** The largest importance, which normalises a layer's groups. */
  max: number;
  /** The group of weight i, i counting the kernel in C order. */
  groupOf(i: number): number;
  /** Weights per group. */
  size: number;
}

/** Grouping either succeeds or says why the structure does not tile the weights. */
export type GroupingResult = { ok: true; groups: WeightGroups } | { ok: false; reason: string };

/**
 * Groups a kernel exactly as hls4ml's masking does for the layer's structure type, each norm in
 * one pass over the kernel:
 * - unstructured: every weight alone, valued by its magnitude;
 * - structured: Dense columns (neurons) or Conv2D filters (last axis), a filter valued by the norm
 *   over input channels of each channel's Frobenius norm;
 * - pattern: the Resource-strategy layout — the kernel with its last axis moved to the front,
 *   flattened, read as `patternOffset` rows of `weights / patternOffset`, and cut into groups of
 *   `consecutivePatterns` rows;
 * - block: `blockShape` tiles of a 2-D kernel.
 * Where hls4ml's masking raises (the structure does not tile the kernel) the result says why.
 */
export function groupWeights(layer: LayerAttributes, kernel: WeightTensor, metric: GroupMetric): GroupingResult {
  const { structureType, patternOffset, consecutivePatterns, blockShape } = layer.optimizationAttributes;
  const { shape, data } = kernel;
  const n = data.length;
  const last = shape[shape.length - 1] ?? 1;
  const kind = layerKind(layer.layerType);
  switch (structureType) {
    case 'unstructured': {
      let max = 0;
      for (let i = 0; i < n; i++) max = Math.max(max, Math.abs(data[i]!));
      const importanceOver = (divisor: number) => (g: number) => Math.abs(data[g]!) / divisor;
      return { ok: true, groups: { count: n, importance: importanceOver(1), importanceOver, max, groupOf: (i) => i, size: 1 } };
    }
    case 'structured': {
      if (kind !== 'dense' && kind !== 'conv2d') return { ok: false, reason: `structured groups are defined for Dense and Conv2D kernels, not ${layer.layerType}` };
      const values = kind === 'dense' ? columnNorms(data, last, metric) : filterNorms(data, shape[2]!, last, metric);
      return ok(values, (i) => i % last, n / last);
    }
    case 'pattern': {
      if (kind !== 'dense' && kind !== 'conv2d') return { ok: false, reason: `pattern groups are defined for Dense and Conv2D kernels, not ${layer.layerType}` };
      if (n % patternOffset !== 0) return { ok: false, reason: `pattern offset ${patternOffset} does not divide the ${n} weights` };
      if (patternOffset % consecutivePatterns !== 0) {
        return { ok: false, reason: `consecutive patterns ${consecutivePatterns} do not divide the pattern offset ${patternOffset}` };
      }
      const leading = n / last;
      const size = (n / patternOffset) * consecutivePatterns;
      // Weight i sits at (i % last) * leading + floor(i / last) once the last axis is moved to the front.
      const groupOf = (i: number) => Math.floor(((i % last) * leading + Math.floor(i / last)) / size);
      return ok(norms(data, groupOf, patternOffset / consecutivePatterns, metric), groupOf, size);
    }
    case 'block': {
      if (shape.length !== 2) return { ok: false, reason: `block groups need a 2-D kernel, got shape [${shape.join(', ')}]` };
      const [rows, cols] = shape as [number, number];
      const [br, bc] = blockShape;
      if (rows % br !== 0 || cols % bc !== 0) return { ok: false, reason: `block shape ${br}x${bc} does not tile the ${rows}x${cols} kernel` };
      const perRow = cols / bc;
      const groupOf = (i: number) => Math.floor(Math.floor(i / cols) / br) * perRow + Math.floor((i % cols) / bc);
      return ok(norms(data, groupOf, (rows / br) * perRow, metric), groupOf, br * bc);
    }
  }
}

function ok(values: Float64Array, groupOf: (i: number) => number, size: number): GroupingResult {
  let max = 0;
  for (const v of values) max = Math.max(max, v);
  const importanceOver = (divisor: number) => (g: number) => values[g]! / divisor;
  return { ok: true, groups: { count: values.length, importance: importanceOver(1), importanceOver, max, groupOf, size } };
}

/** Accumulates |w| (l1) or w² (l2) per group, then takes square roots for l2. */
function norms(data: Float32Array, groupOf: (i: number) => number, count: number, metric: GroupMetric): Float64Array {
  const out = new Float64Array(count);
  if (metric === 'l1') for (let i = 0; i < data.length; i++) out[groupOf(i)]! += Math.abs(data[i]!);
  else for (let i = 0; i < data.length; i++) out[groupOf(i)]! += data[i]! * data[i]!;
  return metric === 'l2' ? out.map(Math.sqrt) : out;
}

/** Per column of a row-major kernel whose last axis has `columns` entries: Σ|w| (l1) or Σw² (l2). */
function columnSums(data: Float32Array, columns: number, metric: GroupMetric): Float64Array {
  const out = new Float64Array(columns);
  const l1 = metric === 'l1';
  for (let i = 0, j = 0; i < data.length; i++, j = j + 1 === columns ? 0 : j + 1) out[j]! += l1 ? Math.abs(data[i]!) : data[i]! * data[i]!;
  return out;
}

function columnNorms(data: Float32Array, columns: number, metric: GroupMetric): Float64Array {
  const sums = columnSums(data, columns, metric);
  return metric === 'l1' ? sums : sums.map(Math.sqrt);
}

/** Conv2D filters `[kh, kw, channels, filters]`: the l1/l2 norm over channels of each channel's Frobenius norm. */
function filterNorms(data: Float32Array, channels: number, filters: number, metric: GroupMetric): Float64Array {
  const squares = columnSums(data, channels * filters, 'l2');
  const out = new Float64Array(filters);
  for (let j = 0; j < squares.length; j++) out[j % filters]! += metric === 'l1' ? Math.sqrt(squares[j]!) : squares[j]!;
  return metric === 'l1' ? out : out.map(Math.sqrt);
}

/**
 * A 0/1 mask in the kernel's layout: 1 where the weight's group is kept. For single-weight groups
 * the kept flags already are the mask and are returned as they are.
 */
export function maskOf(groups: WeightGroups, kept: Uint8Array, weights: number): Uint8Array {
  if (groups.size === 1 && groups.count === weights) return kept;
  const mask = new Uint8Array(weights);
  for (let i = 0; i < weights; i++) mask[i] = kept[groups.groupOf(i)]!;
  return mask;
}
