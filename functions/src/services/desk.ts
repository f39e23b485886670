import { hasRole, ForbiddenError, isWorkingTime, ticketShownTo, type DeskQueueResponse, type DutyShift, type Principal, type Ticket } from '@whistle/shared';
import type { Ports } from '../ports.js';

/**
 * The after-hours desk (8小时外在线客服). Intake marks a ticket that arrives out
 * of office hours `desk: waiting` and lists it in the tenant's DESK index; the
 * agents answer it (a consultation: resolved as answered) or forward it (it
 * stays with the groups, whose claim clock already runs from the next working
 * period). The duty roster says who is on duty now; it is informative: any
 * agent may work the queue (a colleague covering a shift must not be locked
 * out), and the answer tells the caller whether they are on the roster.
 */

export interface ShiftView extends DutyShift {
  name?: string;
}

/** Shifts covering `now`, with the agents' names. */
export async function onDuty(deps: Ports, tenantId: string, now: string, shifts?: DutyShift[]): Promise<ShiftView[]> {
  const roster = shifts ?? (await deps.settings.dutyRoster(tenantId));
  const at = Date.parse(now);
  return withNames(
    deps,
    tenantId,
    roster.filter((s) => Date.parse(s.from) <= at && at < Date.parse(s.to)),
  );
}

export async function withNames(deps: Ports, tenantId: string, shifts: DutyShift[]): Promise<ShiftView[]> {
  if (shifts.length === 0) return [];
  const users = await deps.refs.list('USER', tenantId);
  const names = new Map(users.map((u) => [u.id, u.name]));
  return shifts.map((s) => {
    const name = names.get(s.agentUserId);
    return { ...s, ...(name ? { name } : {}) };
  });
}

export async function deskQueue(deps: Ports, p: Principal, cursor?: string): Promise<DeskQueueResponse> {
  if (!hasRole(p, 'agent', 'supervisor')) throw new ForbiddenError('只有在线客服或督办人员可以查看客服队列');
  const now = deps.clock.now().toISOString();
  const [page, duty, calendar] = await Promise.all([
    deps.tickets.deskQueue(p.tenantId, cursor, 50),
    onDuty(deps, p.tenantId, now),
    deps.settings.calendar(p.tenantId),
  ]);
  // the DESK entry goes when the desk acts; a ticket claimed in the morning before the desk got to it leaves the queue here
  const waiting: Ticket[] = page.items
    .filter((t) => t.desk?.state === 'waiting' && t.status === 'published')
    .sort((a, b) => (a.createdAt < b.createdAt ? -1 : a.createdAt > b.createdAt ? 1 : 0));
  // the desk is not shown other enterprises' similar requests (the supervisor is)
  const groups = waiting.some((t) => t.similar !== undefined) ? await deps.refs.list('GROUP', p.tenantId) : [];
  const items = waiting.map((t) => ticketShownTo(p, t, groups));
  return {
    items,
    ...(page.cursor ? { cursor: page.cursor } : {}),
    onDuty: duty,
    callerOnDuty: duty.some((s) => s.agentUserId === p.userId),
    afterHours: !isWorkingTime(calendar, now),
  };
}
