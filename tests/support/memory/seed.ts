import { demoTenant, type TenantData } from '../../../functions/src/local/demo-data.js';
import type { DueIndex, ReferenceData, SettingsPort } from '../../../functions/src/ports.js';

/**
 * Loads a tenant's reference data into the in-memory refs, as the local
 * stack's seed (functions/src/local/seed.ts) writes it: the tenant registered
 * for the sweep, then every item put if absent, and the tenant's rate limits. Defaults to the demo district.
 */
export async function seedTenant(ports: { refs: ReferenceData; due: DueIndex; settings?: SettingsPort }, data: TenantData = demoTenant(), at = new Date(0).toISOString()): Promise<TenantData> {
  const { refs } = ports;
  await ports.due.registerTenant(data.tenant.id, at);
  await Promise.all([
    refs.put('TENANT', data.tenant, { ifAbsent: true }),
    ...data.areas.map((a) => refs.put('AREA', a, { ifAbsent: true })),
    ...data.grids.map((g) => refs.put('GRID', g, { ifAbsent: true })),
    ...data.units.map((u) => refs.put('UNIT', u, { ifAbsent: true })),
    ...data.groups.map((g) => refs.put('GROUP', g, { ifAbsent: true })),
    ...data.enterprises.map((e) => refs.put('ENT', e, { ifAbsent: true })),
    ...data.users.map((u) => refs.put('USER', u, { ifAbsent: true })),
    ports.settings?.putRateLimits(data.tenant.id, data.rateLimits),
  ]);
  return data;
}
