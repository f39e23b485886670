import { parseOrThrow, TicketIdParam } from '@whistle/shared';
import { httpFunction } from '../http/handler.js';
import { claim, tenantContext } from '../services/tickets.js';

/** 发声认领: its own function, because it is the hot, contended path. */
export const handler = httpFunction('claim', {
  'POST /api/tickets/{id}/claim': async ({ deps, principal, req }) => {
    const { id } = parseOrThrow(TicketIdParam, req.params, 'path');
    const ticket = await claim(deps, principal, id);
    return { body: { ticket } };
  },
}, { prefetch: tenantContext });
