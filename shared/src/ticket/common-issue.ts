import type { WorkingCalendar } from '../calendar/index.js';
import { meetClock, pauseClock, resumeClock } from '../clocks.js';
import { TransitionError } from '../errors.js';
import type { Clock, Ticket } from '../schemas/ticket.js';
import type { CommonIssue } from '../common-issue/schemas.js';
import type { Notification, TimelineDraft } from './machine.js';
import { OPEN_STATUSES } from './roles.js';

/**
 * A ticket's side of a common issue (共性问题), as system transitions: pure, like
 * the ladder's `applyNotice`, committed by the caller with the ticket's conditional
 * write and its effects (timeline, outbox), never a side channel.
 *
 * - linked: the ticket carries the common issue (`commonIssue`, 已纳入共性问题统一解决),
 *   its owners are told; while linked and unsolved its `resolve` and weekly `progress`
 *   clocks stay paused (its deadline is now the common issue's; the unit is not urged for
 *   a problem taken over for everybody) — `holdForCommonIssue`, applied after every command;
 * - unlinked: the field goes, the clocks run again from now with the time they had left;
 * - solved: an open ticket is resolved by the lead unit with the common issue's summary
 *   (its owners asked to rate, as any resolution); one already resolved or closed gets an
 *   entry and its owners are told; `commonIssue.solvedAt` is set.
 *
 * Each answers `noop` when the ticket is already so: a retry, or a second finisher, writes nothing.
 */
export type CommonIssueStep =
  | { ok: true; noop: true }
  | { ok: true; noop?: false; ticket: Ticket; entries: TimelineDraft[]; notifications: Notification[] }
  | { ok: false; error: TransitionError };

const HELD: readonly Clock['kind'][] = ['resolve', 'progress'];

/** While linked to a common issue not yet solved, the ticket's resolve and progress clocks stay paused. */
export function holdForCommonIssue(t: Ticket, now: string): Ticket {
  if (!t.commonIssue || t.commonIssue.solvedAt) return t;
  if (!t.clocks.some((c) => HELD.includes(c.kind) && !c.metAt && !c.pausedAt)) return t;
  return { ...t, clocks: t.clocks.map((c) => (HELD.includes(c.kind) ? pauseClock(c, now) : c)) };
}

const next = (t: Ticket, now: string): Ticket => ({ ...t, updatedAt: now, version: t.version + 1 });
const enterprise = (t: Ticket) => ({ kind: 'enterprise' as const, id: t.enterpriseId });

/** Links the ticket to the common issue and tells its owners. Linked to another one: refused. */
export function linkToCommonIssue(t: Ticket, ci: Pick<CommonIssue, 'id' | 'title' | 'leadUnitName' | 'targetDate'>, now: string): CommonIssueStep {
  if (t.commonIssue?.id === ci.id) return { ok: true, noop: true };
  if (t.commonIssue) return { ok: false, error: new TransitionError(`该诉求已纳入共性问题「${t.commonIssue.title}」`, { commonIssueId: t.commonIssue.id }) };
  const linked = holdForCommonIssue({ ...next(t, now), commonIssue: { id: ci.id, title: ci.title, leadUnitName: ci.leadUnitName, targetDate: ci.targetDate, linkedAt: now } }, now);
  const paused = linked.clocks.filter((c) => c.pausedAt === now && !t.clocks.find((o) => o.id === c.id)?.pausedAt).map((c) => c.id);
  return {
    ok: true,
    ticket: linked,
    entries: [
      {
        kind: 'commonIssueLinked',
        text: `已纳入共性问题「${ci.title}」统一解决`,
        data: { commonIssueId: ci.id, title: ci.title, leadUnitName: ci.leadUnitName, targetDate: ci.targetDate, pausedClockIds: paused },
      },
    ],
    notifications: [
      {
        event: 'progress',
        audience: [enterprise(t)],
        title: '已纳入共性问题统一解决',
        body: `您反映的诉求已纳入共性问题「${ci.title}」统一解决，牵头单位${ci.leadUnitName}，目标${ci.targetDate}前解决`,
      },
    ],
  };
}

