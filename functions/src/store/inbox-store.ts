import { InboxItem } from '@whistle/shared';
import { stripKeys, type Store } from './dynamo.js';
import type { InboxPort } from '../ports.js';
import { keys } from './keys.js';

const KEEP_DAYS = 180;

/** An inbox item as stored: under its user, by time, expiring after KEEP_DAYS (`keep`: never, an item that is also a record). */
export function inboxRecord(tenantId: string, item: InboxItem, opts: { keep?: boolean } = {}): Record<string, unknown> & { pk: string; sk: string } {
  const expiresAt = Math.floor(Date.parse(item.at) / 1000) + KEEP_DAYS * 24 * 3600;
  return { ...keys.inboxItem(tenantId, item.userId, item.at, item.id), entity: 'INBOX', ...item, ...(opts.keep ? {} : { expiresAt }) };
}

/** The in-app inbox: one partition per user, newest first; old items expire by TTL on AWS. */
export class InboxStore implements InboxPort {
  constructor(private readonly store: Store) {}

  /** Idempotent by item id: a redelivered notification lands once. */
  async add(tenantId: string, item: InboxItem): Promise<boolean> {
    return this.store.put(this.itemOf(tenantId, item), { expression: 'attribute_not_exists(pk)' });
  }

  /**
   * One notification's items for many people (a group reaches dozens) in a few
   * requests: which exist already (a redelivery), then the others in batches.
   * Answers the ids written now. Idempotent like `add`, except that two
   * deliveries of one message processed at the same instant could both write
   * an item: the same item, written twice, before anyone could read it.
   */
  async addMany(tenantId: string, items: InboxItem[]): Promise<Set<string>> {
    if (items.length === 0) return new Set();
    const existing = await this.store.batchGet(
      items.map((i) => keys.inboxItem(tenantId, i.userId, i.at, i.id)),
      true,
    );
    const present = new Set(existing.map((e) => String(e.id)));
    const fresh = items.filter((i) => !present.has(i.id));
    await this.store.batchWrite(fresh.map((i) => this.itemOf(tenantId, i)));
    return new Set(fresh.map((i) => i.id));
  }

  private itemOf(tenantId: string, item: InboxItem) {
    return inboxRecord(tenantId, item);
  }

  async list(tenantId: string, userId: string, limit = 50): Promise<InboxItem[]> {
    const page = await this.store.queryPage({
      KeyConditionExpression: 'pk = :pk',
      ExpressionAttributeValues: { ':pk': keys.inboxPk(tenantId, userId) },
      ScanIndexForward: false,
      Limit: limit,
    });
    return page.items.map((i) => InboxItem.parse(stripKeys(i)));
  }

  /** Marks one read; false when the user has no such item. */
  async markRead(tenantId: string, userId: string, id: string, at: string): Promise<boolean> {
    const items = await this.list(tenantId, userId, 200);
    const item = items.find((i) => i.id === id);
    if (!item) return false;
    const out = await this.store.update(keys.inboxItem(tenantId, userId, item.at, item.id), 'SET readAt = if_not_exists(readAt, :at)', {
      condition: 'attribute_exists(pk)',
      values: { ':at': at },
    });
    return out !== undefined;
  }
}
