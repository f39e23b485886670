import { r, ok, commandRoutes, type RouteDef } from './define.js';
import { DeskQueueResponse } from '../clocks.js';

/** The `desk` function's routes (see routes.ts: the one table is their concatenation). */
export const DESK_ROUTES: readonly RouteDef[] = [
  r('GET', '/api/desk/queue', 'desk', 'After-hours requests waiting for the desk', { ok: ok(DeskQueueResponse) }),
  ...commandRoutes((fn) => fn === 'desk'),
];
