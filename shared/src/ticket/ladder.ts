import { localDateTime, type WorkingCalendar } from '../calendar/index.js';
import { addRule, CLOCK_LABELS, clockCycle, type ClockPolicy } from '../clocks.js';
import type { Group } from '../schemas/reference.js';
import {
  LEVEL_LABELS,
  SUPERVISION_LEVELS,
  type Actor,
  type Clock,
  type SupervisionLevel,
  type SupervisionNotice,
  type Ticket,
} from '../schemas/ticket.js';
import { commissionersOf, type Audience, type Notification, type TimelineDraft } from './machine.js';
import { groupUnitIdsOf } from './access.js';
import { OPEN_STATUSES as OPEN } from './roles.js';
import { findItem, itemIdOfClock, itemSubject } from '../plan/rules.js';
import type { PlanItem } from '../plan/schemas.js';

/** A job for the escalation worker: one due clock at one level. */
export interface EscalationJob {
  tenantId: string;
  /** the ticket, or the partition of a holder of its own (a retrospective's ticket, a common issue's id) */
  ticketId: string;
  /** a record of its own holding the clock (docs/plan-items.md): absent for a ticket's own clocks */
  holder?: { kind: 'retrospective' | 'commonIssue'; id: string };
  clockId: string;
  /** 1 reminder, 2 urge, 3 warning */
  level: 1 | 2 | 3;
  /** which cycle of a recurring clock (leader cadence, weekly progress) */
  cycle: number;
  dueAt: string;
}

/**
 * The supervision ladder, pure: which escalation jobs a ticket has due at an
 * instant, whether a job still applies to the ticket as it is now, whom a
 * notice addresses, and the ticket after a notice is issued. The sweep and the
 * worker (services/sweep.ts, services/escalation.ts) do the I/O around it.
 *
 * 提醒 (reminder) → 催办 (urge) → 警告 (warning): level n is issued when a clock's
 * `nextEscalationAt` passes with `escalations === n - 1`; issuing it sets
 * `escalations = n` and the next step one escalation interval after the notice
 * (none after the warning).
 */

/** Who writes the scheduler's timeline entries. */
export const SCHEDULER_ACTOR: Actor = { userId: 'scheduler', name: '自动督办', role: 'supervisor' };

export type Level = EscalationJob['level'];
export const levelName = (level: Level): SupervisionLevel => SUPERVISION_LEVELS[level - 1] ?? 'warning';

/** A clock with an escalation pending at or before `now`. */
export const isDue = (c: Clock, now: string): boolean =>
  !c.metAt && !c.pausedAt && c.nextEscalationAt !== undefined && c.nextEscalationAt <= now && c.escalations < 3;

/** The jobs the sweep enqueues for a ticket at `now`: one per due clock, at its next level. */
export function dueJobs(t: Ticket, now: string): EscalationJob[] {
  if (!OPEN.includes(t.status)) return [];
  return t.clocks.filter((c) => isDue(c, now)).map((c) => ({
    tenantId: t.tenantId,
    ticketId: t.id,
    clockId: c.id,
    level: (c.escalations + 1) as Level,
    cycle: clockCycle(c),
    dueAt: c.nextEscalationAt ?? now,
  }));
}

/**
 * When the sweep must look at the ticket again while it holds a lease: the
 * lease's end, or sooner when another clock falls due first.
 */
export const leaseDueAt = (t: Ticket, now: string, leaseUntil: string): string => clocksLeaseDueAt(t.clocks, now, leaseUntil);

/** `leaseDueAt` of any holder's clocks. */
export function clocksLeaseDueAt(clocks: readonly Clock[], now: string, leaseUntil: string): string {
  let at = leaseUntil;
  for (const c of clocks) {
    if (c.metAt || c.pausedAt || !c.nextEscalationAt || c.nextEscalationAt <= now) continue;
    if (c.nextEscalationAt < at) at = c.nextEscalationAt;
  }
  return at;
}

export type DropReason = 'closed' | 'noClock' | 'met' | 'paused' | 'otherCycle' | 'done' | 'notDue';
export type JobDecision = { kind: 'issue'; clock: Clock } | { kind: 'drop'; reason: DropReason };

/**
 * Whether a job still applies to the ticket as it is now. Anything else is
 * dropped (acknowledged): the clock was met or paused, a newer cycle started,
 * the level was already applied (a redelivery), or the step is not due yet.
 */
export const decideJob = (t: Ticket, job: Pick<EscalationJob, 'clockId' | 'level' | 'cycle'> & { dueAt?: string }, now: string): JobDecision =>
  decideClock(t.clocks, OPEN.includes(t.status), job, now);

