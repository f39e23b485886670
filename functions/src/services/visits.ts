import { createHash } from 'node:crypto';
import {
  ConflictError,
  findingTicketBody,
  findingTicketKey,
  findingTicketScope,
  ForbiddenError,
  coverageGrids,
  IdempotencyMismatchError,
  mayLogVisit,
  mayRaiseFromFinding,
  mayReadLedger,
  mayReadVisit,
  newVisit,
  NotFoundError,
  ValidationError,
  visitMonthOf,
  type Area,
  type Enterprise,
  type EnterprisePlace,
  type FieldIssue,
  type Grid,
  type LogVisitBody,
  type Principal,
  type Ticket,
  type Visit,
  type VisitListQuery,
  type Visitor,
  type VisitsResponse,
} from '@whistle/shared';
import type { Ports, StoredVisit } from '../ports.js';
import { intake } from './tickets.js';
import { gridPlace } from './places.js';

/**
 * Grid visits (走访): a grid officer, a commissioner, a grid chief, an area
 * lead or the supervisor logs a visit of an enterprise; its findings become
 * tickets with one tap (channel `visit`, through intake). The rules are the
 * domain's (shared/src/visit); the once-only guarantees are the repository's
 * conditional writes (ports.ts VisitRepository) and intake's derived ids.
 */
type VisitPorts = Pick<Ports, 'visits' | 'refs' | 'clock'>;

/** An enterprise with the grid and area it sits in. */
export interface Place extends EnterprisePlace {
  enterprise: Enterprise;
  grid?: Grid;
  area?: Area;
}

export async function placeOf(ports: Pick<Ports, 'refs'>, tenantId: string, enterpriseId: string): Promise<Place | undefined> {
  const enterprise = await ports.refs.enterprise(tenantId, enterpriseId);
  if (!enterprise) return undefined;
  return { enterprise, ...(await gridPlace(ports, tenantId, enterprise.gridId)) };
}

const visitor = (p: Principal): Visitor => ({ userId: p.userId, name: p.name });
const sha256 = (s: string) => createHash('sha256').update(s).digest('hex');

/** The visit a request logs: derived from the logger and the Idempotency-Key, so a retry finds the same visit. */
export const visitIdOf = (tenantId: string, userId: string, key: string): string => `vs${sha256(`${tenantId}|${userId}|${key}`).slice(0, 22)}`;
/** What a logging asked for (the parsed body): a retry with the same key must ask the same. */
export const visitRequestHash = (body: LogVisitBody): string => sha256(JSON.stringify(body));

function replay(stored: StoredVisit, hash: string): Visit {
  if (stored.requestHash !== hash) throw new IdempotencyMismatchError();
  return stored.visit;
}

/** The others who went: users of the tenant, officials (400 naming `visitorIds.N`). */
async function otherVisitors(ports: VisitPorts, p: Principal, ids: readonly string[]): Promise<Visitor[]> {
  const issues: FieldIssue[] = [];
  const found = await Promise.all(ids.map((id) => ports.refs.user(p.tenantId, id)));
  const others = found.flatMap((u, i) => {
    if (!u) issues.push({ field: `visitorIds.${i}`, message: `用户 ${ids[i] ?? ''} 不存在` });
    else if (u.roles.every((r) => r === 'owner')) issues.push({ field: `visitorIds.${i}`, message: `${u.name} 是企业用户，不能作为走访人员` });
    return u && !u.roles.every((r) => r === 'owner') ? [{ userId: u.id, name: u.name }] : [];
  });
  if (issues.length) throw new ValidationError(issues);
  return others;
}

/**
 * Logs a visit (走访): only the enterprise's grid officer, commissioners,
 * grid chief, area lead, or the supervisor (else 403). Idempotent by the
 * caller's Idempotency-Key: a retry answers the same visit (`created`
 * false); the same key for another visit is 422.
 */
export async function logVisit(ports: VisitPorts, p: Principal, body: LogVisitBody, key: string): Promise<{ visit: Visit; created: boolean; canRaise: boolean }> {
  const id = visitIdOf(p.tenantId, p.userId, key);
  const hash = visitRequestHash(body);
  const existing = await ports.visits.get(p.tenantId, id, true);
  const place = await placeOf(ports, p.tenantId, body.enterpriseId);
  if (existing) return { visit: replay(existing, hash), created: false, canRaise: !!place && mayRaiseFromFinding(p, place) };
  if (!place) throw new ValidationError([{ field: 'enterpriseId', message: '企业不存在' }]);
  if (!mayLogVisit(p, place)) throw new ForbiddenError('只有该企业的网格员、亲清特使、网格总负责人、片区负责人或督办人员可以记录走访');
  if (!place.grid) throw new ValidationError([{ field: 'enterpriseId', message: '企业所在网格不存在，请先在管理后台维护' }]);
  const others = await otherVisitors(ports, p, body.visitorIds);
  const visit = newVisit({ id, tenantId: p.tenantId, body, enterprise: place.enterprise, grid: place.grid, others, by: visitor(p), at: ports.clock.now().toISOString() });
  const canRaise = mayRaiseFromFinding(p, place);
  if (await ports.visits.create(visit, hash)) return { visit, created: true, canRaise };
  // a concurrent retry with the same key logged it first: this request was its replay
  const raced = await ports.visits.get(p.tenantId, id, true);
  if (!raced) throw new ConflictError('提交冲突，请重试');
  return { visit: replay(raced, hash), created: false, canRaise };
}