/** Unlinks the ticket (a wrong match): the field goes, its held clocks run again. Not linked to it: noop. */
export function unlinkFromCommonIssue(t: Ticket, ci: Pick<CommonIssue, 'id' | 'title'>, now: string, calendar: WorkingCalendar): CommonIssueStep {
  if (t.commonIssue?.id !== ci.id) return { ok: true, noop: true };
  const { commonIssue: _gone, ...rest } = next(t, now);
  // waiting for the enterprise, the resolve clock was paused before (request-info): the owner's reply resumes it
  const resumes = (c: Clock) => c.pausedAt !== undefined && HELD.includes(c.kind) && !(c.kind === 'resolve' && t.status === 'waitingEnterprise');
  const resumed = t.clocks.filter(resumes).map((c) => c.id);
  const open = OPEN_STATUSES.includes(t.status);
  return {
    ok: true,
    ticket: { ...rest, clocks: t.clocks.map((c) => (resumes(c) ? resumeClock(calendar, c, now) : c)) },
    entries: [{ kind: 'commonIssueUnlinked', text: `不再纳入共性问题「${ci.title}」`, data: { commonIssueId: ci.id, title: ci.title, resumedClockIds: resumed } }],
    notifications: open
      ? [{ event: 'progress', audience: [enterprise(t)], title: '诉求继续单独办理', body: `您反映的诉求不再纳入共性问题「${ci.title}」，由承办单位继续办理` }]
      : [],
  };
}

/**
 * The common issue is solved: an open ticket is resolved by the lead unit with its summary (owners asked to
 * rate, its leader and commissioners told, as any resolution); a resolved one's owners are told and asked to
 * rate, a closed one's told. Not linked to it, or told already: noop.
 */
export function solveByCommonIssue(
  t: Ticket,
  ci: Pick<CommonIssue, 'id' | 'title' | 'leadUnitId' | 'leadUnitName'> & { solution: { summary: string; at: string; by: string } },
  now: string,
): CommonIssueStep {
  if (t.commonIssue?.id !== ci.id || t.commonIssue.solvedAt) return { ok: true, noop: true };
  const base: Ticket = { ...next(t, now), commonIssue: { ...t.commonIssue, solvedAt: ci.solution.at } };
  const told: TimelineDraft = { kind: 'commonIssueSolved', text: ci.solution.summary, data: { commonIssueId: ci.id, title: ci.title, leadUnitName: ci.leadUnitName } };
  if (!OPEN_STATUSES.includes(t.status)) {
    const rate = t.status === 'resolved';
    return {
      ok: true,
      ticket: base,
      entries: [told],
      notifications: [
        {
          event: rate ? 'resolved' : 'progress',
          audience: [enterprise(t)],
          title: '共性问题已解决',
          body: `您反映的问题已随共性问题「${ci.title}」统一解决${rate ? '，请评价' : ''}`,
        },
      ],
    };
  }
  const resolved: Ticket = {
    ...base,
    status: 'resolved',
    ...(t.handlingUnitId ? {} : { handlingUnitId: ci.leadUnitId, handlingUnitName: ci.leadUnitName }),
    clocks: t.clocks.map((c) => meetClock(c, now)),
    resolution: { kind: 'resolved', summary: ci.solution.summary, at: now, by: ci.solution.by, unitId: ci.leadUnitId },
  };
  return {
    ok: true,
    ticket: resolved,
    entries: [{ kind: 'resolved', text: ci.solution.summary, data: { kind: 'resolved', commonIssueId: ci.id } }, told],
    notifications: [
      {
        event: 'resolved',
        audience: [enterprise(t), ...(t.leader ? [{ kind: 'user' as const, id: t.leader.userId }] : [])],
        title: '诉求已办结',
        body: `${t.number}「${t.title}」已随共性问题「${ci.title}」统一解决，请评价`,
      },
      { event: 'resolved', audience: [{ kind: 'commissioners', enterpriseId: t.enterpriseId }], title: `${t.priority === 'urgent' ? '【紧急】' : ''}服务企业诉求已办结`, body: `${t.enterpriseName}：${t.number}「${t.title}」已随共性问题由 ${ci.leadUnitName} 统一解决` },
    ],
  };
}
