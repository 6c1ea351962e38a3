import { HwcostError } from '@hwcost/core';

/** What Vivado's post-synthesis utilisation report (`vivado_synth.rpt`) says of the whole design. */
export interface SynthReport {
  file: string;
  device?: string;
  toolVersion?: string;
  DSP?: number;
  LUT?: number;
  FF?: number;
  /** Block RAM tiles of 36 Kb, as the report counts them (a RAMB18 is half a tile). */
  bramTiles?: number;
  /**
   * Twice the tile count: the 18 Kb-equivalent compared with csynth's `BRAM_18K`. It is not the
   * same quantity (synthesis packs and trims memories), so the difference is part of what is measured.
   */
  bram18kEquivalent?: number;
}

/** The `Used` cell of the first row of the report's tables whose site type matches. */
function used(text: string, site: RegExp): number | undefined {
  for (const line of text.split(/\r?\n/)) {
    const cells = line.split('|').map((c) => c.trim());
    if (cells.length > 3 && site.test(cells[1]!)) {
      const value = Number(cells[2]);
      if (Number.isFinite(value)) return value;
    }
  }
  return undefined;
}

/**
 * Reads a Vivado utilisation report: LUTs (`Slice LUTs` on 7-series, `CLB LUTs` on UltraScale),
 * registers, block RAM tiles and DSPs. `file` names it in errors.
 */
export function parseVivadoSynth(text: string, file: string): SynthReport {
  const report: SynthReport = { file };
  const header = (key: string) => new RegExp(`^\\|\\s*${key}\\s*:\\s*(.+?)\\s*$`, 'm').exec(text)?.[1];
  const device = header('Device');
  const toolVersion = header('Tool Version');
  if (device) report.device = device;
  if (toolVersion) report.toolVersion = toolVersion;
  const lut = used(text, /^(Slice|CLB) LUTs\*?$/);
  const ff = used(text, /^(Slice|CLB) Registers$/);
  const dsp = used(text, /^DSPs$/);
  const tiles = used(text, /^Block RAM Tile$/);
  if (lut !== undefined) report.LUT = lut;
  if (ff !== undefined) report.FF = ff;
  if (dsp !== undefined) report.DSP = dsp;
  if (tiles !== undefined) {
    report.bramTiles = tiles;
    report.bram18kEquivalent = tiles * 2;
  }
  if (lut === undefined && ff === undefined && dsp === undefined && tiles === undefined) {
    throw new HwcostError(`${file}: not a Vivado utilisation report (no LUT, register, DSP or block RAM rows)`);
  }
  return report;
}