/** A visit the caller may read, with its enterprise's place; anything else is 404 (no probing). */
async function visibleVisit(ports: VisitPorts, p: Principal, visitId: string): Promise<{ visit: Visit; place: Place }> {
  const stored = await ports.visits.get(p.tenantId, visitId);
  const place = stored ? await placeOf(ports, p.tenantId, stored.visit.enterpriseId) : undefined;
  if (!stored || !place || !mayReadVisit(p, stored.visit, place)) throw new NotFoundError('走访记录');
  return { visit: stored.visit, place };
}

export async function readVisit(ports: VisitPorts, p: Principal, visitId: string): Promise<{ visit: Visit; canRaise: boolean }> {
  const { visit, place } = await visibleVisit(ports, p, visitId);
  return { visit, canRaise: mayRaiseFromFinding(p, place) };
}

/**
 * Visits, newest first: an enterprise's (those who read its ledger), a grid's
 * in a month (those who see the grid's coverage; this month by default), or
 * the caller's own (the ones they logged).
 */
export async function listVisits(ports: VisitPorts, p: Principal, q: VisitListQuery): Promise<VisitsResponse> {
  const page = { ...(q.cursor ? { cursor: q.cursor } : {}), limit: q.limit };
  if (q.enterpriseId && q.gridId) throw new ValidationError([{ field: 'gridId', message: '按企业或按网格查询，二选一' }]);
  if (q.month && !q.gridId) throw new ValidationError([{ field: 'month', message: '按月份查询时请同时指定网格 gridId' }]);
  if (q.enterpriseId) {
    const place = await placeOf(ports, p.tenantId, q.enterpriseId);
    if (!place) throw new NotFoundError('企业');
    if (!mayReadLedger(p, place)) throw new ForbiddenError('只有该企业的负责人、网格员、亲清特使、网格总负责人、片区负责人和督办、领导可以查看其走访记录');
    return ports.visits.byEnterprise(p.tenantId, q.enterpriseId, page);
  }
  if (q.gridId) {
    const [grids, areas] = await Promise.all([ports.refs.list('GRID', p.tenantId), ports.refs.list('AREA', p.tenantId)]);
    if (!grids.some((g) => g.id === q.gridId)) throw new NotFoundError('网格');
    if (!coverageGrids(p, grids, areas).some((g) => g.id === q.gridId)) throw new ForbiddenError('只能查看本人负责的网格的走访记录');
    const month = q.month ?? visitMonthOf(ports.clock.now().toISOString());
    return ports.visits.byGridMonth(p.tenantId, q.gridId, month, page);
  }
  return ports.visits.byCreator(p.tenantId, p.userId, page);
}

/**
 * Turns finding `n` of a visit into a ticket (转为诉求), raised on the
 * enterprise's behalf through intake with the channel `visit`, once: the
 * ticket's id derives from the visit and the finding (intake's `idScope`),
 * so a second tap, anyone's, answers the same ticket, and racers raise one
 * (intake's conditional create); then the finding links it (a conditional
 * write on the finding: once). `created` says whether this call raised it.
 */
export async function raiseFromFinding(ports: Ports, p: Principal, visitId: string, n: number): Promise<{ visit: Visit; ticket: Ticket; created: boolean }> {
  const { visit, place } = await visibleVisit(ports, p, visitId);
  const finding = visit.findings[n];
  if (!finding) throw new NotFoundError('走访发现的问题');
  if (!mayRaiseFromFinding(p, place)) throw new ForbiddenError('只有该企业的网格员、亲清特使、网格总负责人、片区负责人或督办人员可以将走访问题转为诉求');
  if (finding.resolvedOnSite && !finding.ticket) throw new ConflictError('该问题已当场解决，无需转为诉求');
  const { ticket, created } = await intake(ports, p, findingTicketBody(visit, n), findingTicketKey(n), { idScope: findingTicketScope(visit.id) });
  const linked = await ports.visits.linkTicket(p.tenantId, visit.id, n, { ticketId: ticket.id, number: ticket.number, at: ticket.createdAt, by: visitor(p) });
  if (!linked) throw new ConflictError('该问题已关联其他诉求，请刷新后查看');
  return { visit: linked, ticket, created };
}
