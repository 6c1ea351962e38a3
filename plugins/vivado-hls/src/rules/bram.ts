import type { HlsLayer } from '../layer.js';
import type { MultiplierPlan } from './multipliers.js';
import { streamFifos } from './fifos.js';
import { activationTables, bram18 } from './tables.js';

/** Width in bits of one BRAM18 port in its widest shape. */
const BRAM_PORT_BITS = 36;

/**
 * 18 Kb block RAMs of a layer:
 * - rule "Resource weights live in BRAM": under the Resource strategy with RF > 1 hls4ml reshapes
 *   the weights into RF words of `⌈n_in·n_out / RF⌉` weights each; the memory is that wide and RF deep;
 * - rule "io_stream buffers" (see {@link streamFifos});
 * - activation lookup tables (see {@link activationTables}), and a recurrent layer's gate tables.
 */
export function bramRule(layer: HlsLayer, plan: MultiplierPlan | undefined): number {
  let blocks = 0;
  if (plan && layer.strategy === 'Resource' && layer.reuseFactor > 1 && layer.weight) {
    const words = layer.reuseFactor;
    const wordBits = Math.ceil(layer.multsPerPixel / layer.reuseFactor) * layer.weight.width;
    if (words * wordBits >= 1024) blocks += Math.ceil(wordBits / BRAM_PORT_BITS) * Math.ceil(words / 512);
  }
  const fifos = streamFifos(layer);
  if (fifos) blocks += fifos.count * fifos.blocks;
  const tables = activationTables(layer);
  blocks += tables.tables * bram18(tables.depth, tables.width);
  for (const gate of layer.gateTables) blocks += Math.ceil(gate.lanes / 2) * bram18(gate.depth, 18);
  return blocks;
}
