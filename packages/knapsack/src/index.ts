export { solveKnapsack } from './solve.js';
export type { KnapsackMethod, KnapsackOptions, KnapsackResult, KnapsackSolverName } from './types.js';
