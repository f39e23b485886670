import { r, ok, type RouteDef } from './define.js';
import { IdempotencyKey } from '../schemas/api.js';
import * as ten from '../tenancy/api.js';

/** The `platform` function's routes (see routes.ts: the one table is their concatenation). */
export const PLATFORM_ROUTES: readonly RouteDef[] = [
  r('POST', '/api/platform/tenants', 'platform', 'Create a tenant (a district or a province) with its settings and its first admin; idempotent by Idempotency-Key', {
    body: ten.CreateTenantBody,
    headers: { 'idempotency-key': IdempotencyKey },
    ok: {
      status: 201,
      schema: ten.TenantCreatedResponse,
      description: 'Created: the tenant and its first admin',
      also: { 200: 'A retry: this Idempotency-Key already created this tenant (nothing written again)' },
    },
    // 409: a tenant with this id exists (created by another request); 422: the Idempotency-Key was used for a different request
    errors: [409, 422],
  }),
  r('GET', '/api/platform/tenants', 'platform', 'Every tenant, with a few figures (units, enterprises, users, requests this month)', {
    ok: ok(ten.TenantsResponse),
  }),
  r('GET', '/api/province/overview', 'platform', "The province's districts in a period: volume, rates, open and late counts, service index; read-only, no ticket content", {
    query: ten.ProvinceQuery,
    ok: ok(ten.ProvinceOverviewResponse),
  }),
  r('GET', '/api/province/districts/{districtId}', 'platform', "One district of the province: its figures and its units ranked (no ticket content)", {
    params: ten.DistrictParam,
    query: ten.ProvinceQuery,
    ok: ok(ten.DistrictDetailResponse),
  }),
];
