import type { KnapsackProblem } from './types.js';

const EPS = 1e-9;
/** Consecutive degenerate pivots after which Bland's rule takes over, which cannot cycle. */
const DEGENERATE_PIVOTS = 50;

/**
 * Dual prices of the capacity rows at the optimum of the LP relaxation
 * max v·x subject to W·x ≤ c, 0 ≤ x ≤ 1, by a dense bounded-variable primal simplex (the slack
 * basis is feasible because the capacities are non-negative). The tableau has M rows, so this is
 * meant for the modest sizes branch and bound handles. Any non-negative prices give a valid
 * surrogate bound, so an iteration cap only costs bound quality, never correctness.
 */
export function lpDualPrices(problem: KnapsackProblem): Float64Array {
  const { values, weights, capacity } = problem;
  const n = values.length;
  const m = weights.length;
  const cols = n + m;
  // Row-major tableau B⁻¹·[W I]; columns n..n+m-1 are the slacks, which start out basic.
  const tableau = new Float64Array(m * cols);
  const basis = new Int32Array(m);
  const basic = new Float64Array(capacity);
  const isBasic = new Uint8Array(cols);
  const atUpper = new Uint8Array(cols);
  const reduced = new Float64Array(cols);
  for (let k = 0; k < m; k++) {
    tableau.set(weights[k], k * cols);
    tableau[k * cols + n + k] = 1;
    basis[k] = n + k;
    isBasic[n + k] = 1;
  }
  reduced.set(values);

  let degenerate = 0;
  for (let iteration = 0, limit = 50 * cols + 1000; iteration < limit; iteration++) {
    const bland = degenerate >= DEGENERATE_PIVOTS;
    let entering = -1;
    let gain = EPS;
    for (let j = 0; j < cols; j++) {
      if (isBasic[j]) continue;
      const improvement = atUpper[j] ? -reduced[j] : reduced[j];
      if (improvement > gain) {
        entering = j;
        if (bland) break;
        gain = improvement;
      }
    }
    if (entering < 0) break;

    // Moving the entering variable by t (up from 0, or down from 1) changes basic r by -a·t.
    const direction = atUpper[entering] ? -1 : 1;
    let step = entering < n ? 1 : Infinity;
    let leaving = -1;
    let leavesToUpper = false;
    for (let r = 0; r < m; r++) {
      const a = direction * tableau[r * cols + entering];
      let limitHere: number;
      let toUpper: boolean;
      if (a > EPS) {
        limitHere = basic[r] / a;
        toUpper = false;
      } else if (a < -EPS && basis[r] < n) {
        limitHere = (1 - basic[r]) / -a;
        toUpper = true;
      } else continue;
      limitHere = Math.max(0, limitHere);
      if (limitHere < step || (bland && limitHere === step && leaving >= 0 && basis[r] < basis[leaving])) {
        step = limitHere;
        leaving = r;
        leavesToUpper = toUpper;
      }
    }
    // The feasible region is bounded (0 ≤ slack ≤ capacity), so an unbounded ray means round-off.
    if (step === Infinity) break;
    degenerate = step < EPS ? degenerate + 1 : 0;
    for (let r = 0; r < m; r++) basic[r] -= direction * tableau[r * cols + entering] * step;
    if (leaving < 0) {
      atUpper[entering] ^= 1;
      continue;
    }

    const leavingVar = basis[leaving];
    isBasic[leavingVar] = 0;
    atUpper[leavingVar] = leavesToUpper ? 1 : 0;
    isBasic[entering] = 1;
    atUpper[entering] = 0;
    basis[leaving] = entering;
    basic[leaving] = (direction > 0 ? 0 : 1) + direction * step;

    const pivotRow = leaving * cols;
    const pivot = tableau[pivotRow + entering];
    for (let j = 0; j < cols; j++) tableau[pivotRow + j] /= pivot;
    for (let r = 0; r < m; r++) {
      if (r === leaving) continue;
      const factor = tableau[r * cols + entering];
      if (factor === 0) continue;
      const row = r * cols;
      for (let j = 0; j < cols; j++) tableau[row + j] -= factor * tableau[pivotRow + j];
    }
    const factor = reduced[entering];
    for (let j = 0; j < cols; j++) reduced[j] -= factor * tableau[pivotRow + j];
  }

  // The reduced cost of slack k is -π_k.
  const prices = new Float64Array(m);
  for (let k = 0; k < m; k++) prices[k] = Math.max(0, -reduced[n + k]);
  return prices;
}
