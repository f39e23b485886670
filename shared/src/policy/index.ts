/** The policy supermarket (政策超市), pure: its schemas, requests and answers (matching and search join them here). */
export * from './schemas.js';
export * from './api.js';
