import { HwcostError } from '../errors.js';
import { parsePrecision } from '../precision/parse.js';
import type { PrecisionType } from '../precision/types.js';
import { requireInteger } from './validate.js';
import { quote } from '../quote.js';

export const IO_TYPES = ['io_parallel', 'io_stream'] as const;
export type IoType = (typeof IO_TYPES)[number];

export const STRATEGIES = ['Latency', 'Resource'] as const;
/** hls4ml's implementation strategy; input is matched case-insensitively. */
export type Strategy = (typeof STRATEGIES)[number];

/** What hls4ml knows of one layer (hls4ml's `hls4mlAttributes`). */
export interface Hls4mlAttributes {
  nIn: number;
  nOut: number;
  ioType: IoType;
  strategy: Strategy;
  weightPrecision: PrecisionType;
  outputPrecision: PrecisionType;
  reuseFactor: number;
  parallelizationFactor: number;
}

/** Input form of {@link Hls4mlAttributes}: precisions may be strings, strategy in any case. */
export interface Hls4mlAttributesInput {
  nIn: number;
  nOut: number;
  ioType: string;
  strategy: string;
  weightPrecision: string | PrecisionType;
  outputPrecision: string | PrecisionType;
  reuseFactor: number;
  parallelizationFactor?: number;
}

/** Validates and normalizes hls4ml attributes; `where` prefixes every error (e.g. the layer name). */
export function hls4mlAttributes(input: Hls4mlAttributesInput, where = 'hls4ml attributes'): Hls4mlAttributes {
  if (input === null || typeof input !== 'object') throw new HwcostError(`${where} must be an object`);
  return {
    nIn: requireInteger(input.nIn, `${where}: nIn`, 1),
    nOut: requireInteger(input.nOut, `${where}: nOut`, 1),
    ioType: ioType(input.ioType, where),
    strategy: strategy(input.strategy, where),
    weightPrecision: precision(input.weightPrecision, `${where}: weight precision`),
    outputPrecision: precision(input.outputPrecision, `${where}: output precision`),
    reuseFactor: requireInteger(input.reuseFactor, `${where}: reuse factor`, 1),
    parallelizationFactor: requireInteger(input.parallelizationFactor ?? 1, `${where}: parallelization factor`, 1),
  };
}

/** Parses an io type name, naming the accepted ones on error. */
export function ioType(value: unknown, where: string): IoType {
  if (typeof value === 'string' && (IO_TYPES as readonly string[]).includes(value)) return value as IoType;
  throw new HwcostError(`${where}: unknown io type ${quote(value)} (known: ${IO_TYPES.join(', ')})`);
}

/** Parses a strategy name case-insensitively into its canonical spelling. */
export function strategy(value: unknown, where: string): Strategy {
  const found = typeof value === 'string' ? STRATEGIES.find((s) => s.toLowerCase() === value.toLowerCase()) : undefined;
  if (found) return found;
  throw new HwcostError(`${where}: unknown strategy ${quote(value)} (known: ${STRATEGIES.join(', ')})`);
}

function precision(value: string | PrecisionType, where: string): PrecisionType {
  let parsed: PrecisionType;
  try {
    parsed = typeof value === 'string' ? parsePrecision(value) : value;
  } catch (error) {
    throw new HwcostError(`${where}: ${(error as Error).message}`);
  }
  if (parsed === null || typeof parsed !== 'object' || parsed.kind === 'float') {
    throw new HwcostError(`${where} must be a fixed-point or integer type, got ${quote(value)}`);
  }
  return parsed;
}

/** Hls4ml attributes as reports show them: precisions reduced to `{width, integer, signed}`. */
export function hls4mlSummary(h: Hls4mlAttributes) {
  const precision = (p: PrecisionType) => ({ width: p.width, integer: p.integer, signed: p.signed });
  return {
    nIn: h.nIn,
    nOut: h.nOut,
    ioType: h.ioType,
    strategy: h.strategy,
    reuseFactor: h.reuseFactor,
    weightPrecision: precision(h.weightPrecision),
    outputPrecision: precision(h.outputPrecision),
  };
}
