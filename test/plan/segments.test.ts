import { describe, expect, it } from 'vitest';
import type { WeightTensor } from '@hwcost/model';
import { groupWeights } from '@hwcost/plan';
import { layerAttributes } from '@hwcost/core';
import { keepTop, keptOf, measureSegments, predictedCost, segmentClasses, segmentLayer, SEGMENTS } from '../../packages/plan/src/segments.js';
import { maskedKernels } from '../../packages/plan/src/reestimate.js';
import { dense } from './support.js';

/** An unstructured Dense 4x4 layer whose weight i has magnitude i + 1 (so rank r holds weight 15 - r). */
function layer() {
  const attributes = layerAttributes({ ...dense('fc', 4, 4), optimizable: true, optimizationAttributes: { structureType: 'unstructured', pruning: true, weightSharing: false, blockShape: [1, 1], patternOffset: 1, consecutivePatterns: 1 } });
  const kernel: WeightTensor = { shape: [4, 4], data: Float32Array.from({ length: 16 }, (_v, i) => (i % 2 ? -(i + 1) : i + 1)) };
  const grouped = groupWeights(attributes, kernel, 'l1');
  if (!grouped.ok) throw new Error(grouped.reason);
  return { index: 0, name: 'fc', structureType: 'unstructured', groups: grouped.groups, savings: [0], before: [16] };
}

describe('segments of a layer whose objective re-estimates pruned kernels', () => {
  it('rank groups by importance and keep the most important first', () => {
    const s = segmentLayer(layer());
    expect([...s.order]).toEqual([15, 14, 13, 12, 11, 10, 9, 8, 7, 6, 5, 4, 3, 2, 1, 0]);
    expect(s.bounds).toEqual([0, 2, 4, 6, 8, 10, 12, 14, 16]);
    expect(s.bounds).toHaveLength(SEGMENTS + 1);
    expect([...keepTop(s, 3)].map((k, g) => (k ? g : -1)).filter((g) => g >= 0)).toEqual([13, 14, 15]);
  });

  it('cost each segment by what adding it measured, and predict plans from those costs', () => {
    const s = segmentLayer(layer());
    // Only the four most important groups cost something: 3 each; the rest nothing.
    const prefix = s.bounds.map((k) => [3 * Math.min(k, 4)]);
    measureSegments(s, prefix, [true]);
    expect(s.floor).toEqual([0]);
    expect(s.perGroup.map((c) => c[0])).toEqual([3, 3, 0, 0, 0, 0, 0, 0]);
    const classes = segmentClasses(s, [0], [true], [1], [10]);
    expect(classes.map((c) => c.weights[0])).toEqual([30, 30, 0, 0, 0, 0, 0, 0]);
    expect(classes[0]!.value(0)).toBe(1);
    // Keep the cheap segments and one group of the first: predicted 3, kept flags in group order.
    const chosen = classes.map((c, j) => new Uint8Array(c.count).fill(j === 0 ? 0 : j === 1 ? 0 : 1));
    chosen[0]![1] = 1;
    expect(predictedCost(s, chosen, 0, 1)).toBe(3);
    const kept = keptOf(s, chosen);
    expect(kept[15]).toBe(0);
    expect(kept[14]).toBe(1);
    expect(kept[13]).toBe(0);
    expect(kept.reduce((a, b) => a + b, 0)).toBe(13);
  });
});

describe('maskedKernels', () => {
  it('gives masked layers a new kernel with removed weights zero and leaves the others and the originals alone', () => {
    const a: WeightTensor = { shape: [2, 2], data: Float32Array.from([1, 2, 3, 4]) };
    const b: WeightTensor = { shape: [2], data: Float32Array.from([5, 6]) };
    const view = maskedKernels(new Map([['a', a], ['b', b]]), new Map([['a', Uint8Array.from([1, 0, 0, 1])]]));
    expect([...view.kernel('a')!.data]).toEqual([1, 0, 0, 4]);
    expect(view.kernel('a')!.data).not.toBe(a.data);
    expect([...a.data]).toEqual([1, 2, 3, 4]);
    expect(view.kernel('b')!.data).toBe(b.data);
    expect(view.kernel('c')).toBeUndefined();
  });
});