/** `decideJob` on any holder's clocks (a ticket's, a retrospective's, a common issue's). */
export function decideClock(clocks: readonly Clock[], open: boolean, job: Pick<EscalationJob, 'clockId' | 'level' | 'cycle'> & { dueAt?: string }, now: string): JobDecision {
  if (!open) return { kind: 'drop', reason: 'closed' };
  const clock = clocks.find((c) => c.id === job.clockId);
  if (!clock) return { kind: 'drop', reason: 'noClock' };
  if (clock.metAt) return { kind: 'drop', reason: 'met' };
  if (clock.pausedAt) return { kind: 'drop', reason: 'paused' };
  if (clockCycle(clock) !== job.cycle) return { kind: 'drop', reason: 'otherCycle' };
  if (clock.escalations >= job.level) return { kind: 'drop', reason: 'done' };
  // due now, or due by the sweep's reading: the step the job names is still the clock's next one
  // (a worker whose clock runs a little behind the sweep's must not drop a due step)
  const stillNext = job.dueAt !== undefined && clock.nextEscalationAt === job.dueAt;
  if (clock.escalations !== job.level - 1 || !clock.nextEscalationAt || (clock.nextEscalationAt > now && !stillNext)) {
    return { kind: 'drop', reason: 'notDue' };
  }
  return { kind: 'issue', clock };
}

export interface Addressing {
  /** the responsible unit recorded on the notice (none for an unclaimed ticket's claim clock) */
  unitId?: string;
  /** an unclaimed ticket's claim clock: the lead units of its groups (行业归口), counted against in the assessment */
  leadUnitIds?: string[];
  /** `unit:<id>`, `unitLead:<id>`, `user:<id>`, `supervisors` */
  addressees: string[];
  audience: Audience[];
}

const LEADER_KINDS: readonly Clock['kind'][] = ['leaderProgress', 'leaderOnsite', 'leaderReview'];

/**
 * Whom a notice addresses.
 * - claim (nobody claimed): 1 the units of the ticket's groups; 2 also the
 *   supervisor, asked to assign; 3 the same, as a warning.
 * - contact / resolve / progress / task: 1 the handling (or co-) unit; 2 also
 *   its unit lead; 3 also the supervisor.
 * - leader cadence: as above, and the leader at every level.
 * A clock with no unit (a leader clock on an unclaimed ticket) goes to the
 * supervisor from the first level: somebody must hear of it.
 */
export function addressing(t: Ticket, clock: Clock, level: Level, groups: readonly Group[]): Addressing {
  const audience: Audience[] = [];
  if (clock.kind === 'claim') {
    // the lead units answer for an unclaimed ticket: they hear of it even after declining it
    const leadUnitIds = leadUnitsOf(t, groups);
    const unitIds = [...new Set([...groupUnitIdsOf(t, groups).filter((u) => !t.declinedUnitIds.includes(u)), ...leadUnitIds])];
    for (const id of unitIds) audience.push({ kind: 'unit', id });
    if (level >= 2 || unitIds.length === 0) audience.push({ kind: 'supervisors' });
    return { ...(leadUnitIds.length > 0 ? { leadUnitIds } : {}), addressees: audience.map(addresseeOf), audience };
  }
  const unitId = clock.unitId ?? t.handlingUnitId;
  if (unitId) {
    audience.push({ kind: 'unit', id: unitId });
    if (level >= 2) audience.push({ kind: 'unitLead', id: unitId });
  }
  // the leader hears of every cadence notice, and of a key matter's plan items from the urge on
  if (t.leader && (LEADER_KINDS.includes(clock.kind) || (clock.kind === 'item' && level >= 2))) audience.push({ kind: 'user', id: t.leader.userId });
  if (level >= 3 || !unitId) audience.push({ kind: 'supervisors' });
  return { ...(unitId ? { unitId } : {}), addressees: audience.map(addresseeOf), audience };
}

/** The lead units (牵头单位) of a ticket's groups, in the groups' order. */
export const leadUnitsOf = (t: Pick<Ticket, 'groupIds'>, groups: readonly Group[]): string[] => [
  ...new Set(groups.filter((g) => t.groupIds.includes(g.id) && g.leadUnitId).map((g) => g.leadUnitId as string)),
];

export function addresseeOf(a: Audience): string {
  switch (a.kind) {
    case 'supervisors':
    case 'deskOnDuty':
      return a.kind;
    case 'gridOfficer':
    case 'gridLeads':
      return `${a.kind}:${a.gridId}`;
    case 'commissioners':
      return `commissioners:${a.enterpriseId}`;
    default:
      return `${a.kind}:${a.id}`;
  }
}

/** The plan item a clock is the deadline of (an `item:<id>` clock), if any. */
export const itemOf = (t: Pick<Ticket, 'plan'>, clock: Pick<Clock, 'id'>): PlanItem | undefined => {
  const id = itemIdOfClock(clock.id);
  return id ? findItem(t.plan, id) : undefined;
};

/** The notice id: ticket, clock, cycle and level (the same four make its key, so it exists once). */
export const noticeId = (ticketId: string, clockId: string, cycle: number, level: SupervisionLevel): string =>
  `${ticketId}~${clockId}~${cycle}~${level}`;

