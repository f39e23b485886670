import { parseNoticeId, SupervisionNotice, type PendingEffects, type Ticket } from '@whistle/shared';
import type { ClaimLock, NoticeRepository, OutboxMessage, OutboxPort, StoredTicket, TicketRepository } from '../ports.js';
import { eachLimited } from '../services/each-limited.js';
import { stripKeys, type Item, type Store } from '../store/dynamo.js';
import { keys, noticeIndexAttributes, ticketIndexAttributes, type Key } from '../store/keys.js';
import { effectItems, parseStored, ticketItem } from '../store/ticket-items.js';

export type StagedTickets = Pick<TicketRepository, 'get' | 'create' | 'commit' | 'applyEffects' | 'settle' | 'nextNumber'>;
export type StagedNotices = Pick<NoticeRepository, 'create' | 'acknowledge' | 'nextNumber'>;

const id = (k: Key) => `${k.pk}\u0000${k.sk}`;
/** Items written per BatchWriteItem round (the store splits them into requests of 25) and rounds at once. */
const FLUSH_CHUNK = 100;
const FLUSH_CONCURRENCY = 4;

/**
 * Write-behind ticket, notice and outbox ports for a bulk load of many
 * commits (the demo history: some 2,400 commits, each one a conditional put,
 * a batch of timeline entries, index rows and outbox records, and a settle).
 * Each call does what the DynamoDB repositories do (store/ticket-store.ts,
 * notice-store.ts, outbox-store.ts), with the same item builders
 * (store/ticket-items.ts, keys.ts) and the same conditions — create if absent;
 * commit on the version, intake state and claim lock read; settle on the
 * version; a notice once; acknowledged once; delivered outbox records gone —
 * on a buffer of items; `flush` then writes what is left, the last state of
 * each item, in batches. The table ends up holding exactly what the calls one
 * by one would have left there, with a fraction of the writes (an index row
 * rewritten by every commit is written once, an outbox record written and
 * delivered never). Numbers are drawn from the real counters.
 *
 * For a load nobody reads while it runs (the local stack loads before it
 * serves): the conditions are checked against the buffer, not the table.
 */
export class StagedWrites {
  private readonly items = new Map<string, Item & Key>();
  readonly tickets: StagedTickets;
  readonly notices: StagedNotices;
  readonly outbox: Pick<OutboxPort, 'delivered'>;

  constructor(
    private readonly target: Pick<Store, 'batchWrite'>,
    counters: { tickets: Pick<TicketRepository, 'nextNumber'>; notices: Pick<NoticeRepository, 'nextNumber'> },
  ) {
    const items = this.items;
    const put = (item: Item & Key) => items.set(id(item), structuredClone(item));
    const current = (k: Key) => items.get(id(k));

    this.tickets = {
      async get(tenantId: string, ticketId: string): Promise<StoredTicket | undefined> {
        const item = current(keys.ticket(tenantId, ticketId));
        return item ? parseStored(structuredClone(item)) : undefined;
      },
      async create(ticket: Ticket, effects: PendingEffects, requestHash: string): Promise<boolean> {
        if (current(keys.ticket(ticket.tenantId, ticket.id))) return false;
        put(ticketItem(ticket, { pending: effects, intakePending: true, requestHash }));
        return true;
      },
      async commit(read: StoredTicket, next: Ticket, effects: PendingEffects, opts: { claimLock?: ClaimLock } = {}): Promise<boolean> {
        const item = current(keys.ticket(next.tenantId, next.id));
        if (!item || item.version !== read.ticket.version || item.intakePending !== undefined) return false;
        const held = (item.claimLock as { token?: string } | undefined)?.token;
        if (read.claimLock ? held !== read.claimLock.token : held !== undefined) return false;
        const keep = opts.claimLock ?? (next.status === 'published' ? read.claimLock : undefined);
        put(ticketItem(next, { pending: effects, ...(read.requestHash ? { requestHash: read.requestHash } : {}), ...(keep ? { claimLock: keep } : {}) }));
        return true;
      },
      async applyEffects(stored: StoredTicket): Promise<void> {
        const { puts, deletes } = effectItems(stored);
        for (const item of puts) put(item);
        for (const k of deletes) items.delete(id(k));
      },
      async settle(stored: StoredTicket): Promise<boolean> {
        const { ticket } = stored;
        const item = current(keys.ticket(ticket.tenantId, ticket.id));
        if (!item || item.version !== ticket.version) return false;
        // SET the index attributes REMOVE intakePending, pending (and the due entry when no step is due)
        const attrs = ticketIndexAttributes(ticket);
        const { intakePending: _i, pending: _p, ...rest } = item;
        const next: Item & Key = { ...rest, ...attrs };
        if (attrs.duePk === undefined) {
          delete next.duePk;
          delete next.dueSk;
        }
        put(next);
        return true;
      },
      nextNumber: (tenantId, year) => counters.tickets.nextNumber(tenantId, year),
    };

    const noticeKey = (tenantId: string, noticeId: string) => {
      const p = parseNoticeId(noticeId);
      return p ? keys.notice(tenantId, p.ticketId, p.clockId, p.level, p.cycle) : undefined;
    };
    this.notices = {
      async create(notice: SupervisionNotice, cycle: number): Promise<boolean> {
        const parsed = SupervisionNotice.parse(notice);
        const key = keys.notice(parsed.tenantId, parsed.ticketId, parsed.clockId, parsed.level, cycle);
        if (current(key)) return false;
        put({ ...key, entity: 'NOTICE', ...parsed, cycle, ...noticeIndexAttributes(parsed) });
        return true;
      },
      async acknowledge(tenantId: string, noticeId: string, userId: string, at: string) {
        const key = noticeKey(tenantId, noticeId);
        const item = key ? current(key) : undefined;
        if (!key || !item) return undefined;
        if (item.acknowledgedAt !== undefined) return { notice: SupervisionNotice.parse(stripKeys(structuredClone(item))), alreadyAcknowledged: true };
        const next = { ...item, acknowledgedAt: at, acknowledgedBy: userId };
        put(next);
        return { notice: SupervisionNotice.parse(stripKeys(structuredClone(next))), alreadyAcknowledged: false };
      },
      nextNumber: (tenantId, at) => counters.notices.nextNumber(tenantId, at),
    };

    this.outbox = {
      async delivered(messages: readonly OutboxMessage[]): Promise<void> {
        for (const m of messages) if (m.ticketId) items.delete(id(keys.outboxRecord(m.tenantId, m.ticketId, m.id)));
      },
    };
  }

  /** items waiting to be written */
  get size(): number {
    return this.items.size;
  }

  /**
   * Writes the buffer (unconditional batch puts) and empties it. Ticket items go
   * last: a flush cut short never leaves a ticket without its timeline and rows.
   */
  async flush(): Promise<void> {
    const all = [...this.items.values()];
    const ordered = [...all.filter((i) => i.sk !== 'TICKET'), ...all.filter((i) => i.sk === 'TICKET')];
    const chunks = Array.from({ length: Math.ceil(ordered.length / FLUSH_CHUNK) }, (_, c) => ordered.slice(c * FLUSH_CHUNK, (c + 1) * FLUSH_CHUNK));
    const tickets = chunks.filter((c) => c.some((i) => i.sk === 'TICKET'));
    await eachLimited(chunks.filter((c) => !tickets.includes(c)), FLUSH_CONCURRENCY, (chunk) => this.target.batchWrite(chunk));
    await eachLimited(tickets, FLUSH_CONCURRENCY, (chunk) => this.target.batchWrite(chunk));
    this.items.clear();
  }
}
