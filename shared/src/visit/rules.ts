import { localDate, SHANGHAI_OFFSET_MS } from '../calendar/index.js';
import { ValidationError } from '../errors.js';
import type { CreateTicketBody } from '../schemas/api.js';
import { LABELS } from '../schemas/common.js';
import type { Area, Enterprise, Grid } from '../schemas/reference.js';
import { gridsOf, hasRole, isAreaLeadOf, isCommissionerOf, isGridChiefOf, isGridOfficerOf, type Principal } from '../ticket/roles.js';
import type { LogVisitBody } from './api.js';
import { VISIT_LABELS, type Visit, type VisitDuties, type Visitor } from './schemas.js';

/**
 * Who does what with visits, pure. No new roles: the people of the field are
 * named by the directory — a grid's officer (`Grid.officer.userId`), its chief
 * (`Grid.chief.userId`), its area's lead (`Area.lead.userId`, or the grid's
 * `areaLead.userId`), and an enterprise's commissioners
 * (`Enterprise.commissionerUserIds`). The services load; these decide.
 */

/** An enterprise with the grid and area it sits in, as the rules read them. */
export interface EnterprisePlace {
  enterprise: Pick<Enterprise, 'id' | 'commissionerUserIds'>;
  grid?: Pick<Grid, 'officer' | 'chief' | 'areaLead'>;
  area?: Pick<Area, 'lead'>;
}

/** The people who look after the enterprise in the field: its grid officer, commissioners, grid chief, area lead. */
export function servesEnterprise(p: Pick<Principal, 'userId' | 'roles'>, place: EnterprisePlace): boolean {
  return (
    isGridOfficerOf(p, place.grid) ||
    isCommissionerOf(p, place.enterprise) ||
    isGridChiefOf(p, place.grid) ||
    isAreaLeadOf(p, place.grid, place.area)
  );
}

/** Logs a visit of the enterprise, and turns its findings into tickets: those who serve it, and the supervisor. */
export const mayLogVisit = (p: Pick<Principal, 'userId' | 'roles'>, place: EnterprisePlace): boolean => hasRole(p, 'supervisor') || servesEnterprise(p, place);

/** Turns a visit's finding into a ticket: who may log the visit and may raise requests on an enterprise's behalf. */
export const mayRaiseFromFinding = (p: Pick<Principal, 'userId' | 'roles'>, place: EnterprisePlace): boolean =>
  mayLogVisit(p, place) && hasRole(p, 'officer', 'unitLead', 'agent', 'supervisor');

/** Reads the enterprise's ledger (问题困难动态台账) and its visits: those who serve it, its owner, and the overseers. */
export const mayReadLedger = (p: Pick<Principal, 'userId' | 'roles' | 'enterpriseId'>, place: EnterprisePlace): boolean =>
  mayLogVisit(p, place) || (hasRole(p, 'owner') && p.enterpriseId === place.enterprise.id) || hasRole(p, 'leader', 'admin');

/** Reads a visit: whoever reads its enterprise's ledger, and whoever went on it. */
export const mayReadVisit = (p: Pick<Principal, 'userId' | 'roles' | 'enterpriseId'>, visit: Pick<Visit, 'visitors' | 'createdBy'>, place: EnterprisePlace): boolean =>
  mayReadLedger(p, place) || visit.createdBy.userId === p.userId || visit.visitors.some((v) => v.userId === p.userId);

/** The overseers see every grid's coverage. */
export const seesAllCoverage = (p: Pick<Principal, 'roles'>): boolean => hasRole(p, 'supervisor', 'leader', 'admin');

/**
 * The grids whose coverage (走访全覆盖) the caller sees: every grid for the
 * supervisor, leaders and admins; otherwise the grids they are officer or
 * chief of, and the grids of the areas they lead.
 */
export function coverageGrids<G extends Pick<Grid, 'id' | 'areaId' | 'officer' | 'chief' | 'areaLead'>>(
  p: Pick<Principal, 'userId' | 'roles'>,
  grids: readonly G[],
  areas: ReadonlyArray<Pick<Area, 'id' | 'lead'>>,
): G[] {
  if (seesAllCoverage(p)) return [...grids];
  const led = new Set(areas.filter((a) => a.lead.userId === p.userId).map((a) => a.id));
  return grids.filter((g) => isGridOfficerOf(p, g) || isGridChiefOf(p, g) || g.areaLead.userId === p.userId || led.has(g.areaId));
}

/** What the user looks after, from the directory (the home page's entries). */
export function visitDuties(
  p: Pick<Principal, 'userId' | 'roles'>,
  grids: ReadonlyArray<Pick<Grid, 'id' | 'areaId' | 'officer' | 'chief' | 'areaLead'>>,
  areas: ReadonlyArray<Pick<Area, 'id' | 'lead'>>,
  enterprises: ReadonlyArray<Pick<Enterprise, 'commissionerUserIds'>>,
): VisitDuties {
  const leadOf = new Set(areas.filter((a) => a.lead.userId === p.userId).map((a) => a.id));
  for (const g of grids) if (g.areaLead.userId === p.userId) leadOf.add(g.areaId);
  return {
    officerOf: grids.filter((g) => isGridOfficerOf(p, g)).map((g) => g.id),
    chiefOf: grids.filter((g) => isGridChiefOf(p, g)).map((g) => g.id),
    leadOf: [...leadOf].sort(),
    ledGridIds: gridsOf(p.userId, grids, areas),
    commissioned: enterprises.filter((e) => isCommissionerOf(p, e)).length,
  };
}

