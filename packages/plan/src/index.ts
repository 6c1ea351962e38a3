export * from './groups.js';
export * from './budget.js';
export * from './masks/npz.js';
export * from './result.js';
export { checkKernels } from './kernels.js';
export { assessLayers, type AssessedLayer } from './eligibility.js';
export * from './options.js';
export * from './planner.js';
export type { Reestimation } from './reestimate.js';
