import { NotFoundError, INBOX_ROUTES } from '@whistle/shared';
import { httpFunction } from '../http/handler.js';

export const handler = httpFunction(INBOX_ROUTES, {
  'GET /api/inbox': async ({ deps, principal }) => {
    const items = await deps.inbox.list(principal.tenantId, principal.userId);
    return { body: { items, unread: items.filter((i) => !i.readAt).length } };
  },
  'POST /api/inbox/{id}/read': async ({ deps, principal, req }) => {
    const id = req.params.id ?? '';
    const ok = await deps.inbox.markRead(principal.tenantId, principal.userId, id, deps.clock.now().toISOString());
    if (!ok) throw new NotFoundError('通知');
    return { body: { ok: true } };
  },
});
