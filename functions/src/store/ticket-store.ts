import { OPEN_STATUSES, Ticket, TimelineEntry, toCard, type FeedCard, type PendingEffects } from '@whistle/shared';
import type { ChangedTicket, ClaimLock, ClaimLockRequest, CreatedRange, StoredTicket, TicketPage, TicketRepository } from '../ports.js';
import { ClaimLockWrites } from './claim-lock-writes.js';
import { Counter } from './counter.js';
import { stripKeys, type Item, type Store } from './dynamo.js';
import { indexKeys, keys, ticketIndexAttributes } from './keys.js';
import { changedTicketOf, effectItems, ENTERPRISES_AT_ONCE, mergedBefore, mergedPage, parseStored, parseTicketNumber, periodTicketsOf, ticketItem, ticketNumber } from './ticket-items.js';

export type { ClaimLock, PendingEffects, StoredTicket };
export { parseStored };

/** The ticket repository on DynamoDB (docs/data-model.md): the ticket item, its timeline, index rows and claim lock. */
export class TicketStore implements TicketRepository {
  private readonly numbers: Counter;
  private readonly claimLocks: ClaimLockWrites;

  constructor(private readonly store: Store) {
    this.numbers = new Counter(store);
    this.claimLocks = new ClaimLockWrites((tenantId, ticketId, lock) => this.writeClaimLock(tenantId, ticketId, lock, false));
  }

  async get(tenantId: string, ticketId: string, consistent = true): Promise<StoredTicket | undefined> {
    const item = await this.store.get(keys.ticket(tenantId, ticketId), consistent);
    return item ? parseStored(item) : undefined;
  }

  /** The ticket partition in one query: the ticket, its timeline, its notices. */
  async getWithTimeline(tenantId: string, ticketId: string): Promise<{ stored: StoredTicket; timeline: TimelineEntry[] } | undefined> {
    const items = await this.store.queryAll({
      KeyConditionExpression: 'pk = :pk',
      ExpressionAttributeValues: { ':pk': keys.ticketPk(tenantId, ticketId) },
      ConsistentRead: true,
    });
    const head = items.find((i) => i.sk === 'TICKET');
    if (!head) return undefined;
    const timeline = items
      .filter((i) => typeof i.sk === 'string' && i.sk.startsWith(keys.timelinePrefix))
      .map((i) => TimelineEntry.parse(stripKeys(i)));
    return { stored: parseStored(head), timeline };
  }

  /**
   * 发声认领, step one: a single write decides whose claim goes ahead. The
   * first request to write its lock on a published ticket holds it, and then
   * reads the ticket it guards (one read, for the winner only); everyone
   * else's write leaves the lock as it is and gets back who holds it, in the
   * same call (only the lock comes back: under contention, 199 losers do not
   * each receive and unmarshal the whole ticket). The write holds only while the
   * unit is in one of the ticket's groups and the ticket is published (a lock
   * is only ever written then) or still carries its winner's lock. A lock
   * expires (`takeOver`), so a crashed winner never blocks the ticket; the
   * winner's commit keeps its lock and the next commit drops it. Requests of
   * one unit on one ticket arriving while its write is in flight share the
   * next write (ClaimLockWrites): one of them may win, the others lose to the
   * lock that write leaves, as their own writes right after it would have.
   */
  async lockClaim(
    tenantId: string,
    ticketId: string,
    lock: ClaimLockRequest,
    opts: { takeOver?: boolean } = {},
  ): Promise<{ holder: ClaimLock; stored?: StoredTicket } | undefined> {
    if (lock.groupIds.length === 0) return undefined;
    const holder = opts.takeOver ? await this.writeClaimLock(tenantId, ticketId, lock, true) : await this.claimLocks.write(tenantId, ticketId, lock);
    if (!holder) return undefined;
    if (holder.token !== lock.token) return { holder };
    // the winner reads the ticket its lock guards (strongly consistent: it sees its own lock)
    const stored = await this.get(tenantId, ticketId);
    return stored ? { holder, stored } : undefined;
  }

