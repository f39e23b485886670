import type { Role } from '../schemas/common.js';
import type { Actor, Ticket, TicketStatus } from '../schemas/ticket.js';

/** The caller, as every ticket rule sees them: who, in which tenant, with which roles and unit. */
export interface Principal {
  userId: string;
  tenantId: string;
  name: string;
  roles: Role[];
  unitId?: string;
  unitName?: string;
  enterpriseId?: string;
}

export interface UnitRef {
  id: string;
  name: string;
}

/** The one list of statuses in which a ticket is still being worked on. */
export const OPEN_STATUSES: readonly TicketStatus[] = ['published', 'claimed', 'waitingEnterprise'];
/** Statuses in which a unit holds the ticket. */
export const HANDLING_STATUSES: readonly TicketStatus[] = ['claimed', 'waitingEnterprise'];
export const isOpen = (t: Pick<Ticket, 'status'>): boolean => OPEN_STATUSES.includes(t.status);

/** The one role helper: does the principal hold any of these roles? */
export const hasRole = (p: Pick<Principal, 'roles'>, ...roles: Role[]): boolean => roles.some((r) => p.roles.includes(r));

/** A member of a unit (officer or unit lead) with the unit known. */
export const isOfficer = (p: Principal): boolean => hasRole(p, 'officer', 'unitLead') && p.unitId !== undefined;
export const isOwnerOf = (p: Principal, t: Ticket): boolean => hasRole(p, 'owner') && p.enterpriseId === t.enterpriseId;
/** The unit handles the ticket, or co-handles it (a co-unit of its joint handling). */
export const handledBy = (t: Pick<Ticket, 'handlingUnitId' | 'joint'>, unitId: string): boolean =>
  t.handlingUnitId === unitId || (t.joint?.coUnits.some((c) => c.unitId === unitId) ?? false);
export const isHandlingOfficer = (p: Principal, t: Ticket): boolean =>
  isOfficer(p) && t.handlingUnitId !== undefined && p.unitId === t.handlingUnitId;
export const isCoUnitOfficer = (p: Principal, t: Ticket): boolean =>
  isOfficer(p) && (t.joint?.coUnits.some((c) => c.unitId === p.unitId) ?? false);
export const isTicketLeader = (p: Principal, t: Ticket): boolean => hasRole(p, 'leader') && t.leader?.userId === p.userId;

/** How the principal appears on a timeline entry: their first role in this order. */
export const actorOf = (p: Principal): Actor => {
  const role: Role =
    (['owner', 'officer', 'unitLead', 'agent', 'leader', 'supervisor', 'admin', 'assessor'] as const).find((r) =>
      p.roles.includes(r),
    ) ?? 'owner';
  return {
    userId: p.userId,
    name: p.name,
    role,
    ...(p.unitId ? { unitId: p.unitId } : {}),
    ...(p.unitName ? { unitName: p.unitName } : {}),
  };
};
