/** The quarterly race (赛马比拼), pure: its schemas, its rules, its tally. */
export * from './schemas.js';
export * from './api.js';
export * from './rules.js';
export * from './tally.js';
