import { r, ok, commandRoutes, type RouteDef } from './define.js';
import * as api from '../schemas/api.js';
import { IdParam } from '../schemas/params.js';
import * as res from '../schemas/responses.js';

/** The `tickets` function's routes (see routes.ts: the one table is their concatenation). */
export const TICKETS_ROUTES: readonly RouteDef[] = [
  r('GET', '/api/tickets', 'tickets', 'List tickets by view', { query: api.TicketListQuery, ok: ok(res.TicketsResponse) }),
  r('GET', '/api/tickets/{id}', 'tickets', 'A ticket with its timeline and conversation', { params: IdParam, ok: ok(res.TicketDetailResponse) }),
  ...commandRoutes((fn) => fn === 'tickets'),
];
