import { r, ok, type RouteDef } from './define.js';
import * as api from '../schemas/api.js';
import * as res from '../schemas/responses.js';

/** The `dev` function's routes (see routes.ts: the one table is their concatenation). */
export const DEV_ROUTES: readonly RouteDef[] = [
  r('POST', '/api/dev/clock', 'dev', "Set the local stack's clock", { devOnly: true, body: api.DevClockBody, ok: ok(res.DevClockResponse) }),
  r('POST', '/api/dev/run-schedules', 'dev', 'Run the scheduled handlers now', {
    devOnly: true,
    ok: ok(res.RunSchedulesResponse, 'The schedules ran and the queues they fed are drained'),
    // 501: no local runtime to run them
    errors: [501],
  }),
];
