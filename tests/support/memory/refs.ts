import { Area, Enterprise, Grid, Group, Tenant, Unit, User } from '@whistle/shared';
import type * as z from 'zod/mini';
import type { ReferenceData, RefShapes, RefType } from '../../../functions/src/ports.js';
import { keys } from '../../../functions/src/store/keys.js';
import { roundTrip, stripKeys, type MemoryTable } from './table.js';

const SCHEMAS = { TENANT: Tenant, AREA: Area, GRID: Grid, UNIT: Unit, GROUP: Group, ENT: Enterprise, USER: User } as const satisfies Record<RefType, z.ZodMiniType>;

/**
 * Reference data in memory (functions/src/store/reference-store.ts without its
 * cache: every read sees the last write). Values are parsed by their schemas
 * on the way in and out, as the store does; lists come in id order.
 */
export class MemoryRefs implements ReferenceData {
  constructor(private readonly table: MemoryTable) {}

  async put<R extends RefType>(type: R, value: RefShapes[R], opts: { ifAbsent?: boolean } = {}): Promise<boolean> {
    const parsed = SCHEMAS[type].parse(value) as RefShapes[R] & { id: string; tenantId?: string };
    const tenantId = type === 'TENANT' ? parsed.id : (parsed.tenantId ?? '');
    await roundTrip();
    return this.table.put({ ...keys.ref(tenantId, type, parsed.id), entity: type, ...parsed }, opts.ifAbsent ? (current) => current === undefined : undefined);
  }

  async get<R extends RefType>(type: R, tenantId: string, id: string): Promise<RefShapes[R] | undefined> {
    await roundTrip();
    const item = this.table.get(keys.ref(tenantId, type, id));
    return item ? (SCHEMAS[type].parse(stripKeys(item)) as RefShapes[R]) : undefined;
  }

  async list<R extends RefType>(type: R, tenantId: string): Promise<Array<RefShapes[R]>> {
    await roundTrip();
    return this.table.queryAll({ pk: keys.refPartition(tenantId, type) }).map((i) => SCHEMAS[type].parse(stripKeys(i)) as RefShapes[R]);
  }

  tenant = (tenantId: string) => this.get('TENANT', tenantId, tenantId);
  unit = (tenantId: string, id: string) => this.get('UNIT', tenantId, id);
  group = (tenantId: string, id: string) => this.get('GROUP', tenantId, id);
  grid = (tenantId: string, id: string) => this.get('GRID', tenantId, id);
  area = (tenantId: string, id: string) => this.get('AREA', tenantId, id);
  enterprise = (tenantId: string, id: string) => this.get('ENT', tenantId, id);
  user = (tenantId: string, id: string) => this.get('USER', tenantId, id);

  async linkWechat(openId: string, tenantId: string, userId: string): Promise<void> {
    await roundTrip();
    this.table.put({ ...keys.wechatUser(openId), entity: 'WX', tenantId, userId });
  }

  async findByWechat(openId: string): Promise<{ tenantId: string; userId: string } | undefined> {
    await roundTrip();
    const item = this.table.get(keys.wechatUser(openId));
    if (!item || typeof item.tenantId !== 'string' || typeof item.userId !== 'string') return undefined;
    return { tenantId: item.tenantId, userId: item.userId };
  }

  async setWechatOpenId(tenantId: string, userId: string, openId: string | undefined): Promise<User | undefined> {
    await roundTrip();
    const item = this.table.update(keys.ref(tenantId, 'USER', userId), (current) => {
      if (!current) return undefined;
      const { wechatOpenId: _old, ...rest } = current;
      return openId ? { ...rest, wechatOpenId: openId } : rest;
    });
    return item ? User.parse(stripKeys(item)) : undefined;
  }
}
