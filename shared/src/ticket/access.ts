import type { Group } from '../schemas/reference.js';
import type { Ticket } from '../schemas/ticket.js';
import { hasRole as has, type Principal } from './roles.js';

/**
 * The access matrix (docs/access.md), enforced here and only here.
 * Nobody crosses tenants: every key carries the caller's tenant, and these
 * checks run on tickets already read from it.
 */

/** Groups whose feed the principal may read. */
export function visibleGroups(p: Principal, groups: readonly Group[]): Group[] {
  if (has(p, 'supervisor', 'admin')) return [...groups];
  return groups.filter(
    (g) =>
      (p.unitId !== undefined && has(p, 'officer', 'unitLead') && g.memberUnitIds.includes(p.unitId)) ||
      (has(p, 'leader') && g.kind === 'key'),
  );
}

/** Units that are members of the ticket's groups: who may claim it. */
export const groupUnitIdsOf = (t: Ticket, groups: readonly Group[]): string[] => [
  ...new Set(groups.filter((g) => t.groupIds.includes(g.id)).flatMap((g) => g.memberUnitIds)),
];

export function canSeeTicket(p: Principal, t: Ticket, groups: readonly Group[]): boolean {
  if (p.tenantId !== t.tenantId) return false;
  if (has(p, 'supervisor', 'admin')) return true;
  if (has(p, 'owner') && p.enterpriseId === t.enterpriseId) return true;
  if (t.createdBy.userId === p.userId) return true;
  if (has(p, 'officer', 'unitLead') && p.unitId) {
    if (t.handlingUnitId === p.unitId) return true;
    if (t.joint?.coUnits.some((c) => c.unitId === p.unitId)) return true;
    if (groupUnitIdsOf(t, groups).includes(p.unitId)) return true;
  }
  if (has(p, 'leader')) {
    if (t.leader?.userId === p.userId) return true;
    if (groups.some((g) => g.kind === 'key' && t.groupIds.includes(g.id))) return true;
  }
  if (has(p, 'agent') && t.desk !== undefined) return true;
  return false;
}
