/**
 * `@hwcost/cli` as a library: the command line (`main`) and hwcost's programmatic API, so that a
 * project that installs `@hwcost/cli` can use either.
 */
export { buildProgram, main, type MainOptions } from './main.js';
export {
  createHwcost,
  type Hwcost,
  type HwcostEstimateOptions,
  type HwcostEstimateResult,
  type HwcostOptions,
  type HwcostPlanOptions,
  type HwcostPlanResult,
  type ObjectiveSelection,
} from '@hwcost/engine';
