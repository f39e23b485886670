import type { Area, Enterprise, Grid, Group } from '../schemas/reference.js';
import type { Ticket } from '../schemas/ticket.js';
import type { PlanItem } from '../plan/schemas.js';
import { teamUnitIds } from '../plan/rules.js';
import { hasRole as has, isCommissionerOf, isHandlingOfficer, isOfficer, isTicketLeader, leadsGrid, type Principal } from './roles.js';

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

/**
 * The ticket's surroundings some rules need: its enterprise (its commissioners), its grid and the grid's area
 * (the grid chief and the area lead). Each is the ticket's own or ignored; absent, the rules it serves do not apply.
 */
export interface TicketScope {
  enterprise?: Pick<Enterprise, 'id' | 'commissionerUserIds'> | undefined;
  grid?: Pick<Grid, 'id' | 'areaId' | 'areaLead' | 'chief'> | undefined;
  area?: Pick<Area, 'id' | 'lead'> | undefined;
}

/** The scope's enterprise when it is the ticket's. */
export const scopeEnterprise = (t: Pick<Ticket, 'enterpriseId'>, scope: TicketScope | undefined) =>
  scope?.enterprise?.id === t.enterpriseId ? scope.enterprise : undefined;

/** A resident commissioner (亲清特使) of the ticket's enterprise: sees its tickets, may message and raise on its behalf. */
export const isTicketCommissioner = (p: Principal, t: Pick<Ticket, 'enterpriseId'>, scope: TicketScope | undefined): boolean =>
  isCommissionerOf(p, scopeEnterprise(t, scope));

/** The grid chief or area lead of the ticket's grid (as raised): sees its tickets, read-only. */
export function leadsTicketGrid(p: Principal, t: Pick<Ticket, 'gridId'>, scope: TicketScope | undefined): boolean {
  const grid = scope?.grid?.id === t.gridId ? scope.grid : undefined;
  const area = grid && scope?.area?.id === grid.areaId ? scope.area : undefined;
  return leadsGrid(p, grid, area);
}

/**
 * Whether the principal sees the ticket. `scope` (the ticket's enterprise, grid, area) is needed only for
 * commissioners, grid chiefs and area leads: callers load it when the answer without it is no.
 */
export function canSeeTicket(p: Principal, t: Ticket, groups: readonly Group[], scope?: TicketScope): boolean {
  if (p.tenantId !== t.tenantId) return false;
  if (has(p, 'supervisor', 'admin')) return true;
  if (has(p, 'owner') && p.enterpriseId === t.enterpriseId) return true;
  if (t.createdBy.userId === p.userId) return true;
  if (has(p, 'officer', 'unitLead') && p.unitId) {
    if (t.handlingUnitId === p.unitId) return true;
    if (t.joint?.coUnits.some((c) => c.unitId === p.unitId)) return true;
    if (isPlanTeamUnit(t, p.unitId)) return true;
    if (groupUnitIdsOf(t, groups).includes(p.unitId)) return true;
  }
  if (has(p, 'leader')) {
    if (t.leader?.userId === p.userId) return true;
    if (groups.some((g) => g.kind === 'key' && t.groupIds.includes(g.id))) return true;
  }
  if (has(p, 'agent') && t.desk !== undefined) return true;
  if (isTicketCommissioner(p, t, scope)) return true;
  if (leadsTicketGrid(p, t, scope)) return true;
  return false;
}

// ── similar requests of other enterprises (相似诉求, issue 14) ─────────────────────

/**
 * Whether the principal is shown a ticket's similar requests: they name other enterprises' requests, so only
 * the staff of the units it is with (handling, co-handling, the plan's team, its groups' member units), the
 * supervisor and leaders; never an owner, the desk, a commissioner, a grid chief or an area lead as such.
 */
export function maySeeSimilar(p: Principal, t: Ticket, groups: readonly Group[]): boolean {
  if (p.tenantId !== t.tenantId) return false;
  if (has(p, 'supervisor', 'leader')) return true;
  if (!has(p, 'officer', 'unitLead') || !p.unitId) return false;
  return (
    t.handlingUnitId === p.unitId ||
    (t.joint?.coUnits.some((c) => c.unitId === p.unitId) ?? false) ||
    isPlanTeamUnit(t, p.unitId) ||
    groupUnitIdsOf(t, groups).includes(p.unitId)
  );
}

/** The ticket as this principal receives it: without `similar` unless `maySeeSimilar`. Every answer that carries a ticket goes through it. */
export function ticketShownTo(p: Principal, t: Ticket, groups: readonly Group[]): Ticket {
  if (t.similar === undefined || maySeeSimilar(p, t, groups)) return t;
  const { similar: _hidden, ...shown } = t;
  return shown;
}

// ── classification and plans (一企一策) ─────────────────────────────────────────

/** 共性 / 个性 / 重点: the handling unit's staff or the supervisor classify a ticket. */
export const mayClassify = (p: Principal, t: Ticket): boolean => isHandlingOfficer(p, t) || has(p, 'supervisor');

/** The plan (set it, add items): the lead (handling) unit's staff, the ticket's leader (领办领导), the supervisor. */
export const mayPlan = (p: Principal, t: Ticket): boolean => isHandlingOfficer(p, t) || isTicketLeader(p, t) || has(p, 'supervisor');

/** Only a key matter (重点) or a joint handling (联办) has a plan. */
export const needsPlan = (t: Pick<Ticket, 'classification' | 'joint'>): boolean => t.classification?.class === 'key' || t.joint !== undefined;

/** A plan item is done by its owner unit's staff (officer or unit lead), or by the supervisor on their word. */
export const mayCompleteItem = (p: Principal, item: Pick<PlanItem, 'ownerUnitId'>): boolean =>
  has(p, 'supervisor') || (isOfficer(p) && p.unitId === item.ownerUnitId);

/** The principal's unit owns an open item of the ticket's plan (the complete button is theirs). */
export const holdsOpenItem = (p: Principal, t: Pick<Ticket, 'plan'>): boolean =>
  isOfficer(p) && (t.plan?.items.some((i) => i.status === 'open' && i.ownerUnitId === p.unitId) ?? false);

/** An item's due date is moved by the supervisor only (the clock is the owner unit's: it may not move its own). */
export const mayMoveItemDue = (p: Principal): boolean => has(p, 'supervisor');

/** A unit of the plan's team (lead, co-unit, an item's owner) sees the ticket and finds it in its list. */
export const isPlanTeamUnit = (t: Pick<Ticket, 'plan'>, unitId: string | undefined): boolean =>
  unitId !== undefined && teamUnitIds(t.plan).includes(unitId);
