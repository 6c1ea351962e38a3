import { layerAttributes, type LayerAttributesInput } from '@hwcost/core';
import type { ImportedModel, ModelLayer, ModelWeights } from '@hwcost/model';
import { random } from '../../bench/random.mjs';

/** A layer for {@link testModel}: attributes, whether hwcost knows its class, and whether weights are written for it. */
export interface TestLayer extends LayerAttributesInput {
  supported?: boolean;
  /** Kernel shape to write into the weights; default the layer's weightShape. */
  kernelShape?: number[];
}

/** A model and its weights (seeded uniform values in [-1, 1)) from layer descriptions. */
export function testModel(layers: TestLayer[], seed = 7): { model: ImportedModel; weights: ModelWeights } {
  const rnd = random(seed);
  const weights: ModelWeights = new Map();
  const modelLayers: ModelLayer[] = layers.map(({ supported = true, kernelShape, ...input }) => {
    const shape = kernelShape ?? input.weightShape ?? [];
    if (shape.length > 0) weights.set(input.name, { shape, data: Float32Array.from({ length: shape.reduce((a, b) => a * b, 1) }, () => rnd() * 2 - 1) });
    return { attributes: layerAttributes(input), supported };
  });
  return { model: { name: 'test', source: 'test', layers: modelLayers }, weights };
}

/** A Dense layer with hls4ml attributes. */
export function dense(name: string, nIn: number, nOut: number, options: { rf?: number; precision?: string; strategy?: 'Latency' | 'Resource' } = {}): TestLayer {
  const { rf = 1, precision = 'ap_fixed<16,6>', strategy = 'Resource' } = options;
  return {
    name,
    layerType: 'Dense',
    weightShape: [nIn, nOut],
    inputShape: [nIn],
    outputShape: [nOut],
    hls4ml: { nIn, nOut, ioType: 'io_stream', strategy, weightPrecision: precision, outputPrecision: 'ap_fixed<16,6>', reuseFactor: rf },
  };
}

/** A chain of Dense layers fc1, fc2, … through `widths`. */
export function denseChain(widths: number[], options: Parameters<typeof dense>[3] = {}): TestLayer[] {
  return widths.slice(1).map((nOut, i) => dense(`fc${i + 1}`, widths[i]!, nOut, options));
}

/** HDF5 bytes in Keras 3's `model.weights.h5` layout (`layers/<name>/vars/0`), written with the HDF5 library hwcost reads with. */
export async function keras3WeightsFile(kernels: Record<string, { shape: number[]; data: Float32Array }>): Promise<Uint8Array> {
  const { default: h5wasm } = await import('h5wasm');
  const { FS } = await h5wasm.ready;
  const name = `/keras3-${Math.random().toString(36).slice(2)}.weights.h5`;
  const file = new h5wasm.File(name, 'w');
  const layers = file.create_group('layers');
  for (const [layer, { shape, data }] of Object.entries(kernels)) {
    layers.create_group(layer).create_group('vars').create_dataset({ name: '0', data, shape, dtype: '<f' });
  }
  file.close();
  const bytes = FS.readFile(name);
  FS.unlink(name);
  return bytes;
}