  /** One claim-lock write: the lock now held (this one or the one there before), or undefined when the condition failed. */
  private async writeClaimLock(tenantId: string, ticketId: string, lock: ClaimLockRequest, takeOver: boolean): Promise<ClaimLock | undefined> {
    const groupValues = Object.fromEntries(lock.groupIds.map((g, i) => [`:g${i}`, g]));
    const inGroup = lock.groupIds.map((_, i) => `contains(groupIds, :g${i})`).join(' OR ');
    const mine: ClaimLock = { token: lock.token, unitId: lock.unitId, unitName: lock.unitName, until: lock.until };
    const out = await this.store.update(
      keys.ticket(tenantId, ticketId),
      takeOver ? 'SET claimLock = :lock' : 'SET claimLock = if_not_exists(claimLock, :lock)',
      {
        // a claimed ticket still carrying its winner's lock answers with it (if_not_exists leaves it);
        // a lock is only ever written on a published ticket
        condition: `attribute_exists(pk) AND attribute_not_exists(intakePending) AND (${inGroup}) AND ${
          takeOver
            ? '#status = :published AND (attribute_not_exists(claimLock) OR claimLock.#until < :now)'
            : '(#status = :published OR attribute_exists(claimLock))'
        }`,
        names: { '#status': 'status', ...(takeOver ? { '#until': 'until' } : {}) },
        values: { ':lock': mine, ':published': 'published', ...(takeOver ? { ':now': lock.now } : {}), ...groupValues },
        // only the lock comes back: 199 losers of a contended claim each unmarshal a small map, not the ticket
        returns: 'UPDATED_NEW',
      },
    );
    if (!out) return undefined;
    const held = out.claimLock as Partial<ClaimLock> | undefined;
    return {
      token: String(held?.token ?? ''),
      unitId: String(held?.unitId ?? ''),
      unitName: String(held?.unitName ?? held?.unitId ?? ''),
      until: String(held?.until ?? ''),
    };
  }

  /** Intake: creates the ticket if no ticket has this id. Returns false when it exists. */
  async create(ticket: Ticket, effects: PendingEffects, requestHash: string): Promise<boolean> {
    return this.store.put(ticketItem(ticket, { pending: effects, intakePending: true, requestHash }), {
      expression: 'attribute_not_exists(pk)',
    });
  }

  /**
   * Commits a transition: the new ticket with its effects, conditional on the
   * ticket as it was read: its version, and its claim lock. A claim lock is
   * written without a new version, so the condition names it too: a lock
   * taken since the read fails the commit, and the caller decides again with
   * the lock in view. The item is rewritten whole: the lock read is kept while
   * the ticket stays published (a claim in progress must not be lost under a
   * message or a notice), and the claim's own commit keeps its winner's lock,
   * so claims arriving after it read the winner from their lock write.
   */
  async commit(read: StoredTicket, next: Ticket, effects: PendingEffects, opts: { claimLock?: ClaimLock } = {}): Promise<boolean> {
    const keep = opts.claimLock ?? (next.status === 'published' ? read.claimLock : undefined);
    return this.store.put(
      ticketItem(next, { pending: effects, ...(read.requestHash ? { requestHash: read.requestHash } : {}), ...(keep ? { claimLock: keep } : {}) }),
      {
        expression: `#v = :v AND attribute_not_exists(intakePending) AND ${read.claimLock ? 'claimLock.#token = :lock' : 'attribute_not_exists(claimLock)'}`,
        names: { '#v': 'version', ...(read.claimLock ? { '#token': 'token' } : {}) },
        values: { ':v': read.ticket.version, ...(read.claimLock ? { ':lock': read.claimLock.token } : {}) },
      },
    );
  }

