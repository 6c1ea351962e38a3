import { describe, expect, it } from 'vitest';
import { layerAttributes, parsePrecision } from '@hwcost/core';
import {
  adderBits,
  bramRule,
  CALIBRATION,
  classifyWeights,
  constantWidth,
  expectedDspShare,
  ffRule,
  fifoRegisters,
  hlsLayer,
  instanceRegisters,
  KernelFacts,
  latencyRule,
  layerView,
  LayerViews,
  multiplierPlan,
  productTree,
  quantize,
  slicesPerProduct,
  streamFifos,
} from '@hwcost/plugin-vivado-hls';

const fixed16 = parsePrecision('ap_fixed<16,6>');

function dense(nIn: number, nOut: number, values: Record<string, number | string>, types: Record<string, string> = {}, facts: Record<string, unknown> = {}) {
  return layerAttributes({
    name: 'fc',
    layerType: 'Dense',
    inboundLayers: ['input'],
    weightShape: [nIn, nOut],
    inputShape: [nIn],
    outputShape: [nOut],
    args: { hlsFirmware: { function: 'dense', ioType: 'io_parallel', values: { n_in: nIn, n_out: nOut, ...values }, sub: {}, types: { input: 'ap_fixed<16,6>', weight: 'ap_fixed<16,6>', result: 'ap_fixed<16,6>', ...types }, ...facts } },
  });
}

const noWeights = { kernel: () => undefined };

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

  it("gives the same plan from a run's memo of quantized kernels as worked out anew, whatever the precision asked before", () => {
    const data = Float32Array.from({ length: 64 * 8 }, (_, i) => Math.sin(i * 1.7) * 0.6);
    const kernel = { shape: [64, 8], data };
    const facts = new KernelFacts();
    for (const weight of ['ap_fixed<16,6>', 'ap_fixed<8,3>', 'ap_fixed<8,3,AP_RND,AP_SAT>', 'ap_ufixed<8,3>', 'ap_fixed<16,6>']) {
      for (const rf of [1, 3, 8]) {
        const layer = hlsLayer(dense(64, 8, { reuse_factor: rf, strategy: 'nnet::latency' }, { weight }));
        expect(multiplierPlan(layer, kernel, facts), `${weight} RF ${rf}`).toEqual(multiplierPlan(layer, kernel));
        expect(multiplierPlan(layer, undefined, facts), `${weight} RF ${rf}, no kernel`).toEqual(multiplierPlan(layer, undefined));
      }
    }
  });

  it('shares a layer view within a run while the weights give the same kernels, frozen so no rule changes it', () => {
    const views = new LayerViews();
    const layer = dense(4, 2, { reuse_factor: 1, strategy: 'nnet::latency' });
    const trained = { shape: [4, 2], data: Float32Array.from([0, 0.5, 0.25, 0.3, -0.7, 0.123, 0, 1]) };
    let current = trained;
    const weights = { kernel: (name: string) => (name === 'fc' ? current : undefined) };
    const first = views.of(layer, weights);
    expect(views.of(layer, weights)).toBe(first);
    expect(first).toEqual(layerView(layer, weights));
    expect(Object.isFrozen(first.view) && Object.isFrozen(first.plan)).toBe(true);
    current = { shape: [4, 2], data: new Float32Array(8) };
    expect(views.of(layer, weights).plan!.nonZero).toBe(0);
  });

  it('leaves products with narrow inputs in logic', () => {
    const layer = hlsLayer(dense(16, 16, { reuse_factor: 1 }, { input: 'ap_ufixed<6,0>' }));
    expect(multiplierPlan(layer, undefined).dspProducts).toBe(0);
  });
});

