import { r, type RouteDef } from './define.js';
import * as api from '../schemas/api.js';
import * as res from '../schemas/responses.js';

/** The `intake` function's routes (see routes.ts: the one table is their concatenation). */
export const INTAKE_ROUTES: readonly RouteDef[] = [
  r('POST', '/api/tickets', 'intake', 'Raise a request (企业吹哨); idempotent by Idempotency-Key', {
    body: api.CreateTicketBody,
    headers: { 'idempotency-key': api.IdempotencyKey },
    ok: {
      status: 201,
      schema: res.TicketResponse,
      description: 'Created: the new ticket (header Idempotent-Replayed: false)',
      also: { 200: 'An idempotent replay: this Idempotency-Key already raised this ticket (header Idempotent-Replayed: true)' },
    },
    // 409: a concurrent write won the race; 422: the Idempotency-Key was used for a different request;
    // 429: the enterprise raised too many requests this hour (a replay is never limited)
    errors: [409, 422, 429],
  }),
];
