import type * as z from 'zod/mini';
import { r, ok, type RouteDef } from './define.js';
import * as api from '../schemas/api.js';
import { CalendarYearParam } from '../schemas/params.js';
import { CalendarYearResponse, ClockPolicy, ClockPolicyResponse, DutyRosterBody, DutyRosterResponse } from '../clocks.js';
import { RateLimits, RateLimitsResponse } from '../rate-limits.js';
import * as dir from '../directory/api.js';
import * as pairing from '../directory/commissioners-api.js';
import { DIRECTORY_LABELS, type DirectoryType } from '../directory/rules.js';

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
  ...directoryRoutes('UNIT', 'units', dir.UnitBody, dir.DirectoryUnitQuery, dir.DirectoryUnitPageResponse, dir.DirectoryUnitResponse, dir.DirectoryUnitPutResponse),
  ...directoryRoutes('GROUP', 'groups', dir.GroupBody, dir.DirectoryGroupQuery, dir.DirectoryGroupPageResponse, dir.DirectoryGroupResponse, dir.DirectoryGroupPutResponse),
  ...directoryRoutes('AREA', 'areas', dir.AreaBody, dir.DirectoryAreaQuery, dir.DirectoryAreaPageResponse, dir.DirectoryAreaResponse, dir.DirectoryAreaPutResponse),
  ...directoryRoutes('GRID', 'grids', dir.GridBody, dir.DirectoryGridQuery, dir.DirectoryGridPageResponse, dir.DirectoryGridResponse, dir.DirectoryGridPutResponse),
  ...directoryRoutes('ENT', 'enterprises', dir.EnterpriseBody, dir.DirectoryEnterpriseQuery, dir.DirectoryEnterprisePageResponse, dir.DirectoryEnterpriseResponse, dir.DirectoryEnterprisePutResponse),
  ...directoryRoutes('USER', 'users', dir.UserBody, dir.DirectoryUserQuery, dir.DirectoryUserPageResponse, dir.DirectoryUserResponse, dir.DirectoryUserPutResponse),
  // resident service commissioners (亲清特使): the supervisor (and the admin) pairs officials with enterprises
  r('GET', '/api/admin/commissioners', 'admin', 'The pairings of commissioners (亲清特使) with enterprises, by commissioner; the key enterprises without one first', {
    query: pairing.PairingsQuery,
    ok: ok(pairing.PairingsResponse),
  }),
  r('PUT', '/api/admin/enterprises/{id}/commissioners', 'admin', "Set an enterprise's commissioners (conditional on the revision read; a key enterprise keeps at least one)", {
    params: dir.EnterpriseIdParam,
    body: pairing.CommissionersPutBody,
    ok: ok(dir.DirectoryEnterprisePutResponse, 'The enterprise as stored'),
    // 409: stale revision (with the current record), or the last commissioner of a key enterprise taken away
    errors: [409],
  }),
  r('POST', '/api/admin/commissioners/{userId}/enterprises', 'admin', 'Pair one commissioner with many enterprises at once (and unpair some)', {
    params: pairing.CommissionerParam,
    body: pairing.PairManyBody,
    ok: ok(pairing.PairManyResponse, 'Each enterprise as it now stands'),
    // 409: an enterprise asked to be unpaired is key and would lose its last commissioner (nothing written)
    errors: [409],
  }),
  r('GET', '/api/admin/office-hours', 'admin', "The tenant's office hours (the working clocks count only these)", { ok: ok(dir.OfficeHoursResponse) }),
  r('PUT', '/api/admin/office-hours', 'admin', "Set the tenant's office hours (conditional on the revision read)", {
    body: dir.OfficeHoursPutBody,
    ok: ok(dir.OfficeHoursResponse, 'The office hours as set'),
    errors: [409],
  }),
  r('GET', '/api/admin/audit', 'admin', "The audit trail: a month's changes by administrators, newest first", {
    query: dir.AuditTrailQuery,
    ok: ok(dir.AuditTrailResponse),
  }),
];

/**
 * A directory type's routes: list (filtered, paged), read, upsert (PUT by id: a create without `rev`, an update
 * conditional on the `rev` read: 409 with the current record when stale) and delete (409 while referred to).
 */
function directoryRoutes(
  type: DirectoryType,
  path: string,
  body: z.ZodMiniType,
  query: z.ZodMiniType,
  pageSchema: z.ZodMiniType,
  record: z.ZodMiniType,
  putSchema: z.ZodMiniType,
): RouteDef[] {
  const label = DIRECTORY_LABELS[type];
  const params = type === 'ENT' ? dir.EnterpriseIdParam : dir.DirectoryIdParam;
  const base = `/api/admin/${path}`;
  return [
    r('GET', base, 'admin', `The directory's ${path} (${label}), filtered and paged`, { query, ok: ok(pageSchema) }),
    r('GET', `${base}/{id}`, 'admin', `One of the directory's ${path} (${label}) with its revision`, { params, ok: ok(record) }),
    r('PUT', `${base}/{id}`, 'admin', `Create or update one of the directory's ${path} (${label})`, {
      params,
      body,
      ok: ok(putSchema, 'The record as stored'),
      errors: [409],
    }),
    r('DELETE', `${base}/{id}`, 'admin', `Delete one of the directory's ${path} (${label}) that nothing refers to`, {
      params,
      query: dir.DirectoryDeleteQuery,
      ok: ok(dir.DirectoryDeletedResponse),
      errors: [409],
    }),
  ];
}
