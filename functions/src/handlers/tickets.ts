import { parseOrThrow, TicketIdParam } from '@whistle/shared';
import { commandImpls } from '../http/commands.js';
import { httpFunction, type RouteContext } from '../http/handler.js';
import { listTickets, tenantContext, ticketDetail, type TicketListQuery } from '../services/tickets.js';

const ticketId = (ctx: RouteContext) => parseOrThrow(TicketIdParam, { id: ctx.req.params.id }, 'path').id;

export const handler = httpFunction('tickets', {
  'GET /api/tickets': async ({ deps, principal, req }) => ({ body: await listTickets(deps, principal, req.query as TicketListQuery) }),
  'GET /api/tickets/{id}': async (ctx) => ({ body: await ticketDetail(ctx.deps, ctx.principal, ticketId(ctx)) }),
  ...commandImpls('tickets'),
}, { prefetch: tenantContext });
