import {
  LAYER_KINDS,
  STRUCTURE_TYPES,
  isPrunableLayerType,
  layerAttributes,
  product,
  type LayerAttributes,
  type LayerKind,
  type StructureType,
} from '@hwcost/core';

/** Shapes of a representative layer of a kind (batch axis excluded); kernel `[]` for none. */
interface KindShapes {
  input: number[];
  output: number[];
  kernel: number[];
  /** Layers feeding it; two for merges. */
  inbound?: number;
}

const SAME_1D: KindShapes = { input: [16], output: [16], kernel: [] };
const POOL_1D: KindShapes = { input: [32, 4], output: [16, 4], kernel: [] };
const POOL_2D: KindShapes = { input: [8, 8, 4], output: [4, 4, 4], kernel: [] };

/**
 * One representative layer per kind of core's table. A kind not listed here (added to the table
 * later) gets a layer that keeps a `[16]` input and has no kernel.
 */
const SHAPES: Partial<Record<LayerKind, KindShapes>> = {
  input: SAME_1D,
  dense: { input: [16], output: [8], kernel: [16, 8] },
  conv1d: { input: [32, 4], output: [30, 8], kernel: [3, 4, 8] },
  conv2d: { input: [8, 8, 4], output: [6, 6, 8], kernel: [3, 3, 4, 8] },
  'conv1d-transpose': { input: [16, 4], output: [18, 8], kernel: [3, 8, 4] },
  'conv2d-transpose': { input: [8, 8, 4], output: [10, 10, 8], kernel: [3, 3, 8, 4] },
  'depthwise-conv1d': { input: [32, 4], output: [30, 4], kernel: [3, 4, 1] },
  'depthwise-conv2d': { input: [8, 8, 4], output: [6, 6, 4], kernel: [3, 3, 4, 1] },
  'separable-conv1d': { input: [32, 4], output: [30, 8], kernel: [3, 4, 1] },
  'separable-conv2d': { input: [8, 8, 4], output: [6, 6, 8], kernel: [3, 3, 4, 1] },
  'max-pooling1d': POOL_1D,
  'max-pooling2d': POOL_2D,
  'average-pooling1d': POOL_1D,
  'average-pooling2d': POOL_2D,
  'global-average-pooling1d': { input: [32, 4], output: [4], kernel: [] },
  'global-average-pooling2d': { input: [8, 8, 4], output: [4], kernel: [] },
  'global-max-pooling1d': { input: [32, 4], output: [4], kernel: [] },
  'global-max-pooling2d': { input: [8, 8, 4], output: [4], kernel: [] },
  flatten: { input: [4, 4, 4], output: [64], kernel: [] },
  reshape: { input: [64], output: [4, 4, 4], kernel: [] },
  permute: { input: [8, 4], output: [4, 8], kernel: [] },
  'repeat-vector': { input: [16], output: [3, 16], kernel: [] },
  prelu: { input: [16], output: [16], kernel: [16] },
  'batch-normalization': { input: [16], output: [16], kernel: [16] },
  'layer-normalization': { input: [16], output: [16], kernel: [16] },
  add: { ...SAME_1D, inbound: 2 },
  concatenate: { input: [16], output: [32], kernel: [], inbound: 2 },
  'zero-padding1d': { input: [30, 4], output: [32, 4], kernel: [] },
  'zero-padding2d': { input: [6, 6, 4], output: [8, 8, 4], kernel: [] },
  cropping1d: { input: [32, 4], output: [30, 4], kernel: [] },
  cropping2d: { input: [8, 8, 4], output: [6, 6, 4], kernel: [] },
  upsampling1d: { input: [16, 4], output: [32, 4], kernel: [] },
  upsampling2d: { input: [4, 4, 4], output: [8, 8, 4], kernel: [] },
  'simple-rnn': { input: [10, 8], output: [16], kernel: [8, 16] },
  lstm: { input: [10, 8], output: [16], kernel: [8, 64] },
  gru: { input: [10, 8], output: [16], kernel: [8, 48] },
  bidirectional: { input: [10, 8], output: [32], kernel: [8, 64] },
  'time-distributed': { input: [10, 16], output: [10, 8], kernel: [16, 8] },
  embedding: { input: [10], output: [10, 8], kernel: [100, 8] },
  garnet: { input: [32, 4], output: [8], kernel: [4, 8] },
};

/** The weight precisions fixtures cover: hls4ml's default, a narrow one below the DSP width, a wide one, an integer. */
export const FIXTURE_PRECISIONS = ['ap_fixed<16,6>', 'ap_fixed<6,2>', 'ap_fixed<18,8>', 'ap_int<4>'] as const;

/** A ready layer for tests, with what it was made from. */
export interface LayerFixture {
  /** e.g. `Dense/pattern/ap_fixed<16,6>/Resource`. */
  name: string;
  kind: LayerKind;
  structure: StructureType;
  precision: string;
  layer: LayerAttributes;
}

/**
 * Layers of every kind in core's table (its first class name) × every structure type × every
 * precision of {@link FIXTURE_PRECISIONS}. The layers hls4ml's pruning handles (Dense, Conv2D) carry
 * hls4ml attributes, as model import gives them, once under the Latency strategy (reuse factor 1)
 * and once under Resource (reuse factor 4, io_stream); the others carry none. Each is planned for
 * its structure with pruning on (`block` as 2×2 blocks).
 */
export function layerFixtures(): LayerFixture[] {
  return LAYER_KINDS.flatMap(({ kind, classes }) => {
    const className = classes[0]!;
    const shapes = SHAPES[kind] ?? SAME_1D;
    const strategies = isPrunableLayerType(className) ? (['Latency', 'Resource'] as const) : [undefined];
    return STRUCTURE_TYPES.flatMap((structure) =>
      FIXTURE_PRECISIONS.flatMap((precision) =>
        strategies.map((strategy) => ({
          name: [className, structure, precision, strategy].filter(Boolean).join('/'),
          kind,
          structure,
          precision,
          layer: fixtureLayer(className, shapes, structure, precision, strategy),
        })),
      ),
    );
  });
}

function fixtureLayer(className: string, shapes: KindShapes, structure: StructureType, precision: string, strategy: 'Latency' | 'Resource' | undefined): LayerAttributes {
  const [nIn, nOut] = shapes.kernel.length >= 2 ? [product(shapes.kernel.slice(0, -1)), shapes.kernel.at(-1)!] : [shapes.input.at(-1)!, shapes.output.at(-1)!];
  return layerAttributes({
    name: `${className.toLowerCase()}_1`,
    layerType: className,
    inboundLayers: Array.from({ length: shapes.inbound ?? 1 }, (_, i) => `in_${i}`),
    weightShape: shapes.kernel,
    inputShape: shapes.input,
    outputShape: shapes.output,
    optimizable: true,
    optimizationAttributes: { structureType: structure, pruning: true, ...(structure === 'block' ? { blockShape: [2, 2] as [number, number] } : {}) },
    hls4ml:
      strategy === undefined
        ? null
        : {
            nIn,
            nOut,
            ioType: strategy === 'Latency' ? 'io_parallel' : 'io_stream',
            strategy,
            weightPrecision: precision,
            outputPrecision: 'ap_fixed<16,6>',
            reuseFactor: strategy === 'Latency' ? 1 : 4,
          },
  });
}
