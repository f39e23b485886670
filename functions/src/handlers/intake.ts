import '../wiring/queue.js';
import '../wiring/policies.js';
import type { CreateTicketBody } from '@whistle/shared';
import { INTAKE_ROUTES } from '@whistle/shared';
import { httpFunction } from '../http/handler.js';
import { intake } from '../services/tickets.js';
import { tenantContextAndLimits } from '../services/tenant-context.js';

export const handler = httpFunction(INTAKE_ROUTES, {
  'POST /api/tickets': async ({ deps, principal, req }) => {
    const key = req.headers['idempotency-key'] ?? '';
    const { ticket, created } = await intake(deps, principal, req.body as CreateTicketBody, key);
    return { status: created ? 201 : 200, body: { ticket }, headers: { 'idempotent-replayed': String(!created) } };
  },
}, { prefetch: tenantContextAndLimits });
