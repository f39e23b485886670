export * from './schemas.js';
export * from './monthly.js';
export * from './sheets.js';
