import type { Clock, HolderRef, LadderHolder } from '@whistle/shared';
import type { LadderHolders, OutboxMessage } from '../../../functions/src/ports.js';
import { holderItems } from '../../../functions/src/store/holder-items.js';
import { holderOutboxItem } from '../../../functions/src/store/holder-store.js';
import { roundTrip, type MemoryTable } from './table.js';

/** Holders of their own in memory: the store's items and conditions (functions/src/store/holder-store.ts) over the one table. */
export class MemoryHolders implements LadderHolders {
  constructor(private readonly table: MemoryTable) {}

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