describe('pipeline registers (rule "pipeline cuts")', () => {
  it('registers a 16-input tree after the levels that fit a 5 ns cycle; leaves an 8-input one combinational', () => {
    const wide = hlsLayer(dense(16, 64, { reuse_factor: 1 }, {}, { part: 'xcu250-figd2104-2L-e', clockNs: 5 }));
    const plan = multiplierPlan(wide, undefined);
    const tree = productTree(wide, plan);
    expect(tree.stages).toBe(1);
    // Product 2.25 ns, then ⌊(4.375 − 2.25) / 0.55⌋ = 3 adder levels: ⌈16 / 8⌉ partial sums of 16 bits per output.
    expect(tree.cutBits).toBe(64 * 2 * 16);
    expect(instanceRegisters(wide, plan)).toBe(tree.cutBits);
    const narrow = hlsLayer(dense(8, 64, { reuse_factor: 1 }, {}, { part: 'xcu250-figd2104-2L-e', clockNs: 5 }));
    expect(productTree(narrow, multiplierPlan(narrow, undefined))).toMatchObject({ stages: 0, cutBits: 0 });
  });

  it('counts the deepest output of a pruned kernel, and lets a slower clock chain the whole tree', () => {
    const layer = hlsLayer(dense(16, 2, { reuse_factor: 1 }, {}, { part: 'xcu250-figd2104-2L-e', clockNs: 5 }));
    const kernel = { shape: [16, 2], data: Float32Array.from({ length: 32 }, (_, i) => (i % 2 === 0 ? 0.3 : i < 8 ? 0.3 : 0)) };
    const plan = multiplierPlan(layer, kernel);
    expect(plan.perOutput).toEqual([16, 4]);
    expect(productTree(layer, plan).cutBits).toBe((2 + 1) * 16);
    const slow = hlsLayer(dense(16, 64, { reuse_factor: 1 }, {}, { part: 'xcu250-figd2104-2L-e', clockNs: 25 }));
    expect(productTree(slow, multiplierPlan(slow, undefined)).stages).toBe(0);
  });

  it('keeps 7-series products in the DSP’s own registers, then registers them once', () => {
    const layer = hlsLayer(dense(20, 64, { reuse_factor: 1 }, {}, { part: 'xc7vx690t-ffg1761-2', clockNs: 5 }));
    const plan = multiplierPlan(layer, undefined);
    const tree = productTree(layer, plan);
    expect(tree.stages).toBeGreaterThanOrEqual(2);
    expect(tree.cutBits).toBeGreaterThanOrEqual(plan.nonZero * 16);
  });

  it('adds a cycle per pipeline stage to the latency, and hands a combinational slow layer’s outputs on in a register', () => {
    const layer = hlsLayer(dense(64, 32, { reuse_factor: 1 }, {}, { part: 'xcu250-figd2104-2L-e', clockNs: 5 }));
    expect(latencyRule(layer, multiplierPlan(layer, undefined))).toBe(1);
    const combinational = hlsLayer(dense(8, 32, { reuse_factor: 1 }, {}, { part: 'xcu250-figd2104-2L-e', clockNs: 5 }));
    const plan = multiplierPlan(combinational, undefined);
    expect(latencyRule(combinational, plan)).toBe(1);
    expect(ffRule(combinational, plan)).toBe(32 * 16);
  });
});

describe('Resource pipelines and accumulators', () => {
  it('carries input, weight, product and accumulator of every Resource multiplier (24-bit inputs, 8-bit weights)', () => {
    const types = { input: 'ap_fixed<24,16>', weight: 'ap_fixed<8,1>', result: 'ap_fixed<24,16>', accum: 'ap_fixed<24,16>' };
    const layer = hlsLayer(dense(64, 16, { reuse_factor: 2, strategy: 'nnet::resource' }, types));
    const plan = multiplierPlan(layer, undefined);
    expect(plan.limit).toBe(512);
    expect(instanceRegisters(layer, plan)).toBe(512 * (24 + 8 + 32 + 24) + 16 * 24);
    expect(ffRule(layer, plan) - instanceRegisters(layer, plan)).toBe(CALIBRATION.control.ff.resource);
  });

  it('costs rounding and saturating accumulators an increment and a clamp on every addition', () => {
    const plain = hlsLayer(dense(64, 16, { reuse_factor: 2, strategy: 'nnet::resource' }, { accum: 'ap_fixed<24,16>' }));
    const saturating = hlsLayer(dense(64, 16, { reuse_factor: 2, strategy: 'nnet::resource' }, { accum: 'ap_fixed<24,16,AP_RND,AP_SAT>' }));
    const extra = adderBits(saturating, multiplierPlan(saturating, undefined)) - adderBits(plain, multiplierPlan(plain, undefined));
    // 512 additions and 512 casts, each with a rounding level and two saturation levels of 24 bits.
    expect(extra).toBe((512 * 3 + 512 * 3) * 24);
  });
});

