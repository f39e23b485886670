import { AuditEntry } from '@whistle/shared';
import { stripKeys, type Store } from './dynamo.js';
import type { AuditLog, AuditQuery } from '../ports.js';
import { keys } from './keys.js';
import { auditFilter, auditItem } from './audit-items.js';

/** The audit trail: a partition per tenant and month, newest first (docs/data-model.md). */
export class AuditStore implements AuditLog {
  constructor(private readonly store: Store) {}

  async record(entry: AuditEntry): Promise<void> {
    // the same entry recorded twice (a retried request) is one entry
    await this.store.put(auditItem(entry), { expression: 'attribute_not_exists(pk)' });
  }

  async list(tenantId: string, q: AuditQuery): Promise<{ items: AuditEntry[]; cursor?: string }> {
    const keep = auditFilter(q);
    const page = await this.store.queryPage({
      KeyConditionExpression: 'pk = :pk',
      ExpressionAttributeValues: { ':pk': keys.auditPk(tenantId, q.month) },
      ScanIndexForward: false,
      Limit: q.limit ?? 50,
    }, q.cursor);
    return { items: page.items.map((i) => AuditEntry.parse(stripKeys(i))).filter(keep), ...(page.cursor ? { cursor: page.cursor } : {}) };
  }
}
