import {
  ADMIN_ROUTES,
  DIRECTORY_PATHS,
  DIRECTORY_TYPES,
  type CommissionersPutBody,
  type DirectoryListQuery,
  type OfficePeriod,
  type PairingsQuery,
  type PairManyBody,
} from '@whistle/shared';
import { httpFunction, type RouteImpl } from '../http/handler.js';
import { auditTrail } from '../services/audit-trail.js';
import { listPairings, pairCommissioner, setCommissioners } from '../services/commissioners.js';
import { deleteDirectory, listDirectory, officeHours, putDirectory, putOfficeHours, readDirectory } from '../services/directory-admin.js';
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

/** The directory's routes, one set per type (shared/src/routes/admin.ts declares them alike). */
const directory: Record<string, RouteImpl> = Object.fromEntries(
  DIRECTORY_TYPES.flatMap((type) => {
    const base = `/api/admin/${DIRECTORY_PATHS[type]}`;
    const impls: Array<[string, RouteImpl]> = [
      [`GET ${base}`, async ({ deps, principal, req }) => ({ body: await listDirectory(deps, principal, type, req.query as DirectoryListQuery) })],
      [`GET ${base}/{id}`, async ({ deps, principal, req }) => ({ body: await readDirectory(deps, principal, type, req.params.id ?? '') })],
      [
        `PUT ${base}/{id}`,
        async ({ deps, principal, req }) => ({ body: await putDirectory(deps, principal, type, req.params.id ?? '', req.body as Record<string, unknown> & { rev?: number }) }),
      ],
      [
        `DELETE ${base}/{id}`,
        async ({ deps, principal, req }) => ({ body: await deleteDirectory(deps, principal, type, req.params.id ?? '', (req.query as { rev?: number }).rev) }),
      ],
    ];
    return impls;
  }),
);

/** Tenant settings (the working calendar by year, the clock policy, the desk's duty roster, the rate limits), the directory, and the audit trail. */
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
  ...directory,
  'GET /api/admin/commissioners': async ({ deps, principal, req }) => ({ body: await listPairings(deps, principal, req.query as PairingsQuery) }),
  'PUT /api/admin/enterprises/{id}/commissioners': async ({ deps, principal, req }) => ({
    body: await setCommissioners(deps, principal, req.params.id ?? '', req.body as CommissionersPutBody),
  }),
  'POST /api/admin/commissioners/{userId}/enterprises': async ({ deps, principal, req }) => ({
    body: await pairCommissioner(deps, principal, req.params.userId ?? '', req.body as PairManyBody),
  }),
  'GET /api/admin/office-hours': async ({ deps, principal }) => ({ body: await officeHours(deps, principal) }),
  'PUT /api/admin/office-hours': async ({ deps, principal, req }) => ({
    body: await putOfficeHours(deps, principal, req.body as { officeHours: OfficePeriod[]; rev?: number }),
  }),
  'GET /api/admin/audit': async ({ deps, principal, req }) => ({ body: await auditTrail(deps, principal, req.query as { month?: string }) }),
});
