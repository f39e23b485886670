import * as z from 'zod/mini';
import {
  addCalendarMinutes,
  addWorkingMinutes,
  workingMinutesBetween,
  workingMinutesPerDay,
  type Deadline,
  type WorkingCalendar,
} from './calendar/index.js';
import { Id, Instant, type Priority } from './schemas/common.js';
import { DutyShift, OfficePeriod } from './schemas/reference.js';
import { ClockBasis, ClockKind, SupervisionNotice, Ticket, type Clock } from './schemas/ticket.js';

/** A clock's length: `day` on working basis means working days of the tenant's office hours. */
export const ClockRule = z.strictObject({
  duration: z.int().check(z.positive({ error: '时长必须为正整数' })),
  unit: z.enum(['minute', 'hour', 'day']),
  basis: ClockBasis,
});
export type ClockRule = z.infer<typeof ClockRule>;

export const PriorityClocks = z.strictObject({
  claim: ClockRule,
  contact: ClockRule,
  resolve: ClockRule,
  progress: ClockRule,
});

export const ClockPolicy = z.strictObject({
  normal: PriorityClocks,
  urgent: PriorityClocks,
  /** spacing between 提醒 → 催办 → 警告 */
  escalationInterval: ClockRule,
  leader: z.strictObject({ progress: ClockRule, onsite: ClockRule, review: ClockRule }),
  /** how long after resolve the owner may reopen */
  reopenWindowDays: z.int().check(z.minimum(0), z.maximum(365)),
});
export type ClockPolicy = z.infer<typeof ClockPolicy>;

const rule = (duration: number, unit: ClockRule['unit'], basis: ClockRule['basis']): ClockRule => ({
  duration,
  unit,
  basis,
});

/** Defaults from the seeds (001): claim 2 h, contact 24 h, resolve 3 working days, weekly progress. */
export const DEFAULT_CLOCK_POLICY: ClockPolicy = {
  normal: {
    claim: rule(2, 'hour', 'working'),
    contact: rule(24, 'hour', 'calendar'),
    resolve: rule(3, 'day', 'working'),
    progress: rule(7, 'day', 'calendar'),
  },
  urgent: {
    claim: rule(30, 'minute', 'calendar'),
    contact: rule(4, 'hour', 'calendar'),
    resolve: rule(1, 'day', 'working'),
    progress: rule(3, 'day', 'calendar'),
  },
  escalationInterval: rule(1, 'day', 'working'),
  leader: {
    progress: rule(30, 'day', 'calendar'),
    onsite: rule(60, 'day', 'calendar'),
    review: rule(90, 'day', 'calendar'),
  },
  reopenWindowDays: 15,
};

export function ruleMinutes(cal: WorkingCalendar, r: ClockRule): number {
  if (r.unit === 'minute') return r.duration;
  if (r.unit === 'hour') return r.duration * 60;
  return r.duration * (r.basis === 'working' ? workingMinutesPerDay(cal) : 24 * 60);
}

export function addRule(cal: WorkingCalendar, start: string, r: ClockRule): Deadline {
  const minutes = ruleMinutes(cal, r);
  return r.basis === 'working' ? addWorkingMinutes(cal, start, minutes) : addCalendarMinutes(start, minutes);
}

export function startClock(
  cal: WorkingCalendar,
  opts: { id?: string; kind: ClockKind; rule: ClockRule; start: string; unitId?: string; recurring?: boolean },
): Clock {
  const { dueAt, calendarMissing } = addRule(cal, opts.start, opts.rule);
  return {
    id: opts.id ?? opts.kind,
    kind: opts.kind,
    basis: opts.rule.basis,
    durationMinutes: ruleMinutes(cal, opts.rule),
    startedAt: opts.start,
    dueAt,
    ...(opts.unitId ? { unitId: opts.unitId } : {}),
    ...(calendarMissing ? { calendarMissing } : {}),
    ...(opts.recurring ? { recurring: true } : {}),
    escalations: 0,
    nextEscalationAt: dueAt,
  };
}

export const rulesFor = (policy: ClockPolicy, priority: Priority) => policy[priority];

/** Marks a clock met (idempotent). */
export function meetClock(clock: Clock, at: string): Clock {
  if (clock.metAt) return clock;
  const { nextEscalationAt: _n, pausedAt: _p, ...rest } = clock;
  return { ...rest, metAt: at };
}

/** Pauses a running clock (waiting for the enterprise): no escalation while paused. */
export function pauseClock(clock: Clock, at: string): Clock {
  if (clock.metAt || clock.pausedAt) return clock;
  const { nextEscalationAt: _n, ...rest } = clock;
  return { ...rest, pausedAt: at };
}

/** Resumes a paused clock: the time left at the pause is added from now. */
export function resumeClock(cal: WorkingCalendar, clock: Clock, at: string): Clock {
  if (!clock.pausedAt || clock.metAt) return clock;
  const left =
    clock.basis === 'working'
      ? workingMinutesBetween(cal, clock.pausedAt, clock.dueAt)
      : Math.max(0, (Date.parse(clock.dueAt) - Date.parse(clock.pausedAt)) / 60000);
  const { dueAt, calendarMissing } =
    clock.basis === 'working' ? addWorkingMinutes(cal, at, left) : addCalendarMinutes(at, left);
  const { pausedAt: _p, ...rest } = clock;
  const overdue = clock.escalations > 0;
  return {
    ...rest,
    dueAt,
    ...(calendarMissing || clock.calendarMissing ? { calendarMissing: true } : {}),
    nextEscalationAt: overdue ? at : dueAt,
  };
}

