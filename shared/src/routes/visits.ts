import { r, ok, type RouteDef } from './define.js';
import { IdempotencyKey } from '../schemas/api.js';
import {
  CoverageQuery,
  CoverageResponse,
  LedgerParam,
  FindingParam,
  FindingTicketResponse,
  LedgerQuery,
  LedgerResponse,
  LogVisitBody,
  VisitIdParam,
  VisitListQuery,
  VisitResponse,
  VisitsResponse,
} from '../visit/api.js';

/** The `visits` function's routes (see routes.ts: the one table is their concatenation). */
export const VISITS_ROUTES: readonly RouteDef[] = [
  r('POST', '/api/visits', 'visits', "Log a visit (走访) of an enterprise: its grid officer, commissioners, grid chief, area lead or the supervisor; idempotent by Idempotency-Key", {
    body: LogVisitBody,
    headers: { 'idempotency-key': IdempotencyKey },
    ok: {
      status: 201,
      schema: VisitResponse,
      description: 'Logged: the visit (header Idempotent-Replayed: false)',
      also: { 200: 'An idempotent replay: this Idempotency-Key already logged this visit (header Idempotent-Replayed: true)' },
    },
    // 422: the Idempotency-Key was used for another visit
    errors: [422],
  }),
  r('GET', '/api/visits', 'visits', "Visits, newest first: an enterprise's (enterpriseId), a grid's in a month (gridId, month), or the caller's own", {
    query: VisitListQuery,
    ok: ok(VisitsResponse),
  }),
  r('GET', '/api/visits/{visitId}', 'visits', 'A visit, and whether the caller may turn its findings into tickets', {
    params: VisitIdParam,
    ok: ok(VisitResponse),
  }),
  r('POST', '/api/visits/{visitId}/findings/{n}/ticket', 'visits', "Turn a visit's finding into a ticket on the enterprise's behalf (channel visit), once: a second call answers the same ticket", {
    params: FindingParam,
    ok: {
      status: 201,
      schema: FindingTicketResponse,
      description: 'Raised: the ticket, and the visit whose finding links it',
      also: { 200: 'The finding had become this ticket already (by this or another person)' },
    },
    // 409: the finding was solved on the spot; 429: the enterprise raised too many requests this hour
    errors: [409, 429],
  }),
  r('GET', '/api/enterprises/{enterpriseId}/ledger', 'visits', "The enterprise's ledger (问题困难动态台账): its tickets and visits, newest first, paged", {
    params: LedgerParam,
    query: LedgerQuery,
    ok: ok(LedgerResponse),
  }),
  r('GET', '/api/coverage', 'visits', "Visit coverage (走访全覆盖) of a month per grid: enterprises, visited, share, open problems (the caller's grids or areas; every grid for the overseers)", {
    query: CoverageQuery,
    ok: ok(CoverageResponse),
  }),
];
