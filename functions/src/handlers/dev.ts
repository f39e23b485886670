import { NotConfiguredError } from '@whistle/shared';
import { httpFunction } from '../http/handler.js';

/**
 * Time in the local stack (devOnly routes: 404 wherever DEV_ROUTES is off).
 * `POST /api/dev/clock {now}` pins the stack's clock (null: real time again);
 * `POST /api/dev/run-schedules` runs the scheduled handlers now and waits
 * until the queues they fed are drained.
 */
export const handler = httpFunction('dev', {
  'POST /api/dev/clock': async ({ deps, req }) => {
    const { now } = req.body as { now: string | null };
    deps.dev.pinClock(now === null ? undefined : new Date(now));
    return { body: { now: deps.clock.now().toISOString(), pinned: deps.dev.clockPinned() } };
  },
  'POST /api/dev/run-schedules': async ({ deps }) => {
    const runtime = deps.dev.runtime();
    if (!runtime) throw new NotConfiguredError('本地调度（仅本地环境可用）');
    const out = await runtime.runSchedules();
    return { body: { ...out, now: deps.clock.now().toISOString() } };
  },
});
