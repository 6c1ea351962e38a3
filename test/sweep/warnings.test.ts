import { Diagnostics, type Diagnostic } from '@hwcost/core';
import { sweepWarnings, type SweepPoint } from '@hwcost/engine';
import { applyHls4mlConfig, type Hls4mlConfig, type ImportedModel } from '@hwcost/model';
import { describe, expect, it } from 'vitest';

/** The warnings the config resolution gives a 16×64 Dense layer `fc1` at each ReuseFactor, under `strategy`. */
function reuseWarnings(reuseFactor: number, strategy = 'Resource'): Diagnostic[] {
  const model: ImportedModel = {
    name: 'm',
    source: 'm.json',
    layers: [{ attributes: { name: 'fc1', layerType: 'Dense', inboundLayers: [], weightShape: [16, 64], inputShape: [16], outputShape: [64], args: {} } }],
  } as unknown as ImportedModel;
  const config = { source: 'c.yml', prefix: '', hlsConfig: { LayerName: { fc1: { ReuseFactor: reuseFactor, Strategy: strategy } } } } as unknown as Hls4mlConfig;
  const diagnostics = new Diagnostics();
  applyHls4mlConfig(model, config, diagnostics);
  return diagnostics.items;
}

function point(index: number, warnings: Diagnostic[]): SweepPoint {
  return { index, settings: {}, totals: {}, interval: 1, moved: [], warnings };
}

const other = (message: string, layer?: string): Diagnostic => ({ level: 'warning', message, ...(layer ? { layer } : {}) });

describe("a sweep's warnings", () => {
  it('tells the invalid ReuseFactors of a layer in one line, from the values the warning carries', () => {
    const points = [1, 3, 5, 6, 7, 9, 10].map((rf, i) => point(i, reuseWarnings(rf)));
    expect(points[1]!.warnings[0]).toMatchObject({ code: 'reuse-factor-not-valid', layer: 'fc1', values: { requested: 3, closest: 2, moved: false } });
    expect(sweepWarnings(points, [])).toEqual([
      "layer fc1: c.yml: LayerName.fc1.ReuseFactor 3, 5–7, 9–10 are not valid for this layer (16×64 multiplications); hls4ml's converter would use the closest valid one " +
        "(3→2, 5–6→4, 7→8, 9–10→8); estimates use the values given, as hls4ml's pruning does. Valid: 1,2,4,8,16,32,64,128,256,512,1024 (in 6 of 7 points)",
    ]);
  });

  it('keeps the single-run line when a sweep meets one invalid value, and tells moved values apart from kept ones', () => {
    const single = [point(0, reuseWarnings(3)), point(1, reuseWarnings(4))];
    expect(sweepWarnings(single, [])).toEqual([`layer fc1: ${reuseWarnings(3)[0]!.message} (in 1 of 2 points)`]);
    const lines = sweepWarnings([2000, 2001, 3, 5].map((rf, i) => point(i, reuseWarnings(rf))), []);
    expect(lines).toHaveLength(2);
    expect(lines[0]).toMatch(/ReuseFactor 2000–2001 are not valid .*; using the closest valid one as hls4ml does \(2000–2001→1024\)\. Valid: .* \(in 2 of 4 points\)$/);
    expect(lines[1]).toMatch(/ReuseFactor 3, 5 are not valid .*would use the closest valid one \(3→2, 5→4\)/);
  });

  it('counts every other warning once per point it concerns, in the order met, leaving out what the run says', () => {
    const points = [
      point(0, [other('a', 'fc1'), other('a', 'fc1'), other('b')]),
      point(1, [other('b'), other('c', 'fc2')]),
      point(2, [other('b'), other('run-wide')]),
    ];
    expect(sweepWarnings(points, ['run-wide'])).toEqual(['layer fc1: a (in 1 of 3 points)', 'b', 'layer fc2: c (in 1 of 3 points)']);
  });
});
