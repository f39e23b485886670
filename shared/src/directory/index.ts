export * from './rules.js';
export * from './api.js';
export * from './audit.js';
export * from './commissioners.js';
export * from './commissioners-api.js';
