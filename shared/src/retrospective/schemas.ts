import * as z from 'zod/mini';
import { Clock, type SupervisionNotice, type Ticket, type TimelineEntry } from '../schemas/ticket.js';
import { Id, Instant, LocalDate } from '../schemas/common.js';
import { Plan, PlanItemId } from '../plan/schemas.js';

/**
 * A retrospective (典型问题复盘): the supervisor's review of one ticket (later: of a
 * common issue), its causes, findings and recommendations, and its rectification
 * tasks (整改任务) — tracked items (shared/src/plan) held in the record's own plan.
 */
export const FINDING_TAGS = ['style', 'blockage', 'loophole'] as const;
export const FindingTag = z.enum(FINDING_TAGS, { error: '问题类型应为 作风、堵点 或 漏洞' });
export type FindingTag = z.infer<typeof FindingTag>;
export const FINDING_TAG_LABELS: Record<FindingTag, string> = { style: '作风', blockage: '堵点', loophole: '漏洞' };

export const RECOMMENDATION_TAGS = ['policy', 'mechanism', 'other'] as const;
export const RecommendationTag = z.enum(RECOMMENDATION_TAGS, { error: '建议类型应为 政策修订、机制调整 或 其他' });
export type RecommendationTag = z.infer<typeof RecommendationTag>;
export const RECOMMENDATION_TAG_LABELS: Record<RecommendationTag, string> = { policy: '政策修订', mechanism: '机制调整', other: '其他' };

export const RETROSPECTIVE_STATUSES = ['draft', 'issued'] as const;
export const RetrospectiveStatus = z.enum(RETROSPECTIVE_STATUSES, { error: '状态应为 draft 或 issued' });
export type RetrospectiveStatus = z.infer<typeof RetrospectiveStatus>;
export const RETROSPECTIVE_STATUS_LABELS: Record<RetrospectiveStatus, string> = { draft: '草稿', issued: '已印发' };

/** What a retrospective is about: one ticket today; a common issue later (`{ kind: 'commonIssue', commonIssueId }`). */
export const RetrospectiveSubject = z.object({ kind: z.literal('ticket'), ticketId: Id });
export type RetrospectiveSubject = z.infer<typeof RetrospectiveSubject>;

const text = (what: string, max: number) =>
  z.string({ error: `${what}应为文本` }).check(z.trim(), z.minLength(1, { error: `${what}不能为空` }), z.maxLength(max, { error: `${what}过长（最多 ${max} 字）` }));

export const RetroFinding = z.object({ tag: FindingTag, text: text('发现的问题', 500) });
export type RetroFinding = z.infer<typeof RetroFinding>;
export const RetroRecommendation = z.object({ tag: RecommendationTag, text: text('建议', 500) });
export type RetroRecommendation = z.infer<typeof RetroRecommendation>;
export const RetrospectiveUnit = z.object({ unitId: Id, unitName: z.string() });
export type RetrospectiveUnit = z.infer<typeof RetrospectiveUnit>;

/** A rectification task as asked for: what, whose, by when. */
export const RetroTaskDraft = z.object({ title: text('整改任务', 200), ownerUnitId: Id, dueDate: LocalDate });
export type RetroTaskDraft = z.infer<typeof RetroTaskDraft>;

export const RetrospectiveId = z.string({ error: '复盘编号应为文本' }).check(z.regex(/^rt[a-z0-9]{10}$/, { error: '复盘编号无效' }));

export const Retrospective = z.object({
  id: RetrospectiveId,
  tenantId: Id,
  subject: RetrospectiveSubject,
  title: z.string(),
  units: z.array(RetrospectiveUnit),
  happened: z.string(),
  causes: z.array(z.string()),
  findings: z.array(RetroFinding),
  recommendations: z.array(RetroRecommendation),
  /** the rectification tasks: the plan's items (lead: the ticket's handling unit or the first participating unit) */
  plan: Plan,
  /** one `item:<id>` clock per task, as on a ticket's plan; on the ladder once issued (docs/plan-items.md, step 3) */
  clocks: z.array(Clock),
  status: RetrospectiveStatus,
  createdAt: Instant,
  createdBy: Id,
  createdByName: z.string(),
  updatedAt: Instant,
  rev: z.int().check(z.minimum(1)),
});
export type Retrospective = z.infer<typeof Retrospective>;

const list = <T extends z.ZodMiniType>(item: T, max: number, what: string) => z.array(item).check(z.maxLength(max, { error: `${what}最多 ${max} 条` }));

/** POST /api/tickets/{id}/retrospectives */
export const CreateRetrospectiveBody = z.strictObject({
  title: z.optional(text('标题', 100)),
  unitIds: list(Id, 20, '参与单位').check(z.minLength(1, { error: '至少选择一个参与单位' })),
  happened: text('经过', 5000),
  causes: z._default(list(text('原因', 500), 20, '原因'), []),
  findings: z._default(list(RetroFinding, 30, '发现的问题'), []),
  recommendations: z._default(list(RetroRecommendation, 30, '建议'), []),
  tasks: z._default(list(RetroTaskDraft, 30, '整改任务'), []),
});
export type CreateRetrospectiveBody = z.infer<typeof CreateRetrospectiveBody>;

/** PUT /api/tickets/{id}/retrospectives/{retroId}: the fields to change, conditional on `rev`; tasks are added (never removed). */
export const EditRetrospectiveBody = z.strictObject({
  rev: z.int({ error: 'rev 应为整数' }).check(z.minimum(1, { error: 'rev 应为正整数' })),
  title: z.optional(text('标题', 100)),
  unitIds: z.optional(list(Id, 20, '参与单位').check(z.minLength(1, { error: '至少选择一个参与单位' }))),
  happened: z.optional(text('经过', 5000)),
  causes: z.optional(list(text('原因', 500), 20, '原因')),
  findings: z.optional(list(RetroFinding, 30, '发现的问题')),
  recommendations: z.optional(list(RetroRecommendation, 30, '建议')),
  tasks: z.optional(list(RetroTaskDraft, 30, '整改任务')),
  status: z.optional(RetrospectiveStatus),
});
export type EditRetrospectiveBody = z.infer<typeof EditRetrospectiveBody>;

export const RetrospectiveParams = z.strictObject({ id: Id, retroId: Id });
export const RetrospectiveTaskParams = z.strictObject({ id: Id, retroId: Id, itemId: PlanItemId });
/** POST …/tasks/{itemId}/done */
export const RetroTaskDoneBody = z.strictObject({ note: z.optional(text('说明', 500)) });
export type RetroTaskDoneBody = z.infer<typeof RetroTaskDoneBody>;
export const RetrospectiveTicketParams = z.strictObject({ id: Id });
export const RetrospectiveResponse = z.object({ retrospective: Retrospective });
export const RetrospectiveListResponse = z.object({ items: z.array(Retrospective) });

/** A Word document (.docx): the retrospective's printable report. */
export const DOCX_MEDIA_TYPE = 'application/vnd.openxmlformats-officedocument.wordprocessingml.document';

/** What the document needs: the retrospective, its ticket with the timeline, the ticket's 督办单. */
export interface RetrospectiveDossier {
  retrospective: Retrospective;
  ticket: Ticket;
  timeline: TimelineEntry[];
  notices: SupervisionNotice[];
  tenantName: string;
}
