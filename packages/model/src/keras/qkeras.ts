import { HwcostError, parsePrecision, type PrecisionType, requireInteger, quote } from '@hwcost/core';
import { dataObject, field, isDataObject, type DataObject, type DataValue } from '../io/data.js';

/** A QKeras quantizer: its class and arguments, from either serialized form. */
export interface Quantizer {
  className: string;
  config: DataObject;
}

/**
 * The class of a quantizer that is a fixed precision the model records (`config.precision`), as HGQ
 * proxy models record each layer's `weight_t`; not a QKeras class.
 */
export const PRECISION_QUANTIZER = 'fixed precision';

/** Positional parameters of the quantizers hwcost maps, in QKeras's order. */
const POSITIONAL: Record<string, readonly string[]> = {
  quantized_bits: ['bits', 'integer', 'symmetric', 'keep_negative', 'alpha'],
};

const CALL = /^([A-Za-z_]\w*)\s*(?:\((.*)\))?$/s;

/** Splits call arguments at top-level commas (not inside quotes or brackets). */
function splitArguments(text: string): string[] {
  const parts: string[] = [];
  let depth = 0;
  let quoteChar: string | undefined;
  let start = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text[i]!;
    if (quoteChar) {
      if (c === quoteChar) quoteChar = undefined;
    } else if (c === '"' || c === "'") quoteChar = c;
    else if ('([{'.includes(c)) depth += 1;
    else if (')]}'.includes(c)) depth -= 1;
    else if (c === ',' && depth === 0) {
      parts.push(text.slice(start, i));
      start = i + 1;
    }
  }
  parts.push(text.slice(start));
  return parts.map((p) => p.trim()).filter((p) => p !== '');
}

/** A Python literal as written in a quantizer string: number, True/False/None, quoted text or a bare word. */
function pythonLiteral(text: string): DataValue {
  if (/^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$/.test(text)) return Number(text);
  if (text === 'True' || text === 'False') return text === 'True';
  if (text === 'None') return null;
  const quoted = /^(['"])(.*)\1$/s.exec(text);
  return quoted ? quoted[2]! : text;
}

/** Parses the string form of a quantizer, e.g. `quantized_bits(6,0,alpha=1)`. */
function parseQuantizerString(text: string, where: string): Quantizer {
  const call = CALL.exec(text.trim());
  if (!call) throw new HwcostError(`${where}: cannot read quantizer ${quote(text)}`);
  const className = call[1]!;
  const config = dataObject();
  const names = POSITIONAL[className] ?? [];
  splitArguments(call[2] ?? '').forEach((argument, index) => {
    const keyword = /^([A-Za-z_]\w*)\s*=(?!=)\s*(.*)$/s.exec(argument);
    if (keyword) config[keyword[1]!] = pythonLiteral(keyword[2]!);
    else if (index < names.length) config[names[index]!] = pythonLiteral(argument);
  });
  return { className, config };
}

/**
 * Reads a QKeras quantizer as serialized in a layer config: a mapping `{class_name, config}` or a
 * string such as `"quantized_bits(6,0,alpha=1)"`. Returns undefined for null (no quantizer).
 */
export function readQuantizer(value: DataValue | undefined, where: string): Quantizer | undefined {
  if (value === undefined || value === null) return undefined;
  if (typeof value === 'string') return parseQuantizerString(value, where);
  if (isDataObject(value)) {
    const className = field(value, 'class_name');
    const config = field(value, 'config') ?? dataObject();
    if (typeof className === 'string' && isDataObject(config)) return { className, config };
  }
  throw new HwcostError(`${where}: cannot read quantizer ${quote(value)}`);
}

/**
 * hls4ml's precision of QKeras's binary and ternary quantizers (and their stochastic forms), and of
 * larq's sign quantizers: one bit (hls4ml's XnorPrecisionType) or a two-bit signed integer.
 */
const FIXED_WIDTH: Readonly<Record<string, string>> = Object.freeze({
  binary: 'ap_uint<1>',
  stochastic_binary: 'ap_uint<1>',
  ternary: 'ap_int<2>',
  stochastic_ternary: 'ap_int<2>',
  ste_sign: 'ap_uint<1>',
  SteSign: 'ap_uint<1>',
  approx_sign: 'ap_uint<1>',
  ApproxSign: 'ap_uint<1>',
  swish_sign: 'ap_uint<1>',
  SwishSign: 'ap_uint<1>',
  magnitude_aware_sign: 'ap_uint<1>',
  MagnitudeAwareSign: 'ap_uint<1>',
  ste_tern: 'ap_int<2>',
  SteTern: 'ap_int<2>',
});

/**
 * The weight precision hls4ml derives from a kernel quantizer: `quantized_bits(bits, integer)` gives
 * `ap_fixed<bits, integer+1>`, or `ap_int<bits>` when bits == integer; binary and ternary
 * quantizers give one or two bits. Undefined for the quantizer classes hwcost does not map (the
 * caller falls back to the config).
 */
export function quantizerPrecision(quantizer: Quantizer, where: string): PrecisionType | undefined {
  if (Object.hasOwn(FIXED_WIDTH, quantizer.className)) return parsePrecision(FIXED_WIDTH[quantizer.className]!);
  if (quantizer.className === PRECISION_QUANTIZER) {
    const precision = field(quantizer.config, 'precision');
    try {
      return parsePrecision(String(precision));
    } catch {
      throw new HwcostError(`${where}: cannot read the weight precision ${quote(precision)} the model records`);
    }
  }
  if (quantizer.className !== 'quantized_bits') return undefined;
  const bits = requireInteger(field(quantizer.config, 'bits') ?? 8, `${where}: quantized_bits bits`, 1);
  const integer = requireInteger(field(quantizer.config, 'integer') ?? 0, `${where}: quantized_bits integer`, 0);
  return parsePrecision(bits === integer ? `ap_int<${bits}>` : `ap_fixed<${bits},${integer + 1}>`);
}
