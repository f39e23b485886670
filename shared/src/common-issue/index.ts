/** Common issues (共性问题, issue 14), pure: requests that say the same thing, and the clusters proposed to the supervisor. */
export * from './similarity.js';
export * from './clusters.js';
export * from './schemas.js';
export * from './rules.js';
