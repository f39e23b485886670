import '../wiring/queue.js';
import '../wiring/holders.js';
import { ForbiddenError, hasRole, NotConfiguredError, type Principal, DEV_ROUTES } from '@whistle/shared';
import { httpFunction } from '../http/handler.js';

/** Moving the stack's time is for a signed-in supervisor or admin, not any persona. */
const mayMoveTime = (p: Principal): void => {
  if (!hasRole(p, 'supervisor', 'admin')) throw new ForbiddenError('只有督办人员或管理员可以调整本地时钟和运行调度');
};

/**
 * Time in the local stack (devOnly routes: 404 wherever DEV_ROUTES is off).
 * `POST /api/dev/clock {now}` pins the stack's clock (null: real time again);
 * `POST /api/dev/run-schedules` runs the scheduled handlers now and waits
 * until the queues they fed are drained. Both take a signed-in supervisor or
 * admin (403 otherwise).
 */
export const handler = httpFunction(DEV_ROUTES, {
  'POST /api/dev/clock': async ({ deps, req, principal }) => {
    mayMoveTime(principal);
    const { now } = req.body as { now: string | null };
    deps.dev.pinClock(now === null ? undefined : new Date(now));
    return { body: { now: deps.clock.now().toISOString(), pinned: deps.dev.clockPinned() } };
  },
  'POST /api/dev/run-schedules': async ({ deps, principal }) => {
    mayMoveTime(principal);
    const runtime = deps.dev.runtime();
    if (!runtime) throw new NotConfiguredError('本地调度（仅本地环境可用）');
    const out = await runtime.runSchedules();
    return { body: { ...out, now: deps.clock.now().toISOString() } };
  },
});
