import { r, ok, type RouteDef } from './define.js';
import * as api from '../schemas/api.js';
import { CalendarYearParam } from '../schemas/params.js';
import { CalendarYearResponse, ClockPolicy, ClockPolicyResponse, DutyRosterBody, DutyRosterResponse } from '../clocks.js';
import { RateLimits, RateLimitsResponse } from '../rate-limits.js';

/** The `admin` function's routes (see routes.ts: the one table is their concatenation). */
export const ADMIN_ROUTES: readonly RouteDef[] = [
  r('GET', '/api/admin/calendar/{year}', 'admin', "A year's working calendar", { params: CalendarYearParam, ok: ok(CalendarYearResponse) }),
  r('PUT', '/api/admin/calendar/{year}', 'admin', "Load a year's holiday arrangement", {
    params: CalendarYearParam,
    body: api.CalendarYearBody,
    ok: ok(CalendarYearResponse, 'The year as loaded'),
  }),
  r('GET', '/api/admin/clock-policy', 'admin', 'Clock policy per priority', { ok: ok(ClockPolicyResponse) }),
  r('PUT', '/api/admin/clock-policy', 'admin', 'Set the clock policy', { body: ClockPolicy, ok: ok(ClockPolicyResponse, 'The policy as set') }),
  r('GET', '/api/admin/duty-roster', 'admin', "The after-hours desk's duty roster, and who is on duty now", { ok: ok(DutyRosterResponse) }),
  r('PUT', '/api/admin/duty-roster', 'admin', 'Set the duty roster', { body: DutyRosterBody, ok: ok(DutyRosterResponse, 'The roster as set') }),
  r('GET', '/api/admin/rate-limits', 'admin', "The tenant's rate limits (intake, claims) and the deployment's login limits", {
    ok: ok(RateLimitsResponse),
  }),
  r('PUT', '/api/admin/rate-limits', 'admin', "Set the tenant's rate limits", { body: RateLimits, ok: ok(RateLimitsResponse, 'The limits as set') }),
];
