import type { HlsLayer } from '../layer.js';

/** The FIFOs an io_stream layer writes its outputs into: how many, how deep, how wide. */
export interface StreamFifos {
  count: number;
  depth: number;
  width: number;
  /** 18 Kb block RAMs of each (0: a shift register in LUTs, or registers). */
  blocks: number;
}

/** The deepest FIFO a shift register holds: one SRLC32E per bit. */
const SHIFT_REGISTER_DEPTH = 32;
/** FIFOs this shallow are plain registers. */
const REGISTER_DEPTH = 2;

/**
 * Rule "FIFO storage": a FIFO up to 2 deep is registers, up to 32 deep a shift register in LUTs,
 * deeper a block RAM in its 1K × 18 shape: `⌈width / 18⌉ × ⌈depth / 1024⌉` blocks (the public
 * FIFO tables: 36 to 1,024 deep, 32 bits: 2 blocks each; 1,156 deep: 4; 64 deep, 400 bits: 23).
 */
function fifoBlocks(depth: number, width: number): number {
  return depth <= SHIFT_REGISTER_DEPTH ? 0 : Math.ceil(width / 18) * Math.ceil(depth / 1024);
}

/**
 * Rule "io_stream buffers": hls4ml sizes the stream after a layer to hold the layer's output
 * pixels. Vivado HLS makes one FIFO per channel (`layer2_out_V_data_0_V`); Vitis HLS packs a
 * pixel's channels into one FIFO as wide as all of them (`layer2_out`, 256 bits for 16 × 16).
 */
export function streamFifos(layer: HlsLayer): StreamFifos | undefined {
  if (layer.io !== 'io_stream' || layer.role === 'softmax') return undefined;
  const channels = Math.max(1, layer.outChannels);
  const depth = Math.max(1, Math.round(layer.outputSize / channels));
  const packed = layer.tool === 'Vitis HLS';
  const width = packed ? channels * layer.resultWidth : layer.resultWidth;
  return { count: packed ? 1 : channels, depth, width, blocks: fifoBlocks(depth, width) };
}

/**
 * Rule "FIFO pointers": a FIFO in block RAM keeps read and write addresses, its fill count (three
 * counters of ⌈log2 depth⌉ bits) and its output register; one in a shift register only an address;
 * one of registers its two entries. Per FIFO, from the FIFO tables of the public csynth reports
 * (676 deep, 16 bits: 46 flip-flops; 1,024 deep, 32 bits: 66; 16 deep: 7; 1 deep, 256 bits: 516).
 */
export function fifoRegisters(fifos: StreamFifos): number {
  const address = Math.ceil(Math.log2(fifos.depth + 1));
  if (fifos.depth <= REGISTER_DEPTH) return fifos.count * (REGISTER_DEPTH * fifos.width + address + 2);
  return fifos.count * (fifos.blocks > 0 ? 3 * address + fifos.width + 2 : address + 2);
}

/** Rule "FIFO storage": a FIFO of 3 to 32 entries is a shift register, one LUT per bit of its width. */
export function fifoLuts(fifos: StreamFifos): number {
  return fifos.blocks === 0 && fifos.depth > REGISTER_DEPTH ? fifos.count * fifos.width : 0;
}
