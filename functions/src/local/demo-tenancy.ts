import { completeCreditCode, DEFAULT_OFFICE_HOURS, type Tenant, type User } from '@whistle/shared';
import type { ReferenceData, TenantRegistry } from '../ports.js';
import { demoTenant, type TenantData } from './demo-data.js';
import type { HistoryShape } from './demo-history.js';

/**
 * Many tenants on the local stack: the platform (an operator persona), a
 * made-up province (示范省, a province persona) and, under it, the demo
 * district and a second, smaller and slower district (枫岭县: the demo
 * district's units and groups, twelve enterprises, a few dozen requests of
 * history), so the province view shows two districts on first open.
 */
export const DEMO_PLATFORM_ID = 'platform';
export const DEMO_PROVINCE_ID = 'shifan';
export const SECOND_DISTRICT_ID = 'fengling';

const office = { timeZone: 'Asia/Shanghai' as const, officeHours: DEFAULT_OFFICE_HOURS };
export const demoPlatform = (): { tenant: Tenant; users: User[] } => ({
  tenant: { id: DEMO_PLATFORM_ID, name: 'Whistle 平台', kind: 'platform', ...office },
  users: [{ id: 'operator', tenantId: DEMO_PLATFORM_ID, name: '平台运营', roles: ['operator'], title: '平台运营（开通区县）' }],
});
export const demoProvince = (): { tenant: Tenant; users: User[] } => ({
  tenant: { id: DEMO_PROVINCE_ID, name: '示范省', kind: 'province', ...office },
  users: [{ id: 'province', tenantId: DEMO_PROVINCE_ID, name: '省营商环境局', roles: ['province'], title: '省级查看（各区县汇总）' }],
});

/** how many enterprises the second district has */
const SECOND_ENTERPRISES = 12;

/** The second district: the demo district's structure under another id and name, with fewer enterprises of its own. */
export function secondDistrict(): TenantData {
  const data = demoTenant(SECOND_DISTRICT_ID, '枫岭县');
  const kept = data.enterprises.slice(0, SECOND_ENTERPRISES);
  const codes = new Map(kept.map((e, i) => [e.id, completeCreditCode(`91500237MA${String(7100000 + i * 173).padStart(7, '0')}`)]));
  const enterprises = kept.map((e) => ({ ...e, id: codes.get(e.id) ?? e.id, name: e.name.replace(/^清溪/, '枫岭') }));
  const owners = new Set(kept.flatMap((e) => e.ownerUserIds));
  const users = data.users
    .filter((u) => !u.enterpriseId || owners.has(u.id))
    .map((u) => (u.enterpriseId ? { ...u, enterpriseId: codes.get(u.enterpriseId) ?? u.enterpriseId } : u));
  return { ...data, tenant: { ...data.tenant, kind: 'district', provinceId: DEMO_PROVINCE_ID }, enterprises, users };
}

/** The second district's history: 48 requests, its own seed, slower units than the demo district's. */
export const SECOND_DISTRICT_SHAPE: HistoryShape = {
  tickets: 48,
  seed: 'fengling-history-v1',
  diligence: { rsj: 0.7, swj: 0.62, jxw: 0.55, scjg: 0.5, dgjd: 0.45, fgw: 0.4, jrb: 0.38, nsz: 0.3, zjw: 0.28, ghzy: 0.22, xcjd: 0.2 },
};

/**
 * The platform and the province with their personas, the demo district put
 * under the province, every tenant in the registry. Idempotent (items put if
 * absent, registry entries rewritten the same), a handful of writes per start.
 */
/**
 * `now`: when the demo starts. The platform was opened 15 weeks before it, the province 14, the districts 13 (when
 * their history begins); a registry entry keeps the date it was first given, start after start.
 */
export async function seedTenancy(refs: ReferenceData, tenants: TenantRegistry, district: Tenant, second: Tenant, now: Date): Promise<void> {
  const opened = new Map((await tenants.list()).map((e) => [e.tenant.id, e.createdAt]));
  const weeksBefore = (weeks: number) => new Date(now.getTime() - weeks * 7 * 24 * 3600 * 1000).toISOString();
  const openedAt = (t: Tenant) => opened.get(t.id) ?? weeksBefore(t.kind === 'platform' ? 15 : t.kind === 'province' ? 14 : 13);
  const fixed = [demoPlatform(), demoProvince()];
  await Promise.all(fixed.flatMap((t) => [refs.put('TENANT', t.tenant, { ifAbsent: true }), ...t.users.map((u) => refs.put('USER', u, { ifAbsent: true }))]));
  // the demo district under the province (a data folder seeded before provinces existed gets it now)
  const stored = await refs.tenant(district.id);
  const placed: Tenant = { ...(stored ?? district), kind: 'district', provinceId: stored?.provinceId ?? DEMO_PROVINCE_ID };
  if (!stored?.provinceId || !stored.kind) await refs.put('TENANT', placed);
  await Promise.all([...fixed.map((t) => t.tenant), placed, second].map((t) => tenants.register(t, openedAt(t))));
}
