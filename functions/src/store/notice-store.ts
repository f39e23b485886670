import { localDate, parseNoticeId, SUPERVISION_LEVELS, SupervisionNotice, type NoticeCounts, type SupervisionLevel } from '@whistle/shared';
import type { NoticeFilter, NoticeRepository } from '../ports.js';
import { Counter } from './counter.js';
import { stripKeys, type Item, type Store } from './dynamo.js';
import { indexKeys, keys, noticeIndexAttributes } from './keys.js';

/**
 * 督办单 (supervision notices). A notice lives in its ticket's partition under
 * `NOTICE#<clock>#<cycle>#<level>`, written with attribute_not_exists: that key
 * is what makes each notice exist once, however often a job runs. Indexed by
 * tenant (gsi1) and by responsible unit (gsi2), both by issue time.
 */
export type { NoticeFilter };

const PAGE = 50;
/** up to this many tickets, counting reads each one's partition; past it, the tenant's notice index */
const COUNT_BY_PARTITION_MAX = 50;
/** partitions read at once when counting by partition */
const COUNT_CONCURRENCY = 8;

const isLevel = (v: unknown): v is SupervisionLevel => (SUPERVISION_LEVELS as readonly unknown[]).includes(v);

export class NoticeStore implements NoticeRepository {
  private readonly numbers: Counter;
  private readonly countByPartitionMax: number;

  /** `countByPartitionMax`: see countsByTicket (tests set it to take either path) */
  constructor(
    private readonly store: Store,
    opts: { countByPartitionMax?: number } = {},
  ) {
    this.numbers = new Counter(store);
    this.countByPartitionMax = opts.countByPartitionMax ?? COUNT_BY_PARTITION_MAX;
  }

  private keyOf(tenantId: string, id: string) {
    const p = parseNoticeId(id);
    if (!p) return undefined;
    return keys.notice(tenantId, p.ticketId, p.clockId, p.level, p.cycle);
  }

  async get(tenantId: string, id: string): Promise<SupervisionNotice | undefined> {
    const key = this.keyOf(tenantId, id);
    if (!key) return undefined;
    const item = await this.store.get(key, true);
    return item ? SupervisionNotice.parse(stripKeys(item)) : undefined;
  }

  /** The next 督办单 number of the tenant in the (local) year of `at`: DB2026-000042. */
  async nextNumber(tenantId: string, at: string): Promise<string> {
    const year = Number(localDate(at).slice(0, 4));
    const n = await this.numbers.next(keys.noticeCounter(tenantId, year));
    return `DB${year}-${String(n).padStart(6, '0')}`;
  }

  /** Writes the notice unless one with its key exists; false when it already did. */
  async create(notice: SupervisionNotice, cycle: number): Promise<boolean> {
    const parsed = SupervisionNotice.parse(notice);
    return this.store.put(
      {
        ...keys.notice(parsed.tenantId, parsed.ticketId, parsed.clockId, parsed.level, cycle),
        entity: 'NOTICE',
        ...parsed,
        cycle,
        ...noticeIndexAttributes(parsed),
      },
      { expression: 'attribute_not_exists(pk)' },
    );
  }

  /** Sets acknowledgedAt once. Answers the notice and whether it had been acknowledged before. */
  async acknowledge(
    tenantId: string,
    id: string,
    userId: string,
    at: string,
  ): Promise<{ notice: SupervisionNotice; alreadyAcknowledged: boolean } | undefined> {
    const key = this.keyOf(tenantId, id);
    if (!key) return undefined;
    const out = await this.store.update(key, 'SET acknowledgedAt = :at, acknowledgedBy = :by', {
      condition: 'attribute_exists(pk) AND attribute_not_exists(acknowledgedAt)',
      values: { ':at': at, ':by': userId },
    });
    if (out) return { notice: SupervisionNotice.parse(stripKeys(out)), alreadyAcknowledged: false };
    const existing = await this.get(tenantId, id);
    return existing ? { notice: existing, alreadyAcknowledged: true } : undefined;
  }

