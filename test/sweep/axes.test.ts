import { describe, expect, it } from 'vitest';
import { checkSweepAxes, configForPoint, parseSweepAxis, pointAt, sweepSize } from '@hwcost/engine';
import { hls4mlConfigFrom } from '@hwcost/model';

describe('sweep axes', () => {
  it('reads values, integer ranges and precisions whose commas are inside <…>', () => {
    expect(parseSweepAxis('ReuseFactor=1,2,4,8')).toEqual({ key: 'ReuseFactor', values: [1, 2, 4, 8] });
    expect(parseSweepAxis('reusefactor=3..6')).toEqual({ key: 'ReuseFactor', values: [3, 4, 5, 6] });
    expect(parseSweepAxis('Precision=ap_fixed<8,3>, ap_fixed<16,6>')).toEqual({ key: 'Precision', values: ['ap_fixed<8,3>', 'ap_fixed<16,6>'] });
    expect(parseSweepAxis('Precision=ap_fixed<8..9,2..3>').values).toEqual(['ap_fixed<8,2>', 'ap_fixed<8,3>', 'ap_fixed<9,2>', 'ap_fixed<9,3>']);
    expect(parseSweepAxis('Strategy=latency,RESOURCE')).toEqual({ key: 'Strategy', values: ['Latency', 'Resource'] });
    expect(parseSweepAxis('IOType=io_stream')).toEqual({ key: 'IOType', values: ['io_stream'] });
  });

  it('refuses what a config would refuse, naming the axis', () => {
    expect(() => parseSweepAxis('ReuseFactor')).toThrow(/expected KEY=VALUE/);
    expect(() => parseSweepAxis('Reuse=1')).toThrow(/unknown key "Reuse" \(known: ReuseFactor, Precision, Strategy, IOType\)/);
    expect(() => parseSweepAxis('ReuseFactor=0,1')).toThrow(/ReuseFactor must be an integer ≥ 1, got 0/);
    expect(() => parseSweepAxis('ReuseFactor=2.5')).toThrow(/ReuseFactor must be an integer/);
    expect(() => parseSweepAxis('ReuseFactor=8..4')).toThrow(/range 8\.\.4 runs backwards/);
    expect(() => parseSweepAxis('ReuseFactor=1,,2')).toThrow(/empty value/);
    expect(() => parseSweepAxis('ReuseFactor=1..4,4')).toThrow(/4 is listed twice/);
    expect(() => parseSweepAxis('Precision=ap_fixd<8,3>')).toThrow(/sweep axis "Precision=ap_fixd<8,3>": invalid precision/);
    expect(() => parseSweepAxis('Strategy=Fast')).toThrow(/unknown strategy "Fast"/);
    expect(() => checkSweepAxes([])).toThrow(/at least one axis/);
    expect(() => checkSweepAxes([parseSweepAxis('ReuseFactor=1'), parseSweepAxis('ReuseFactor=2')])).toThrow(/ReuseFactor is given twice/);
    expect(() => checkSweepAxes([parseSweepAxis('ReuseFactor=1..2000'), parseSweepAxis('Precision=ap_fixed<1..2000,1>')])).toThrow(/4,000,000 points, more than/);
  });

  it('numbers points in mixed radix, the last axis fastest', () => {
    const axes = [parseSweepAxis('ReuseFactor=1,2,4'), parseSweepAxis('Strategy=Latency,Resource')];
    expect(sweepSize(axes)).toBe(6);
    expect([0, 1, 2, 5].map((i) => pointAt(axes, i))).toEqual([
      { ReuseFactor: 1, Strategy: 'Latency' },
      { ReuseFactor: 1, Strategy: 'Resource' },
      { ReuseFactor: 2, Strategy: 'Latency' },
      { ReuseFactor: 4, Strategy: 'Resource' },
    ]);
  });
});

describe('sweep point configs', () => {
  const base = hls4mlConfigFrom(
    { IOType: 'io_parallel', HLSConfig: { Model: { ReuseFactor: 8 }, LayerName: { FC1: { ReuseFactor: 4, Precision: 'ap_fixed<10,4>' } } } },
    'prj/config.yml',
  );

  it('writes the settings into LayerName, keeping the other keys of an entry matched case-insensitively', () => {
    const config = configForPoint(base, { ReuseFactor: 2, Strategy: 'Resource' }, ['fc1', 'fc2']);
    expect(config.hlsConfig.LayerName).toEqual({ FC1: { ReuseFactor: 2, Precision: 'ap_fixed<10,4>', Strategy: 'Resource' }, fc2: { ReuseFactor: 2, Strategy: 'Resource' } });
    expect(config.hlsConfig.Model).toEqual({ ReuseFactor: 8 });
    expect(config.ioType).toEqual(base.ioType);
    // The base config is not changed.
    expect(base.hlsConfig.LayerName).toEqual({ FC1: { ReuseFactor: 4, Precision: 'ap_fixed<10,4>' } });
  });

  it('replaces the IOType, and works without a base config', () => {
    const config = configForPoint(undefined, { IOType: 'io_stream', Precision: 'ap_fixed<8,3>' }, ['fc1']);
    expect(config.ioType).toEqual({ value: 'io_stream', key: 'IOType' });
    expect(config.hlsConfig.LayerName).toEqual({ fc1: { Precision: 'ap_fixed<8,3>' } });
  });
});
