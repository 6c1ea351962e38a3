// Decorator metadata must be available before any @injectable class is evaluated.
import 'reflect-metadata';

export { container, inject, injectable, singleton, type DependencyContainer, type InjectionToken } from 'tsyringe';

export * from './errors.js';
export * from './precision/types.js';
export * from './precision/parse.js';
export * from './attributes/optimization.js';
export * from './attributes/hls4ml.js';
export * from './attributes/layer.js';
export { addExact, MAX_EXACT, product, requireInteger } from './attributes/validate.js';
export { quote } from './quote.js';
export * from './layers/kinds.js';
export * from './objective/estimator.js';
export * from './objective/diagnostics.js';
export * from './objective/helpers.js';
export * from './objective/services.js';
export * from './registry/plugin.js';
export * from './registry/guard.js';
export * from './registry/registry.js';
export { RunServices } from './registry/run-services.js';
