import type { DueEntry, DueIndex, OutboxMessage, UndeliveredEntry } from '../../../functions/src/ports.js';
import { indexKeys, keys } from '../../../functions/src/store/keys.js';
import { roundTrip, stripKeys, type MemoryTable } from './table.js';
import { parseStored } from './tickets.js';

/**
 * The sweep's view in memory (functions/src/store/due-store.ts): the sparse
 * `due` index over the ticket items' duePk/dueSk, which the ticket adapter
 * writes from ticketIndexAttributes / intakeRecoveryAttributes (store/keys.ts);
 * leases and repairs conditional on the dueSk read; the tenant registry.
 * The holders' partition of the index: MemoryHolders (holders.ts).
 */
export class MemoryDue implements DueIndex {
  constructor(private readonly table: MemoryTable) {}

  async due(tenantId: string, shard: number, now: string, limit: number, cursor?: string): Promise<{ entries: DueEntry[]; scanned: number; cursor?: string }> {
    const upTo = indexKeys.dueUpTo(now);
    await roundTrip();
    const out = this.table.query({ index: 'due', pk: indexKeys.dueShard(tenantId, shard), range: (sk) => sk <= upTo, limit }, cursor);
    const entries = out.items.map((item): DueEntry => {
      const dueSk = String(item.dueSk);
      const ticketId = String(item.id ?? item.pk);
      try {
        return { ticketId, dueSk, stored: parseStored(item) };
      } catch (e) {
        return { ticketId, dueSk, error: e instanceof Error ? e.message : String(e) };
      }
    });
    return { entries, scanned: out.scanned, ...(out.cursor ? { cursor: out.cursor } : {}) };
  }

  async undelivered(tenantId: string, shard: number, now: string, limit: number, cursor?: string): Promise<{ entries: UndeliveredEntry[]; scanned: number; cursor?: string }> {
    const upTo = indexKeys.dueUpTo(now);
    await roundTrip();
    const out = this.table.query({ index: 'due', pk: indexKeys.outboxShard(tenantId, shard), range: (sk) => sk <= upTo, limit }, cursor);
    const entries = out.items.map((item) => ({ ticketId: String(item.ticketId), dueSk: String(item.dueSk), message: item.message as OutboxMessage, attempts: Number(item.attempts ?? 0) }));
    return { entries, scanned: out.scanned, ...(out.cursor ? { cursor: out.cursor } : {}) };
  }

  async lease(tenantId: string, ticketId: string, readDueSk: string, until: string, leaseUntil: string): Promise<boolean> {
    await roundTrip();
    const out = this.table.update(keys.ticket(tenantId, ticketId), (current) =>
      current && current.dueSk === readDueSk ? { ...current, dueSk: indexKeys.dueSk(until, ticketId), sweepLeaseUntil: leaseUntil } : undefined,
    );
    return out !== undefined;
  }

  async repair(tenantId: string, ticketId: string, readDueSk: string, next: string | undefined): Promise<boolean> {
    await roundTrip();
    const out = this.table.update(keys.ticket(tenantId, ticketId), (current) => {
      if (!current || current.dueSk !== readDueSk) return undefined;
      const { sweepLeaseUntil: _l, duePk, dueSk: _d, ...rest } = current;
      return next ? { ...rest, duePk, dueSk: indexKeys.dueSk(next, ticketId) } : rest;
    });
    return out !== undefined;
  }

  async registerTenant(tenantId: string, at: string): Promise<void> {
    await roundTrip();
    this.table.put({ ...keys.tenantRegistry(tenantId), entity: 'TENANT_REG', tenantId, at });
  }

  async tenants(): Promise<string[]> {
    await roundTrip();
    return this.table.queryAll({ pk: keys.tenantRegistryPk }).map((i) => String(stripKeys(i).tenantId ?? i.sk));
  }
}
