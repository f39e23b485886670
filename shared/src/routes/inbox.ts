import { r, ok, type RouteDef } from './define.js';
import { InboxItemParam } from '../schemas/params.js';
import * as res from '../schemas/responses.js';

/** The `inbox` function's routes (see routes.ts: the one table is their concatenation). */
export const INBOX_ROUTES: readonly RouteDef[] = [
  r('GET', '/api/inbox', 'inbox', 'Notifications for the caller', { ok: ok(res.InboxResponse) }),
  r('POST', '/api/inbox/{id}/read', 'inbox', 'Mark a notification read', { params: InboxItemParam, ok: ok(res.OkResponse, 'Marked read') }),
];
