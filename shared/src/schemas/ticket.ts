import * as z from 'zod/mini';
import { Category, Channel, Id, Instant, Priority, Role } from './common.js';
import { Contact, CreditCode } from './reference.js';
import { Plan, PlanItemId } from '../plan/schemas.js';
import { TicketCommonIssue } from '../common-issue/ref.js';

export const TICKET_STATUSES = ['published', 'claimed', 'waitingEnterprise', 'resolved', 'closed'] as const;
export const TicketStatus = z.enum(TICKET_STATUSES);
export type TicketStatus = z.infer<typeof TicketStatus>;

export const STATUS_LABELS: Record<TicketStatus, string> = {
  published: '待认领',
  claimed: '办理中',
  waitingEnterprise: '待企业补充',
  resolved: '已办结',
  closed: '已销号',
};

export const CLOCK_BASES = ['working', 'calendar'] as const;
export const ClockBasis = z.enum(CLOCK_BASES);
export type ClockBasis = z.infer<typeof ClockBasis>;

/**
 * Clock kinds. `claim`, `contact`, `resolve` run on every ticket; `progress` is
 * the weekly report on difficult matters; `leaderProgress|leaderOnsite|leaderReview`
 * are the leader-led cadence; `task` is a joint-handling co-unit's task; `item`
 * is a plan item's deadline (`item:<itemId>`, its owner unit's: shared/src/plan/).
 */
export const CLOCK_KINDS = [
  'claim',
  'contact',
  'resolve',
  'progress',
  'leaderProgress',
  'leaderOnsite',
  'leaderReview',
  'task',
  'item',
] as const;
export const ClockKind = z.enum(CLOCK_KINDS);
export type ClockKind = z.infer<typeof ClockKind>;

export const SUPERVISION_LEVELS = ['reminder', 'urge', 'warning'] as const;
export const SupervisionLevel = z.enum(SUPERVISION_LEVELS);
export type SupervisionLevel = z.infer<typeof SupervisionLevel>;
export const LEVEL_LABELS: Record<SupervisionLevel, string> = { reminder: '提醒', urge: '催办', warning: '警告' };

export const Clock = z.object({
  /** unique on the ticket: the kind, or `task:<unitId>` for a co-unit task */
  id: z.string(),
  kind: ClockKind,
  basis: ClockBasis,
  durationMinutes: z.int().check(z.positive()),
  startedAt: Instant,
  dueAt: Instant,
  /** responsible unit, when the clock belongs to one */
  unitId: z.optional(Id),
  metAt: z.optional(Instant),
  /** a paused clock (waiting for the enterprise) keeps its remaining working time */
  pausedAt: z.optional(Instant),
  /** the deadline falls in a year without calendar data: computed on the weekday rule */
  calendarMissing: z.optional(z.boolean()),
  /** supervision levels already issued on this clock (0..3) */
  escalations: z.int().check(z.minimum(0), z.maximum(3)),
  /** when the next escalation step is due; absent once the ladder is finished or the clock is met */
  nextEscalationAt: z.optional(Instant),
  /** recurring clocks (progress, leader cadence) restart after they are met */
  recurring: z.optional(z.boolean()),
});
export type Clock = z.infer<typeof Clock>;

export const Actor = z.object({
  userId: Id,
  name: z.string(),
  role: Role,
  unitId: z.optional(Id),
  unitName: z.optional(z.string()),
});
export type Actor = z.infer<typeof Actor>;

export const CoUnitTask = z.object({
  unitId: Id,
  unitName: z.string(),
  task: z.string(),
  doneAt: z.optional(Instant),
  doneBy: z.optional(Id),
  note: z.optional(z.string()),
});
export type CoUnitTask = z.infer<typeof CoUnitTask>;

export const JointHandling = z.object({
  leadUnitId: Id,
  leadUnitName: z.string(),
  coUnits: z.array(CoUnitTask),
  since: Instant,
});
export type JointHandling = z.infer<typeof JointHandling>;

