import * as z from 'zod/mini';
import { Clock, type SupervisionNotice, type Ticket, type TimelineEntry } from '../schemas/ticket.js';
import { Id, Instant, LocalDate } from '../schemas/common.js';
import { cappedList, namedText, Plan, PlanItemId, RecordRev } from '../plan/schemas.js';
import { CommonIssueId } from '../common-issue/ref.js';
import type { CommonIssue } from '../common-issue/schemas.js';

/**
 * A retrospective (典型问题复盘): the supervisor's review of one ticket or of one
 * common issue (共性问题), its causes, findings and recommendations, and its rectification
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

/** What a retrospective is about: one ticket, or one common issue. */
export const RetrospectiveSubject = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('ticket'), ticketId: Id }),
  z.object({ kind: z.literal('commonIssue'), commonIssueId: CommonIssueId }),
]);
export type RetrospectiveSubject = z.infer<typeof RetrospectiveSubject>;
export type RetrospectiveSubjectKind = RetrospectiveSubject['kind'];

/**
 * The partition the record lives in, and its holder's notices with it: its ticket's, or its common
 * issue's own id (where that common issue's 督办单 live too). One key builder serves both subjects.
 */
export const subjectPartitionId = (s: RetrospectiveSubject): string => (s.kind === 'ticket' ? s.ticketId : s.commonIssueId);

const text = namedText;

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

const list = cappedList;

const openingFields = {
  title: z.optional(text('标题', 100)),
  happened: text('经过', 5000),
  causes: z._default(list(text('原因', 500), 20, '原因'), []),
  findings: z._default(list(RetroFinding, 30, '发现的问题'), []),
  recommendations: z._default(list(RetroRecommendation, 30, '建议'), []),
  tasks: z._default(list(RetroTaskDraft, 30, '整改任务'), []),
};

/** POST /api/tickets/{id}/retrospectives: the participating units named (at least one). */
export const CreateRetrospectiveBody = z.strictObject({
  ...openingFields,
  unitIds: list(Id, 20, '参与单位').check(z.minLength(1, { error: '至少选择一个参与单位' })),
});
export type CreateRetrospectiveBody = z.infer<typeof CreateRetrospectiveBody>;

/**
 * POST /api/common-issues/{commonIssueId}/retrospectives: the participating units are the common
 * issue's lead unit and its steps' owner units, and any others named here.
 */
export const CreateCommonIssueRetrospectiveBody = z.strictObject({
  ...openingFields,
  unitIds: z._default(list(Id, 20, '参与单位'), []),
});
export type CreateCommonIssueRetrospectiveBody = z.infer<typeof CreateCommonIssueRetrospectiveBody>;

/** PUT /api/tickets/{id}/retrospectives/{retroId}: the fields to change, conditional on `rev`; tasks are added (never removed). */
export const EditRetrospectiveBody = z.strictObject({
  rev: RecordRev,
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
/** …/common-issues/{commonIssueId}/retrospectives… */
export const CommonIssueRetrospectivesParams = z.strictObject({ commonIssueId: CommonIssueId });
export const CommonIssueRetrospectiveParams = z.strictObject({ commonIssueId: CommonIssueId, retroId: Id });
export const CommonIssueRetrospectiveTaskParams = z.strictObject({ commonIssueId: CommonIssueId, retroId: Id, itemId: PlanItemId });
export const RetrospectiveResponse = z.object({ retrospective: Retrospective });
export const RetrospectiveListResponse = z.object({ items: z.array(Retrospective) });

/** A Word document (.docx): the retrospective's printable report. */
export const DOCX_MEDIA_TYPE = 'application/vnd.openxmlformats-officedocument.wordprocessingml.document';

/**
 * What the document needs: the retrospective, what happened attached automatically — its ticket with
 * the timeline, or its common issue (confirmation, requests, steps, progress, solution, clocks) —
 * and the 督办单 of its partition.
 */
interface DossierBase {
  retrospective: Retrospective;
  notices: SupervisionNotice[];
  tenantName: string;
}
export interface TicketRetrospectiveDossier extends DossierBase {
  kind: 'ticket';
  ticket: Ticket;
  timeline: TimelineEntry[];
}
export interface CommonIssueRetrospectiveDossier extends DossierBase {
  kind: 'commonIssue';
  commonIssue: CommonIssue;
}
export type RetrospectiveDossier = TicketRetrospectiveDossier | CommonIssueRetrospectiveDossier;
