export * from './errors.js';
export * from './node-config.schema.js';
export * from './workflow.schema.js';
export * from './history.schema.js';
export * from './run-bundle.schema.js';
export * from './backend-api.js';