  /**
   * Writes a commit's timeline entries, index items and outbox records in one
   * batch (idempotent: the same keys every time). An outbox record stays until
   * the notifier has delivered its message, due for the sweep to send it again
   * if that has not happened OUTBOX_REDELIVERY_MS after the commit.
   */
  async applyEffects(stored: StoredTicket): Promise<void> {
    const { puts, deletes } = effectItems(stored);
    await this.store.batchWrite(puts, deletes);
  }

  /**
   * Puts the ticket in its indexes and clears its applied effects. An update,
   * not a put: attributes others wrote since the commit (a claim lock, a sweep
   * lease) stay; conditional on the version, so an older settle never touches a newer commit.
   */
  async settle(stored: StoredTicket): Promise<boolean> {
    const { ticket } = stored;
    const attrs = Object.entries(ticketIndexAttributes(ticket));
    const names = Object.fromEntries([['#v', 'version'], ...attrs.map(([k], i) => [`#a${i}`, k])]);
    const values = Object.fromEntries([[':v', ticket.version], ...attrs.map(([, v], i) => [`:a${i}`, v])]);
    const set = attrs.length ? `SET ${attrs.map((_, i) => `#a${i} = :a${i}`).join(', ')} ` : '';
    // a recovery entry in the due index (intake, or effects pending) goes when the ticket has no step due to take its place
    const dropDue = !attrs.some(([k]) => k === 'duePk') ? ', duePk, dueSk' : '';
    const out = await this.store.update(keys.ticket(ticket.tenantId, ticket.id), `${set}REMOVE intakePending, pending${dropDue}`, {
      condition: '#v = :v',
      names,
      values,
      returns: 'NONE',
    });
    return out !== undefined;
  }

  async releaseClaimLock(tenantId: string, ticketId: string, token: string): Promise<void> {
    await this.store.update(keys.ticket(tenantId, ticketId), 'REMOVE claimLock', {
      condition: 'claimLock.#token = :token',
      names: { '#token': 'token' },
      values: { ':token': token },
      returns: 'NONE',
    });
  }

  /** Next readable number for the tenant and year: 2026-000123 (ticketNumber; parseTicketNumber reads it back). */
  async nextNumber(tenantId: string, year: number): Promise<string> {
    const n = await this.numbers.next(keys.counter(tenantId, `TICKET#${year}`));
    return ticketNumber(year, n);
  }

  /** Gives back a number drawn and not used, while it is still the last drawn of its year (else a gap). */
  async returnNumber(tenantId: string, number: string): Promise<void> {
    const drawn = parseTicketNumber(number);
    if (drawn) await this.numbers.giveBack(keys.counter(tenantId, `TICKET#${drawn.year}`), drawn.n);
  }

  /** Loads tickets by id (for index rows), dropping any still in intake. */
  async many(tenantId: string, ids: string[]): Promise<Ticket[]> {
    if (ids.length === 0) return [];
    const items = await this.store.batchGet(ids.map((id) => keys.ticket(tenantId, id)));
    const byId = new Map<string, Ticket>();
    for (const item of items) {
      if (item.intakePending === true) continue;
      const s = parseStored(item);
      byId.set(s.ticket.id, s.ticket);
    }
    return ids.flatMap((id) => (byId.has(id) ? [byId.get(id) as Ticket] : []));
  }

