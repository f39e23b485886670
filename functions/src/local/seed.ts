import type { ReferenceData } from '../ports.js';
import type { Store } from '../store/dynamo.js';
import { keys } from '../store/keys.js';
import { rateLimitsItem } from '../store/settings-store.js';
import type { TenantData } from './demo-data.js';

/**
 * Loads a tenant's reference data once. The marker is written last with a
 * condition, and every item is put only if absent: a restart (or two starts at
 * once) never duplicates or overwrites what people changed.
 */
export async function seedTenant(store: Store, refs: ReferenceData, data: TenantData): Promise<'seeded' | 'present'> {
  const marker = keys.demoSeed(data.tenant.id);
  // the deadline sweep visits registered tenants (issue 4): idempotent, and before the marker check so a
  // data folder seeded before the registry existed gets registered on its next start
  await store.put({ ...keys.tenantRegistry(data.tenant.id), entity: 'TENANT_REG', tenantId: data.tenant.id });
  if (await store.get(marker, true)) return 'present';
  const puts: Array<Promise<boolean>> = [
    refs.put('TENANT', data.tenant, { ifAbsent: true }),
    ...data.areas.map((a) => refs.put('AREA', a, { ifAbsent: true })),
    ...data.grids.map((g) => refs.put('GRID', g, { ifAbsent: true })),
    ...data.units.map((u) => refs.put('UNIT', u, { ifAbsent: true })),
    ...data.groups.map((g) => refs.put('GROUP', g, { ifAbsent: true })),
    ...data.enterprises.map((e) => refs.put('ENT', e, { ifAbsent: true })),
    ...data.users.map((u) => refs.put('USER', u, { ifAbsent: true })),
    store.put(rateLimitsItem(data.tenant.id, data.rateLimits), { expression: 'attribute_not_exists(pk)' }),
  ];
  await Promise.all(puts);
  const first = await store.put({ ...marker, entity: 'SEED', at: new Date().toISOString() }, { expression: 'attribute_not_exists(pk)' });
  return first ? 'seeded' : 'present';
}
