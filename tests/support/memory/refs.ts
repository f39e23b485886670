import { User } from '@whistle/shared';
import type { ReferenceData, RefRevision, RefShapes, RefType, RevisedRef } from '../../../functions/src/ports.js';
import { keys } from '../../../functions/src/store/keys.js';
import { REF_SCHEMAS as SCHEMAS, refItem, revHolds, revisedOf, type RevGuard } from '../../../functions/src/store/ref-items.js';
import { roundTrip, stripKeys, type MemoryTable } from './table.js';

/**
 * Reference data in memory (functions/src/store/reference-store.ts without its
 * cache: every read sees the last write). Values are parsed by their schemas
 * on the way in and out, as the store does; lists come in id order.
 */
export class MemoryRefs implements ReferenceData {
  constructor(private readonly table: MemoryTable) {}

  async put<R extends RefType>(type: R, value: RefShapes[R], opts: { ifAbsent?: boolean } = {}): Promise<boolean> {
    const item = refItem(type, value);
    await roundTrip();
    return this.table.put(item, opts.ifAbsent ? (current) => current === undefined : undefined);
  }

  async putRevised<R extends RefType>(type: R, value: RefShapes[R], expect: RevGuard, revision: RefRevision): Promise<boolean> {
    const item = refItem(type, value, revision);
    await roundTrip();
    return this.table.put(item, revHolds(expect));
  }

  async delete(type: RefType, tenantId: string, id: string, opts: { rev?: number } = {}): Promise<boolean> {
    await roundTrip();
    const key = keys.ref(tenantId, type, id);
    const current = this.table.get(key);
    if (!current || (opts.rev !== undefined && !revHolds({ rev: opts.rev })(current))) return false;
    this.table.delete(key);
    return true;
  }

  async revised<R extends RefType>(type: R, tenantId: string, id: string): Promise<RevisedRef<R> | undefined> {
    await roundTrip();
    const item = this.table.get(keys.ref(tenantId, type, id));
    return item ? revisedOf(type, stripKeys(item)) : undefined;
  }

  async listRevised<R extends RefType>(type: R, tenantId: string): Promise<Array<RevisedRef<R>>> {
    await roundTrip();
    return this.table.queryAll({ pk: keys.refPartition(tenantId, type) }).map((i) => revisedOf(type, stripKeys(i)));
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
