import { commandRoutes, type RouteDef } from './define.js';

/** The `claim` function's routes (see routes.ts: the one table is their concatenation). */
export const CLAIM_ROUTES: readonly RouteDef[] = [
  ...commandRoutes((fn) => fn === 'claim'),
];
