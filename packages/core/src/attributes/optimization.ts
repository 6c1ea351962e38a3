import { HwcostError } from '../errors.js';
import { requireBoolean, requireInteger, requireShape } from './validate.js';
import { quote } from '../quote.js';

export const STRUCTURE_TYPES = ['unstructured', 'structured', 'pattern', 'block'] as const;
/** How weights are grouped for removal: single weights, neurons/filters, DSP patterns or blocks. */
export type StructureType = (typeof STRUCTURE_TYPES)[number];

/** The optimization a layer is planned for (hls4ml's `OptimizationAttributes`). */
export interface OptimizationAttributes {
  structureType: StructureType;
  pruning: boolean;
  weightSharing: boolean;
  blockShape: [number, number];
  patternOffset: number;
  consecutivePatterns: number;
}

export const DEFAULT_OPTIMIZATION_ATTRIBUTES: Readonly<OptimizationAttributes> = Object.freeze({
  structureType: 'unstructured',
  pruning: false,
  weightSharing: false,
  blockShape: [1, 1] as [number, number],
  patternOffset: 1,
  consecutivePatterns: 1,
});

/**
 * Builds validated optimization attributes; unset fields take hls4ml's defaults
 * (unstructured, no pruning, no sharing, block 1x1, pattern offset 1, 1 consecutive pattern).
 */
export function optimizationAttributes(input: Partial<OptimizationAttributes> = {}, where = 'optimization attributes'): OptimizationAttributes {
  if (input === null || typeof input !== 'object') throw new HwcostError(`${where} must be an object`);
  const merged = { ...DEFAULT_OPTIMIZATION_ATTRIBUTES, ...definedOnly(input) };
  if (!STRUCTURE_TYPES.includes(merged.structureType)) {
    throw new HwcostError(`${where}: unknown structure type ${quote(merged.structureType)} (known: ${STRUCTURE_TYPES.join(', ')})`);
  }
  const blockShape = requireShape(merged.blockShape, `${where}: blockShape`);
  if (blockShape.length !== 2) throw new HwcostError(`${where}: blockShape must have two entries, got ${quote(merged.blockShape)}`);
  return {
    structureType: merged.structureType,
    pruning: requireBoolean(merged.pruning, `${where}: pruning`),
    weightSharing: requireBoolean(merged.weightSharing, `${where}: weightSharing`),
    blockShape: [blockShape[0]!, blockShape[1]!],
    patternOffset: requireInteger(merged.patternOffset, `${where}: patternOffset`, 1),
    consecutivePatterns: requireInteger(merged.consecutivePatterns, `${where}: consecutivePatterns`, 1),
  };
}

function definedOnly<T extends object>(input: T): Partial<T> {
  return Object.fromEntries(Object.entries(input).filter(([, v]) => v !== undefined)) as Partial<T>;
}
