/** The policy supermarket (政策超市), pure: its schemas, requests and answers, matching, and search in Chinese. */
export * from './schemas.js';
export * from './api.js';
export * from './match.js';
export * from './segment.js';
export * from './suggest.js';
export * from './rules.js';
