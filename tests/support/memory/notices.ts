import { localDate, parseNoticeId, SupervisionNotice, type NoticeCounts, type SupervisionLevel } from '@whistle/shared';
import type { NoticeFilter, NoticeRepository } from '../../../functions/src/ports.js';
import { indexKeys, keys, noticeIndexAttributes } from '../../../functions/src/store/keys.js';
import { nextCount, roundTrip, stripKeys, type MemoryTable } from './table.js';

const PAGE = 50;

/**
 * 督办单 in memory, as functions/src/store/notice-store.ts keeps them: in the
 * ticket's partition under `NOTICE#<clock>#<cycle>#<level>`, created only if
 * absent (so each exists once), acknowledged once, indexed by tenant and unit
 * by issue time; numbers DB<year>-000001 per tenant and local year.
 */
export class MemoryNotices implements NoticeRepository {
  constructor(private readonly table: MemoryTable) {}

  private keyOf(tenantId: string, id: string) {
    const p = parseNoticeId(id);
    return p ? keys.notice(tenantId, p.ticketId, p.clockId, p.level, p.cycle) : undefined;
  }

  async get(tenantId: string, id: string): Promise<SupervisionNotice | undefined> {
    const key = this.keyOf(tenantId, id);
    if (!key) return undefined;
    await roundTrip();
    const item = this.table.get(key);
    return item ? SupervisionNotice.parse(stripKeys(item)) : undefined;
  }

  async nextNumber(tenantId: string, at: string): Promise<string> {
    const year = Number(localDate(at).slice(0, 4));
    await roundTrip();
    const n = nextCount(this.table, keys.noticeCounter(tenantId, year));
    return `DB${year}-${String(n).padStart(6, '0')}`;
  }

  async create(notice: SupervisionNotice, cycle: number): Promise<boolean> {
    const parsed = SupervisionNotice.parse(notice);
    const item = {
      ...keys.notice(parsed.tenantId, parsed.ticketId, parsed.clockId, parsed.level, cycle),
      entity: 'NOTICE',
      ...parsed,
      cycle,
      ...noticeIndexAttributes(parsed),
    };
    await roundTrip();
    return this.table.put(item, (current) => current === undefined);
  }

  async acknowledge(tenantId: string, id: string, userId: string, at: string): Promise<{ notice: SupervisionNotice; alreadyAcknowledged: boolean } | undefined> {
    const key = this.keyOf(tenantId, id);
    if (!key) return undefined;
    await roundTrip();
    const out = this.table.update(key, (current) =>
      current && current.acknowledgedAt === undefined ? { ...current, acknowledgedAt: at, acknowledgedBy: userId } : undefined,
    );
    if (out) return { notice: SupervisionNotice.parse(stripKeys(out)), alreadyAcknowledged: false };
    const existing = await this.get(tenantId, id);
    return existing ? { notice: existing, alreadyAcknowledged: true } : undefined;
  }

  async byTicket(tenantId: string, ticketId: string, filter: NoticeFilter = {}): Promise<SupervisionNotice[]> {
    await roundTrip();
    return this.table
      .queryAll({ pk: keys.ticketPk(tenantId, ticketId), range: (sk) => sk.startsWith(keys.noticePrefix) })
      .map((i) => SupervisionNotice.parse(stripKeys(i)))
      .filter((n) => (!filter.level || n.level === filter.level) && (!filter.from || n.issuedAt >= filter.from) && (!filter.to || n.issuedAt <= filter.to))
      .sort((a, b) => (a.issuedAt < b.issuedAt ? 1 : a.issuedAt > b.issuedAt ? -1 : 0));
  }

  /** the tickets' partitions (the store reads the tenant index past a few tickets: the same counts) */
  async countsByTicket(tenantId: string, ticketIds: readonly string[], since: string): Promise<Map<string, NoticeCounts>> {
    const counts = new Map<string, Record<SupervisionLevel, number>>();
    for (const id of new Set(ticketIds)) {
      const notices = await this.byTicket(tenantId, id, { from: since });
      if (notices.length === 0) continue;
      const c = { reminder: 0, urge: 0, warning: 0 };
      for (const n of notices) c[n.level] += 1;
      counts.set(id, c);
    }
    return counts;
  }

  byTenant = (tenantId: string, filter: NoticeFilter, cursor?: string) => this.page('gsi1', indexKeys.tenantNotices(tenantId), filter, cursor);

  byUnit = (tenantId: string, unitId: string, filter: NoticeFilter, cursor?: string) => this.page('gsi2', indexKeys.unitNotices(tenantId, unitId), filter, cursor);

  /** newest first, the time range on the index key, the level filtered after the page is read (as a FilterExpression) */
  private async page(index: 'gsi1' | 'gsi2', pk: string, filter: NoticeFilter, cursor: string | undefined): Promise<{ items: SupervisionNotice[]; cursor?: string }> {
    const { from, to, level } = filter;
    await roundTrip();
    const out = this.table.query(
      {
        index,
        pk,
        range: (sk) => (from === undefined || sk >= from) && (to === undefined || sk <= `${to}~`),
        forward: false,
        limit: PAGE,
        ...(level ? { filter: (i) => i.level === level } : {}),
      },
      cursor,
    );
    return { items: out.items.map((i) => SupervisionNotice.parse(stripKeys(i))), ...(out.cursor ? { cursor: out.cursor } : {}) };
  }
}
