import type { DueEntry, DueIndex, OutboxMessage, UndeliveredEntry } from '../ports.js';
import { stripKeys, type Item, type Store } from './dynamo.js';
import { indexKeys, keys } from './keys.js';
import { parseStored } from './ticket-store.js';

/**
 * The sweep's view of the table: the sparse `due` index (only tickets with a
 * pending escalation are in it, keyed by tenant shard and due instant), the
 * sweep lease, and the registry of tenants to sweep. The holders' partition
 * of the index is read and leased by holder-store.ts (only the functions that
 * sweep or escalate carry the holder kinds).
 */
/** A due-index ticket as the sweep sees it (parsed, or why not). */
function dueEntryOf(item: Item): DueEntry {
  const dueSk = String(item.dueSk);
  const ticketId = String(item.id ?? item.pk);
  try {
    return { ticketId, dueSk, stored: parseStored(item) };
  } catch (e) {
    return { ticketId, dueSk, error: e instanceof Error ? e.message : String(e) };
  }
}

export class DueStore implements DueIndex {
  constructor(private readonly store: Store) {}

  /** Tickets in one shard whose next look is at or before `now`: `duePk = :p AND dueSk <= :now~`. */
  async due(tenantId: string, shard: number, now: string, limit: number, cursor?: string): Promise<{ entries: DueEntry[]; scanned: number; cursor?: string }> {
    const out = await this.store.queryPage(
      {
        IndexName: 'due',
        KeyConditionExpression: 'duePk = :p AND dueSk <= :upTo',
        ExpressionAttributeValues: { ':p': indexKeys.dueShard(tenantId, shard), ':upTo': indexKeys.dueUpTo(now) },
        Limit: limit,
      },
      cursor,
    );
    const entries = out.items.map(dueEntryOf);
    return { entries, scanned: out.scanned, ...(out.cursor ? { cursor: out.cursor } : {}) };
  }

  /** Outbox messages in one shard not delivered by `now` (their records' partitions of the `due` index). */
  async undelivered(tenantId: string, shard: number, now: string, limit: number, cursor?: string): Promise<{ entries: UndeliveredEntry[]; scanned: number; cursor?: string }> {
    const out = await this.store.queryPage(
      {
        IndexName: 'due',
        KeyConditionExpression: 'duePk = :p AND dueSk <= :upTo',
        ExpressionAttributeValues: { ':p': indexKeys.outboxShard(tenantId, shard), ':upTo': indexKeys.dueUpTo(now) },
        Limit: limit,
      },
      cursor,
    );
    const entries = out.items.map((item) => ({
      ticketId: String(item.ticketId),
      dueSk: String(item.dueSk),
      message: item.message as OutboxMessage,
      attempts: Number(item.attempts ?? 0),
    }));
    return { entries, scanned: out.scanned, ...(out.cursor ? { cursor: out.cursor } : {}) };
  }

  /**
   * Takes the sweep lease on a ticket: moves its dueSk to `until`, only if it is
   * still the dueSk this sweep read. Of two sweeps that read the same ticket,
   * exactly one wins. Any commit of the ticket rewrites dueSk from its clocks,
   * which ends the lease early (as it should: the clocks changed).
   */
  async lease(tenantId: string, ticketId: string, readDueSk: string, until: string, leaseUntil: string): Promise<boolean> {
    const out = await this.store.update(keys.ticket(tenantId, ticketId), 'SET dueSk = :next, sweepLeaseUntil = :lease', {
      condition: 'dueSk = :read',
      values: { ':read': readDueSk, ':next': indexKeys.dueSk(until, ticketId), ':lease': leaseUntil },
    });
    return out !== undefined;
  }

  /**
   * Puts a ticket the index holds by mistake (nothing is due: a stale lease, a
   * clock met meanwhile) back where its clocks say, or out of the index.
   */
  async repair(tenantId: string, ticketId: string, readDueSk: string, next: string | undefined): Promise<boolean> {
    const out = next
      ? await this.store.update(keys.ticket(tenantId, ticketId), 'SET dueSk = :next REMOVE sweepLeaseUntil', {
          condition: 'dueSk = :read',
          values: { ':read': readDueSk, ':next': indexKeys.dueSk(next, ticketId) },
        })
      : await this.store.update(keys.ticket(tenantId, ticketId), 'REMOVE duePk, dueSk, sweepLeaseUntil', {
          condition: 'dueSk = :read',
          values: { ':read': readDueSk },
        });
    return out !== undefined;
  }

  /** Registers a tenant for the sweep (idempotent). */
  async registerTenant(tenantId: string, at: string): Promise<void> {
    await this.store.put({ ...keys.tenantRegistry(tenantId), entity: 'TENANT_REG', tenantId, at });
  }

  async tenants(): Promise<string[]> {
    const items = await this.store.queryAll({
      KeyConditionExpression: 'pk = :pk',
      ExpressionAttributeValues: { ':pk': keys.tenantRegistryPk },
    });
    return items.map((i) => String(stripKeys(i).tenantId ?? i.sk));
  }
}
