import { ADMIN_ROUTES } from '@whistle/shared';
import { httpFunction } from '../http/handler.js';
import {
  calendarYear,
  clockPolicy,
  dutyRoster,
  putCalendarYear,
  putClockPolicy,
  putDutyRoster,
  putRateLimits,
  rateLimits,
} from '../services/settings-admin.js';

/** Tenant settings: the working calendar by year, the clock policy, the desk's duty roster, the rate limits. */
export const handler = httpFunction(ADMIN_ROUTES, {
  'GET /api/admin/calendar/{year}': async ({ deps, principal, req }) => ({
    body: await calendarYear(deps, principal, Number(req.params.year)),
  }),
  'PUT /api/admin/calendar/{year}': async ({ deps, principal, req }) => ({
    body: await putCalendarYear(deps, principal, Number(req.params.year), req.body as { holidays: string[]; workdays: string[]; source?: string }),
  }),
  'GET /api/admin/clock-policy': async ({ deps, principal }) => ({ body: await clockPolicy(deps, principal) }),
  'PUT /api/admin/clock-policy': async ({ deps, principal, req }) => ({ body: await putClockPolicy(deps, principal, req.body) }),
  'GET /api/admin/duty-roster': async ({ deps, principal }) => ({ body: await dutyRoster(deps, principal) }),
  'PUT /api/admin/duty-roster': async ({ deps, principal, req }) => ({ body: await putDutyRoster(deps, principal, req.body) }),
  'GET /api/admin/rate-limits': async ({ deps, principal }) => ({ body: await rateLimits(deps, principal) }),
  'PUT /api/admin/rate-limits': async ({ deps, principal, req }) => ({ body: await putRateLimits(deps, principal, req.body) }),
});
