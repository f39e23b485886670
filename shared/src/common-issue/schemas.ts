import * as z from 'zod/mini';
import { Category, Id, Instant, LocalDate } from '../schemas/common.js';
import { CreditCode } from '../schemas/reference.js';
import { Clock, TicketStatus } from '../schemas/ticket.js';
import { cappedList, namedText, Plan, RecordRev } from '../plan/schemas.js';
import { CommonIssueId } from './ref.js';

export { CommonIssueId, TicketCommonIssue } from './ref.js';

/**
 * Common issues (共性问题, issue 14): many whistles, one fix. The supervisor confirms a
 * proposed cluster of requests from several enterprises as a common issue with a lead
 * unit, a standing-fix plan (长效机制) and a target date; its steps are tracked items
 * (shared/src/plan) on its own clocks and the supervision ladder; its linked tickets show
 * it to their owners (已纳入共性问题统一解决), and solving it tells and asks every linked
 * enterprise to rate. The contract lives here; the rules beside it.
 */
export const COMMON_ISSUE_STATUSES = ['found', 'inProgress', 'solved'] as const;
export const CommonIssueStatus = z.enum(COMMON_ISSUE_STATUSES, { error: '状态只能是 found（已发现）、inProgress（推进中）或 solved（已解决）' });
export type CommonIssueStatus = z.infer<typeof CommonIssueStatus>;
export const COMMON_ISSUE_STATUS_LABELS: Record<CommonIssueStatus, string> = { found: '已发现', inProgress: '推进中', solved: '已解决' };

export const SUGGESTION_STATUSES = ['waiting', 'confirmed', 'dismissed'] as const;
export const SuggestionStatus = z.enum(SUGGESTION_STATUSES);
export type SuggestionStatus = z.infer<typeof SuggestionStatus>;
export const SUGGESTION_STATUS_LABELS: Record<SuggestionStatus, string> = { waiting: '待确认', confirmed: '已确认', dismissed: '已忽略' };

/** `cs` and 10 lowercase letters or digits, derived from the proposal's signature (the same tickets: the same suggestion). */
export const SuggestionId = z.string({ error: '建议编号应为文本' }).check(z.regex(/^cs[a-z0-9]{10}$/, { error: '建议编号无效' }));

const text = namedText;
const list = cappedList;

/** A request as a common issue or a suggestion shows it: enough to list it without reading the ticket. */
export const LinkedTicket = z.object({
  ticketId: Id,
  number: z.string(),
  enterpriseId: CreditCode,
  enterpriseName: z.string(),
  title: z.string(),
  category: Category,
  /** as it was when linked or proposed */
  status: TicketStatus,
  createdAt: Instant,
  /** when it was linked to the common issue (absent on a suggestion) */
  linkedAt: z.optional(Instant),
});
export type LinkedTicket = z.infer<typeof LinkedTicket>;

/** A step of the standing fix as asked for: what, whose, by when (a tracked item). */
export const StepDraft = z.object({ title: text('措施', 200), ownerUnitId: Id, dueDate: LocalDate });
export type StepDraft = z.infer<typeof StepDraft>;

export const ProgressNote = z.object({ at: Instant, by: Id, byName: z.string(), unitId: z.optional(Id), text: z.string() });
export type ProgressNote = z.infer<typeof ProgressNote>;

export const CommonIssue = z.object({
  id: CommonIssueId,
  tenantId: Id,
  title: z.string(),
  category: Category,
  /** what the enterprises raise, in a sentence */
  summary: z.string(),
  /** the standing fix (长效机制): how it is solved for everybody, not one by one */
  fix: z.string(),
  leadUnitId: Id,
  leadUnitName: z.string(),
  /** the target day (Asia/Shanghai) and its instant: the close of office hours on that working day */
  targetDate: LocalDate,
  targetAt: Instant,
  status: CommonIssueStatus,
  tickets: z.array(LinkedTicket),
  /** the steps of the fix: a plan (lead unit and co-units) whose items are tracked on `clocks` */
  plan: Plan,
  /** the target's `resolve` clock (the lead unit's) and one `item:<id>` clock per open step: on the ladder */
  clocks: z.array(Clock),
  progress: z.array(ProgressNote),
  solution: z.optional(z.object({ summary: z.string(), at: Instant, by: Id, byName: z.string() })),
  /** the suggestion it was confirmed from, if any */
  suggestionId: z.optional(SuggestionId),
  createdAt: Instant,
  createdBy: Id,
  createdByName: z.string(),
  updatedAt: Instant,
  rev: z.int().check(z.minimum(1)),
});
export type CommonIssue = z.infer<typeof CommonIssue>;