export const RATING_SCORES = ['satisfied', 'fair', 'unsatisfied'] as const;
export const RatingScore = z.enum(RATING_SCORES, { error: '评价只能是 满意(satisfied)、基本满意(fair) 或 不满意(unsatisfied)' });
export type RatingScore = z.infer<typeof RatingScore>;
export const RATING_LABELS: Record<RatingScore, string> = { satisfied: '满意', fair: '基本满意', unsatisfied: '不满意' };

export const RESOLUTION_KINDS = ['answered', 'resolved'] as const;
export const ResolutionKind = z.enum(RESOLUTION_KINDS, { error: '办结方式只能是 answered（直接解答）或 resolved（协调解决）' });
export type ResolutionKind = z.infer<typeof ResolutionKind>;
export const RESOLUTION_LABELS: Record<ResolutionKind, string> = { answered: '直接解答', resolved: '协调解决' };

/** 共性 / 个性 / 重点: what kind of matter a ticket is (003), set by the handling unit or the supervisor with a reason. */
export const TICKET_CLASSES = ['common', 'individual', 'key'] as const;
export const TicketClass = z.enum(TICKET_CLASSES, { error: '分类只能是 common（共性）、individual（个性）或 key（重点）' });
export type TicketClass = z.infer<typeof TicketClass>;
export const CLASS_LABELS: Record<TicketClass, string> = { common: '共性问题', individual: '个性问题', key: '重点问题' };

export const Classification = z.object({
  class: TicketClass,
  reason: z.string(),
  at: Instant,
  by: Id,
  byName: z.string(),
  unitId: z.optional(Id),
});
export type Classification = z.infer<typeof Classification>;

export const Ticket = z.object({
  id: Id,
  tenantId: Id,
  /** readable number per tenant and year, e.g. 2026-000123 */
  number: z.string().check(z.regex(/^\d{4}-\d{6}$/)),
  enterpriseId: CreditCode,
  enterpriseName: z.string(),
  gridId: Id,
  channel: Channel,
  category: Category,
  priority: Priority,
  title: z.string(),
  description: z.string(),
  status: TicketStatus,
  groupIds: z.array(Id),
  handlingUnitId: z.optional(Id),
  handlingUnitName: z.optional(z.string()),
  claimedAt: z.optional(Instant),
  declinedUnitIds: z.array(Id),
  joint: z.optional(JointHandling),
  leader: z.optional(z.object({ userId: Id, name: z.string(), since: Instant })),
  difficult: z.boolean(),
  resolution: z.optional(
    z.object({ kind: ResolutionKind, summary: z.string(), at: Instant, by: Id, unitId: z.optional(Id) }),
  ),
  rating: z.optional(z.object({ score: RatingScore, comment: z.optional(z.string()), at: Instant })),
  reopenCount: z.int().check(z.minimum(0)),
  /** after-hours desk state: arrived out of office hours */
  desk: z.optional(
    z.object({ state: z.enum(['waiting', 'answered', 'forwarded']), at: Instant, agentUserId: z.optional(Id) }),
  ),
  clocks: z.array(Clock),
  /** 共性 / 个性 / 重点; absent: not classified yet (no default) */
  classification: z.optional(Classification),
  /** a key matter's or a joint handling's plan (一企一策): the team and its items, each on its own clock */
  plan: z.optional(Plan),
  /** a policy consultation (政策咨询): the policy asked about, its unit and named contact (首问负责人) */
  policy: z.optional(z.object({ id: Id, title: z.string(), unitId: Id, unitName: z.string(), contact: Contact })),
  /** linked to a common issue (已纳入共性问题统一解决): solved with it, for every enterprise at once */
  commonIssue: z.optional(TicketCommonIssue),
  createdBy: Actor,
  createdAt: Instant,
  updatedAt: Instant,
  /** optimistic concurrency: every write is conditional on the version read */
  version: z.int().check(z.minimum(1)),
});
export type Ticket = z.infer<typeof Ticket>;