  private async ticketsFromIndex(
    tenantId: string,
    index: 'gsi1' | 'gsi2' | 'gsi3',
    pk: string,
    cursor: string | undefined,
    limit: number,
  ): Promise<TicketPage> {
    const page = await this.store.queryPage(
      {
        IndexName: index,
        KeyConditionExpression: `${index}pk = :pk`,
        ExpressionAttributeValues: { ':pk': pk },
        ScanIndexForward: false,
        Limit: limit,
      },
      cursor,
    );
    // index rows may be tickets (META) or link items (tasks, desk, leader): resolve ids, keep order
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

  /** the enterprise's index (pattern 2) from a position: its ticket items only, created before `before` */
  async enterpriseTicketsBefore(tenantId: string, enterpriseId: string, before: string | undefined, limit: number): Promise<Ticket[]> {
    const page = await this.store.queryPage({
      IndexName: 'gsi1',
      KeyConditionExpression: before ? 'gsi1pk = :pk AND gsi1sk < :before' : 'gsi1pk = :pk',
      ExpressionAttributeValues: { ':pk': indexKeys.enterpriseTickets(tenantId, enterpriseId), ...(before ? { ':before': before } : {}) },
      ScanIndexForward: false,
      Limit: limit,
    });
    return page.items.filter((i) => i.entity === 'TICKET').map((i) => parseStored(i).ticket);
  }

  async byEnterprises(tenantId: string, enterpriseIds: readonly string[], cursor?: string, limit = 20): Promise<TicketPage> {
    const before = mergedBefore(cursor);
    const pages: Array<{ items: Item[]; cursor?: string }> = [];
    for (let i = 0; i < enterpriseIds.length; i += ENTERPRISES_AT_ONCE) {
      pages.push(
        ...(await Promise.all(
          enterpriseIds.slice(i, i + ENTERPRISES_AT_ONCE).map((id) =>
            this.store.queryPage({
              IndexName: 'gsi1',
              KeyConditionExpression: before ? 'gsi1pk = :pk AND gsi1sk < :before' : 'gsi1pk = :pk',
              ExpressionAttributeValues: { ':pk': indexKeys.enterpriseTickets(tenantId, id), ...(before ? { ':before': before } : {}) },
              ScanIndexForward: false,
              Limit: limit,
            }),
          ),
        )),
      );
    }
    return mergedPage(pages, limit);
  }
  byUnit = (tenantId: string, unitId: string, cursor?: string, limit = 20) =>
    this.ticketsFromIndex(tenantId, 'gsi2', indexKeys.unitTickets(tenantId, unitId), cursor, limit);
  byLeader = (tenantId: string, userId: string, cursor?: string, limit = 20) =>
    this.ticketsFromIndex(tenantId, 'gsi2', indexKeys.leaderTickets(tenantId, userId), cursor, limit);
  deskQueue = (tenantId: string, cursor?: string, limit = 50) =>
    this.ticketsFromIndex(tenantId, 'gsi2', indexKeys.deskQueue(tenantId), cursor, limit);
  byTenant = (tenantId: string, cursor?: string, limit = 20) =>
    this.ticketsFromIndex(tenantId, 'gsi3', indexKeys.tenantTickets(tenantId), cursor, limit);

  /**
   * One page of the tickets created in [from, to): the range of the tenant's
   * ticket index (keyed by creation time), oldest first. A ticket still in
   * intake has no index entry, so it is not there. For a unit, the query
   * filters to the tickets it handles or that are in joint handling (a
   * co-unit is in a list inside the item, which a filter cannot name), and
   * the co-handled ones are kept here.
   */
  async createdBetween(
    tenantId: string,
    range: CreatedRange,
    opts: { unitId?: string; cursor?: string; limit?: number } = {},
  ): Promise<TicketPage & { scanned: number }> {
    const { unitId } = opts;
    const out = await this.store.queryPage(
      {
        IndexName: 'gsi3',
        // `to#id` sorts after `to`: BETWEEN keeps the end exclusive
        KeyConditionExpression: 'gsi3pk = :pk AND gsi3sk BETWEEN :from AND :to',
        // PLAN is one of DynamoDB's reserved words: named through an attribute name
        ...(unitId ? { FilterExpression: 'handlingUnitId = :unit OR attribute_exists(joint) OR attribute_exists(#plan)', ExpressionAttributeNames: { '#plan': 'plan' } } : {}),
        ExpressionAttributeValues: {
          ':pk': indexKeys.tenantTickets(tenantId),
          ':from': range.from,
          ':to': range.to,
          ...(unitId ? { ':unit': unitId } : {}),
        },
        ScanIndexForward: true,
        Limit: opts.limit ?? 200,
      },
      opts.cursor,
    );
    const items = periodTicketsOf(out.items, unitId);
    return { items, scanned: out.scanned, ...(out.cursor ? { cursor: out.cursor } : {}) };
  }

  /**
   * The tenant's open tickets from its ticket index, filtered in the query
   * (bounded: `maxItems` read at most; `truncated` says there were more).
   */
  async openTickets(tenantId: string, maxItems: number): Promise<{ items: Ticket[]; scanned: number; truncated: boolean }> {
    const items: Ticket[] = [];
    let cursor: string | undefined;
    let read = 0;
    do {
      const limit = Math.min(200, maxItems - read);
      if (limit <= 0) return { items, scanned: read, truncated: true };
      const out = await this.store.queryPage(
        {
          IndexName: 'gsi3',
          KeyConditionExpression: 'gsi3pk = :pk',
          FilterExpression: `#s IN (${OPEN_STATUSES.map((_, i) => `:s${i}`).join(', ')})`,
          ExpressionAttributeNames: { '#s': 'status' },
          ExpressionAttributeValues: { ':pk': indexKeys.tenantTickets(tenantId), ...Object.fromEntries(OPEN_STATUSES.map((s, i) => [`:s${i}`, s])) },
          ScanIndexForward: false,
          Limit: limit,
        },
        cursor,
      );
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

  /**
   * The tenant's tickets changed at or after `since`, oldest change first: one page (1 MB) of the sparse
   * `changed` index, projected (pattern 48). `changedSk > since` keeps a change at `since` itself
   * (`since#id` sorts after `since`).
   */
  async changedSince(tenantId: string, since: string | undefined, cursor?: string): Promise<{ items: ChangedTicket[]; cursor?: string }> {
    const page = await this.store.queryPage(
      {
        IndexName: 'changed',
        KeyConditionExpression: since === undefined ? 'changedPk = :pk' : 'changedPk = :pk AND changedSk > :since',
        ExpressionAttributeValues: { ':pk': indexKeys.tenantChanges(tenantId), ...(since === undefined ? {} : { ':since': since }) },
        ScanIndexForward: true,
      },
      cursor,
    );
    return { items: page.items.flatMap((i) => changedTicketOf(i) ?? []), ...(page.cursor ? { cursor: page.cursor } : {}) };
  }

  /** A group feed page, newest publication first. */
  async feed(tenantId: string, groupId: string, cursor: string | undefined, limit: number): Promise<{ cards: FeedCard[]; cursor?: string }> {
    const page = await this.store.queryPage(
      {
        KeyConditionExpression: 'pk = :pk',
        ExpressionAttributeValues: { ':pk': keys.feedPk(tenantId, groupId) },
        ScanIndexForward: false,
        Limit: limit,
      },
      cursor,
    );
    const tickets = await this.many(tenantId, page.items.map((i) => String(i.ticketId)));
    return { cards: tickets.map((t) => toCard(groupId, t)), ...(page.cursor ? { cursor: page.cursor } : {}) };
  }

  /**
   * Cards changed (or published) after `since`: what a polling view needs.
   * Read oldest change first, so that when more cards changed than `limit`,
   * `next` (the position of the last one answered) continues exactly there:
   * reading newest first would drop the older changes for good.
   */
  async feedSince(tenantId: string, groupId: string, since: string, limit: number): Promise<{ cards: FeedCard[]; next?: string }> {
    const page = await this.store.queryPage({
      IndexName: 'gsi1',
      KeyConditionExpression: 'gsi1pk = :pk AND gsi1sk > :since',
      ExpressionAttributeValues: { ':pk': indexKeys.groupActivity(tenantId, groupId), ':since': since },
      ScanIndexForward: true,
      Limit: limit,
    });
    const tickets = await this.many(tenantId, page.items.map((i) => String(i.ticketId)));
    const last = page.items.at(-1)?.gsi1sk;
    return {
      cards: tickets.map((t) => toCard(groupId, t)).reverse(),
      ...(page.cursor && typeof last === 'string' ? { next: last } : {}),
    };
  }
}
