import { OPEN_STATUSES, StoreUnavailableError, Ticket, TimelineEntry, toCard, type FeedCard, type PendingEffects } from '@whistle/shared';
import { type ChangedTicket, type ClaimLock, type ClaimLockRequest, type CreatedRange, type StoredTicket, type TicketPage, type TicketRepository } from '../../../functions/src/ports.js';
import { indexKeys, keys, ticketIndexAttributes } from '../../../functions/src/store/keys.js';
import { changedTicketOf, effectItems, mergedBefore, mergedPage, parseStored, parseTicketNumber, periodTicketsOf, ticketItem, ticketNumber } from '../../../functions/src/store/ticket-items.js';
import { nextCount, roundTrip, stripKeys, type Item, type MemoryQuery, type MemoryTable } from './table.js';

export { parseStored };

const heldLock = (item: Item): Partial<ClaimLock> | undefined => item.claimLock as Partial<ClaimLock> | undefined;

/**
 * The ticket repository in memory, with the DynamoDB store's semantics
 * (functions/src/store/ticket-store.ts): the same items and index rows, and
 * the same conditions on create, commit, claim lock and settle, each checked
 * and written in one step.
 */
export class MemoryTickets implements TicketRepository {
  private applyFailures = 0;

  constructor(private readonly table: MemoryTable) {}

  /** the next n applyEffects fail with StoreUnavailableError, as when the writer dies after its commit */
  failApplyNext(n = 1): void {
    this.applyFailures = n;
  }

  async get(tenantId: string, ticketId: string): Promise<StoredTicket | undefined> {
    await roundTrip();
    const item = this.table.get(keys.ticket(tenantId, ticketId));
    return item ? parseStored(item) : undefined;
  }

  async getWithTimeline(tenantId: string, ticketId: string): Promise<{ stored: StoredTicket; timeline: TimelineEntry[] } | undefined> {
    await roundTrip();
    const items = this.table.queryAll({ pk: keys.ticketPk(tenantId, ticketId) });
    const head = items.find((i) => i.sk === 'TICKET');
    if (!head) return undefined;
    const timeline = items
      .filter((i) => typeof i.sk === 'string' && i.sk.startsWith(keys.timelinePrefix))
      .map((i) => TimelineEntry.parse(stripKeys(i)));
    return { stored: parseStored(head), timeline };
  }

  /**
   * `SET claimLock = if_not_exists(claimLock, :lock)` (or, taking over, `SET claimLock = :lock`), conditional on
   * the ticket existing, out of intake, published to one of the groups, and published or locked (taking over:
   * published, with no lock or an expired one); ALL_NEW.
   */
  async lockClaim(tenantId: string, ticketId: string, lock: ClaimLockRequest, opts: { takeOver?: boolean } = {}): Promise<{ holder: ClaimLock; stored?: StoredTicket } | undefined> {
    if (lock.groupIds.length === 0) return undefined;
    const mine: ClaimLock = { token: lock.token, unitId: lock.unitId, unitName: lock.unitName, until: lock.until };
    await roundTrip();
    const out = this.table.update(keys.ticket(tenantId, ticketId), (current) => {
      if (!current || current.intakePending !== undefined) return undefined;
      const groupIds = Array.isArray(current.groupIds) ? (current.groupIds as unknown[]) : [];
      if (!lock.groupIds.some((g) => groupIds.includes(g))) return undefined;
      const held = heldLock(current);
      if (opts.takeOver) {
        if (current.status !== 'published') return undefined;
        if (held !== undefined && !(String(held.until) < lock.now)) return undefined;
        return { ...current, claimLock: mine };
      }
      if (current.status !== 'published' && held === undefined) return undefined;
      return held === undefined ? { ...current, claimLock: mine } : current;
    });
    await roundTrip();
    if (!out) return undefined;
    const held = heldLock(out);
    const holder: ClaimLock = {
      token: String(held?.token ?? ''),
      unitId: String(held?.unitId ?? ''),
      unitName: String(held?.unitName ?? held?.unitId ?? ''),
      until: String(held?.until ?? ''),
    };
    return holder.token === lock.token ? { holder, stored: parseStored(out) } : { holder };
  }

  async create(ticket: Ticket, effects: PendingEffects, requestHash: string): Promise<boolean> {
    await roundTrip();
    return this.table.put(ticketItem(ticket, { pending: effects, intakePending: true, requestHash }), (current) => current === undefined);
  }

  async commit(read: StoredTicket, next: Ticket, effects: PendingEffects, opts: { claimLock?: ClaimLock } = {}): Promise<boolean> {
    const keep = opts.claimLock ?? (next.status === 'published' ? read.claimLock : undefined);
    const item = ticketItem(next, { pending: effects, ...(read.requestHash ? { requestHash: read.requestHash } : {}), ...(keep ? { claimLock: keep } : {}) });
    await roundTrip();
    return this.table.put(item, (current) => {
      if (!current || current.version !== read.ticket.version || current.intakePending !== undefined) return false;
      const held = heldLock(current);
      return read.claimLock ? held?.token === read.claimLock.token : held === undefined;
    });
  }

