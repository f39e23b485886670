import * as z from 'zod/mini';
import { Category, Channel, cleanText, Id, Instant, Priority } from './common.js';
import { CreditCode, OfficePeriod } from './reference.js';
import { RatingScore, ResolutionKind, TicketClass } from './ticket.js';
import { InvitationCode } from '../wechat/code.js';

/** Request bodies and parameters, parsed at the edge. Messages are for end users (Chinese). */

/** Required free text, trimmed, named `label` in its messages, at most `max` characters (other bodies' builder too: race/api.ts). */
export const requiredText = (label: string, max: number) =>
  z
    .string({ error: `请填写${label}` })
    .check(z.trim(), z.minLength(1, { error: `${label}不能为空` }), z.maxLength(max, { error: `${label}最多 ${max} 个字` }), cleanText());
const text = requiredText;

/** Optional free text, trimmed, at most `max` characters. */
const note = (max: number) =>
  z.optional(z.string({ error: '应为文本' }).check(z.trim(), z.maxLength(max, { error: `最多 ${max} 个字` }), cleanText()));

/** An opaque token handed out by the API (cursors, `since`). */
const token = () => z.optional(z.string({ error: '应为文本' }).check(z.maxLength(1024, { error: '过长' }), cleanText()));

/** A page size from the query string: 1..100, 20 when absent. */
const limit = () =>
  z._default(
    z.coerce.number({ error: '每页条数应为 1–100 的整数' }).check(
      z.int({ error: '每页条数应为 1–100 的整数' }),
      z.minimum(1, { error: '每页条数应为 1–100 的整数' }),
      z.maximum(100, { error: '每页条数应为 1–100 的整数' }),
    ),
    20,
  );

const isoDay = () => z.string({ error: '应为日期文本' }).check(z.regex(/^\d{4}-\d{2}-\d{2}$/, { error: '日期格式应为 YYYY-MM-DD' }));

export const IdempotencyKey = z
  .string({ error: '缺少 Idempotency-Key 请求头' })
  .check(z.regex(/^[A-Za-z0-9_-]{8,128}$/, { error: 'Idempotency-Key 应为 8–128 位字母、数字、- 或 _' }));

export const CreateTicketBody = z.strictObject({
  title: text('标题', 60),
  description: text('问题描述', 2000),
  category: Category,
  priority: z._default(Priority, 'normal'),
  channel: z.optional(Channel),
  /** officers and agents raise on behalf of an enterprise; owners may omit it */
  enterpriseId: z.optional(CreditCode),
  /** a policy consultation (我要申报/咨询 on a policy): routed straight to the policy's unit, its named contact answers (首问负责制) */
  policyId: z.optional(Id),
});
export type CreateTicketBody = z.infer<typeof CreateTicketBody>;

/** `tenantId`: a persona of another tenant than the dev tenant (the platform, a province, a created district) */
/** `tenant`: every persona of that tenant (default: the dev tenant's, and the way into the others) */
export const DevUsersQuery = z.strictObject({ tenant: z.optional(Id) });
export const DevLoginBody = z.strictObject({ userId: Id, tenantId: z.optional(Id) });
export const WechatLoginBody = z.strictObject({
  code: z.string({ error: '缺少 code' }).check(z.minLength(1, { error: '缺少 code' }), z.maxLength(128, { error: 'code 过长' }), cleanText()),
  /** an invitation code (邀请码): binds this WeChat to the invited user, once (shared/src/wechat) */
  invitation: z.optional(InvitationCode),
});

