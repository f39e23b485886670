import '../wiring/queue.js';
import { TICKETS_ROUTES } from '@whistle/shared';
import { commandImpls } from '../http/commands.js';
import { httpFunction } from '../http/handler.js';
import { listTickets, ticketDetail, type TicketListQuery } from '../services/tickets.js';
import { tenantContext } from '../services/tenant-context.js';

export const handler = httpFunction(TICKETS_ROUTES, {
  'GET /api/tickets': async ({ deps, principal, req }) => ({ body: await listTickets(deps, principal, req.query as TicketListQuery) }),
  'GET /api/tickets/{id}': async (ctx) => ({ body: await ticketDetail(ctx.deps, ctx.principal, ctx.req.params.id ?? '') }),
  ...commandImpls('tickets'),
}, { prefetch: tenantContext });
