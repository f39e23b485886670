import { AuditEntry } from '@whistle/shared';
import type { AuditLog, AuditQuery } from '../../../functions/src/ports.js';
import { auditFilter, auditItem } from '../../../functions/src/store/audit-items.js';
import { keys } from '../../../functions/src/store/keys.js';
import { roundTrip, stripKeys, type MemoryTable } from './table.js';

/** The audit trail in memory (functions/src/store/audit-store.ts): a partition per tenant and month, newest first. */
export class MemoryAudit implements AuditLog {
  constructor(private readonly table: MemoryTable) {}

  async record(entry: AuditEntry): Promise<void> {
    await roundTrip();
    this.table.put(auditItem(entry), (current) => current === undefined);
  }

  async list(tenantId: string, q: AuditQuery): Promise<{ items: AuditEntry[]; cursor?: string }> {
    await roundTrip();
    const page = this.table.query({ pk: keys.auditPk(tenantId, q.month), forward: false, limit: q.limit ?? 50 }, q.cursor);
    return { items: page.items.map((i) => AuditEntry.parse(stripKeys(i))).filter(auditFilter(q)), ...(page.cursor ? { cursor: page.cursor } : {}) };
  }
}
