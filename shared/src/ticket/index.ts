/** The whole life of a ticket, pure: read these files in this order. */
export * from './roles.js';
export * from './commands.js';
export * from './birth.js';
export * from './machine.js';
export * from './effects.js';
export * from './ladder.js';
export * from './common-issue.js';
export * from './access.js';
export * from './card.js';