export function parseNoticeId(id: string): { ticketId: string; clockId: string; cycle: number; level: SupervisionLevel } | undefined {
  const parts = id.split('~');
  if (parts.length !== 4) return undefined;
  const [ticketId = '', clockId = '', cycle = '', level = ''] = parts;
  if (!/^[a-z0-9][a-z0-9_-]*$/i.test(ticketId) || !/^[a-zA-Z]+(:[a-z0-9_-]+)?$/i.test(clockId) || !/^\d{1,12}$/.test(cycle)) {
    return undefined;
  }
  if (!(SUPERVISION_LEVELS as readonly string[]).includes(level)) return undefined;
  return { ticketId, clockId, cycle: Number(cycle), level: level as SupervisionLevel };
}

/** The notice a job issues (its number comes from the tenant's counter). */
export function buildNotice(
  t: Ticket,
  clock: Clock,
  level: Level,
  groups: readonly Group[],
  number: string,
  issuedAt: string,
): SupervisionNotice {
  const a = addressing(t, clock, level, groups);
  const name = levelName(level);
  const item = itemOf(t, clock);
  return {
    id: noticeId(t.id, clock.id, clockCycle(clock), name),
    tenantId: t.tenantId,
    number,
    ticketId: t.id,
    ticketNumber: t.number,
    ...(a.unitId ? { unitId: a.unitId } : {}),
    ...(a.leadUnitIds ? { leadUnitIds: a.leadUnitIds } : {}),
    addressees: a.addressees,
    level: name,
    clockId: clock.id,
    clockKind: clock.kind,
    ...(item ? { itemId: item.id, itemTitle: item.title } : {}),
    issuedAt,
  };
}

/** The clock after its level-`level` notice: the next step one interval after the notice, none after the warning. */
export function advanceClock(cal: WorkingCalendar, policy: ClockPolicy, clock: Clock, level: Level, issuedAt: string): Clock {
  const { nextEscalationAt: _n, ...rest } = clock;
  if (level >= 3) return { ...rest, escalations: 3 };
  return { ...rest, escalations: level, nextEscalationAt: addRule(cal, issuedAt, policy.escalationInterval).dueAt };
}

const ORDINAL = ['', '第1次', '第2次', '第3次'];

export function noticeText(t: Ticket, clock: Clock, notice: SupervisionNotice, level: Level): { title: string; body: string } {
  const label = LEVEL_LABELS[notice.level];
  const item = itemOf(t, clock);
  // a plan item's notice names the item, its owner unit and its due date
  const what = item ? itemSubject(item) : CLOCK_LABELS[clock.kind];
  const limit = item ? '' : `（时限 ${localDateTime(clock.dueAt)}）`;
  const ask = clock.kind === 'claim' && level >= 2 ? '，请督办人员指派承办单位' : '';
  return {
    title: `督办${label}（${notice.number}）`,
    body: `${t.number}「${t.title}」${what}已超时${limit}，${ORDINAL[level] ?? ''}${label}${ask}`,
  };
}

export interface EscalationResult {
  ticket: Ticket;
  entries: TimelineDraft[];
  notifications: Notification[];
}

/**
 * Applies an issued notice to the ticket: the clock advances, the timeline
 * records the notice, the addressees are told. Idempotent in effect: the
 * caller commits it conditional on the version it read.
 */
export function applyNotice(
  t: Ticket,
  notice: SupervisionNotice,
  level: Level,
  ctx: { calendar: WorkingCalendar; policy: ClockPolicy; groups: readonly Group[]; now: string },
): EscalationResult {
  const clock = t.clocks.find((c) => c.id === notice.clockId);
  if (!clock) throw new Error(`ticket ${t.id} has no clock ${notice.clockId}`);
  const next = advanceClock(ctx.calendar, ctx.policy, clock, level, notice.issuedAt);
  const { title, body } = noticeText(t, clock, notice, level);
  const a = addressing(t, clock, level, ctx.groups);
  return {
    ticket: {
      ...t,
      clocks: t.clocks.map((c) => (c.id === clock.id ? next : c)),
      updatedAt: ctx.now,
      version: t.version + 1,
    },
    entries: [
      {
        kind: 'supervision',
        text: body,
        data: {
          noticeId: notice.id,
          number: notice.number,
          level: notice.level,
          clockId: clock.id,
          clockKind: clock.kind,
          cycle: clockCycle(clock),
          ...(notice.itemId ? { itemId: notice.itemId, itemTitle: notice.itemTitle } : {}),
          addressees: notice.addressees,
        },
      },
    ],
    // the enterprise's commissioners hear of every notice too (not addressed: the notice is the unit's to answer)
    notifications: [{ event: 'escalated', audience: [...a.audience, commissionersOf(t)], title, body }],
  };
}