  async applyEffects(stored: StoredTicket): Promise<void> {
    if (this.applyFailures > 0) {
      this.applyFailures--;
      await roundTrip();
      throw new StoreUnavailableError(new Error('memory tickets: applyEffects failed (failApplyNext)'));
    }
    const { puts, deletes } = effectItems(stored);
    await roundTrip();
    for (const item of puts) this.table.put(item);
    for (const key of deletes) this.table.delete(key);
  }

  /** SET the index attributes REMOVE intakePending, pending (and an intake's recovery entry), if the version is still the one settled. */
  async settle(stored: StoredTicket): Promise<boolean> {
    const { ticket } = stored;
    const attrs = ticketIndexAttributes(ticket);
    const dropDue = attrs.duePk === undefined;
    await roundTrip();
    const out = this.table.update(keys.ticket(ticket.tenantId, ticket.id), (current) => {
      if (!current || current.version !== ticket.version) return undefined;
      const { intakePending: _i, pending: _p, ...rest } = current;
      const next: Item = { ...rest, ...attrs };
      if (dropDue) {
        delete next.duePk;
        delete next.dueSk;
      }
      return next;
    });
    return out !== undefined;
  }

  async releaseClaimLock(tenantId: string, ticketId: string, token: string): Promise<void> {
    await roundTrip();
    this.table.update(keys.ticket(tenantId, ticketId), (current) => {
      if (!current || (current.claimLock as { token?: string } | undefined)?.token !== token) return undefined;
      const { claimLock: _l, ...rest } = current;
      return rest;
    });
  }

  async nextNumber(tenantId: string, year: number): Promise<string> {
    await roundTrip();
    const n = nextCount(this.table, keys.counter(tenantId, `TICKET#${year}`));
    return ticketNumber(year, n);
  }

  async returnNumber(tenantId: string, number: string): Promise<void> {
    const drawn = parseTicketNumber(number);
    if (!drawn) return;
    await roundTrip();
    // back by one only while it is still the last number drawn (the store's `#n = :n`)
    this.table.update(keys.counter(tenantId, `TICKET#${drawn.year}`), (current) =>
      current && Number(current.value) === drawn.n ? { ...current, value: drawn.n - 1 } : undefined,
    );
  }

  async many(tenantId: string, ids: string[]): Promise<Ticket[]> {
    if (ids.length === 0) return [];
    await roundTrip();
    const byId = new Map<string, Ticket>();
    for (const id of new Set(ids)) {
      const item = this.table.get(keys.ticket(tenantId, id));
      if (!item || item.intakePending === true) continue;
      byId.set(id, parseStored(item).ticket);
    }
    return ids.flatMap((id) => (byId.has(id) ? [byId.get(id) as Ticket] : []));
  }

  private async ticketsFromIndex(tenantId: string, index: 'gsi1' | 'gsi2' | 'gsi3', pk: string, cursor: string | undefined, limit: number): Promise<TicketPage> {
    await roundTrip();
    const page = this.table.query({ index, pk, forward: false, limit }, cursor);
    const ids = page.items.map((i) => (i.entity === 'TICKET' ? String(i.id) : String(i.ticketId)));
    const direct = new Map(page.items.filter((i) => i.entity === 'TICKET').map((i) => [String(i.id), parseStored(i).ticket]));
    const missing = ids.filter((id) => !direct.has(id));
    const loaded = new Map((await this.many(tenantId, missing)).map((t) => [t.id, t]));
    const items = [...new Set(ids)].flatMap((id) => {
      const t = direct.get(id) ?? loaded.get(id);
      return t ? [t] : [];
    });
    return { items, ...(page.cursor ? { cursor: page.cursor } : {}) };
  }

  byEnterprise = (tenantId: string, enterpriseId: string, cursor?: string, limit = 20) =>
    this.ticketsFromIndex(tenantId, 'gsi1', indexKeys.enterpriseTickets(tenantId, enterpriseId), cursor, limit);

  async enterpriseTicketsBefore(tenantId: string, enterpriseId: string, before: string | undefined, limit: number): Promise<Ticket[]> {
    await roundTrip();
    const page = this.table.query({ index: 'gsi1', pk: indexKeys.enterpriseTickets(tenantId, enterpriseId), range: (sk) => before === undefined || sk < before, forward: false, limit });
    return page.items.filter((i) => i.entity === 'TICKET').map((i) => parseStored(i).ticket);
  }

