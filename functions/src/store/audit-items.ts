import type { AuditEntry } from '@whistle/shared';
import type { AuditQuery } from '../ports.js';
import { keys } from './keys.js';

/** An audit entry as an item (shared by the store and its in-memory twin). */
export const auditItem = (e: AuditEntry) => ({ ...keys.audit(e.tenantId, e.at, e.id), entity: 'AUDIT', ...e });

/** The entries a query keeps of a month's (by entity and id, when it names them). */
export const auditFilter =
  (q: Pick<AuditQuery, 'target' | 'targetId'>) =>
  (e: AuditEntry): boolean =>
    (!q.target || e.target === q.target) && (!q.targetId || e.targetId === q.targetId);
