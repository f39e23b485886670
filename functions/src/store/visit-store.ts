import { FindingTicket, Visit } from '@whistle/shared';
import type { StoredVisit, VisitPage, VisitRepository } from '../ports.js';
import { stripKeys, type Item, type QueryInput, type Store } from './dynamo.js';
import { indexKeys, keys, visitIndexAttributes } from './keys.js';

/**
 * Visits (走访), one item each (`T#t#VISIT#<id>` / `VISIT`), in three
 * indexes sorted by the visit's place in time: its enterprise's (gsi1, the
 * ledger reads it from a position), its grid's month (gsi2, coverage) and its
 * logger's (gsi3, 我的走访). What must hold under concurrency is one
 * conditional write each:
 *
 * - one visit per id: the id derives from the logger and the request's
 *   Idempotency-Key, and the item is put `attribute_not_exists(pk)`;
 * - a finding links one ticket, once: `SET findings[n].ticket` conditional on
 *   the finding being there without a ticket (the ticket's own id derives from
 *   the visit and the finding, so racers raise the same ticket and the second
 *   link finds it linked).
 */
const ENTITY = 'VISIT';

export const visitItem = (visit: Visit, requestHash: string): Item => {
  const parsed = Visit.parse(visit);
  return { ...keys.visit(parsed.tenantId, parsed.id), entity: ENTITY, ...parsed, requestHash, ...visitIndexAttributes(parsed) };
};

/** The visit and its request's hash of a stored item. */
export function storedVisit(item: Item): StoredVisit {
  const { requestHash, ...rest } = stripKeys(item);
  return { visit: Visit.parse(rest), requestHash: typeof requestHash === 'string' ? requestHash : '' };
}

const visitsOf = (items: Item[]): Visit[] => items.filter((i) => i.entity === ENTITY).map((i) => storedVisit(i).visit);

export class VisitStore implements VisitRepository {
  constructor(private readonly store: Store) {}

  async create(visit: Visit, requestHash: string): Promise<boolean> {
    return this.store.put(visitItem(visit, requestHash), { expression: 'attribute_not_exists(pk)' });
  }

  async get(tenantId: string, visitId: string, consistent = false): Promise<StoredVisit | undefined> {
    const item = await this.store.get(keys.visit(tenantId, visitId), consistent);
    return item ? storedVisit(item) : undefined;
  }

  private async page(index: 'gsi1' | 'gsi2' | 'gsi3', pk: string, page: { cursor?: string; before?: string; limit: number }): Promise<VisitPage> {
    const input: QueryInput = {
      IndexName: index,
      KeyConditionExpression: page.before ? `${index}pk = :pk AND ${index}sk < :before` : `${index}pk = :pk`,
      ExpressionAttributeValues: { ':pk': pk, ...(page.before ? { ':before': page.before } : {}) },
      ScanIndexForward: false,
      Limit: page.limit,
    };
    const out = await this.store.queryPage(input, page.before ? undefined : page.cursor);
    return { items: visitsOf(out.items), ...(out.cursor ? { cursor: out.cursor } : {}) };
  }

  byEnterprise(tenantId: string, enterpriseId: string, page: { cursor?: string; before?: string; limit: number }): Promise<VisitPage> {
    return this.page('gsi1', indexKeys.enterpriseVisits(tenantId, enterpriseId), page);
  }

  byGridMonth(tenantId: string, gridId: string, month: string, page: { cursor?: string; limit: number }): Promise<VisitPage> {
    return this.page('gsi2', indexKeys.gridVisits(tenantId, gridId, month), page);
  }

  async allByGridMonth(tenantId: string, gridId: string, month: string): Promise<Visit[]> {
    const items = await this.store.queryAll({
      IndexName: 'gsi2',
      KeyConditionExpression: 'gsi2pk = :pk',
      ExpressionAttributeValues: { ':pk': indexKeys.gridVisits(tenantId, gridId, month) },
      ScanIndexForward: false,
    });
    return visitsOf(items);
  }

  byCreator(tenantId: string, userId: string, page: { cursor?: string; limit: number }): Promise<VisitPage> {
    return this.page('gsi3', indexKeys.userVisits(tenantId, userId), page);
  }

  async linkTicket(tenantId: string, visitId: string, n: number, link: FindingTicket): Promise<Visit | undefined> {
    if (!Number.isInteger(n) || n < 0) return undefined;
    const parsed = FindingTicket.parse(link);
    const finding = `findings[${n}]`;
    const out = await this.store.update(keys.visit(tenantId, visitId), `SET ${finding}.#ticket = :link, rev = rev + :one`, {
      condition: `attribute_exists(pk) AND attribute_exists(${finding}) AND attribute_not_exists(${finding}.#ticket)`,
      names: { '#ticket': 'ticket' },
      values: { ':link': parsed, ':one': 1 },
    });
    if (out) return storedVisit(out).visit;
    // refused: linked already (this ticket: done; another: never, the id derives from the finding), or no such finding
    const now = await this.get(tenantId, visitId, true);
    return now?.visit.findings[n]?.ticket?.ticketId === parsed.ticketId ? now.visit : undefined;
  }
}
