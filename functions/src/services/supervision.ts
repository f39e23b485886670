import {
  hasRole,
  CLOCK_LABELS,
  ForbiddenError,
  hasYear,
  localDate,
  localDateTime,
  NotFoundError,
  parseNoticeId,
  type Ticket,
  workingMinutesBetween,
  type Clock,
  type Principal,
  type SupervisionLevel,
  type SupervisionNotice,
  type SupervisionOverviewResponse,
  type WorkingCalendar,
} from '@whistle/shared';
import type { Ports } from '../ports.js';

/**
 * Supervision: the notices (督办单) list and acknowledgement, and the
 * supervisor's overview (unclaimed and overdue tickets, calendar warnings).
 *
 * Who sees which notices: the supervisor all of the tenant's; an officer or
 * unit lead those recorded on their unit (and, by ticket, those addressed to
 * their unit, such as a claim reminder to a group's units). Who acknowledges:
 * the supervisor, or the addressed unit (or leader).
 */

export interface NoticeQuery {
  ticketId?: string;
  unit?: string;
  level?: SupervisionLevel;
  from?: string;
  to?: string;
  cursor?: string;
}

const addressedTo = (n: SupervisionNotice, unitId: string) => n.unitId === unitId || n.addressees.includes(`unit:${unitId}`);

export async function listNotices(deps: Ports, p: Principal, q: NoticeQuery): Promise<{ items: SupervisionNotice[]; cursor?: string }> {
  let unit: string | undefined;
  if (hasRole(p, 'supervisor')) unit = q.unit;
  else if (hasRole(p, 'officer', 'unitLead') && p.unitId) {
    if (q.unit && q.unit !== p.unitId) throw new ForbiddenError('只能查看本单位的督办单');
    unit = p.unitId;
  } else throw new ForbiddenError('只有督办人员和各单位可以查看督办单');
  const notices = deps.notices;
  const filter = { ...(q.level ? { level: q.level } : {}), ...(q.from ? { from: q.from } : {}), ...(q.to ? { to: q.to } : {}) };
  if (q.ticketId) {
    const all = await notices.byTicket(p.tenantId, q.ticketId, filter);
    return { items: unit ? all.filter((n) => addressedTo(n, unit)) : all };
  }
  return unit ? notices.byUnit(p.tenantId, unit, filter, q.cursor) : notices.byTenant(p.tenantId, filter, q.cursor);
}

export async function acknowledgeNotice(
  deps: Ports,
  p: Principal,
  id: string,
): Promise<{ notice: SupervisionNotice; alreadyAcknowledged: boolean }> {
  if (!hasRole(p, 'supervisor', 'officer', 'unitLead', 'leader')) throw new ForbiddenError('无权签收督办单');
  if (!parseNoticeId(id)) throw new NotFoundError('督办单');
  const notices = deps.notices;
  const n = await notices.get(p.tenantId, id);
  const mayAck =
    n !== undefined &&
    (hasRole(p, 'supervisor') ||
      (hasRole(p, 'officer', 'unitLead') && p.unitId !== undefined && addressedTo(n, p.unitId)) ||
      (hasRole(p, 'leader') && n.addressees.includes(`user:${p.userId}`)));
  // not addressed to the caller: "not found", as for tickets (no probing of other units' notices)
  if (!mayAck) throw new NotFoundError('督办单');
  const out = await notices.acknowledge(p.tenantId, id, p.userId, deps.clock.now().toISOString());
  if (!out) throw new NotFoundError('督办单');
  return out;
}

/** How far past due a clock is, on its basis, in minutes. */
export function minutesOverdue(cal: WorkingCalendar, clock: Clock, now: string): number {
  if (clock.basis === 'working') return workingMinutesBetween(cal, clock.dueAt, now);
  return Math.max(0, Math.round((Date.parse(now) - Date.parse(clock.dueAt)) / 60000));
}

const OVERVIEW_MAX_ITEMS = 4_000;

/**
 * The supervisor's overview, from the tenant's ticket index filtered to open
 * tickets (bounded: at most 4,000 items read; `truncated` says when the tenant
 * has more). A county's open tickets are a few hundred at most.
 */
