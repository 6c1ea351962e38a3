import { HwcostError } from '../errors.js';
import { quote } from '../quote.js';
import { ROUNDING_MODES, SATURATION_MODES, type PrecisionType, type RoundingMode, type SaturationMode } from './types.js';

/** Named floating-point types: total width and exponent width. */
const NAMED_FLOATS: Record<string, { width: number; exponent: number }> = {
  float: { width: 32, exponent: 8 },
  double: { width: 64, exponent: 11 },
  half: { width: 16, exponent: 5 },
  bfloat16: { width: 16, exponent: 8 },
};

const TEMPLATE = /^(ap_|ac_)?(ufixed|fixed|uint|int|float)\s*<([^<>]*)>$/;

/**
 * The widest arbitrary-precision type an HLS tool accepts: Vivado HLS lets `AP_INT_MAX_W` go up to
 * 32768 bits (Vitis HLS to 4096; the default is 1024). The AC types document no limit; hwcost holds
 * them to the same one. Integer bits, exponents and saturation bits are bounded alike, which keeps
 * every width an exact small integer in later arithmetic.
 */
export const MAX_PRECISION_WIDTH = 32768;

class PrecisionSyntaxError extends HwcostError {
  constructor(text: string, reason: string) {
    super(`invalid precision ${quote(text)}: ${reason}`);
    this.name = 'PrecisionSyntaxError';
  }
}

/**
 * Parses an HLS type name the way hls4ml's converter does: `ap_fixed<W,I[,Q[,O[,N]]]>`,
 * `ap_ufixed`, `ap_int<W>`, `ap_uint<W>`, `ac_fixed<W,I[,S[,Q[,O]]]>`, `ac_int<W[,S]>`, the bare
 * `fixed`/`ufixed`/`int`/`uint` forms, `ap_float<W,E>` and the named floats
 * (`float`, `double`, `half`, `bfloat16`). Throws a {@link HwcostError} quoting the text otherwise.
 */
export function parsePrecision(text: string): PrecisionType {
  if (typeof text !== 'string') throw new PrecisionSyntaxError(String(text), 'expected a string');
  const trimmed = text.trim();
  if (trimmed === '') throw new PrecisionSyntaxError(text, 'empty');

  const named = NAMED_FLOATS[trimmed.toLowerCase()];
  if (named) return { kind: 'float', width: named.width, integer: named.exponent, signed: true };

  const match = TEMPLATE.exec(trimmed);
  if (!match) {
    const hint = trimmed.includes('<') && !trimmed.endsWith('>') ? 'missing closing ">"' : 'not an ap_/ac_ fixed, int or float type';
    throw new PrecisionSyntaxError(text, hint);
  }
  const [, family = 'ap_', base, argText] = match;
  const args = argText!.split(',').map((a) => a.trim());
  if (family === 'ac_') return parseAc(text, base!, args);
  return parseAp(text, base!, args);
}

function parseAp(text: string, base: string, args: string[]): PrecisionType {
  const signed = !base.startsWith('u');
  if (base === 'float') {
    expectArgs(text, args, 2, 2, 'width and exponent');
    return { kind: 'float', width: width(text, args[0]!), integer: int(text, args[1]!, 'exponent'), signed: true };
  }
  if (base.endsWith('int')) {
    // hls4ml reads (and an integer type ignores) rounding and saturation modes after the width.
    expectArgs(text, args, 1, 4, 'a width');
    const w = width(text, args[0]!);
    modes(text, args[1], args[2], args[3]);
    return { kind: 'integer', width: w, integer: w, signed };
  }
  expectArgs(text, args, 2, 5, 'width and integer bits');
  return fixed(text, args[0]!, args[1]!, signed, args[2], args[3], args[4]);
}

function parseAc(text: string, base: string, args: string[]): PrecisionType {
  if (base === 'float' || base.startsWith('u')) throw new PrecisionSyntaxError(text, `ac_${base} is not a known type`);
  if (base === 'int') {
    expectArgs(text, args, 1, 4, 'a width');
    const w = width(text, args[0]!);
    modes(text, args[2], args[3], undefined);
    return { kind: 'integer', width: w, integer: w, signed: args[1] === undefined ? true : bool(text, args[1]) };
  }
  expectArgs(text, args, 2, 5, 'width and integer bits');
  const signed = args[2] === undefined ? true : bool(text, args[2]);
  return fixed(text, args[0]!, args[1]!, signed, args[3], args[4], undefined);
}

function fixed(
  text: string,
  w: string,
  i: string,
  signed: boolean,
  rounding: string | undefined,
  saturation: string | undefined,
  saturationBits: string | undefined,
): PrecisionType {
  return { kind: 'fixed', width: width(text, w), integer: int(text, i, 'integer bits'), signed, ...modes(text, rounding, saturation, saturationBits) };
}

/** Rounding and saturation modes and saturation bits, with hls4ml's defaults (TRN, WRAP, 0). */
function modes(text: string, rounding: string | undefined, saturation: string | undefined, saturationBits: string | undefined) {
  const bits = saturationBits === undefined ? 0 : int(text, saturationBits, 'saturation bits');
  if (bits < 0) throw new PrecisionSyntaxError(text, 'saturation bits must not be negative');
  return {
    rounding: (rounding === undefined ? 'TRN' : mode(text, rounding, ROUNDING_MODES, 'rounding')) as RoundingMode,
    saturation: (saturation === undefined ? 'WRAP' : mode(text, saturation, SATURATION_MODES, 'saturation')) as SaturationMode,
    saturationBits: bits,
  };
}

function expectArgs(text: string, args: string[], min: number, max: number, what: string): void {
  if (args.length < min) throw new PrecisionSyntaxError(text, `expected ${what}`);
  if (args.length > max) throw new PrecisionSyntaxError(text, `too many parameters (${args.length}, at most ${max})`);
}

function int(text: string, value: string, what: string): number {
  if (!/^[+-]?\d+$/.test(value)) throw new PrecisionSyntaxError(text, `${what} ${quote(value)} is not an integer`);
  const n = Number.parseInt(value, 10);
  if (Math.abs(n) > MAX_PRECISION_WIDTH) throw new PrecisionSyntaxError(text, `${what} ${quote(value)} is beyond ±${MAX_PRECISION_WIDTH}, the widest HLS types allow`);
  return n;
}

function width(text: string, value: string): number {
  const w = int(text, value, 'width');
  if (w < 1) throw new PrecisionSyntaxError(text, 'width must be at least 1');
  return w;
}

function bool(text: string, value: string): boolean {
  const v = value.toLowerCase();
  if (v === 'true' || v === '1') return true;
  if (v === 'false' || v === '0') return false;
  throw new PrecisionSyntaxError(text, `signedness ${quote(value)} is not true or false`);
}

function mode(text: string, value: string, allowed: readonly string[], what: string): string {
  const name = value.toUpperCase().replace(/^(AP_|AC_)/, '');
  if (!allowed.includes(name)) throw new PrecisionSyntaxError(text, `unknown ${what} mode ${quote(value)} (known: ${allowed.join(', ')})`);
  return name;
}
