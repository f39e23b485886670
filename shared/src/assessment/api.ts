import * as z from 'zod/mini';
import { cleanText, Id, Instant, UnitTrack } from '../schemas/common.js';
import { COUNTERS, FIRST_LEVEL, INDICATOR_CODES, MANUAL_INDICATORS, type CounterName, type FirstLevel } from './indicators.js';
import { Period } from './period.js';
import { AssessmentScheme } from './scheme.js';

/** Requests and answers of the assessment API (the route table documents them). */
const text = (max: number, what: string) =>
  z.string({ error: `请填写${what}` }).check(z.trim(), z.minLength(1, { error: `请填写${what}` }), z.maxLength(max, { error: `${what}最多 ${max} 字` }), cleanText());

export const IndicatorCodeSchema = z.enum(INDICATOR_CODES as unknown as [string, ...string[]], { error: '没有这个指标' });
export const DrillIndicator = z.enum([...INDICATOR_CODES, 'notices'] as unknown as [string, ...string[]], { error: '没有这个指标' });
export const ManualIndicatorSchema = z.enum(MANUAL_INDICATORS as unknown as [string, ...string[]], { error: '只能录入 政策宣传、供需对接、精准服务' });

export const AssessmentQuery = z.strictObject({ period: Period, track: z.optional(UnitTrack) });
export const UnitAssessmentQuery = z.strictObject({ period: Period });
export const DrillQuery = z.strictObject({ period: Period, indicator: DrillIndicator });
export const UnitIdParam = z.strictObject({ unitId: Id });
export const DisputeIdParam = z.strictObject({ disputeId: Id });

const Counters = z.object(Object.fromEntries(COUNTERS.map((c) => [c, z.number()])) as Record<CounterName, z.ZodMiniNumber>);

export const IndicatorScoreSchema = z.object({
  code: z.string(),
  value: z.nullable(z.number()),
  score: z.nullable(z.number()),
  num: z.optional(z.number()),
  den: z.optional(z.number()),
});

export const UnitScoreSchema = z.object({
  unitId: Id,
  unitName: z.string(),
  track: UnitTrack,
  index: z.nullable(z.number()),
  rank: z.nullable(z.int()),
  levels: z.object(Object.fromEntries(FIRST_LEVEL.map((l) => [l, z.nullable(z.number())])) as Record<FirstLevel, z.ZodMiniNullable<z.ZodMiniNumber>>),
  indicators: z.array(IndicatorScoreSchema),
  deduction: z.number(),
  counters: Counters,
});

export const TrackRankingSchema = z.object({
  track: UnitTrack,
  units: z.array(UnitScoreSchema),
  redList: z.array(Id),
  blackList: z.array(Id),
});

export const AssessmentResponse = z.object({
  period: z.string(),
  schemeVersion: z.int(),
  /** whether the period is over (its figures may still change by a late rating or a dispute) */
  ended: z.boolean(),
  tracks: z.array(TrackRankingSchema),
});
export type AssessmentResponse = z.infer<typeof AssessmentResponse>;

export const DISPUTE_STATUSES = ['open', 'accepted', 'rejected'] as const;
export const DisputeStatus = z.enum(DISPUTE_STATUSES);
export const DISPUTE_STATUS_LABELS: Record<(typeof DISPUTE_STATUSES)[number], string> = { open: '待处理', accepted: '已采纳', rejected: '已驳回' };

/** 申诉: a unit asks that one item not count against it (a ticket's indicator, or one notice). */
export const DisputeBody = z.strictObject({
  ticketId: Id,
  /** the indicator of the ticket disputed, or `notices` with a noticeId */
  indicator: DrillIndicator,
  noticeId: z.optional(z.string().check(z.minLength(1), z.maxLength(200))),
  reason: text(500, '申诉理由'),
});
export type DisputeBody = z.infer<typeof DisputeBody>;

export const Dispute = z.object({
  id: Id,
  tenantId: Id,
  unitId: Id,
  unitName: z.string(),
  ticketId: Id,
  ticketNumber: z.string(),
  indicator: z.string(),
  noticeId: z.optional(z.string()),
  reason: z.string(),
  status: DisputeStatus,
  raisedBy: Id,
  raisedAt: Instant,
  decidedBy: z.optional(Id),
  decidedAt: z.optional(Instant),
  decision: z.optional(z.string()),
});
export type Dispute = z.infer<typeof Dispute>;

export const DecideDisputeBody = z.strictObject({
  accept: z.boolean({ error: '请选择采纳（true）或驳回（false）' }),
  reason: text(500, '处理意见'),
});
export type DecideDisputeBody = z.infer<typeof DecideDisputeBody>;
export const DisputeQuery = z.strictObject({ status: z.optional(DisputeStatus) });
export const DisputeResponse = z.object({ dispute: Dispute });
export const DisputesResponse = z.object({ items: z.array(Dispute) });

/** 政策宣传 / 供需对接 / 精准服务: scored by the supervisor or the assessor, with evidence. */
export const ManualScoreBody = z.strictObject({
  period: Period,
  unitId: Id,
  indicator: ManualIndicatorSchema,
  score: z.number({ error: '分数必须是数字' }).check(z.minimum(0, { error: '分数不能低于 0' }), z.maximum(100, { error: '分数不能高于 100' })),
  evidence: text(1000, '佐证材料说明'),
});
export type ManualScoreBody = z.infer<typeof ManualScoreBody>;

export const ManualEntry = z.object({
  id: z.string(),
  period: z.string(),
  unitId: Id,
  indicator: z.string(),
  score: z.number(),
  previous: z.optional(z.number()),
  evidence: z.string(),
  by: Id,
  byName: z.string(),
  at: Instant,
});
export type ManualEntry = z.infer<typeof ManualEntry>;
export const ManualEntryResponse = z.object({ entry: ManualEntry });

export const TrendPoint = z.object({ period: z.string(), index: z.nullable(z.number()), rank: z.nullable(z.int()) });

export const UnitAssessmentResponse = z.object({
  period: z.string(),
  schemeVersion: z.int(),
  score: UnitScoreSchema,
  /** how many units the track ranks */
  rankedOf: z.int(),
  trend: z.array(TrendPoint),
  manualEntries: z.array(ManualEntry),
  disputes: z.array(Dispute),
});
export type UnitAssessmentResponse = z.infer<typeof UnitAssessmentResponse>;

/** One ticket behind a figure: its facts for the unit, and the notices counted. */
export const DrillItem = z.object({
  ticketId: Id,
  unitId: Id,
  number: z.string(),
  title: z.string(),
  month: z.string(),
  counters: z.record(z.string(), z.number()),
  noticeIds: z.array(z.string()),
});
export const DrillResponse = z.object({ items: z.array(DrillItem) });

export const SchemeResponse = z.object({ current: AssessmentScheme, versions: z.array(AssessmentScheme) });

export const AuditResponse = z.object({
  period: z.string(),
  /** whether the running figures equal the recomputation, counter by counter */
  matches: z.boolean(),
  differences: z.array(z.string()),
  units: z.int(),
});
