export * from './estimate/run.js';
export * from './compose/composite.js';
export * from './compose/select.js';
export * from './plugins/discover.js';
export * from './plugins/load.js';
export * from './session/plugins.js';
export * from './session/model.js';
export * from './session/run.js';