  async byEnterprises(tenantId: string, enterpriseIds: readonly string[], cursor?: string, limit = 20): Promise<TicketPage> {
    const before = mergedBefore(cursor);
    await roundTrip();
    const pages = enterpriseIds.map((id) =>
      this.table.query({ index: 'gsi1', pk: indexKeys.enterpriseTickets(tenantId, id), forward: false, limit, ...(before ? { range: (sk: string) => sk < before } : {}) }),
    );
    return mergedPage(pages, limit);
  }
  byUnit = (tenantId: string, unitId: string, cursor?: string, limit = 20) =>
    this.ticketsFromIndex(tenantId, 'gsi2', indexKeys.unitTickets(tenantId, unitId), cursor, limit);
  byLeader = (tenantId: string, userId: string, cursor?: string, limit = 20) =>
    this.ticketsFromIndex(tenantId, 'gsi2', indexKeys.leaderTickets(tenantId, userId), cursor, limit);
  deskQueue = (tenantId: string, cursor?: string, limit = 50) => this.ticketsFromIndex(tenantId, 'gsi2', indexKeys.deskQueue(tenantId), cursor, limit);
  byTenant = (tenantId: string, cursor?: string, limit = 20) => this.ticketsFromIndex(tenantId, 'gsi3', indexKeys.tenantTickets(tenantId), cursor, limit);

  /** the period's range of the tenant index, oldest first; for a unit, filtered as the store's query and then exactly */
  async createdBetween(
    tenantId: string,
    range: CreatedRange,
    opts: { unitId?: string; cursor?: string; limit?: number } = {},
  ): Promise<TicketPage & { scanned: number }> {
    const { unitId } = opts;
    await roundTrip();
    const out = this.table.query(
      {
        index: 'gsi3',
        pk: indexKeys.tenantTickets(tenantId),
        range: (sk) => sk >= range.from && sk <= range.to,
        forward: true,
        limit: opts.limit ?? 200,
        ...(unitId ? { filter: (i: Item) => i.handlingUnitId === unitId || i.joint !== undefined || i.plan !== undefined } : {}),
      },
      opts.cursor,
    );
    const items = periodTicketsOf(out.items, unitId);
    return { items, scanned: out.scanned, ...(out.cursor ? { cursor: out.cursor } : {}) };
  }

  async openTickets(tenantId: string, maxItems: number): Promise<{ items: Ticket[]; scanned: number; truncated: boolean }> {
    const items: Ticket[] = [];
    const q: MemoryQuery = { index: 'gsi3', pk: indexKeys.tenantTickets(tenantId), forward: false, filter: (i) => (OPEN_STATUSES as readonly string[]).includes(String(i.status)) };
    let cursor: string | undefined;
    let read = 0;
    do {
      const limit = Math.min(200, maxItems - read);
      if (limit <= 0) return { items, scanned: read, truncated: true };
      await roundTrip();
      const out = this.table.query({ ...q, limit }, cursor);
      read += out.scanned;
      for (const item of out.items) {
        if (item.entity !== 'TICKET') continue;
        const parsed = Ticket.safeParse(stripKeys(item));
        if (parsed.success) items.push(parsed.data);
      }
      cursor = out.cursor;
    } while (cursor);
    return { items, scanned: read, truncated: false };
  }

  /** the `changed` index from `since` (`changedSk > since`), oldest change first; a page is at most 500 rows here */
  async changedSince(tenantId: string, since: string | undefined, cursor?: string): Promise<{ items: ChangedTicket[]; cursor?: string }> {
    await roundTrip();
    const out = this.table.query({ index: 'changed', pk: indexKeys.tenantChanges(tenantId), ...(since === undefined ? {} : { range: (sk) => sk > since }), forward: true, limit: 500 }, cursor);
    return { items: out.items.flatMap((i) => changedTicketOf(i) ?? []), ...(out.cursor ? { cursor: out.cursor } : {}) };
  }

  async feed(tenantId: string, groupId: string, cursor: string | undefined, limit: number): Promise<{ cards: FeedCard[]; cursor?: string }> {
    await roundTrip();
    const page = this.table.query({ pk: keys.feedPk(tenantId, groupId), forward: false, limit }, cursor);
    const tickets = await this.many(tenantId, page.items.map((i) => String(i.ticketId)));
    return { cards: tickets.map((t) => toCard(groupId, t)), ...(page.cursor ? { cursor: page.cursor } : {}) };
  }

  async feedSince(tenantId: string, groupId: string, since: string, limit: number): Promise<{ cards: FeedCard[]; next?: string }> {
    await roundTrip();
    const page = this.table.query({ index: 'gsi1', pk: indexKeys.groupActivity(tenantId, groupId), range: (sk) => sk > since, forward: true, limit });
    const tickets = await this.many(tenantId, page.items.map((i) => String(i.ticketId)));
    const last = page.items.at(-1)?.gsi1sk;
    return {
      cards: tickets.map((t) => toCard(groupId, t)).reverse(),
      ...(page.cursor && typeof last === 'string' ? { next: last } : {}),
    };
  }
}

