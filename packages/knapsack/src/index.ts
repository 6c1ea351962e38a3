export { solveKnapsack } from './solve.js';
export type { KnapsackMethod, KnapsackOptions, KnapsackResult, KnapsackSolverName } from './types.js';
export { solveClassKnapsack, type ClassKnapsackResult, type ItemClass } from './classes.js';
export type { ValueSource } from './top-items.js';
