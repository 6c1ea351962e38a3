export * from './groups.js';
export * from './budget.js';
export * from './masks/npz.js';
export * from './planner.js';
