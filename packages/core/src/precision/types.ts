/** Rounding (quantization) modes of ap_fixed/ac_fixed, without the AP_/AC_ prefix. */
export const ROUNDING_MODES = ['TRN', 'TRN_ZERO', 'RND', 'RND_ZERO', 'RND_INF', 'RND_MIN_INF', 'RND_CONV'] as const;
export type RoundingMode = (typeof ROUNDING_MODES)[number];

/** Overflow (saturation) modes of ap_fixed/ac_fixed, without the AP_/AC_ prefix. */
export const SATURATION_MODES = ['WRAP', 'SAT', 'SAT_ZERO', 'SAT_SYM'] as const;
export type SaturationMode = (typeof SATURATION_MODES)[number];

/**
 * A numeric type as hls4ml sees it. For `fixed`, `integer` is the number of integer bits (it may be
 * negative or exceed `width`, as in HLS). For `integer`, `integer === width`. For `float`, `integer`
 * is the exponent width and `signed` is true.
 */
export interface PrecisionType {
  kind: 'fixed' | 'integer' | 'float';
  width: number;
  integer: number;
  signed: boolean;
  rounding?: RoundingMode;
  saturation?: SaturationMode;
  saturationBits?: number;
}

/** Renders a precision in hls4ml's `ap_` spelling, e.g. `ap_fixed<16,6>`. */
export function formatPrecision(p: PrecisionType): string {
  switch (p.kind) {
    case 'integer':
      return `ap_${p.signed ? '' : 'u'}int<${p.width}>`;
    case 'float':
      return `float<${p.width}>`;
    case 'fixed': {
      const args: (string | number)[] = [p.width, p.integer];
      const rounding = p.rounding ?? 'TRN';
      const saturation = p.saturation ?? 'WRAP';
      const bits = p.saturationBits ?? 0;
      if (rounding !== 'TRN' || saturation !== 'WRAP' || bits !== 0) args.push(`AP_${rounding}`, `AP_${saturation}`);
      if (bits !== 0) args.push(bits);
      return `ap_${p.signed ? '' : 'u'}fixed<${args.join(',')}>`;
    }
  }
}
