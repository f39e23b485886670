import { CATEGORIES, handledBy, Ticket, TICKET_STATUSES, ValidationError, type PendingEffects } from '@whistle/shared';
import { OUTBOX_REDELIVERY_MS, type ChangedTicket, type ClaimLock, type StoredTicket, type TicketPage } from '../ports.js';
import { decodeCursor, encodeCursor, stripKeys, type Item } from './dynamo.js';
import { indexKeys, keys, outboxDueAttributes, ticketItemAttributes, type Key } from './keys.js';

/**
 * The items of a ticket, as data: the ticket item as a commit writes it, as
 * read back, and the items applying a commit's effects writes. The DynamoDB
 * repository (ticket-store.ts) and its in-memory twin (tests/support/memory)
 * both build them here, so they store exactly the same things.
 */
/** A ticket item as read (from the table or an index with projection ALL). */
export function parseStored(item: Item): StoredTicket {
  const rest = stripKeys(item);
  const ticket = Ticket.parse(rest);
  const stored: StoredTicket = { ticket };
  if (item.pending) stored.pending = item.pending as PendingEffects;
  if (item.intakePending === true) stored.intakePending = true;
  if (typeof item.requestHash === 'string') stored.requestHash = item.requestHash;
  const lock = item.claimLock as Partial<ClaimLock> | undefined;
  if (lock && typeof lock.token === 'string') {
    stored.claimLock = { token: lock.token, unitId: String(lock.unitId ?? ''), unitName: String(lock.unitName ?? lock.unitId ?? ''), until: String(lock.until ?? '') };
  }
  return stored;
}

export function ticketItem(t: Ticket, extra: { pending?: PendingEffects; intakePending?: boolean; requestHash?: string; claimLock?: ClaimLock }): Item & Key {
  return {
    ...keys.ticket(t.tenantId, t.id),
    entity: 'TICKET',
    ...t,
    // a ticket still in intake is in no list or feed; only the sweep finds it, to finish it if nobody retries;
    // one with effects not yet applied is due for the sweep soon, in case its writer died
    ...ticketItemAttributes(t, { intakePending: extra.intakePending === true, pending: extra.pending !== undefined }),
    ...(extra.intakePending ? { intakePending: true } : {}),
    ...(extra.pending ? { pending: extra.pending } : {}),
    ...(extra.requestHash ? { requestHash: extra.requestHash } : {}),
    ...(extra.claimLock ? { claimLock: extra.claimLock } : {}),
  };
}


/** Items that exist only to index the ticket: feed rows, co-unit tasks, desk entry, leader link. */
function indexWrites(t: Ticket): { puts: Array<Item & Key>; deletes: Key[] } {
  const puts: Array<Item & Key> = [];
  const deletes: Key[] = [];
  for (const groupId of t.groupIds) {
    puts.push({
      ...keys.feedEntry(t.tenantId, groupId, t.createdAt, t.id),
      entity: 'FEED',
      ticketId: t.id,
      groupId,
      gsi1pk: indexKeys.groupActivity(t.tenantId, groupId),
      gsi1sk: `${t.updatedAt}#${t.id}`,
    });
  }
  // a co-unit of the joint handling, or a unit of the plan's team (an item's owner): the ticket is in its list
  const linked = new Set(t.joint?.coUnits.map((c) => c.unitId) ?? []);
  for (const c of t.plan?.coUnits ?? []) if (c.unitId !== t.handlingUnitId) linked.add(c.unitId);
  for (const unitId of linked) {
    const co = { unitId };
    puts.push({
      ...keys.coUnitTask(t.tenantId, t.id, co.unitId),
      entity: 'TASK',
      ticketId: t.id,
      unitId: co.unitId,
      gsi2pk: indexKeys.unitTickets(t.tenantId, co.unitId),
      gsi2sk: `${t.updatedAt}#${t.id}`,
    });
  }
  if (t.desk?.state === 'waiting') {
    puts.push({
      ...keys.deskEntry(t.tenantId, t.id),
      entity: 'DESK',
      ticketId: t.id,
      gsi2pk: indexKeys.deskQueue(t.tenantId),
      gsi2sk: `${t.createdAt}#${t.id}`,
    });
  } else if (t.desk) {
    deletes.push(keys.deskEntry(t.tenantId, t.id));
  }
  if (t.leader) {
    puts.push({
      ...keys.leaderLink(t.tenantId, t.id),
      entity: 'LEADER',
      ticketId: t.id,
      gsi2pk: indexKeys.leaderTickets(t.tenantId, t.leader.userId),
      gsi2sk: `${t.updatedAt}#${t.id}`,
    });
  }
  return { puts, deletes };
}

