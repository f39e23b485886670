import { OUTBOX_REDELIVERY_MS, type LadderHolders, type OutboxMessage } from '../ports.js';
import type { Clock, HolderRef, LadderHolder } from '@whistle/shared';
import type { Item, Store } from './dynamo.js';
import { holderItems } from './holder-items.js';
import { keys, outboxDueAttributes, type Key } from './keys.js';

/** The outbox record of a holder's message: in the holder's partition, due for the sweep until the notifier delivers it. */
export const holderOutboxItem = (tenantId: string, ticketId: string, message: OutboxMessage): Item & Key => ({
  ...keys.outboxRecord(tenantId, ticketId, message.id),
  entity: 'OUTBOX',
  ticketId,
  message,
  attempts: 0,
  ...outboxDueAttributes(tenantId, ticketId, new Date(Date.parse(message.at) + OUTBOX_REDELIVERY_MS).toISOString()),
});

/** Records of their own on the ladder, read and advanced by the escalation worker (holder-items.ts says which and where). */
export class HolderStore implements LadderHolders {
  constructor(private readonly store: Store) {}

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