describe('stream FIFOs and tables', () => {
  function stream(channels: number, pixels: number, width: number, tool?: string) {
    return hlsLayer(
      layerAttributes({
        name: 'act',
        layerType: 'Activation',
        inboundLayers: ['conv'],
        inputShape: [pixels, channels],
        outputShape: [pixels, channels],
        args: { hlsFirmware: { function: 'relu', ioType: 'io_stream', values: { n_in: pixels * channels }, sub: {}, types: { result: `ap_fixed<${width},6>` }, ...(tool ? { tool } : {}) } },
      }),
    );
  }

  it('keeps a FIFO deeper than 32 in 1K × 18 block RAMs, one per channel under Vivado HLS', () => {
    expect(streamFifos(stream(8, 1024, 32))).toMatchObject({ count: 8, depth: 1024, width: 32, blocks: 2 });
    expect(streamFifos(stream(4, 36, 16))).toMatchObject({ blocks: 1 });
    expect(streamFifos(stream(4, 16, 16))).toMatchObject({ blocks: 0 });
    expect(bramRule(stream(8, 1156, 32), undefined)).toBe(8 * 4);
    // Read and write addresses and fill count of 11 bits, the output register, 2 more.
    expect(fifoRegisters(streamFifos(stream(1, 1024, 32))!)).toBe(3 * 11 + 32 + 2);
  });

  it('packs a pixel’s channels into one FIFO under Vitis HLS; a FIFO of 2 or fewer is registers', () => {
    expect(streamFifos(stream(16, 128, 16, 'Vitis HLS'))).toMatchObject({ count: 1, width: 256 });
    const shallow = streamFifos(stream(16, 1, 16, 'Vitis HLS'))!;
    expect(shallow.blocks).toBe(0);
    expect(fifoRegisters(shallow)).toBe(2 * 256 + 1 + 2);
  });

  it('looks up every pair of inputs in hls4ml’s legacy softmax', () => {
    const softmax = (implementation?: string) =>
      hlsLayer(
        layerAttributes({
          name: 'sm',
          layerType: 'Softmax',
          inboundLayers: ['fc'],
          inputShape: [6],
          outputShape: [6],
          args: { hlsFirmware: { function: 'softmax', ioType: 'io_parallel', values: { n_in: 6, table_size: 1024, ...(implementation ? { implementation } : {}) }, sub: {}, types: {} } },
        }),
      );
    expect(bramRule(softmax(), undefined)).toBe(18 + 1);
    expect(bramRule(softmax('nnet::softmax_implementation::stable'), undefined)).toBe(3 + 1);
  });
});

describe('hand-offs between layers', () => {
  it('registers an activation’s outputs, except those fed by pruned columns of the layer before', () => {
    const relu = layerAttributes({
      name: 'relu1',
      layerType: 'Activation',
      inboundLayers: ['fc1'],
      inputShape: [4],
      outputShape: [4],
      args: { hlsFirmware: { function: 'relu', ioType: 'io_parallel', values: { n_in: 4 }, sub: {}, types: { input: 'ap_fixed<16,6>', result: 'ap_fixed<16,6>' } } },
    });
    expect(ffRule(layerView(relu, noWeights).view, undefined)).toBe(4 * 16);
    const kernel = { shape: [2, 4], data: Float32Array.from([0.5, 0, 0.25, 0, 0.1, 0, 0, 0]) };
    const pruned = layerView(relu, { kernel: (name: string) => (name === 'fc1' ? kernel : undefined) });
    expect(pruned.view.constantInputs).toBe(2);
    expect(ffRule(pruned.view, undefined)).toBe(2 * 16);
  });
});
