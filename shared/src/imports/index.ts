export * from './columns.js';
export * from './rows.js';
export * from './api.js';
export * from './template.js';
