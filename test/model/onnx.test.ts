import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { applyLayout, importOnnxModel, loadModelFile, loadWeightsFile, maskInStoredLayout, readOnnxWeights, undoLayout, type ImportedModel } from '@hwcost/model';
import { onnxModel, tensorBytes, type Tensor } from './onnx-fixtures.js';

const examples = '../shared/conformance/models/onnx-examples';
const dir = mkdtempSync(path.join(tmpdir(), 'hwcost-onnx-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function summary(model: ImportedModel) {
  return Object.fromEntries(
    model.layers.map(({ attributes: a, supported, reason }) => [a.name, { type: a.layerType, in: a.inputShape, out: a.outputShape, w: a.weightShape, supported, ...(reason ? { reason } : {}) }]),
  );
}

describe('kernel layouts', () => {
  it('round-trips a transpose and a depthwise reshape-and-transpose', () => {
    const stored = { shape: [6, 1, 2, 2], data: Float32Array.from({ length: 24 }, (_v, i) => i) };
    const steps = [{ reshape: [3, 2, 2, 2] }, { transpose: [2, 3, 0, 1] }];
    const keras = applyLayout(stored, steps);
    expect(keras.shape).toEqual([2, 2, 3, 2]);
    // keras[h, w, c, m] = stored[c·2 + m, 0, h, w]
    expect(keras.data[((1 * 2 + 0) * 3 + 2) * 2 + 1]).toBe(stored.data[(2 * 2 + 1) * 4 + 1 * 2 + 0]);
    expect(undoLayout(keras, steps, stored.shape)).toEqual(stored);
    const linear = { shape: [3, 2], data: Float32Array.from([1, 2, 3, 4, 5, 6]) };
    expect(maskInStoredLayout(applyLayout(linear, [{ transpose: [1, 0] }]), { shape: [3, 2], steps: [{ transpose: [1, 0] }] })).toEqual(linear);
  });
});

describe('ONNX models', () => {
  it('imports the example-models exports in Keras terms', async () => {
    const conv1d = summary(await loadModelFile(`${examples}/conv1d_small_keras.onnx`));
    expect(conv1d.W).toMatchObject({ type: 'Conv1D', in: [10, 4], out: [10, 3], w: [4, 4, 3], supported: true });
    expect(conv1d.W3).toMatchObject({ type: 'Dense', in: [10], out: [5], w: [10, 5] });
    const separable = summary(await loadModelFile(`${examples}/separable_conv_model_ch_last.onnx`));
    expect(separable.Quant_0_param0).toMatchObject({ type: 'DepthwiseConv2D', in: [512, 512, 3], out: [512, 512, 3], w: [3, 3, 3, 1] });
    expect(separable.Quant_1_param0).toMatchObject({ type: 'Conv2D', out: [512, 512, 16], w: [1, 1, 3, 16] });
    const bn = summary(await loadModelFile(`${examples}/three_layer_bn_pytorch.onnx`));
    expect(bn['3']).toMatchObject({ type: 'BatchNormalization', w: [64] });
    expect(Object.values(bn).every((l) => l.supported)).toBe(true);
  });

  it('gives QONNX-quantized weights the precision a QKeras quantizer would', async () => {
    const model = await loadModelFile(`${examples}/separable_conv_model_ch_last.onnx`);
    const quantizers = Object.fromEntries(model.layers.map((l) => [l.attributes.name, l.attributes.args.kernelQuantizer]));
    expect(quantizers.Quant_1_param0).toMatchObject({ className: 'quantized_bits', config: { bits: 4 } });
  });

  it('folds the shape arithmetic exporters emit, and a power-of-two Quant scale gives fixed point', async () => {
    const bytes = onnxModel({
      inputs: { x: ['batch', 2, 4, 4] },
      initializers: [
        { name: 'conv.weight', dims: [3, 2, 3, 3] },
        { name: 'scale', dims: [], data: [0.125] },
        { name: 'zero', dims: [], data: [0] },
        { name: 'bits', dims: [], data: [6] },
        { name: 'fc.weight', dims: [5, 48] },
        { name: 'zero_index', dims: [], data: [0], int64: true },
        { name: 'minus_one', dims: [1], data: [-1], int64: true },
      ],
      nodes: [
        { op: 'Quant', domain: 'qonnx.custom_op.general', inputs: ['conv.weight', 'scale', 'zero', 'bits'], outputs: ['qw'], attributes: { signed: 1, narrow: 0 } },
        { op: 'Conv', inputs: ['x', 'qw'], outputs: ['c'], attributes: { kernel_shape: [3, 3], pads: [1, 1, 1, 1] } },
        { op: 'Shape', inputs: ['c'], outputs: ['s'] },
        { op: 'Gather', inputs: ['s', 'zero_index'], outputs: ['n'], attributes: { axis: 0 } },
        { op: 'Unsqueeze', inputs: ['n'], outputs: ['n1'], attributes: { axes: [0] } },
        { op: 'Concat', inputs: ['n1', 'minus_one'], outputs: ['target'], attributes: { axis: 0 } },
        { op: 'Reshape', inputs: ['c', 'target'], outputs: ['flat'] },
        { op: 'Gemm', inputs: ['flat', 'fc.weight'], outputs: ['y'], attributes: { transB: 1 } },
      ],
      opset: 11,
    });
    const model = await importOnnxModel(bytes, 'folded.onnx');
    expect(model.layers.map((l) => l.attributes.name)).toEqual(['x', 'conv', 'node_6', 'fc']);
    expect(summary(model)).toMatchObject({ conv: { type: 'Conv2D', in: [4, 4, 2], out: [4, 4, 3], w: [3, 3, 2, 3] }, node_6: { type: 'Reshape', out: [48] }, fc: { in: [48], w: [48, 5] } });
    // 6 bits with scale 2^-3: values in [-4, 4) → ap_fixed<6,3>, quantized_bits(6, 2) in QKeras terms.
    expect(model.layers[1]!.attributes.args.kernelQuantizer).toEqual({ className: 'quantized_bits', config: { bits: 6, integer: 2 } });
  });

  it('marks a layer n/a with the reason where its shape cannot be known, and goes on with declared shapes', async () => {
    const bytes = onnxModel({
      inputs: { x: [1, 8] },
      valueInfo: { mystery_out: [1, 6] },
      initializers: [{ name: 'a.weight', dims: [6, 8] }, { name: 'b.weight', dims: [6, 3] }, { name: 'b.bias', dims: [3] }],
      nodes: [
        { op: 'Gemm', inputs: ['x', 'a.weight'], outputs: ['h'], attributes: { transB: 1 } },
        { op: 'FancyNorm', domain: 'custom', inputs: ['h'], outputs: ['mystery_out'], name: 'mystery' },
        { op: 'MatMul', inputs: ['mystery_out', 'b.weight'], outputs: ['m'] },
        { op: 'Add', inputs: ['m', 'b.bias'], outputs: ['y'] },
        { op: 'OtherThing', domain: 'custom', inputs: ['y'], outputs: ['z'], name: 'undeclared' },
        { op: 'Relu', inputs: ['z'], outputs: ['r'], name: 'after' },
      ],
    });
    const layers = summary(await importOnnxModel(bytes, 'odd.onnx'));
    expect(layers.mystery).toMatchObject({ type: 'FancyNorm', supported: false, reason: 'ONNX operator custom:FancyNorm is not known to hwcost' });
    // MatMul + Add of a constant bias is one Dense, read from the declared shape after the unknown node.
    expect(layers.b).toMatchObject({ type: 'Dense', in: [6], out: [3], w: [6, 3], supported: true });
    expect(layers.after).toMatchObject({ supported: false, reason: 'input shape unknown: layer undeclared: ONNX operator custom:OtherThing is not known to hwcost' });
  });

  it('reads quantized ONNX: QDQ weights and QLinearConv, as 8-bit layers', async () => {
    const bytes = onnxModel({
      inputs: { x: [1, 3, 8, 8] },
      initializers: [
        { name: 'conv.weight', dims: [4, 3, 3, 3], int8: true },
        { name: 'w_scale', dims: [], data: [0.02] },
        { name: 'zp', dims: [], data: [0], int8: true },
        { name: 'fc.weight', dims: [4, 2], int8: true },
        { name: 'x_scale', dims: [], data: [0.1] },
      ],
      nodes: [
        { op: 'QLinearConv', inputs: ['x', 'x_scale', 'zp', 'conv.weight', 'w_scale', 'zp', 'x_scale', 'zp'], outputs: ['c'], attributes: { kernel_shape: [3, 3] } },
        { op: 'GlobalAveragePool', inputs: ['c'], outputs: ['g'] },
        { op: 'Flatten', inputs: ['g'], outputs: ['f'] },
        { op: 'DequantizeLinear', inputs: ['fc.weight', 'w_scale', 'zp'], outputs: ['fw'] },
        { op: 'MatMul', inputs: ['f', 'fw'], outputs: ['y'] },
      ],
    });
    const model = await importOnnxModel(bytes, 'quantized.onnx');
    expect(summary(model)).toMatchObject({ conv: { type: 'Conv2D', in: [8, 8, 3], out: [6, 6, 4], w: [3, 3, 3, 4] }, fc: { type: 'Dense', in: [4], out: [2], w: [4, 2] } });
    const bits = model.layers.filter((l) => l.attributes.args.kernelQuantizer).map((l) => [l.attributes.name, (l.attributes.args.kernelQuantizer as { config: { bits: number } }).config.bits]);
    expect(bits).toEqual([['conv', 8], ['fc', 8]]);
  });

  it('reads weights from external-data files beside the model, in Keras layout with the stored layout kept', async () => {
    const weight: Tensor = { name: 'fc.weight', dims: [4, 3], data: [1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12], external: { location: 'model.onnx.data', offset: 16 } };
    const file = path.join(dir, 'model.onnx');
    writeFileSync(file, onnxModel({ inputs: { x: [1, 3] }, initializers: [weight], nodes: [{ op: 'Gemm', inputs: ['x', 'fc.weight'], outputs: ['y'], attributes: { transB: 1 } }] }));
    writeFileSync(path.join(dir, 'model.onnx.data'), new Uint8Array([...new Uint8Array(16), ...tensorBytes(weight)]));
    const weights = await loadWeightsFile(file);
    expect(weights.get('fc')).toMatchObject({ shape: [3, 4], source: { name: 'fc.weight', shape: [4, 3] } });
    expect([...weights.get('fc')!.data]).toEqual([1, 4, 7, 10, 2, 5, 8, 11, 3, 6, 9, 12]);
    const escaping = onnxModel({ inputs: { x: [1, 3] }, initializers: [{ ...weight, external: { location: '../../etc/passwd', offset: 0 } }], nodes: [{ op: 'Gemm', inputs: ['x', 'fc.weight'], outputs: ['y'], attributes: { transB: 1 } }] });
    await expect(readOnnxWeights(escaping, file)).rejects.toThrow(`${file}: initializer fc.weight: external data location "../../etc/passwd" is outside the model's folder`);
  });
});
