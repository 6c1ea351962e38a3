import { describe, expect, it } from 'vitest';
import { layerAttributes, parsePrecision } from '@hwcost/core';
import { classifyWeights, constantWidth, expectedDspShare, hlsLayer, multiplierPlan, quantize, slicesPerProduct } from '@hwcost/plugin-vivado-hls';

const fixed16 = parsePrecision('ap_fixed<16,6>');

function dense(nIn: number, nOut: number, values: Record<string, number | string>, types: Record<string, string> = {}) {
  return layerAttributes({
    name: 'fc',
    layerType: 'Dense',
    weightShape: [nIn, nOut],
    inputShape: [nIn],
    outputShape: [nOut],
    args: { hlsFirmware: { function: 'dense', ioType: 'io_parallel', values: { n_in: nIn, n_out: nOut, ...values }, sub: {}, types: { input: 'ap_fixed<16,6>', weight: 'ap_fixed<16,6>', result: 'ap_fixed<16,6>', ...types } } },
  });
}

describe('constants as the HLS tools see them', () => {
  it('quantizes by truncation (ap_fixed default) or rounding (RND), wrapping or saturating', () => {
    expect(quantize(0.3, fixed16)).toBe(307); // floor(0.3 · 1024)
    expect(quantize(-0.0001, fixed16)).toBe(-1);
    expect(quantize(0.3, parsePrecision('ap_fixed<16,6,AP_RND>'))).toBe(307);
    expect(quantize(100, parsePrecision('ap_fixed<8,4,AP_TRN,AP_SAT>'))).toBe(127);
  });

  it('measures a constant by its two’s complement width without trailing zeros', () => {
    expect(constantWidth(0)).toBe(0);
    expect(constantWidth(512)).toBe(1); // a power of two is a shift
    expect(constantWidth(-512)).toBe(2);
    expect(constantWidth(31)).toBe(5);
    expect(constantWidth(-31)).toBe(6);
    expect(constantWidth(96)).toBe(2); // 3 · 32
  });

  it('splits weights into zero, logic-built and DSP-worthy ones', () => {
    const weights = [0, 0.5, 31 / 1024, -31 / 1024, 0.3];
    expect(classifyWeights(weights, fixed16)).toMatchObject({ total: 5, zero: 1, logic: 2, dsp: 2 });
  });

  it('expects most weights of a 16-bit layer to be DSP-worthy without weights, and none of a 4-bit one', () => {
    const share = expectedDspShare(fixed16, 16, 64).dsp;
    expect(share).toBeGreaterThan(0.6);
    expect(share).toBeLessThan(0.95);
    expect(expectedDspShare(parsePrecision('ap_fixed<4,1>'), 16, 64).dsp).toBe(0);
  });

  it('takes several DSP slices for wide products (27×18 on UltraScale, 25×18 on 7-series)', () => {
    expect(slicesPerProduct(16, 16)).toBe(1);
    expect(slicesPerProduct(27, 18)).toBe(1);
    expect(slicesPerProduct(32, 32)).toBe(4);
    expect(slicesPerProduct(26, 18, 'xc7z020clg400-1')).toBe(2);
    expect(slicesPerProduct(26, 18, 'xcu250-figd2104-2L-e')).toBe(1);
  });
});

describe('multiplier plans', () => {
  it('caps Latency layers with RF > 1 at hls4ml’s multiplier limit, zeros removed (pruned 4×128 at RF 16: 8 DSPs)', () => {
    const layer = hlsLayer(dense(4, 128, { reuse_factor: 16, strategy: 'nnet::latency', n_zeros: 384 }));
    const plan = multiplierPlan(layer, undefined);
    expect(plan.limit).toBe(512 / 16 - 384 / 16);
    expect(plan.dspProducts).toBe(8);
  });

  it('gives every Resource multiplier a DSP, whatever the weights', () => {
    const layer = hlsLayer(dense(32, 10, { reuse_factor: 4, strategy: 'nnet::resource' }));
    const kernel = { shape: [32, 10], data: new Float32Array(320).fill(0.5) };
    expect(multiplierPlan(layer, kernel).dspProducts).toBe(80);
  });

  it('builds constants from the kernel under Latency: powers of two and zeros need no DSP', () => {
    const layer = hlsLayer(dense(4, 2, { reuse_factor: 1, strategy: 'nnet::latency' }));
    const kernel = { shape: [4, 2], data: Float32Array.from([0, 0.5, 0.25, 0.3, -0.7, 0.123, 0, 1]) };
    const plan = multiplierPlan(layer, kernel);
    expect(plan.fromWeights).toBe(true);
    expect(plan.nonZero).toBe(6);
    expect(plan.dspProducts).toBe(3);
  });

  it('leaves products with narrow inputs in logic', () => {
    const layer = hlsLayer(dense(16, 16, { reuse_factor: 1 }, { input: 'ap_ufixed<6,0>' }));
    expect(multiplierPlan(layer, undefined).dspProducts).toBe(0);
  });
});
