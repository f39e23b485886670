/** Grid visits (走访), the enterprise ledger (问题困难动态台账) and visit coverage (走访全覆盖), pure. */
export * from './schemas.js';
export * from './api.js';
export * from './rules.js';
export * from './ledger.js';
export * from './coverage.js';
