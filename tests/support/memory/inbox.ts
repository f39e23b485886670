import { InboxItem } from '@whistle/shared';
import type { InboxPort } from '../../../functions/src/ports.js';
import { keys } from '../../../functions/src/store/keys.js';
import { roundTrip, stripKeys, type MemoryTable } from './table.js';

/** The in-app inbox in memory (functions/src/store/inbox-store.ts): one partition per user, newest first, idempotent by item id. */
export class MemoryInbox implements InboxPort {
  constructor(private readonly table: MemoryTable) {}

  private itemOf(tenantId: string, item: InboxItem) {
    return { ...keys.inboxItem(tenantId, item.userId, item.at, item.id), entity: 'INBOX', ...item };
  }

  async add(tenantId: string, item: InboxItem): Promise<boolean> {
    await roundTrip();
    return this.table.put(this.itemOf(tenantId, item), (current) => current === undefined);
  }

  /** which exist already, then the others (two deliveries at the same instant may both write the same item, as on DynamoDB) */
  async addMany(tenantId: string, items: InboxItem[]): Promise<Set<string>> {
    if (items.length === 0) return new Set();
    await roundTrip();
    const present = new Set(items.filter((i) => this.table.get(keys.inboxItem(tenantId, i.userId, i.at, i.id))).map((i) => i.id));
    const fresh = items.filter((i) => !present.has(i.id));
    await roundTrip();
    for (const i of fresh) this.table.put(this.itemOf(tenantId, i));
    return new Set(fresh.map((i) => i.id));
  }

  async list(tenantId: string, userId: string, limit = 50): Promise<InboxItem[]> {
    await roundTrip();
    return this.table.query({ pk: keys.inboxPk(tenantId, userId), forward: false, limit }).items.map((i) => InboxItem.parse(stripKeys(i)));
  }

  async markRead(tenantId: string, userId: string, id: string, at: string): Promise<boolean> {
    const item = (await this.list(tenantId, userId, 200)).find((i) => i.id === id);
    if (!item) return false;
    await roundTrip();
    const out = this.table.update(keys.inboxItem(tenantId, userId, item.at, item.id), (current) =>
      current ? { ...current, readAt: current.readAt ?? at } : undefined,
    );
    return out !== undefined;
  }
}
