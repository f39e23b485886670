import '../wiring/queue.js';
import { DESK_ROUTES } from '@whistle/shared';
import { commandImpls } from '../http/commands.js';
import { httpFunction } from '../http/handler.js';
import { deskQueue } from '../services/desk.js';

/** The after-hours desk (8小时外在线客服): its queue, answer and forward. */
export const handler = httpFunction(DESK_ROUTES, {
  'GET /api/desk/queue': async ({ deps, principal, req }) => {
    // the route has no query schema: the raw query string parameters
    const { cursor } = req.query as Record<string, string | undefined>;
    return { body: await deskQueue(deps, principal, cursor ? cursor : undefined) };
  },
  ...commandImpls('desk'),
});
