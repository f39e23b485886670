/** 典型问题复盘: a retrospective on a ticket or on a common issue. */
export * from './schemas.js';
export * from './rules.js';
export * from './labels.js';
