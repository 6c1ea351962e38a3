import type { HlsLayer } from '../layer.js';

/** Shapes of one 18 Kb block RAM: depth × width pairs the primitive offers. */
const BRAM18_SHAPES: readonly [number, number][] = [
  [16384, 1],
  [8192, 2],
  [4096, 4],
  [2048, 9],
  [1024, 18],
  [512, 36],
];

/**
 * Rule "small memories stay in LUTs": HLS maps arrays and FIFOs of fewer bits than this to
 * distributed RAM or shift registers (a 640-bit weight memory of the public projects stays in
 * LUTs, a 1,280-bit one takes block RAM). One 18 Kb block is the smallest unit worth using.
 */
export const MIN_BRAM_BITS = 1024;

/** 18 Kb blocks for a `depth` × `width` memory, in the cheapest of the block's shapes; 0 when small. */
export function bram18(depth: number, width: number): number {
  if (depth <= 0 || width <= 0 || depth * width < MIN_BRAM_BITS) return 0;
  return Math.min(...BRAM18_SHAPES.map(([d, w]) => Math.ceil(depth / d) * Math.ceil(width / w)));
}

/** Activations hls4ml computes by table lookup (others are comparisons or wires). */
const TABLE_ACTIVATIONS = /^(sigmoid|tanh|elu|selu|softplus|softsign|softmax)/;

/**
 * Lookup tables of an activation: one table per two parallel lookups, since a block RAM has two
 * read ports (rule "tables are replicated per port pair"). Softmax adds its inversion table; hls4ml's
 * legacy softmax looks up every pair of inputs.
 * Returns the number of tables and the bits of each.
 */
export function activationTables(layer: HlsLayer): { tables: number; depth: number; width: number } {
  if (!TABLE_ACTIVATIONS.test(layer.function) && layer.role !== 'softmax') return { tables: 0, depth: 0, width: 0 };
  const depth = layer.tableSize ?? 1024;
  const width = layer.tableWidth ?? 18;
  const lanes = layer.io === 'io_stream' ? layer.outChannels : layer.outputSize;
  // The legacy softmax looks up the exponent of every pair's difference.
  const lookups = layer.legacySoftmax ? lanes * lanes : lanes;
  const perPort = Math.ceil(Math.max(1, lookups) / Math.max(1, layer.reuseFactor) / 2);
  return { tables: perPort + (layer.role === 'softmax' ? 1 : 0), depth, width };
}
