import { localDateTime } from '../calendar/index.js';
import { CLOCK_LABELS, clockCycle, type ClockPolicy } from '../clocks.js';
import type { WorkingCalendar } from '../calendar/index.js';
import { LEVEL_LABELS, type Clock, type SupervisionNotice } from '../schemas/ticket.js';
import type { Audience } from '../ticket/machine.js';
import { addresseeOf, advanceClock, clocksLeaseDueAt, decideClock, isDue, levelName, noticeId, type EscalationJob, type JobDecision, type Level } from '../ticket/ladder.js';
import { findItem, itemIdOfClock } from './rules.js';
import type { Plan } from './schemas.js';

/**
 * The supervision ladder for a record of its own that holds tracked items
 * (docs/plan-items.md, step 3): a retrospective's rectification tasks, a common
 * issue's target and steps. The clock-level rules are the ticket's
 * (`decideClock`, `advanceClock`, the notice's key); what differs is who the
 * holder is, how a notice names it, and whom it addresses — the clock's unit
 * (提醒), its unit lead too (催办), the supervisor too (警告) — since a holder has
 * no enterprise, groups or claim.
 */
export const HOLDER_KINDS = ['retrospective', 'commonIssue'] as const;
export type HolderKind = (typeof HOLDER_KINDS)[number];
export const HOLDER_KIND_LABELS: Record<HolderKind, string> = { retrospective: '典型问题复盘', commonIssue: '共性问题' };

/** Which record a job or a notice belongs to. */
export interface HolderRef {
  kind: HolderKind;
  id: string;
}

/** What the ladder reads of a holder. */
export interface LadderHolder extends HolderRef {
  tenantId: string;
  /**
   * The partition its notices and outbox messages live in: a retrospective's
   * ticket (its notices are that ticket's too), a common issue's own id.
   */
  ticketId: string;
  /** how a notice refers to it: the ticket's number for a retrospective, 共性问题 for a common issue */
  ref: string;
  title: string;
  /** a closed holder (a solved common issue) escalates nothing */
  open: boolean;
  clocks: Clock[];
  plan?: Plan;
  /** the leader who hears of its urges and warnings, if any */
  leaderUserId?: string;
  /** the common issue its notices open in the inbox: its own id, or a retrospective's subject when that is a common issue */
  commonIssueId?: string;
}

/** The jobs due on a holder at `now`: one per due clock, at its next level, naming the holder. */
export function holderDueJobs(h: LadderHolder, now: string): EscalationJob[] {
  if (!h.open) return [];
  return h.clocks.filter((c) => isDue(c, now)).map((c) => ({
    tenantId: h.tenantId,
    ticketId: h.ticketId,
    holder: { kind: h.kind, id: h.id },
    clockId: c.id,
    level: (c.escalations + 1) as Level,
    cycle: clockCycle(c),
    dueAt: c.nextEscalationAt ?? now,
  }));
}

/** Whether a job still applies to the holder as it is now (the ticket's rules, on the holder's clocks). */
export const decideHolderJob = (h: LadderHolder, job: Pick<EscalationJob, 'clockId' | 'level' | 'cycle'> & { dueAt?: string }, now: string): JobDecision =>
  decideClock(h.clocks, h.open, job, now);

/** When the sweep must look again while it holds a lease on the holder. */
export const holderLeaseDueAt = (h: LadderHolder, now: string, leaseUntil: string): string => clocksLeaseDueAt(h.clocks, now, leaseUntil);

function holderAudience(h: LadderHolder, clock: Clock, level: Level): Audience[] {
  const audience: Audience[] = [];
  if (clock.unitId) {
    audience.push({ kind: 'unit', id: clock.unitId });
    if (level >= 2) audience.push({ kind: 'unitLead', id: clock.unitId });
  }
  if (h.leaderUserId && level >= 2) audience.push({ kind: 'user', id: h.leaderUserId });
  if (level >= 3 || !clock.unitId) audience.push({ kind: 'supervisors' });
  return audience;
}

/** What a holder's clock is called on a notice: the item it is the deadline of, or the clock's own label. */
function subjectOf(h: LadderHolder, clock: Clock): string {
  const itemId = itemIdOfClock(clock.id);
  const item = itemId ? findItem(h.plan, itemId) : undefined;
  const what = h.kind === 'retrospective' ? '整改任务' : '措施';
  if (item) return `${what}「${item.title}」（${item.ownerUnitName}，时限 ${localDateTime(item.dueAt)}）`;
  return `${CLOCK_LABELS[clock.kind]}（时限 ${localDateTime(clock.dueAt)}）`;
}

/** The notice a holder's job issues (its number from the tenant's counter; its key the ticket's: partition, clock, cycle, level). */
export function buildHolderNotice(h: LadderHolder, clock: Clock, level: Level, number: string, issuedAt: string): SupervisionNotice {
  const audience = holderAudience(h, clock, level);
  const itemId = itemIdOfClock(clock.id);
  const item = itemId ? findItem(h.plan, itemId) : undefined;
  return {
    id: noticeId(h.ticketId, clock.id, clockCycle(clock), levelName(level)),
    tenantId: h.tenantId,
    number,
    ticketId: h.ticketId,
    ticketNumber: h.ref,
    ...(clock.unitId ? { unitId: clock.unitId } : {}),
    addressees: audience.map(addresseeOf),
    level: levelName(level),
    clockId: clock.id,
    clockKind: clock.kind,
    ...(item ? { itemId: item.id, itemTitle: item.title } : {}),
    holder: { kind: h.kind, id: h.id, title: h.title },
    issuedAt,
  };
}

const ORDINAL = ['', '第1次', '第2次', '第3次'];

export interface HolderEscalation {
  clocks: Clock[];
  notification: { audience: Audience[]; title: string; body: string };
}

/** The holder's clocks after a notice, and whom it tells what. The caller writes both conditional on the holder's rev. */
export function applyHolderNotice(
  h: LadderHolder,
  notice: SupervisionNotice,
  level: Level,
  ctx: { calendar: WorkingCalendar; policy: ClockPolicy },
): HolderEscalation {
  const clock = h.clocks.find((c) => c.id === notice.clockId);
  if (!clock) throw new Error(`${h.kind} ${h.id} has no clock ${notice.clockId}`);
  const next = advanceClock(ctx.calendar, ctx.policy, clock, level, notice.issuedAt);
  const label = LEVEL_LABELS[notice.level];
  return {
    clocks: h.clocks.map((c) => (c.id === clock.id ? next : c)),
    notification: {
      audience: holderAudience(h, clock, level),
      title: `督办${label}（${notice.number}）`,
      body: `${HOLDER_KIND_LABELS[h.kind]}「${h.title}」${subjectOf(h, clock)}已超时，${ORDINAL[level] ?? ''}${label}`,
    },
  };
}