/** A proposed cluster (可能的共性问题) waiting for the supervisor, or decided. */
export const CommonIssueSuggestion = z.object({
  id: SuggestionId,
  tenantId: Id,
  /** the sorted ticket ids: what a dismissal keeps */
  signature: z.string(),
  /** "可能的共性问题：4 家企业反映园区周边就餐难" */
  title: z.string(),
  topic: z.string(),
  category: Category,
  tickets: z.array(LinkedTicket),
  enterpriseCount: z.int().check(z.minimum(1)),
  /** the words that weigh most across its requests */
  terms: z.array(z.string()),
  cohesion: z.number(),
  /** dismissed suggestions this one grew beyond (new enterprises since) */
  dismissedBefore: z.array(z.string()),
  status: SuggestionStatus,
  proposedAt: Instant,
  decidedAt: z.optional(Instant),
  decidedBy: z.optional(Id),
  reason: z.optional(z.string()),
  commonIssueId: z.optional(CommonIssueId),
});
export type CommonIssueSuggestion = z.infer<typeof CommonIssueSuggestion>;

/** POST /api/common-issues: confirm a suggestion (or the supervisor's own selection) as a common issue. */
export const ConfirmCommonIssueBody = z.strictObject({
  suggestionId: z.optional(SuggestionId),
  title: text('标题', 100),
  category: Category,
  summary: text('问题概述', 1000),
  fix: text('长效机制', 2000),
  leadUnitId: Id,
  targetDate: LocalDate,
  ticketIds: list(Id, 200, '关联诉求').check(z.minLength(1, { error: '至少关联一件诉求' })),
  steps: z._default(list(StepDraft, 30, '措施'), []),
});
export type ConfirmCommonIssueBody = z.infer<typeof ConfirmCommonIssueBody>;

export const DismissSuggestionBody = z.strictObject({ reason: z.optional(text('理由', 200)) });
export type DismissSuggestionBody = z.infer<typeof DismissSuggestionBody>;

const Rev = RecordRev;

/** Link more tickets, or unlink some (a wrong match), conditional on `rev`. */
export const LinkTicketsBody = z.strictObject({
  rev: Rev,
  add: z._default(list(Id, 200, '关联诉求'), []),
  remove: z._default(list(Id, 200, '移出诉求'), []),
});
export type LinkTicketsBody = z.infer<typeof LinkTicketsBody>;

export const CommonIssueProgressBody = z.strictObject({ rev: Rev, text: text('进展', 1000) });
export type CommonIssueProgressBody = z.infer<typeof CommonIssueProgressBody>;

export const AddStepsBody = z.strictObject({ rev: Rev, steps: list(StepDraft, 30, '措施').check(z.minLength(1, { error: '至少一项措施' })) });
export type AddStepsBody = z.infer<typeof AddStepsBody>;

export const StepDoneBody = z.strictObject({ note: z.optional(text('说明', 500)) });
export type StepDoneBody = z.infer<typeof StepDoneBody>;

export const SolveCommonIssueBody = z.strictObject({ rev: Rev, summary: text('解决情况', 2000) });
export type SolveCommonIssueBody = z.infer<typeof SolveCommonIssueBody>;

export const CommonIssueParams = z.strictObject({ commonIssueId: CommonIssueId });
export const CommonIssueStepParams = z.strictObject({ commonIssueId: CommonIssueId, itemId: Id });
export const SuggestionParams = z.strictObject({ suggestionId: SuggestionId });
export const CommonIssueListQuery = z.strictObject({ status: z.optional(CommonIssueStatus), category: z.optional(Category) });

export const CommonIssueResponse = z.object({ commonIssue: CommonIssue });
/** The ledger (共性问题台账): every common issue, and per category how many are in each status and how many enterprises are behind them. */
export const CommonIssueLedgerResponse = z.object({
  items: z.array(CommonIssue),
  byCategory: z.array(
    z.object({ category: Category, found: z.int(), inProgress: z.int(), solved: z.int(), enterprises: z.int() }),
  ),
});
export const SuggestionResponse = z.object({ suggestion: CommonIssueSuggestion });
export const SuggestionListResponse = z.object({ items: z.array(CommonIssueSuggestion) });
export const ProposalRunResponse = z.object({ proposed: z.int(), waiting: z.int(), scanned: z.int() });
