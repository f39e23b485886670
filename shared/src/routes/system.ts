import { r, type RouteDef } from './define.js';
import * as res from '../schemas/responses.js';

/** The `system` function's routes (see routes.ts: the one table is their concatenation). */
export const SYSTEM_ROUTES: readonly RouteDef[] = [
  r('GET', '/api/health', 'system', 'Whether the store and the queues answer', {
    auth: 'public',
    ok: { status: 200, schema: res.HealthResponse, description: 'Every check passed', also: { 503: 'Degraded: a check failed (the same body says which)' } },
  }),
];