export const TIMELINE_KINDS = [
  'created',
  'published',
  'claimed',
  'declined',
  'assigned',
  'transferred',
  'message',
  'progress',
  'infoRequested',
  'jointStarted',
  'taskDone',
  'leaderTook',
  'resolved',
  'rated',
  'reopened',
  'deskAnswered',
  'deskForwarded',
  'supervision',
  'clockMet',
  /** a policy consultation routed straight to the policy's unit: its named contact answers (首问负责制) */
  'firstContact',
  /** classified 共性 / 个性 / 重点 (data: class, from) */
  'classified',
  /** the plan set: its team and first items (data: leadUnitId, coUnitIds, items) */
  'planSet',
  /** an item added to the plan (data: itemId, ownerUnitId, dueDate) */
  'itemAdded',
  /** a plan item done by its owner unit (data: itemId, ownerUnitId) */
  'itemDone',
  /** a plan item's due date moved by the supervisor (data: itemId, from, to) */
  'itemRescheduled',
  /** linked to a common issue (已纳入共性问题统一解决; data: commonIssueId, title, leadUnitName, targetDate, pausedClockIds) */
  'commonIssueLinked',
  /** unlinked from it (data: commonIssueId, title, resumedClockIds) */
  'commonIssueUnlinked',
  /** its common issue solved (text: the solution; data: commonIssueId, title, leadUnitName) */
  'commonIssueSolved',
] as const;
export const TimelineKind = z.enum(TIMELINE_KINDS);
export type TimelineKind = z.infer<typeof TimelineKind>;

/** Append-only: written once per change, never edited by any endpoint. */
export const TimelineEntry = z.object({
  ticketId: Id,
  seq: z.int().check(z.minimum(1)),
  at: Instant,
  actor: Actor,
  kind: TimelineKind,
  text: z.optional(z.string()),
  data: z.optional(z.record(z.string(), z.unknown())),
});
export type TimelineEntry = z.infer<typeof TimelineEntry>;

/** 督办单: a numbered supervision notice on a missed clock. */
export const SupervisionNotice = z.object({
  id: z.string(),
  tenantId: Id,
  number: z.string(),
  ticketId: Id,
  ticketNumber: z.string(),
  unitId: z.optional(Id),
  /** a claim notice on an unclaimed ticket: the lead units of its groups, who answer for it in the assessment */
  leadUnitIds: z.optional(z.array(Id)),
  /** everyone the notice is addressed to (unit, then unit lead, then supervisor) */
  addressees: z.array(z.string()),
  level: SupervisionLevel,
  clockId: z.string(),
  clockKind: ClockKind,
  /** a plan item's notice: which item (its clock is `item:<itemId>`) and what it is called */
  itemId: z.optional(PlanItemId),
  itemTitle: z.optional(z.string()),
  /** issued on a record of its own holding tracked items (a retrospective's task, a common issue's target or step) */
  holder: z.optional(z.object({ kind: z.enum(['retrospective', 'commonIssue']), id: Id, title: z.string() })),
  issuedAt: Instant,
  acknowledgedAt: z.optional(Instant),
  acknowledgedBy: z.optional(Id),
});
export type SupervisionNotice = z.infer<typeof SupervisionNotice>;

/** A card in a group feed: what a chat-group view shows of a ticket. */
export const FeedCard = z.object({
  groupId: Id,
  ticketId: Id,
  number: z.string(),
  title: z.string(),
  enterpriseName: z.string(),
  category: Category,
  priority: Priority,
  status: TicketStatus,
  handlingUnitId: z.optional(Id),
  handlingUnitName: z.optional(z.string()),
  publishedAt: Instant,
  updatedAt: Instant,
  claimDueAt: z.optional(Instant),
  /** whether the claim clock counts working or calendar time (policy, per tenant and priority) */
  claimBasis: z.optional(ClockBasis),
});
export type FeedCard = z.infer<typeof FeedCard>;

export const InboxItem = z.object({
  id: z.string(),
  userId: Id,
  at: Instant,
  kind: z.string(),
  title: z.string(),
  body: z.string(),
  ticketId: z.optional(Id),
  /** a policy pushed to the user's enterprise (政策超市): the item opens the policy's page */
  policyId: z.optional(Id),
  /** a common issue's supervision notice (共性问题): the item opens the common issue's page */
  commonIssueId: z.optional(Id),
  readAt: z.optional(Instant),
});
export type InboxItem = z.infer<typeof InboxItem>;
