import type { InjectionToken } from '@hwcost/core';

/**
 * Figures of the Vivado target that the plugin's estimators share. A private service of this
 * plugin: registered in its own container in `register`, injected into the estimator classes.
 */
export interface VivadoDevice {
  /** Multiplications with narrower weights (in bits) are mapped to LUTs, not DSPs. */
  readonly minDspWidth: number;
  /** Width in bits of one BRAM18 word. */
  readonly bramWordBits: number;
}

/** The DSP48 and BRAM18 figures hls4ml's Vivado estimators assume. */
export const VIVADO_DSP48_BRAM18: VivadoDevice = Object.freeze({ minDspWidth: 9, bramWordBits: 36 });

export const VIVADO_DEVICE: InjectionToken<VivadoDevice> = Symbol('@hwcost/plugin-vivado device');
