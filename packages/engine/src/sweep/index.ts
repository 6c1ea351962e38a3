export * from './axes.js';
export * from './space.js';
export * from './overrides.js';
export * from './evaluate.js';
export * from './pareto.js';
export * from './measures.js';
export * from './run.js';
export * from './warnings.js';