export const ReasonBody = z.strictObject({ reason: text('原因', 500) });
export const AssignBody = z.strictObject({ unitId: Id });
export const TransferBody = z.strictObject({ unitId: Id, reason: text('原因', 500) });
export const TextBody = z.strictObject({ text: text('内容', 2000) });
export const ProgressBody = z.strictObject({
  text: text('进展', 2000),
  /** leader-led matters: which cadence this report meets */
  cadence: z.optional(z.enum(['progress', 'onsite', 'review'], { error: 'cadence 只能是 progress、onsite 或 review' })),
});
export const JointBody = z.strictObject({
  leadUnitId: Id,
  coUnits: z
    .array(z.strictObject({ unitId: Id, task: text('任务', 200) }), { error: '请填写协办单位' })
    .check(z.minLength(1, { error: '至少需要一个协办单位' }), z.maxLength(20, { error: '协办单位最多 20 个' })),
});
export const TaskDoneBody = z.strictObject({ note: note(500) });
export const LeadBody = z.strictObject({ leaderUserId: Id });
export const ResolveBody = z.strictObject({ kind: ResolutionKind, summary: text('办理结果', 2000) });
export const RatingBody = z.strictObject({ score: RatingScore, comment: note(500) });
export const DeskAnswerBody = z.strictObject({ text: text('答复内容', 2000) });
export const DeskForwardBody = z.strictObject({ text: note(500) });
/** 共性 / 个性 / 重点, with the reason (on the timeline). */
export const ClassifyBody = z.strictObject({ class: TicketClass, reason: text('分类理由', 500) });
/** A plan item as asked for: what, which unit owns it, the day it is due (Asia/Shanghai). */
export const PlanItemBody = z.strictObject({
  title: text('事项内容', 200),
  ownerUnitId: Id,
  dueDate: isoDay(),
});
/** A plan: the co-units of the team (the lead unit is the handling unit) and the first items. */
export const PlanBody = z.strictObject({
  coUnitIds: z._default(z.array(Id).check(z.maxLength(30, { error: '协同单位最多 30 个' })), []),
  items: z
    .array(PlanItemBody, { error: '请填写方案事项' })
    .check(z.minLength(1, { error: '至少需要一个方案事项' }), z.maxLength(40, { error: '方案事项最多 40 个' })),
});
export const PlanItemDoneBody = z.strictObject({ note: note(500) });
export const PlanItemDueBody = z.strictObject({ dueDate: isoDay(), reason: text('调整理由', 500) });

/** `commissioned`: the tickets of the enterprises the caller serves as commissioner (亲清特使); `area`: of the grids they lead (片区负责人, 网格总负责人) */
export const TicketView = z.enum(['mine', 'unit', 'supervision', 'leader', 'commissioned', 'area'], {
  error: 'view 只能是 mine、unit、supervision、leader、commissioned 或 area',
});
export const TicketListQuery = z.strictObject({
  view: z._default(TicketView, 'mine'),
  status: z.optional(
    z.enum(['published', 'claimed', 'waitingEnterprise', 'resolved', 'closed', 'open', 'overdue'], {
      error: 'status 只能是 published、claimed、waitingEnterprise、resolved、closed、open 或 overdue',
    }),
  ),
  cursor: token(),
  limit: limit(),
});
export const FeedQuery = z.strictObject({
  cursor: token(),
  since: token(),
  limit: limit(),
});
export const NoticeQuery = z.strictObject({
  ticketId: z.optional(Id),
  unit: z.optional(Id),
  level: z.optional(z.enum(['reminder', 'urge', 'warning'], { error: 'level 只能是 reminder、urge 或 warning' })),
  from: z.optional(Instant),
  to: z.optional(Instant),
  cursor: token(),
});
export const DevClockBody = z.strictObject({ now: z.nullable(Instant) });

export const CalendarYearBody = z.strictObject({
  holidays: z.array(isoDay()).check(z.maxLength(60)),
  workdays: z.array(isoDay()).check(z.maxLength(20)),
  source: z.optional(z.string({ error: '应为文本' }).check(z.maxLength(200, { error: '最多 200 个字' }), cleanText())),
});
export const OfficeHoursBody = z.strictObject({ periods: z.array(OfficePeriod).check(z.minLength(1), z.maxLength(4)) });

