import '../wiring/queue.js';
import '../wiring/visits.js';
// the ledger lists the policies pushed to the enterprise and its profile changes
import '../wiring/policies.js';
import type { LogVisitBody, VisitListQuery } from '@whistle/shared';
import { VISITS_ROUTES } from '@whistle/shared';
import { httpFunction } from '../http/handler.js';
import { visitCoverage } from '../services/coverage.js';
import { enterpriseLedger } from '../services/ledger.js';
import { tenantContext } from '../services/tenant-context.js';
import { listVisits, logVisit, raiseFromFinding, readVisit } from '../services/visits.js';

/** Grid visits (走访): log, list, read, a finding turned into a ticket; the enterprise's ledger; visit coverage. */
export const handler = httpFunction(
  VISITS_ROUTES,
  {
    'POST /api/visits': async ({ deps, principal, req }) => {
      const { visit, created, canRaise } = await logVisit(deps, principal, req.body as LogVisitBody, req.headers['idempotency-key'] ?? '');
      return { status: created ? 201 : 200, body: { visit, canRaise }, headers: { 'idempotent-replayed': String(!created) } };
    },
    'GET /api/visits': async ({ deps, principal, req }) => ({ body: await listVisits(deps, principal, req.query as VisitListQuery) }),
    'GET /api/visits/{visitId}': async ({ deps, principal, req }) => ({ body: await readVisit(deps, principal, req.params.visitId ?? '') }),
    'POST /api/visits/{visitId}/findings/{n}/ticket': async ({ deps, principal, req }) => {
      const { visit, ticket, created } = await raiseFromFinding(deps, principal, req.params.visitId ?? '', Number(req.params.n));
      return { status: created ? 201 : 200, body: { visit, ticket } };
    },
    'GET /api/enterprises/{enterpriseId}/ledger': async ({ deps, principal, req }) => ({
      body: await enterpriseLedger(deps, principal, req.params.enterpriseId ?? '', req.query as { cursor?: string; limit: number }),
    }),
    'GET /api/coverage': async ({ deps, principal, req }) => ({ body: await visitCoverage(deps, principal, req.query as { month?: string; areaId?: string }) }),
  },
  { prefetch: tenantContext },
);
