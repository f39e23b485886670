import { ProvinceOverviewResponse, TenantCreatedResponse, TenantsResponse, type CreateTenantBody } from '@whistle/shared';
import { request } from './client';

/**
 * The platform's API: tenants (the operator), the province's overview (the
 * province reader), answers checked against the route table's schemas. Only
 * the platform subpackage imports it.
 */
export const platformApi = {
  tenants: () => request({ method: 'GET', path: '/api/platform/tenants', schema: TenantsResponse }),
  /** idempotent by key: a retry of the same form finds the tenant it created */
  createTenant: (body: CreateTenantBody, idempotencyKey: string) =>
    request({ method: 'POST', path: '/api/platform/tenants', schema: TenantCreatedResponse, body, headers: { 'Idempotency-Key': idempotencyKey } }),
  province: (period: string) => request({ method: 'GET', path: '/api/province/overview', schema: ProvinceOverviewResponse, query: { period } }),
};
