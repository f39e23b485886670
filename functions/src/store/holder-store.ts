import { OUTBOX_REDELIVERY_MS, type HolderDueEntry, type LadderHolders, type OutboxMessage } from '../ports.js';
import type { Clock, HolderRef, LadderHolder } from '@whistle/shared';
import type { Item, Store } from './dynamo.js';
import { holderDueEntryOf, holderItems } from './holder-items.js';
import { indexKeys, keys, outboxDueAttributes, type Key } from './keys.js';

/** The outbox record of a holder's message: in the holder's partition, due for the sweep until the notifier delivers it. */
export const holderOutboxItem = (tenantId: string, ticketId: string, message: OutboxMessage): Item & Key => ({
  ...keys.outboxRecord(tenantId, ticketId, message.id),
  entity: 'OUTBOX',
  ticketId,
  message,
  attempts: 0,
  ...outboxDueAttributes(tenantId, ticketId, new Date(Date.parse(message.at) + OUTBOX_REDELIVERY_MS).toISOString()),
});

/**
 * Records of their own on the ladder (holder-items.ts says which and where): found, leased and
 * repaired by the sweep in their partition of the `due` index, read and advanced by the escalation
 * worker. Wired only where those run (functions/src/wiring/holders.ts).
 */
export class HolderStore implements LadderHolders {
  constructor(private readonly store: Store) {}

  /** Holders of their own whose next look is at or before `now` (their partitions of the `due` index). */
  async holdersDue(tenantId: string, now: string, limit: number, cursor?: string): Promise<{ entries: HolderDueEntry[]; scanned: number; cursor?: string }> {
    const out = await this.store.queryPage(
      {
        IndexName: 'due',
        KeyConditionExpression: 'duePk = :p AND dueSk <= :upTo',
        ExpressionAttributeValues: { ':p': indexKeys.holderDue(tenantId), ':upTo': indexKeys.dueUpTo(now) },
        Limit: limit,
      },
      cursor,
    );
    return { entries: out.items.map(holderDueEntryOf), scanned: out.scanned, ...(out.cursor ? { cursor: out.cursor } : {}) };
  }

  /** A holder's lease: as a ticket's, on the holder's own item. */
  async leaseHolder(entry: HolderDueEntry, until: string, leaseUntil: string): Promise<boolean> {
    const out = await this.store.update(entry.key, 'SET dueSk = :next, sweepLeaseUntil = :lease', {
      condition: 'dueSk = :read',
      values: { ':read': entry.dueSk, ':next': indexKeys.dueSk(until, entry.ref.id), ':lease': leaseUntil },
    });
    return out !== undefined;
  }

  async repairHolder(entry: HolderDueEntry, next: string | undefined): Promise<boolean> {
    const out = next
      ? await this.store.update(entry.key, 'SET dueSk = :next REMOVE sweepLeaseUntil', {
          condition: 'dueSk = :read',
          values: { ':read': entry.dueSk, ':next': indexKeys.dueSk(next, entry.ref.id) },
        })
      : await this.store.update(entry.key, 'REMOVE duePk, dueSk, sweepLeaseUntil', { condition: 'dueSk = :read', values: { ':read': entry.dueSk } });
    return out !== undefined;
  }

  async get(tenantId: string, ticketId: string, ref: HolderRef): Promise<{ holder: LadderHolder; rev: number } | undefined> {
    const kind = holderItems(ref.kind);
    if (!kind) return undefined;
    const item = await this.store.get(kind.key(tenantId, ticketId, ref.id), true);
    return item ? kind.read(item) : undefined;
  }

  async advance(tenantId: string, ticketId: string, ref: HolderRef, expectedRev: number, clocks: Clock[], now: string, message: OutboxMessage): Promise<boolean> {
    const kind = holderItems(ref.kind);
    if (!kind) return false;
    const item = await this.store.get(kind.key(tenantId, ticketId, ref.id), true);
    if (!item || Number(item.rev) !== expectedRev) return false;
    const next = kind.advanced(item, clocks, now);
    if (!next) return false;
    // the message first: a crash after it leaves the notice told (the sweep sends it) and the clock to advance on the next job
    await this.store.put(holderOutboxItem(tenantId, ticketId, message));
    return this.store.put(next, { expression: 'attribute_exists(pk) AND rev = :rev', values: { ':rev': expectedRev } });
  }
}
