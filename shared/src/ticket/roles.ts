import type { Role } from '../schemas/common.js';
import type { Area, Enterprise, Grid } from '../schemas/reference.js';
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
/** The unit handles the ticket, or co-handles it (a co-unit of its joint handling, a unit of its plan's team). */
export const handledBy = (t: Pick<Ticket, 'handlingUnitId' | 'joint' | 'plan'>, unitId: string): boolean =>
  t.handlingUnitId === unitId || (t.joint?.coUnits.some((c) => c.unitId === unitId) ?? false) || (t.plan?.coUnits.some((c) => c.unitId === unitId) ?? false);
export const isHandlingOfficer = (p: Principal, t: Ticket): boolean =>
  isOfficer(p) && t.handlingUnitId !== undefined && p.unitId === t.handlingUnitId;
export const isCoUnitOfficer = (p: Principal, t: Ticket): boolean =>
  isOfficer(p) && (t.joint?.coUnits.some((c) => c.unitId === p.unitId) ?? false);
/** A unit of the ticket's plan team (一企一策: an item's owner unit joins it) speaks for its part as a co-unit does. */
export const isPlanTeamOfficer = (p: Principal, t: Ticket): boolean =>
  isOfficer(p) && (t.plan?.coUnits.some((c) => c.unitId === p.unitId) ?? false);
export const isTicketLeader = (p: Principal, t: Ticket): boolean => hasRole(p, 'leader') && t.leader?.userId === p.userId;

// ── the people around an enterprise: its commissioners (亲清特使), grid officer, grid chief, area lead ──────────

/** Who is an official (部门/镇街工作人员, 单位负责人, 县领导): the people a supervisor may pair with an enterprise as its commissioner. */
export const OFFICIAL_ROLES: readonly Role[] = ['officer', 'unitLead', 'leader'];
export const isOfficial = (p: Pick<Principal, 'roles'>): boolean => hasRole(p, ...OFFICIAL_ROLES);

/**
 * A resident service commissioner (亲清特使) of the enterprise: an official whose user id the enterprise lists in
 * `commissionerUserIds`. There is no commissioner role: a user who stops being an official stops being one.
 */
export const isCommissionerOf = (p: Pick<Principal, 'userId' | 'roles'>, e: Pick<Enterprise, 'commissionerUserIds'> | undefined): boolean =>
  e !== undefined && isOfficial(p) && (e.commissionerUserIds ?? []).includes(p.userId);

/** The enterprises a user serves as commissioner (among those given), in their order. */
export const enterprisesCommissionedTo = <E extends Pick<Enterprise, 'commissionerUserIds'>>(userId: string, enterprises: readonly E[]): E[] =>
  enterprises.filter((e) => (e.commissionerUserIds ?? []).includes(userId));

/** The grid's officer (网格员): `Grid.officer.userId`. */
export const isGridOfficerOf = (p: Pick<Principal, 'userId'>, grid: Pick<Grid, 'officer'> | undefined): boolean =>
  grid !== undefined && grid.officer.userId === p.userId;

/** The grid's chief (网格总负责人): `Grid.chief.userId`. */
export const isGridChiefOf = (p: Pick<Principal, 'userId'>, grid: Pick<Grid, 'chief'> | undefined): boolean =>
  grid !== undefined && grid.chief.userId === p.userId;

/** The area lead (片区负责人) of the grid's area: `Area.lead.userId`, or the grid's own copy `Grid.areaLead.userId`. */
export const isAreaLeadOf = (p: Pick<Principal, 'userId'>, grid: Pick<Grid, 'areaLead'> | undefined, area?: Pick<Area, 'lead'>): boolean =>
  (grid !== undefined && grid.areaLead.userId === p.userId) || (area !== undefined && area.lead.userId === p.userId);

/** Oversees the grid's enterprises: its grid chief or its area's lead (read-only on their tickets; told of urgent ones at once). */
export const leadsGrid = (p: Pick<Principal, 'userId'>, grid: Pick<Grid, 'areaLead' | 'chief'> | undefined, area?: Pick<Area, 'lead'>): boolean =>
  isGridChiefOf(p, grid) || isAreaLeadOf(p, grid, area);

/** How a user stands to a grid: 网格员, 网格总负责人, 片区负责人 (empty: none of them). */
export type GridPost = 'gridOfficer' | 'gridChief' | 'areaLead';
export function gridPostsOf(userId: string, grid: Pick<Grid, 'officer' | 'areaLead' | 'chief'>, area?: Pick<Area, 'lead'>): GridPost[] {
  const p = { userId };
  return [
    ...(isGridOfficerOf(p, grid) ? (['gridOfficer'] as const) : []),
    ...(isGridChiefOf(p, grid) ? (['gridChief'] as const) : []),
    ...(isAreaLeadOf(p, grid, area) ? (['areaLead'] as const) : []),
  ];
}

/**
 * The grids a user holds a post in (any of `posts`, default the overseers': grid chief and area lead), by id:
 * an area lead's are every grid of their area.
 */
export function gridsOf(
  userId: string,
  grids: readonly Pick<Grid, 'id' | 'areaId' | 'officer' | 'areaLead' | 'chief'>[],
  areas: readonly Pick<Area, 'id' | 'lead'>[],
  posts: readonly GridPost[] = ['gridChief', 'areaLead'],
): string[] {
  const areaOf = new Map(areas.map((a) => [a.id, a]));
  return grids.filter((g) => gridPostsOf(userId, g, areaOf.get(g.areaId)).some((post) => posts.includes(post))).map((g) => g.id);
}

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
