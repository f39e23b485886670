import type { Tenant } from '@whistle/shared';
import type { RegisteredTenant, TenantCreation, TenantRegistry } from '../../../functions/src/ports.js';
import { entryOf, registeredOf, registryItem, tenantItem } from '../../../functions/src/store/tenant-store.js';
import { indexKeys, keys } from '../../../functions/src/store/keys.js';
import { roundTrip, type MemoryTable } from './table.js';

/**
 * The tenant registry in memory (functions/src/store/tenant-store.ts): the
 * tenant's reference item written on its absence, the registry entry in the
 * global partition, a district's entry indexed under its province (gsi1).
 */
export class MemoryTenants implements TenantRegistry {
  constructor(private readonly table: MemoryTable) {}

  async create(tenant: Tenant, created: TenantCreation): Promise<{ created: true } | { created: false; existing: RegisteredTenant }> {
    await roundTrip();
    const item = tenantItem(tenant, created) as ReturnType<typeof tenantItem> & { pk: string; sk: string };
    if (this.table.put(item, (current) => current === undefined)) return { created: true };
    const there = this.table.get(keys.ref(tenant.id, 'TENANT', tenant.id));
    if (!there) throw new Error(`tenant ${tenant.id}: the create was refused but nothing is there`);
    return { created: false, existing: registeredOf(there) };
  }

  async register(tenant: Tenant, createdAt?: string): Promise<void> {
    await roundTrip();
    this.table.put(registryItem(tenant, createdAt) as ReturnType<typeof registryItem> & { pk: string; sk: string });
  }

  async get(tenantId: string): Promise<RegisteredTenant | undefined> {
    await roundTrip();
    const item = this.table.get(keys.ref(tenantId, 'TENANT', tenantId));
    return item ? registeredOf(item) : undefined;
  }

  async list(): Promise<Array<{ tenant: Tenant; createdAt?: string }>> {
    await roundTrip();
    return this.table.queryAll({ pk: keys.platformTenantsPk }).map(entryOf);
  }

  async districtsOf(provinceId: string): Promise<Tenant[]> {
    await roundTrip();
    return this.table.queryAll({ index: 'gsi1', pk: indexKeys.provinceDistricts(provinceId) }).map((i) => entryOf(i).tenant);
  }

  async count(tenantId: string, type: 'UNIT' | 'ENT' | 'USER'): Promise<number> {
    await roundTrip();
    return this.table.queryAll({ pk: keys.refPartition(tenantId, type) }).length;
  }
}
