export * from './period.js';
export * from './indicators.js';
export * from './facts.js';
export * from './scheme.js';
export * from './score.js';
export * from './api.js';