/** Whether the duties name anything (a grid, an area, an enterprise). */
export const hasVisitDuties = (d: VisitDuties | undefined): boolean =>
  !!d && (d.officerOf.length > 0 || d.chiefOf.length > 0 || d.leadOf.length > 0 || d.commissioned > 0);

// ── dates ───────────────────────────────────────────────────────────────────

/** How far back a visit may be logged. */
export const VISIT_MAX_AGE_DAYS = 366;

/** A real calendar day: `2026-02-30` is not one. */
export function isCalendarDate(date: string): boolean {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(date)) return false;
  const ms = Date.parse(`${date}T00:00:00.000Z`);
  return !Number.isNaN(ms) && new Date(ms).toISOString().slice(0, 10) === date;
}

/** The month of a day or of an instant (Shanghai): `2026-11`. */
export const visitMonthOf = (dateOrInstant: string): string => (dateOrInstant.length === 10 ? dateOrInstant : localDate(dateOrInstant)).slice(0, 7);

/** The day `days` before `date`. */
const daysBefore = (date: string, days: number): string => new Date(Date.parse(`${date}T00:00:00.000Z`) - days * 86_400_000).toISOString().slice(0, 10);

/**
 * Where a visit stands in time (its place in the enterprise's ledger): the
 * instant it was logged when that was on the day of the visit, else noon of
 * that day (Shanghai). So a ticket raised from it always comes after it.
 */
export function visitInstant(v: Pick<Visit, 'date' | 'createdAt'>): string {
  if (localDate(v.createdAt) === v.date) return v.createdAt;
  return new Date(Date.parse(`${v.date}T12:00:00.000Z`) - SHANGHAI_OFFSET_MS).toISOString();
}

/** `2026-11` → `2026 年 11 月` */
export const monthLabel = (month: string): string => `${month.slice(0, 4)} 年 ${Number(month.slice(5, 7))} 月`;

// ── a visit as logged ───────────────────────────────────────────────────────

export interface NewVisit {
  id: string;
  tenantId: string;
  body: LogVisitBody;
  enterprise: Pick<Enterprise, 'id' | 'name' | 'gridId'>;
  grid: Pick<Grid, 'id' | 'areaId'>;
  /** the others who went (the logging user is first, from `by`) */
  others: readonly Visitor[];
  by: Visitor;
  at: string;
}

/**
 * The visit as logged: on a day no later than today (Shanghai) and no more
 * than a year back (400 naming `date`), the logging user first among the
 * visitors, its findings as reported (none linked to a ticket yet).
 */
export function newVisit(input: NewVisit): Visit {
  const { body } = input;
  const today = localDate(input.at);
  if (body.date > today) throw new ValidationError([{ field: 'date', message: `走访日期不能晚于今天（${today}）` }]);
  if (body.date < daysBefore(today, VISIT_MAX_AGE_DAYS)) throw new ValidationError([{ field: 'date', message: '走访日期不能早于一年前' }]);
  const visitors = [input.by, ...input.others.filter((o) => o.userId !== input.by.userId)];
  return {
    id: input.id,
    tenantId: input.tenantId,
    enterpriseId: input.enterprise.id,
    enterpriseName: input.enterprise.name,
    gridId: input.grid.id,
    areaId: input.grid.areaId,
    date: body.date,
    kind: body.kind,
    visitors,
    situation: { production: body.situation.production, orders: body.situation.orders, staffing: body.situation.staffing, ...(body.situation.note ? { note: body.situation.note } : {}) },
    findings: body.findings.map((f) => ({ text: f.text, category: f.category, ...(f.resolvedOnSite ? { resolvedOnSite: true } : {}) })),
    createdBy: input.by,
    createdAt: input.at,
    rev: 1,
  };
}

// ── a finding becomes a ticket ──────────────────────────────────────────────

/** A finding still open: neither solved on the spot nor turned into a ticket. */
export const isPendingFinding = (f: Visit['findings'][number]): boolean => !f.resolvedOnSite && !f.ticket;

/**
 * The scope and key a finding's ticket is raised under: the ticket's id derives
 * from them, whoever taps, so every tap of every person makes the same ticket.
 */
export const findingTicketScope = (visitId: string): string => `visit-${visitId}`;
export const findingTicketKey = (n: number): string => `finding-${n}`;

const TITLE_MAX = 60;

/** The request a finding becomes: raised on the enterprise's behalf, through the channel `visit`. */
export function findingTicketBody(visit: Visit, n: number): CreateTicketBody {
  const f = visit.findings[n];
  if (!f) throw new Error(`visit ${visit.id} has no finding ${n}`);
  const text = f.text.trim();
  const title = text.length <= TITLE_MAX ? text : `${text.slice(0, TITLE_MAX - 1)}…`;
  const who = visit.visitors.map((v) => v.name).join('、');
  const s = visit.situation;
  const situation = [VISIT_LABELS.production[s.production], VISIT_LABELS.orders[s.orders], VISIT_LABELS.staffing[s.staffing]].join('，');
  return {
    title,
    description: `${text}\n\n（${visit.date} ${VISIT_LABELS.kind[visit.kind]}发现，走访人：${who}；企业近况：${situation}；问题类别：${LABELS.category[f.category]}）`,
    category: f.category,
    priority: 'normal',
    channel: 'visit',
    enterpriseId: visit.enterpriseId,
  };
}
