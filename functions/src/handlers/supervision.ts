import { SUPERVISION_ROUTES } from '@whistle/shared';
import { httpFunction } from '../http/handler.js';
import { acknowledgeNotice, listNotices, overview, type NoticeQuery } from '../services/supervision.js';

/** Supervision: notices (督办单), their acknowledgement, the supervisor's overview. */
export const handler = httpFunction(SUPERVISION_ROUTES, {
  'GET /api/supervision/notices': async ({ deps, principal, req }) => ({
    body: await listNotices(deps, principal, req.query as NoticeQuery),
  }),
  'POST /api/supervision/notices/{id}/ack': async ({ deps, principal, req }) => ({
    body: await acknowledgeNotice(deps, principal, req.params.id ?? ''),
  }),
  'GET /api/supervision/overview': async ({ deps, principal }) => ({ body: await overview(deps, principal) }),
});