/** The instant the sweep must look at this ticket next: the earliest pending escalation. */
export function nextSweepAt(clocks: readonly Clock[]): string | undefined {
  let next: string | undefined;
  for (const c of clocks) {
    if (c.metAt || c.pausedAt || !c.nextEscalationAt) continue;
    if (next === undefined || c.nextEscalationAt < next) next = c.nextEscalationAt;
  }
  return next;
}

export type ClockState = 'running' | 'paused' | 'met' | 'metLate' | 'missed';

export interface ClockView {
  id: string;
  kind: ClockKind;
  state: ClockState;
  dueAt: string;
  /** minutes left (negative: overdue), on the clock's basis */
  minutesLeft: number;
  basis: Clock['basis'];
  calendarMissing: boolean;
}

/** How a clock stands at `now`, for display. */
export function viewClock(cal: WorkingCalendar, clock: Clock, now: string): ClockView {
  const base = {
    id: clock.id,
    kind: clock.kind,
    dueAt: clock.dueAt,
    basis: clock.basis,
    calendarMissing: clock.calendarMissing === true,
  };
  if (clock.metAt) {
    return { ...base, state: clock.metAt <= clock.dueAt ? 'met' : 'metLate', minutesLeft: 0 };
  }
  const at = clock.pausedAt ?? now;
  const ahead =
    clock.basis === 'working'
      ? workingMinutesBetween(cal, at, clock.dueAt) - workingMinutesBetween(cal, clock.dueAt, at)
      : Math.round((Date.parse(clock.dueAt) - Date.parse(at)) / 60000);
  const state: ClockState = clock.pausedAt ? 'paused' : at > clock.dueAt ? 'missed' : 'running';
  return { ...base, state, minutesLeft: ahead };
}

/* ---- issue 4: the ladder, the desk, the admin settings (API shapes) ---- */

/** What each clock is about, for notices and views. */
export const CLOCK_LABELS: Record<ClockKind, string> = {
  claim: '认领',
  contact: '首次联系企业',
  resolve: '办结',
  progress: '报告进展',
  leaderProgress: '领导领办月度进展',
  leaderOnsite: '领导领办现场办公',
  leaderReview: '领导领办季度评估',
  task: '协办任务',
  item: '方案事项',
};

/**
 * Which cycle a clock is in: the instant it (re)started, in epoch seconds.
 * Recurring clocks restart when met, and reopening restarts `resolve`; each
 * start is a new cycle, so each cycle's 提醒/催办/警告 are separate notices.
 */
export const clockCycle = (clock: Pick<Clock, 'startedAt'>): number => Math.floor(Date.parse(clock.startedAt) / 1000);

/** The after-hours duty roster as an admin sets it. */
export const DutyRosterBody = z.strictObject({
  shifts: z
    .array(z.strictObject(DutyShift.shape), { error: '请填写值班表 shifts' })
    .check(z.maxLength(500, { error: '值班班次最多 500 个' })),
});
export type DutyRosterBody = z.infer<typeof DutyRosterBody>;

/** A shift with the agent's name, as the roster and the desk show it. */
const NamedShift = z.extend(DutyShift, { name: z.optional(z.string()) });

export const DutyRosterResponse = z.object({
  shifts: z.array(NamedShift),
  onDuty: z.array(NamedShift),
});

export const DeskQueueResponse = z.object({
  items: z.array(Ticket),
  cursor: z.optional(z.string()),
  /** shifts covering now: the agents on duty */
  onDuty: z.array(NamedShift),
  callerOnDuty: z.boolean(),
  /** whether now is outside office hours (the desk's time) */
  afterHours: z.boolean(),
});
export type DeskQueueResponse = z.infer<typeof DeskQueueResponse>;

export const CalendarYearResponse = z.object({
  year: z.int(),
  /** false: no data for the year; deadlines in it use the weekday rule */
  known: z.boolean(),
  origin: z.enum(['loaded', 'shipped', 'none']),
  holidays: z.array(z.string()),
  workdays: z.array(z.string()),
  source: z.optional(z.string()),
  officeHours: z.array(OfficePeriod),
  workingDays: z.int(),
});
export type CalendarYearResponse = z.infer<typeof CalendarYearResponse>;

export const ClockPolicyResponse = z.object({ policy: ClockPolicy, isDefault: z.boolean() });

export const NoticeAckResponse = z.object({ notice: SupervisionNotice, alreadyAcknowledged: z.boolean() });

const OverviewTicket = z.object({
  ticketId: Id,
  number: z.string(),
  title: z.string(),
  enterpriseName: z.string(),
  status: z.string(),
  handlingUnitId: z.optional(Id),
  handlingUnitName: z.optional(z.string()),
  createdAt: Instant,
});
const OverviewClock = z.object({
  id: z.string(),
  kind: ClockKind,
  dueAt: Instant,
  unitId: z.optional(Id),
  escalations: z.int(),
  /** minutes past due on the clock's basis */
  minutesOverdue: z.number(),
});
export const SupervisionOverviewResponse = z.object({
  now: Instant,
  unclaimed: z.array(z.extend(OverviewTicket, { claimDueAt: z.optional(Instant), claimOverdue: z.boolean() })),
  overdue: z.array(z.extend(OverviewTicket, { clocks: z.array(OverviewClock) })),
  calendarWarnings: z.array(
    z.object({ ticketId: Id, number: z.string(), clockId: z.string(), kind: ClockKind, dueAt: Instant, year: z.int(), message: z.string() }),
  ),
  calendar: z.object({ knownYears: z.array(z.int()), missingYears: z.array(z.int()), messages: z.array(z.string()) }),
  /** open tickets looked at; `truncated` when the tenant had more than one overview reads */
  scanned: z.int(),
  truncated: z.boolean(),
});
export type SupervisionOverviewResponse = z.infer<typeof SupervisionOverviewResponse>;
