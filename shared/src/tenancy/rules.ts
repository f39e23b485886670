import { ForbiddenError, ValidationError, type FieldIssue } from '../errors.js';
import { hasRole, type Principal } from '../ticket/roles.js';
import type { Tenant, TenantKind } from '../schemas/reference.js';
import { DEFAULT_OFFICE_HOURS } from '../calendar/index.js';
import { validateCalendarYear } from '../calendar/index.js';
import type { CliTenantBody } from './api.js';

/**
 * Tenancy, pure: what kind a tenant is, who may create tenants (a platform
 * operator, from the platform tenant), who reads a province's figures (a
 * province user, of its own province's districts), and what a new tenant must
 * say about itself.
 */

/** absent kind: a district (every tenant before kinds existed) */
export const kindOf = (t: Pick<Tenant, 'kind'>): TenantKind => t.kind ?? 'district';

/** Creating tenants: an operator of the platform tenant, nobody else (an `operator` role elsewhere counts for nothing). */
export function mayCreateTenants(p: Principal, callerTenant: Pick<Tenant, 'kind'> | undefined): void {
  if (!hasRole(p, 'operator') || !callerTenant || kindOf(callerTenant) !== 'platform') {
    throw new ForbiddenError('只有平台运营人员可以开通和查看租户');
  }
}

/** Reading a province's figures: a province user of a province tenant (its own districts only). */
export function mayReadProvince(p: Principal, callerTenant: Pick<Tenant, 'kind'> | undefined): void {
  if (!hasRole(p, 'province') || !callerTenant || kindOf(callerTenant) !== 'province') {
    throw new ForbiddenError('只有省级用户可以查看各区县汇总');
  }
}

/** Whether a district belongs to the caller's province (anything else is simply not there: 404). */
export const inProvince = (district: Pick<Tenant, 'kind' | 'provinceId'>, provinceId: string): boolean =>
  kindOf(district) === 'district' && district.provinceId === provinceId;

/**
 * The tenant a create request describes, or 400 naming the field: a district
 * names its province (which must be a province tenant: `province` as found),
 * a province names none; a calendar year to load must be a valid arrangement.
 */
export function newTenant(body: CliTenantBody, province: Pick<Tenant, 'kind'> | undefined): Tenant {
  const issues: FieldIssue[] = [];
  if (body.kind === 'district') {
    if (!body.provinceId) issues.push({ field: 'provinceId', message: '区县必须指定所属省级租户' });
    else if (!province || kindOf(province) !== 'province') issues.push({ field: 'provinceId', message: '所属省级租户不存在' });
  } else if (body.provinceId) issues.push({ field: 'provinceId', message: '省级租户不属于其他省级租户' });
  if (body.provinceId === body.id) issues.push({ field: 'provinceId', message: '不能属于自己' });
  if (body.calendar) {
    for (const i of validateCalendarYear(body.calendar.year, body.calendar)) issues.push({ ...i, field: `calendar.${i.field}` });
  }
  if (issues.length > 0) throw new ValidationError(issues);
  return {
    id: body.id,
    name: body.name,
    timeZone: 'Asia/Shanghai',
    officeHours: body.officeHours ?? DEFAULT_OFFICE_HOURS,
    kind: body.kind,
    ...(body.kind === 'district' && body.provinceId ? { provinceId: body.provinceId } : {}),
  };
}

/** The first admin's user id in the new tenant. */
export const firstAdminId = (body: Pick<CliTenantBody, 'admin' | 'kind'>): string => body.admin.userId ?? (body.kind === 'platform' ? 'operator' : 'admin');

/** The first user's roles: a platform's first user is its first operator; any other tenant's, its admin. */
export const firstAdminRoles = (kind: TenantKind): Array<'admin' | 'operator'> => (kind === 'platform' ? ['operator'] : ['admin']);
