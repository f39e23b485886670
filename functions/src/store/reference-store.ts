import type { User } from '@whistle/shared';
import { stripKeys, type Store } from './dynamo.js';
import type { ReferenceData, RefRevision, RefShapes, RevisedRef } from '../ports.js';
import { keys, type RefType } from './keys.js';
import { REF_SCHEMAS as SCHEMAS, parsedRef, refItem, revCondition, revisedOf, type RevGuard } from './ref-items.js';
import { TtlCache } from './ttl-cache.js';

/** the cache key of one reference item */
const itemKey = (tenantId: string, type: RefType, id: string) => `${keys.refPartition(tenantId, type)}\u0000${id}`;

type Shape<R extends RefType> = RefShapes[R];

/** a cached list: the records, and the same with their revisions (the admin API's) */
interface CachedList {
  values: unknown[];
  revised: Array<RevisedRef<RefType>>;
}

/** How long a warm function trusts its copy of a tenant's reference lists. */
const LIST_TTL_MS = 15_000;
/** bound on the item cache of one warm process */
const MAX_CACHED_ITEMS = 10_000;

/**
 * Tenants, areas, grids, units, groups, enterprises and users. Reference data
 * changes rarely and is read on every request, so lists are cached briefly per
 * warm process; writes through this store invalidate the cache.
 */
export class ReferenceStore implements ReferenceData {
  private readonly lists: TtlCache<CachedList>;
  /** single items read by id (the caller's user and unit on every request), found ones only, same TTL */
  private readonly items: TtlCache<unknown>;

  constructor(
    private readonly store: Store,
    now: () => number = Date.now,
  ) {
    this.lists = new TtlCache(LIST_TTL_MS, now);
    this.items = new TtlCache(LIST_TTL_MS, now, MAX_CACHED_ITEMS);
  }

  async put<R extends RefType>(type: R, value: Shape<R>, opts: { ifAbsent?: boolean } = {}): Promise<boolean> {
    const item = refItem(type, value);
    return this.written(type, value, () => this.store.put(item, opts.ifAbsent ? { expression: 'attribute_not_exists(pk)' } : undefined));
  }

  async putRevised<R extends RefType>(type: R, value: Shape<R>, expect: RevGuard, revision: RefRevision): Promise<boolean> {
    const item = refItem(type, value, revision);
    return this.written(type, value, () => this.store.put(item, revCondition(expect)));
  }

  async delete(type: RefType, tenantId: string, id: string, opts: { rev?: number } = {}): Promise<boolean> {
    return this.forgetting(tenantId, type, id, () =>
      this.store.delete(keys.ref(tenantId, type, id), opts.rev === undefined ? { expression: 'attribute_exists(pk)' } : revCondition({ rev: opts.rev })),
    );
  }

  async revised<R extends RefType>(type: R, tenantId: string, id: string): Promise<RevisedRef<R> | undefined> {
    // consistent: an administrator edits what is there now, whatever a warm copy says
    const item = await this.store.get(keys.ref(tenantId, type, id), true);
    return item ? revisedOf(type, stripKeys(item)) : undefined;
  }

  async listRevised<R extends RefType>(type: R, tenantId: string, opts: { fresh?: boolean } = {}): Promise<Array<RevisedRef<R>>> {
    if (opts.fresh) this.lists.forget(keys.refPartition(tenantId, type));
    return (await this.cachedList(type, tenantId)).revised as Array<RevisedRef<R>>;
  }

  private written<R extends RefType>(type: R, value: Shape<R>, write: () => Promise<boolean>): Promise<boolean> {
    const { tenantId, id } = parsedRef(type, value);
    return this.forgetting(tenantId, type, id, write);
  }

  /** Forgets the cached list and item around a write: before it, and again after it, since a read racing the write may have cached the old value meanwhile. */
  private async forgetting(tenantId: string, type: RefType, id: string, write: () => Promise<boolean>): Promise<boolean> {
    const forget = () => {
      this.lists.forget(keys.refPartition(tenantId, type));
      this.items.forget(itemKey(tenantId, type, id));
    };
    forget();
    try {
      return await write();
    } finally {
      forget();
    }
  }

  async get<R extends RefType>(type: R, tenantId: string, id: string): Promise<Shape<R> | undefined> {
    const list = this.lists.peek(keys.refPartition(tenantId, type))?.values as Array<Shape<R> & { id: string }> | undefined;
    const listed = list?.find((x) => x.id === id);
    if (listed) return listed;
    // not in a warm list: it may be newer than the list (written by another function, an import): read it
    return (await this.items.get(
      itemKey(tenantId, type, id),
      async () => {
        const item = await this.store.get(keys.ref(tenantId, type, id));
        return item ? (SCHEMAS[type].parse(stripKeys(item)) as Shape<R>) : undefined;
      },
      (found) => found !== undefined,
    )) as Shape<R> | undefined;
  }

  async list<R extends RefType>(type: R, tenantId: string): Promise<Array<Shape<R>>> {
    return (await this.cachedList(type, tenantId)).values as Array<Shape<R>>;
  }

  private cachedList(type: RefType, tenantId: string): Promise<CachedList> {
    const pk = keys.refPartition(tenantId, type);
    return this.lists.get(pk, async () => {
      const items = await this.store.queryAll({
        KeyConditionExpression: 'pk = :pk',
        ExpressionAttributeValues: { ':pk': pk },
      });
      const revised = items.map((i) => revisedOf(type, stripKeys(i)));
      return { values: revised.map((r) => r.value), revised };
    });
  }

  tenant = (tenantId: string) => this.get('TENANT', tenantId, tenantId);
  unit = (tenantId: string, id: string) => this.get('UNIT', tenantId, id);
  group = (tenantId: string, id: string) => this.get('GROUP', tenantId, id);
  grid = (tenantId: string, id: string) => this.get('GRID', tenantId, id);
  area = (tenantId: string, id: string) => this.get('AREA', tenantId, id);
  enterprise = (tenantId: string, id: string) => this.get('ENT', tenantId, id);
  user = (tenantId: string, id: string) => this.get('USER', tenantId, id);

  async linkWechat(openId: string, tenantId: string, userId: string): Promise<void> {
    await this.store.put({ ...keys.wechatUser(openId), entity: 'WX', tenantId, userId });
  }

  async findByWechat(openId: string): Promise<{ tenantId: string; userId: string } | undefined> {
    const item = await this.store.get(keys.wechatUser(openId));
    if (!item || typeof item.tenantId !== 'string' || typeof item.userId !== 'string') return undefined;
    return { tenantId: item.tenantId, userId: item.userId };
  }

  async setWechatOpenId(tenantId: string, userId: string, openId: string | undefined): Promise<User | undefined> {
    const forget = () => {
      this.lists.forget(keys.refPartition(tenantId, 'USER'));
      this.items.forget(itemKey(tenantId, 'USER', userId));
    };
    forget();
    // one attribute, so a concurrent edit of the user's other fields is kept
    const item = await this.store.update(keys.ref(tenantId, 'USER', userId), openId ? 'SET wechatOpenId = :o' : 'REMOVE wechatOpenId', {
      condition: 'attribute_exists(pk)',
      ...(openId ? { values: { ':o': openId } } : {}),
    });
    forget();
    return item ? (SCHEMAS.USER.parse(stripKeys(item)) as User) : undefined;
  }
}
