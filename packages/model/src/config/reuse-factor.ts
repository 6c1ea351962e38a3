/**
 * hls4ml's reuse-factor rules (its FPGA backend's `_validate_reuse_factor`,
 * `get_valid_reuse_factors` and `get_closest_reuse_factor`): under the Resource strategy its
 * converter moves a ReuseFactor that is not valid for a layer to the closest valid one, with a
 * warning. `nIn` × `nOut` is the layer's multiplication count (a Dense kernel's two axes; a
 * convolution's window × input channels and its filters).
 */

/** hls4ml's `_validate_reuse_factor`: the functional-correctness and quality-of-results conditions. */
export function isValidReuseFactor(nIn: number, nOut: number, rf: number): boolean {
  const multfactor = Math.min(nIn, rf);
  const multiplierLimit = Math.ceil((nIn * nOut) / multfactor);
  const correct = (multiplierLimit % nOut === 0 || rf >= nIn) && (rf % nIn === 0 || rf < nIn);
  return correct && (nIn * nOut) % rf === 0;
}

/**
 * hls4ml's `get_valid_reuse_factors`: every valid reuse factor from 1 to nIn × nOut, ascending.
 * hls4ml tries each of them; since a valid one must divide nIn × nOut, only divisors are tried
 * here, which gives the same list in O(√(nIn × nOut)) instead of O(nIn × nOut).
 */
export function validReuseFactors(nIn: number, nOut: number): number[] {
  const total = nIn * nOut;
  const small: number[] = [];
  const large: number[] = [];
  for (let d = 1; d * d <= total; d++) {
    if (total % d !== 0) continue;
    small.push(d);
    if (d * d !== total) large.push(total / d);
  }
  return [...small, ...large.reverse()].filter((rf) => isValidReuseFactor(nIn, nOut, rf));
}

/**
 * hls4ml's `get_closest_reuse_factor`: the valid reuse factor closest to `chosen` (`valid` sorted
 * ascending, non-empty); of two equally close, the smaller.
 */
export function closestReuseFactor(valid: readonly number[], chosen: number): number {
  let pos = 0;
  while (pos < valid.length && valid[pos]! < chosen) pos++;
  if (pos === 0) return valid[0]!;
  if (pos === valid.length) return valid.at(-1)!;
  const before = valid[pos - 1]!;
  const after = valid[pos]!;
  return after - chosen < chosen - before ? after : before;
}

/** The code of the warning for a ReuseFactor that is not valid for its layer. */
export const REUSE_FACTOR_NOT_VALID = 'reuse-factor-not-valid';

/** The values of a {@link REUSE_FACTOR_NOT_VALID} warning. */
export interface ReuseFactorNotValid {
  [key: string]: string | number | boolean;
  /** The config, as messages name it. */
  source: string;
  /** The setting's path in the config, e.g. `HLSConfig.LayerName.fc1.ReuseFactor`. */
  setting: string;
  requested: number;
  /** The valid one hls4ml's converter would use. */
  closest: number;
  /** Whether the estimates use `closest` (a ReuseFactor above the layer's multiplications), else `requested`. */
  moved: boolean;
  /** The layer's multiplications as `nIn×nOut`. */
  multiplications: string;
  /** The valid ReuseFactors as the message lists them. */
  valid: string;
}