  /** The notices of one ticket (its partition), newest first. */
  async byTicket(tenantId: string, ticketId: string, filter: NoticeFilter = {}): Promise<SupervisionNotice[]> {
    const items = await this.store.queryAll({
      KeyConditionExpression: 'pk = :pk AND begins_with(sk, :p)',
      ExpressionAttributeValues: { ':pk': keys.ticketPk(tenantId, ticketId), ':p': keys.noticePrefix },
      ConsistentRead: true,
    });
    return items
      .map((i) => SupervisionNotice.parse(stripKeys(i)))
      .filter(
        (n) =>
          (!filter.level || n.level === filter.level) &&
          (!filter.from || n.issuedAt >= filter.from) &&
          (!filter.to || n.issuedAt <= filter.to),
      )
      .sort((a, b) => (a.issuedAt < b.issuedAt ? 1 : a.issuedAt > b.issuedAt ? -1 : 0));
  }

  /**
   * The notices of these tickets, counted by level. Only the ticket id and
   * the level are returned of each. A few tickets (a unit's month): each
   * ticket's partition, its `NOTICE#` items. Many (a district's period): the
   * tenant's notice index from `since` on, read once in pages (no notice of
   * a ticket predates it, so nothing is missed), counting those of these
   * tickets: one query per MB of notices instead of one per ticket.
   */
  async countsByTicket(tenantId: string, ticketIds: readonly string[], since: string): Promise<Map<string, NoticeCounts>> {
    const wanted = new Set(ticketIds);
    const counts = new Map<string, Record<SupervisionLevel, number>>();
    const add = (item: Item) => {
      const id = String(item.ticketId);
      if (!wanted.has(id) || !isLevel(item.level)) return;
      let c = counts.get(id);
      if (!c) counts.set(id, (c = { reminder: 0, urge: 0, warning: 0 }));
      c[item.level] += 1;
    };
    const projection = { ProjectionExpression: 'ticketId, #level', ExpressionAttributeNames: { '#level': 'level' } };
    if (wanted.size === 0) return counts;
    if (wanted.size <= this.countByPartitionMax) {
      const ids = [...wanted];
      let next = 0;
      const worker = async () => {
        for (let i = next++; i < ids.length; i = next++) {
          const items = await this.store.queryAll({
            KeyConditionExpression: 'pk = :pk AND begins_with(sk, :p)',
            ExpressionAttributeValues: { ':pk': keys.ticketPk(tenantId, ids[i] ?? ''), ':p': keys.noticePrefix },
            ...projection,
          });
          items.forEach(add);
        }
      };
      await Promise.all(Array.from({ length: Math.min(COUNT_CONCURRENCY, ids.length) }, worker));
      return counts;
    }
    let cursor: string | undefined;
    do {
      const out = await this.store.queryPage(
        {
          IndexName: 'gsi1',
          KeyConditionExpression: 'gsi1pk = :pk AND gsi1sk >= :since',
          ExpressionAttributeValues: { ':pk': indexKeys.tenantNotices(tenantId), ':since': since },
          ...projection,
        },
        cursor,
      );
      out.items.forEach(add);
      cursor = out.cursor;
    } while (cursor);
    return counts;
  }

  byTenant = (tenantId: string, filter: NoticeFilter, cursor?: string) =>
    this.page('gsi1', indexKeys.tenantNotices(tenantId), filter, cursor);

  byUnit = (tenantId: string, unitId: string, filter: NoticeFilter, cursor?: string) =>
    this.page('gsi2', indexKeys.unitNotices(tenantId, unitId), filter, cursor);

  private async page(
    index: 'gsi1' | 'gsi2',
    pk: string,
    filter: NoticeFilter,
    cursor: string | undefined,
  ): Promise<{ items: SupervisionNotice[]; cursor?: string }> {
    const values: Item = { ':pk': pk };
    let range = '';
    if (filter.from && filter.to) {
      range = ` AND ${index}sk BETWEEN :from AND :to`;
      values[':from'] = filter.from;
      values[':to'] = `${filter.to}~`;
    } else if (filter.from) {
      range = ` AND ${index}sk >= :from`;
      values[':from'] = filter.from;
    } else if (filter.to) {
      range = ` AND ${index}sk <= :to`;
      values[':to'] = `${filter.to}~`;
    }
    if (filter.level) values[':level'] = filter.level;
    const out = await this.store.queryPage(
      {
        IndexName: index,
        KeyConditionExpression: `${index}pk = :pk${range}`,
        ...(filter.level ? { FilterExpression: '#level = :level', ExpressionAttributeNames: { '#level': 'level' } } : {}),
        ExpressionAttributeValues: values,
        ScanIndexForward: false,
        Limit: PAGE,
      },
      cursor,
    );
    return {
      items: out.items.map((i) => SupervisionNotice.parse(stripKeys(i))),
      ...(out.cursor ? { cursor: out.cursor } : {}),
    };
  }
}
