export * from './rules.js';
export * from './api.js';
export * from './audit.js';