/**
 * What applying a commit's effects writes (idempotent: the same keys every
 * time): its timeline entries, the ticket's index items, and one outbox record
 * per message, which stays until the notifier has delivered it, due for the
 * sweep to send it again if that has not happened OUTBOX_REDELIVERY_MS after the commit.
 */
export function effectItems(stored: StoredTicket): { puts: Array<Item & Key>; deletes: Key[] } {
  const { ticket, pending } = stored;
  const index = indexWrites(ticket);
  const entries = (pending?.entries ?? []).map((e, i) => ({ ...keys.timeline(ticket.tenantId, ticket.id, ticket.version, i), entity: 'TL', ...e }));
  const outbox = (pending?.notifications ?? []).map((message) => ({
    ...keys.outboxRecord(ticket.tenantId, ticket.id, message.id),
    entity: 'OUTBOX',
    ticketId: ticket.id,
    message,
    attempts: 0,
    ...outboxDueAttributes(ticket.tenantId, ticket.id, new Date(Date.parse(message.at) + OUTBOX_REDELIVERY_MS).toISOString()),
  }));
  return { puts: [...entries, ...index.puts, ...outbox], deletes: index.deletes };
}

/** A row of the `changed` index (projected) as what it says of its ticket; undefined when it is not a ticket's. */
export function changedTicketOf(item: Item): ChangedTicket | undefined {
  const str = (k: string) => (typeof item[k] === 'string' ? (item[k] as string) : undefined);
  const [id, enterpriseId, number, title, updatedAt] = [str('id'), str('enterpriseId'), str('number'), str('title'), str('updatedAt')];
  const category = CATEGORIES.find((c) => c === item.category);
  const status = TICKET_STATUSES.find((x) => x === item.status);
  if (!id || !enterpriseId || !number || title === undefined || !updatedAt || !category || !status) return undefined;
  const commonIssue = item.commonIssue as { id?: unknown } | undefined;
  return {
    id,
    enterpriseId,
    enterpriseName: str('enterpriseName') ?? '',
    number,
    category,
    title,
    description: str('description') ?? '',
    status,
    updatedAt,
    ...(typeof commonIssue?.id === 'string' ? { commonIssueId: commonIssue.id } : {}),
  };
}

/** A period's index items as tickets: the ticket items only, and for a unit those it handles or co-handles (the filter only narrowed them). */
export const periodTicketsOf = (items: readonly Item[], unitId: string | undefined): Ticket[] =>
  items.flatMap((item) => {
    if (item.entity !== 'TICKET') return [];
    const { ticket } = parseStored(item);
    return !unitId || handledBy(ticket, unitId) ? [ticket] : [];
  });

// ── several enterprises' tickets in one list (byEnterprises) ────────────────

/** The enterprises' tickets queried at once per page (a commissioner serves a few dozen at most; an area, a few hundred). */
export const ENTERPRISES_AT_ONCE = 8;

/** Where a merged list of several enterprises' tickets goes on: before this index sort key (`createdAt#id`). */
export function mergedBefore(cursor: string | undefined): string | undefined {
  if (cursor === undefined) return undefined;
  const before = decodeCursor(cursor).before;
  if (typeof before !== 'string' || !/^\d{4}-\d{2}-\d{2}T[^#]+#[A-Za-z0-9_-]+$/.test(before)) {
    throw new ValidationError([{ field: 'cursor', message: '分页游标无效，请从第一页重新加载' }]);
  }
  return before;
}

/**
 * One page of several enterprises' tickets, newest first: each enterprise's newest `limit` rows (after the
 * cursor) merged. The newest `limit` of those are the newest of all; more may follow when any enterprise had
 * more, or the merge more than a page.
 */
export function mergedPage(pages: ReadonlyArray<{ items: readonly Item[]; cursor?: string | undefined }>, limit: number): TicketPage {
  const rows = pages.flatMap((p) => p.items).sort((a, b) => (String(a.gsi1sk) < String(b.gsi1sk) ? 1 : String(a.gsi1sk) > String(b.gsi1sk) ? -1 : 0));
  const page = rows.slice(0, limit);
  const more = rows.length > limit || pages.some((p) => p.cursor !== undefined);
  const last = page[page.length - 1];
  return {
    items: page.filter((i) => i.intakePending !== true).map((i) => parseStored(i).ticket),
    ...(more && last ? { cursor: encodeCursor({ before: String(last.gsi1sk) }) } : {}),
  };
}

/** A readable ticket number: the year and the count in it (2026, 123 → 2026-000123). */
export const ticketNumber = (year: number, n: number): string => `${year}-${String(n).padStart(6, '0')}`;

/** A readable ticket number's year and count (2026-000123 → 2026, 123); undefined for anything else. */
export function parseTicketNumber(number: string): { year: number; n: number } | undefined {
  const m = /^(\d{4})-(\d+)$/.exec(number);
  return m ? { year: Number(m[1]), n: Number(m[2]) } : undefined;
}
