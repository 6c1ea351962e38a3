import { describe, expect, it } from 'vitest';
import { hls4mlAttributes, layerAttributes, optimizationAttributes, parsePrecision } from '@hwcost/core';

const hls4ml = {
  nIn: 16,
  nOut: 64,
  ioType: 'io_parallel',
  strategy: 'resource',
  weightPrecision: 'ap_fixed<16,6>',
  outputPrecision: 'ap_fixed<16,6>',
  reuseFactor: 4,
};

describe('hls4ml attributes', () => {
  it('normalizes strategy case and parses precisions', () => {
    const h = hls4mlAttributes(hls4ml);
    expect(h.strategy).toBe('Resource');
    expect(h.weightPrecision).toMatchObject({ kind: 'fixed', width: 16, integer: 6, signed: true });
    expect(h.parallelizationFactor).toBe(1);
  });

  it.each([
    [{ strategy: 'Fast' }, /unknown strategy "Fast" \(known: Latency, Resource\)/],
    [{ ioType: 'io_serial' }, /unknown io type "io_serial" \(known: io_parallel, io_stream\)/],
    [{ reuseFactor: 0 }, /reuse factor must be an integer ≥ 1, got 0/],
    [{ reuseFactor: 2.5 }, /reuse factor must be an integer ≥ 1, got 2.5/],
    [{ weightPrecision: 'ap_fixed<16' }, /weight precision: invalid precision "ap_fixed<16"/],
    [{ outputPrecision: 'float' }, /output precision must be a fixed-point or integer type/],
    [{ nIn: -1 }, /nIn must be an integer ≥ 1/],
  ])('rejects %j', (override, message) => {
    expect(() => hls4mlAttributes({ ...hls4ml, ...override } as never, 'layer fc1')).toThrow(message);
  });
});

describe('optimization attributes', () => {
  it('takes hls4ml defaults', () => {
    expect(optimizationAttributes()).toEqual({
      structureType: 'unstructured',
      pruning: false,
      weightSharing: false,
      blockShape: [1, 1],
      patternOffset: 1,
      consecutivePatterns: 1,
    });
  });

  it.each([
    [{ structureType: 'diagonal' }, /unknown structure type "diagonal"/],
    [{ patternOffset: 0 }, /patternOffset must be an integer ≥ 1, got 0/],
    [{ consecutivePatterns: 0 }, /consecutivePatterns must be an integer ≥ 1, got 0/],
    [{ blockShape: [2, 0] }, /blockShape\[1\] must be an integer ≥ 1/],
    [{ blockShape: [2] }, /blockShape must have two entries/],
    [{ pruning: 'yes' }, /pruning must be true or false/],
  ])('rejects %j', (input, message) => {
    expect(() => optimizationAttributes(input as never)).toThrow(message);
  });
});

describe('layer attributes', () => {
  const dense = { name: 'fc1', layerType: 'Dense', weightShape: [16, 64], inputShape: [16], outputShape: [64] };

  it('rejects non-positive or non-integer kernel entries', () => {
    expect(() => layerAttributes({ ...dense, weightShape: [16, 0] })).toThrow(/layer fc1: weightShape\[1\] must be an integer ≥ 1, got 0/);
    expect(() => layerAttributes({ ...dense, weightShape: [16, 1.5] })).toThrow(/weightShape\[1\] must be an integer ≥ 1, got 1.5/);
    expect(() => layerAttributes({ ...dense, inputShape: [-2] })).toThrow(/inputShape\[0\] must be an integer ≥ 0/);
  });

  it('rejects a reuse factor larger than the weight count under the Resource strategy only', () => {
    expect(() => layerAttributes({ ...dense, hls4ml: { ...hls4ml, strategy: 'Resource', reuseFactor: 2048 } })).toThrow(
      /layer fc1: reuse factor 2048 exceeds the layer's 1024 weights/,
    );
    expect(layerAttributes({ ...dense, hls4ml: { ...hls4ml, strategy: 'Latency', reuseFactor: 2048 } }).args.hls4ml!.reuseFactor).toBe(2048);
  });

  it('names the layer in hls4ml errors', () => {
    expect(() => layerAttributes({ ...dense, hls4ml: { ...hls4ml, strategy: 'x' } })).toThrow(/^layer fc1: unknown strategy/);
  });
});

describe('parsePrecision', () => {
  it.each([
    ['ap_fixed<8,3,AP_RND_CONV,AP_SAT_SYM,1>', { kind: 'fixed', width: 8, integer: 3, rounding: 'RND_CONV', saturation: 'SAT_SYM', saturationBits: 1 }],
    ['ac_int<12,false>', { kind: 'integer', width: 12, integer: 12, signed: false }],
    ['half', { kind: 'float', width: 16 }],
    ['bfloat16', { kind: 'float', width: 16 }],
    ['uint<3>', { kind: 'integer', width: 3, signed: false }],
    ['ap_int<8,AP_RND,AP_SAT>', { kind: 'integer', width: 8, integer: 8, signed: true }],
    ['ac_int<8,false,AC_RND>', { kind: 'integer', width: 8, signed: false }],
  ])('parses %s', (text, expected) => {
    expect(parsePrecision(text)).toMatchObject(expected);
  });

  it.each(['ap_fixed<8,3,AP_FOO>', 'ap_fixed<0,0>', 'ac_fixed<8,3,maybe>', 'ap_int<8,2>', 'ap_int<8,AP_RND,AP_SAT,1,2>', 'ap_fixed<8,3,AP_RND,AP_SAT,-1>'])('rejects %s quoting it', (text) => {
    expect(() => parsePrecision(text)).toThrow(`"${text}"`);
  });
});
