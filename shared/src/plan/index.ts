/** The tracked item (方案事项 / 整改任务), pure: a plan's items with owner units and due dates, on the clocks and the ladder. */
export * from './schemas.js';
export * from './rules.js';
export * from './ladder.js';
