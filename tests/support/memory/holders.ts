import type { Clock, HolderRef, LadderHolder } from '@whistle/shared';
import type { HolderDueEntry, LadderHolders, OutboxMessage } from '../../../functions/src/ports.js';
import { holderDueEntryOf, holderItems } from '../../../functions/src/store/holder-items.js';
import { holderOutboxItem } from '../../../functions/src/store/holder-store.js';
import { indexKeys } from '../../../functions/src/store/keys.js';
import { roundTrip, type MemoryTable } from './table.js';

/**
 * Holders of their own in memory: the store's items and conditions (functions/src/store/holder-store.ts)
 * over the one table, their partition of the `due` index with leases and repairs conditional on the dueSk read.
 */
export class MemoryHolders implements LadderHolders {
  constructor(private readonly table: MemoryTable) {}

  async holdersDue(tenantId: string, now: string, limit: number, cursor?: string): Promise<{ entries: HolderDueEntry[]; scanned: number; cursor?: string }> {
    const upTo = indexKeys.dueUpTo(now);
    await roundTrip();
    const out = this.table.query({ index: 'due', pk: indexKeys.holderDue(tenantId), range: (sk) => sk <= upTo, limit }, cursor);
    return { entries: out.items.map(holderDueEntryOf), scanned: out.scanned, ...(out.cursor ? { cursor: out.cursor } : {}) };
  }

  async leaseHolder(entry: HolderDueEntry, until: string, leaseUntil: string): Promise<boolean> {
    await roundTrip();
    const out = this.table.update(entry.key, (current) =>
      current && current.dueSk === entry.dueSk ? { ...current, dueSk: indexKeys.dueSk(until, entry.ref.id), sweepLeaseUntil: leaseUntil } : undefined,
    );
    return out !== undefined;
  }

  async repairHolder(entry: HolderDueEntry, next: string | undefined): Promise<boolean> {
    await roundTrip();
    const out = this.table.update(entry.key, (current) => {
      if (!current || current.dueSk !== entry.dueSk) return undefined;
      const { sweepLeaseUntil: _l, duePk, dueSk: _d, ...rest } = current;
      return next ? { ...rest, duePk, dueSk: indexKeys.dueSk(next, entry.ref.id) } : rest;
    });
    return out !== undefined;
  }

  async get(tenantId: string, ticketId: string, ref: HolderRef): Promise<{ holder: LadderHolder; rev: number } | undefined> {
    await roundTrip();
    const kind = holderItems(ref.kind);
    const item = kind ? this.table.get(kind.key(tenantId, ticketId, ref.id)) : undefined;
    return item && kind ? kind.read(item) : undefined;
  }

  async advance(tenantId: string, ticketId: string, ref: HolderRef, expectedRev: number, clocks: Clock[], now: string, message: OutboxMessage): Promise<boolean> {
    await roundTrip();
    const kind = holderItems(ref.kind);
    const item = kind ? this.table.get(kind.key(tenantId, ticketId, ref.id)) : undefined;
    if (!kind || !item || Number(item.rev) !== expectedRev) return false;
    const next = kind.advanced(item, clocks, now);
    if (!next) return false;
    this.table.put(holderOutboxItem(tenantId, ticketId, message));
    return this.table.put(next, (current) => current !== undefined && Number(current.rev) === expectedRev);
  }
}
