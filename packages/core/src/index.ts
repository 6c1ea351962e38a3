// Decorator metadata must be available before any @injectable class is evaluated.
import 'reflect-metadata';

export { container, inject, injectable, singleton, type DependencyContainer, type InjectionToken } from 'tsyringe';

export * from './errors.js';
export * from './precision/types.js';
export * from './precision/parse.js';
export * from './attributes/optimization.js';
export * from './attributes/hls4ml.js';
export * from './attributes/layer.js';
export { product } from './attributes/validate.js';
export * from './layers/kinds.js';
export * from './objective/estimator.js';
export * from './objective/diagnostics.js';
export * from './objective/helpers.js';
export * from './registry/plugin.js';
export * from './registry/guard.js';
export * from './registry/registry.js';
export * from './estimate/run.js';
export * from './registry/discover.js';
export * from './registry/load.js';
export * from './model/types.js';
export * from './compose/composite.js';
export * from './compose/select.js';
export * from './weights/types.js';
export * from './weights/keras-h5.js';
export * from './weights/load.js';
export * from './plan/groups.js';
export * from './masks/npz.js';
export * from './plan/budget.js';
