import { Tenant } from '@whistle/shared';
import * as z from 'zod/mini';
import type { RegisteredTenant, TenantCreation, TenantRegistry } from '../ports.js';
import { stripKeys, type Item, type Store } from './dynamo.js';
import { indexKeys, keys } from './keys.js';

/**
 * The tenant registry on the table. A tenant's record is its reference item
 * (`T#<t>#TENANT`, what every function reads), written with how it was
 * created (`created`) on the condition that no tenant has its id; its
 * registry entry (`PLATFORM#TENANTS`, gsi1 `T#<province>#DISTRICTS` for a
 * district) lists it for the operator and its province.
 */
const Created = z.object({
  at: z.string(),
  by: z.object({ userId: z.string(), name: z.string(), tenantId: z.optional(z.string()) }),
  requestKey: z.string(),
  requestHash: z.string(),
});

/** A tenant's reference item as written by a create (shared with the in-memory twin). */
export const tenantItem = (tenant: Tenant, created: TenantCreation): Item => ({
  ...keys.ref(tenant.id, 'TENANT', tenant.id),
  entity: 'TENANT',
  ...Tenant.parse(tenant),
  created,
});

/** A registry entry: the tenant, indexed under its province when it is a district of one. */
export const registryItem = (tenant: Tenant, createdAt?: string): Item => ({
  ...keys.platformTenant(tenant.id),
  entity: 'TENANT_ENTRY',
  tenant: Tenant.parse(tenant),
  ...(createdAt ? { createdAt } : {}),
  ...((tenant.kind ?? 'district') === 'district' && tenant.provinceId
    ? { gsi1pk: indexKeys.provinceDistricts(tenant.provinceId), gsi1sk: tenant.id }
    : {}),
});

export function registeredOf(item: Item): RegisteredTenant {
  const created = Created.safeParse(item.created);
  const { created: _, ...rest } = stripKeys(item);
  return { tenant: Tenant.parse(rest), ...(created.success ? { created: created.data as TenantCreation } : {}) };
}

export const entryOf = (item: Item): { tenant: Tenant; createdAt?: string } => ({
  tenant: Tenant.parse(item.tenant),
  ...(typeof item.createdAt === 'string' ? { createdAt: item.createdAt } : {}),
});

export class TenantStore implements TenantRegistry {
  constructor(private readonly store: Store) {}

  async create(tenant: Tenant, created: TenantCreation): Promise<{ created: true } | { created: false; existing: RegisteredTenant }> {
    if (await this.store.put(tenantItem(tenant, created), { expression: 'attribute_not_exists(pk)' })) return { created: true };
    const item = await this.store.get(keys.ref(tenant.id, 'TENANT', tenant.id), true);
    if (!item) throw new Error(`tenant ${tenant.id}: the create was refused but nothing is there`);
    return { created: false, existing: registeredOf(item) };
  }

  async register(tenant: Tenant, createdAt?: string): Promise<void> {
    await this.store.put(registryItem(tenant, createdAt));
  }

  async get(tenantId: string): Promise<RegisteredTenant | undefined> {
    const item = await this.store.get(keys.ref(tenantId, 'TENANT', tenantId));
    return item ? registeredOf(item) : undefined;
  }

  async list(): Promise<Array<{ tenant: Tenant; createdAt?: string }>> {
    const items = await this.store.queryAll({ KeyConditionExpression: 'pk = :pk', ExpressionAttributeValues: { ':pk': keys.platformTenantsPk } });
    return items.map(entryOf);
  }

  async districtsOf(provinceId: string): Promise<Tenant[]> {
    const items = await this.store.queryAll({
      IndexName: 'gsi1',
      KeyConditionExpression: 'gsi1pk = :pk',
      ExpressionAttributeValues: { ':pk': indexKeys.provinceDistricts(provinceId) },
    });
    return items.map((i) => entryOf(i).tenant);
  }

  async count(tenantId: string, type: 'UNIT' | 'ENT' | 'USER'): Promise<number> {
    const items = await this.store.queryAll({
      KeyConditionExpression: 'pk = :pk',
      ExpressionAttributeValues: { ':pk': keys.refPartition(tenantId, type) },
      ProjectionExpression: 'sk',
    });
    return items.length;
  }
}
