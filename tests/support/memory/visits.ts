import { FindingTicket, type Visit } from '@whistle/shared';
import type { StoredVisit, VisitPage, VisitRepository } from '../../../functions/src/ports.js';
import { indexKeys, keys } from '../../../functions/src/store/keys.js';
import { storedVisit, visitItem } from '../../../functions/src/store/visit-store.js';
import { roundTrip, type Item, type MemoryTable } from './table.js';

/**
 * Visits in memory, as functions/src/store/visit-store.ts keeps them: the same
 * item (`visitItem`: its three index places), created only if absent, read
 * newest first from each index (from a cursor, or from a position `before`),
 * and a finding's ticket linked only while the finding has none.
 */
export class MemoryVisits implements VisitRepository {
  constructor(private readonly table: MemoryTable) {}

  async create(visit: Visit, requestHash: string): Promise<boolean> {
    const item = visitItem(visit, requestHash) as Item & { pk: string; sk: string };
    await roundTrip();
    return this.table.put(item, (current) => current === undefined);
  }

  async get(tenantId: string, visitId: string): Promise<StoredVisit | undefined> {
    await roundTrip();
    const item = this.table.get(keys.visit(tenantId, visitId));
    return item ? storedVisit(item) : undefined;
  }

  private async page(index: 'gsi1' | 'gsi2' | 'gsi3', pk: string, page: { cursor?: string; before?: string; limit: number }): Promise<VisitPage> {
    await roundTrip();
    const { before } = page;
    const out = this.table.query(
      { index, pk, forward: false, limit: page.limit, ...(before ? { range: (sk: string) => sk < before } : {}) },
      before ? undefined : page.cursor,
    );
    return { items: out.items.filter((i) => i.entity === 'VISIT').map((i) => storedVisit(i).visit), ...(out.cursor ? { cursor: out.cursor } : {}) };
  }

  byEnterprise(tenantId: string, enterpriseId: string, page: { cursor?: string; before?: string; limit: number }): Promise<VisitPage> {
    return this.page('gsi1', indexKeys.enterpriseVisits(tenantId, enterpriseId), page);
  }

  byGridMonth(tenantId: string, gridId: string, month: string, page: { cursor?: string; limit: number }): Promise<VisitPage> {
    return this.page('gsi2', indexKeys.gridVisits(tenantId, gridId, month), page);
  }

  async allByGridMonth(tenantId: string, gridId: string, month: string): Promise<Visit[]> {
    await roundTrip();
    return this.table
      .queryAll({ index: 'gsi2', pk: indexKeys.gridVisits(tenantId, gridId, month), forward: false })
      .filter((i) => i.entity === 'VISIT')
      .map((i) => storedVisit(i).visit);
  }

  byCreator(tenantId: string, userId: string, page: { cursor?: string; limit: number }): Promise<VisitPage> {
    return this.page('gsi3', indexKeys.userVisits(tenantId, userId), page);
  }

  async linkTicket(tenantId: string, visitId: string, n: number, link: FindingTicket): Promise<Visit | undefined> {
    const parsed = FindingTicket.parse(link);
    await roundTrip();
    const out = this.table.update(keys.visit(tenantId, visitId), (current) => {
      const findings = Array.isArray(current?.findings) ? (current.findings as Array<Record<string, unknown>>) : undefined;
      const finding = findings?.[n];
      if (!current || !findings || !finding || finding.ticket !== undefined) return undefined;
      findings[n] = { ...finding, ticket: parsed };
      return { ...current, findings, rev: Number(current.rev) + 1 };
    });
    if (out) return storedVisit(out).visit;
    const now = await this.get(tenantId, visitId);
    return now?.visit.findings[n]?.ticket?.ticketId === parsed.ticketId ? now.visit : undefined;
  }
}
