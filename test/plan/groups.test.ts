import { describe, expect, it } from 'vitest';
import { groupWeights, maskOf } from '@hwcost/plan';
import { layerAttributes, type OptimizationAttributes } from '@hwcost/core';
import type { WeightGroups } from '@hwcost/plan';

const valuesOf = (groups: WeightGroups) => Array.from({ length: groups.count }, (_v, g) => groups.importance(g));
const groupsOf = (groups: WeightGroups, weights: number) => Array.from({ length: weights }, (_v, i) => groups.groupOf(i));

function dense(rows: number, cols: number, attrs: Partial<OptimizationAttributes>) {
  const layer = layerAttributes({ name: 'd', layerType: 'Dense', weightShape: [rows, cols], optimizationAttributes: { pruning: true, ...attrs } });
  const data = Float32Array.from({ length: rows * cols }, (_v, i) => i + 1);
  return { layer, kernel: { shape: [rows, cols], data } };
}

describe('groupWeights', () => {
  it('unstructured: one group per weight, valued by magnitude', () => {
    const { layer, kernel } = dense(2, 3, { structureType: 'unstructured' });
    kernel.data[4] = -7;
    const result = groupWeights(layer, kernel, 'l2');
    if (!result.ok) throw new Error(result.reason);
    expect(result.groups.count).toBe(6);
    expect(result.groups.importance(4)).toBe(7);
    expect(result.groups.max).toBe(7);
  });

  it('structured Dense: columns, l1 and l2 norms', () => {
    const { layer, kernel } = dense(2, 3, { structureType: 'structured' });
    const l1 = groupWeights(layer, kernel, 'l1');
    const l2 = groupWeights(layer, kernel, 'l2');
    if (!l1.ok || !l2.ok) throw new Error('grouping failed');
    // Kernel rows [1,2,3] and [4,5,6]: column j holds (j+1, j+4).
    expect(valuesOf(l1.groups)).toEqual([5, 7, 9]);
    expect(l2.groups.importance(0)).toBeCloseTo(Math.hypot(1, 4));
    expect([...maskOf(l1.groups, Uint8Array.from([1, 0, 1]), 6)]).toEqual([1, 0, 1, 1, 0, 1]);
  });

  it('structured Conv2D: filters valued by the norm of per-channel Frobenius norms', () => {
    const layer = layerAttributes({ name: 'c', layerType: 'Conv2D', weightShape: [1, 2, 2, 2], optimizationAttributes: { structureType: 'structured', pruning: true } });
    // Index ((h*kw + w)*C + c)*F + f.
    const data = Float32Array.from([3, 1, 0, 1, 4, 1, 0, 1]);
    const result = groupWeights(layer, { shape: [1, 2, 2, 2], data }, 'l1');
    if (!result.ok) throw new Error(result.reason);
    // Filter 0: channel 0 has (3, 4) -> 5, channel 1 has (0, 0) -> 0; filter 1: channels (1,1) -> √2 each.
    expect(result.groups.importance(0)).toBeCloseTo(5);
    expect(result.groups.importance(1)).toBeCloseTo(2 * Math.SQRT2);
  });

  it('pattern: transposed layout, consecutive patterns grouped', () => {
    // 2x4 Dense kernel, transposed to 4x2 = [[1,5],[2,6],[3,7],[4,8]]; offset 4 rows of 2, groups of 2 rows.
    const { layer, kernel } = dense(2, 4, { structureType: 'pattern', patternOffset: 4, consecutivePatterns: 2 });
    const result = groupWeights(layer, kernel, 'l1');
    if (!result.ok) throw new Error(result.reason);
    expect(result.groups.count).toBe(2);
    expect(valuesOf(result.groups)).toEqual([1 + 5 + 2 + 6, 3 + 7 + 4 + 8]);
    expect(groupsOf(result.groups, 8)).toEqual([0, 0, 1, 1, 0, 0, 1, 1]);
  });

  it('block: tiles of a 2-D kernel', () => {
    const { layer, kernel } = dense(2, 4, { structureType: 'block', blockShape: [2, 2] });
    const result = groupWeights(layer, kernel, 'l1');
    if (!result.ok) throw new Error(result.reason);
    expect(groupsOf(result.groups, 8)).toEqual([0, 0, 1, 1, 0, 0, 1, 1]);
    expect(valuesOf(result.groups)).toEqual([1 + 2 + 5 + 6, 3 + 4 + 7 + 8]);
  });

  it('says why a structure does not tile, where hls4ml raises', () => {
    expect(groupWeights(dense(2, 4, { structureType: 'pattern', patternOffset: 3 }).layer, dense(2, 4, {}).kernel, 'l1')).toMatchObject({ ok: false, reason: /does not divide the 8 weights/ });
    expect(groupWeights(dense(2, 4, { structureType: 'pattern', patternOffset: 4, consecutivePatterns: 3 }).layer, dense(2, 4, {}).kernel, 'l1')).toMatchObject({
      ok: false,
      reason: /consecutive patterns 3 do not divide the pattern offset 4/,
    });
    expect(groupWeights(dense(2, 4, { structureType: 'block', blockShape: [2, 3] }).layer, dense(2, 4, {}).kernel, 'l1')).toMatchObject({ ok: false, reason: /does not tile/ });
  });
});