export async function overview(deps: Ports, p: Principal): Promise<SupervisionOverviewResponse> {
  if (!hasRole(p, 'supervisor', 'admin')) throw new ForbiddenError('只有督办人员可以查看督办总览');
  const now = deps.clock.now().toISOString();
  const calendar = await deps.settings.calendar(p.tenantId);
  const { items: tickets, scanned, truncated } = await deps.tickets.openTickets(p.tenantId, OVERVIEW_MAX_ITEMS);

  const head = (t: Ticket) => ({
    ticketId: t.id,
    number: t.number,
    title: t.title,
    enterpriseName: t.enterpriseName,
    status: t.status,
    ...(t.handlingUnitId ? { handlingUnitId: t.handlingUnitId } : {}),
    ...(t.handlingUnitName ? { handlingUnitName: t.handlingUnitName } : {}),
    createdAt: t.createdAt,
  });
  const result: SupervisionOverviewResponse = {
    now,
    unclaimed: [],
    overdue: [],
    calendarWarnings: [],
    calendar: { knownYears: [], missingYears: [], messages: [] },
    scanned,
    truncated,
  };
  const missing = new Set<number>();
  for (const t of tickets) {
    const running = t.clocks.filter((c) => !c.metAt);
    if (t.status === 'published') {
      const claim = t.clocks.find((c) => c.kind === 'claim');
      result.unclaimed.push({
        ...head(t),
        ...(claim ? { claimDueAt: claim.dueAt } : {}),
        claimOverdue: claim !== undefined && !claim.metAt && claim.dueAt < now,
      });
    }
    const late = running.filter((c) => !c.pausedAt && c.dueAt < now);
    if (late.length > 0) {
      result.overdue.push({
        ...head(t),
        clocks: late.map((c) => ({
          id: c.id,
          kind: c.kind,
          dueAt: c.dueAt,
          ...(c.unitId ? { unitId: c.unitId } : {}),
          escalations: c.escalations,
          minutesOverdue: minutesOverdue(calendar, c, now),
        })),
      });
    }
    for (const c of running.filter((x) => x.calendarMissing)) {
      const year = Number(localDate(c.dueAt).slice(0, 4));
      const loadedSince = hasYear(calendar, year);
      if (!loadedSince) missing.add(year);
      result.calendarWarnings.push({
        ticketId: t.id,
        number: t.number,
        clockId: c.id,
        kind: c.kind,
        dueAt: c.dueAt,
        year,
        message: loadedSince
          ? `${t.number} 的${CLOCK_LABELS[c.kind]}时限 ${localDateTime(c.dueAt)} 计算时 ${year} 年尚无节假日数据（按周一至周五推算）；该年数据现已导入，此时限未重新计算，请人工核对`
          : `${t.number} 的${CLOCK_LABELS[c.kind]}时限 ${localDateTime(c.dueAt)} 落在 ${year} 年，该年节假日安排尚未导入，按周一至周五为工作日推算，可能与实际不符`,
      });
    }
  }
  result.overdue.sort((a, b) => earliest(a.clocks) - earliest(b.clocks));
  result.unclaimed.sort((a, b) => (a.createdAt < b.createdAt ? -1 : a.createdAt > b.createdAt ? 1 : 0));

  // years that matter soon: this year, and next year from October (deadlines start crossing into it)
  const thisYear = Number(localDate(now).slice(0, 4));
  if (!hasYear(calendar, thisYear)) missing.add(thisYear);
  if (Number(localDate(now).slice(5, 7)) >= 10 && !hasYear(calendar, thisYear + 1)) missing.add(thisYear + 1);
  result.calendar.knownYears = Object.keys(calendar.years).map(Number).sort((a, b) => a - b);
  result.calendar.missingYears = [...missing].sort((a, b) => a - b);
  result.calendar.messages = result.calendar.missingYears.map(
    (y) => `${y} 年节假日与调休安排尚未导入：落在该年的工作日时限按周一至周五推算。请管理员在国务院办公厅通知发布后，在管理后台「设置 › 办公时间与日历」录入 ${y} 年安排。`,
  );
  return result;
}

const earliest = (clocks: Array<{ dueAt: string }>) => Math.min(...clocks.map((c) => Date.parse(c.dueAt)));
