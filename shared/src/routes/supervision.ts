import { r, ok, type RouteDef } from './define.js';
import * as api from '../schemas/api.js';
import { NoticeIdParam } from '../schemas/params.js';
import * as res from '../schemas/responses.js';
import { NoticeAckResponse, SupervisionOverviewResponse } from '../clocks.js';

/** The `supervision` function's routes (see routes.ts: the one table is their concatenation). */
export const SUPERVISION_ROUTES: readonly RouteDef[] = [
  r('GET', '/api/supervision/notices', 'supervision', 'Supervision notices (督办单)', { query: api.NoticeQuery, ok: ok(res.NoticesResponse) }),
  r('POST', '/api/supervision/notices/{id}/ack', 'supervision', 'Acknowledge a notice', { params: NoticeIdParam, ok: ok(NoticeAckResponse) }),
  r('GET', '/api/supervision/overview', 'supervision', 'Overdue and unclaimed tickets, calendar warnings', { ok: ok(SupervisionOverviewResponse) }),
];
