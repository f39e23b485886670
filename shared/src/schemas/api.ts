import * as z from 'zod';
import { Category, Channel, Id, Instant, Priority } from './common.js';
import { CreditCode, OfficePeriod } from './reference.js';
import { RatingScore, ResolutionKind } from './ticket.js';

/** Request bodies and parameters, parsed at the edge. Messages are for end users (Chinese). */
const text = (label: string, max: number) =>
  z
    .string({ error: `请填写${label}` })
    .trim()
    .min(1, { error: `${label}不能为空` })
    .max(max, { error: `${label}最多 ${max} 个字` });

export const IdempotencyKey = z
  .string({ error: '缺少 Idempotency-Key 请求头' })
  .regex(/^[A-Za-z0-9_-]{8,128}$/, { error: 'Idempotency-Key 应为 8–128 位字母、数字、- 或 _' });

export const CreateTicketBody = z.strictObject({
  title: text('标题', 60),
  description: text('问题描述', 2000),
  category: Category,
  priority: Priority.default('normal'),
  channel: Channel.optional(),
  /** officers and agents raise on behalf of an enterprise; owners may omit it */
  enterpriseId: CreditCode.optional(),
});
export type CreateTicketBody = z.infer<typeof CreateTicketBody>;

export const DevLoginBody = z.strictObject({ userId: Id });
export const WechatLoginBody = z.strictObject({ code: z.string().min(1, { error: '缺少 code' }).max(128) });

export const ReasonBody = z.strictObject({ reason: text('原因', 500) });
export const AssignBody = z.strictObject({ unitId: Id });
export const TransferBody = z.strictObject({ unitId: Id, reason: text('原因', 500) });
export const TextBody = z.strictObject({ text: text('内容', 2000) });
export const ProgressBody = z.strictObject({
  text: text('进展', 2000),
  /** leader-led matters: which cadence this report meets */
  cadence: z.enum(['progress', 'onsite', 'review'], { error: 'cadence 只能是 progress、onsite 或 review' }).optional(),
});
export const JointBody = z.strictObject({
  leadUnitId: Id,
  coUnits: z
    .array(z.strictObject({ unitId: Id, task: text('任务', 200) }), { error: '请填写协办单位' })
    .min(1, { error: '至少需要一个协办单位' })
    .max(20, { error: '协办单位最多 20 个' }),
});
export const TaskDoneBody = z.strictObject({ note: z.string().trim().max(500).optional() });
export const LeadBody = z.strictObject({ leaderUserId: Id });
export const ResolveBody = z.strictObject({ kind: ResolutionKind, summary: text('办理结果', 2000) });
export const RatingBody = z.strictObject({ score: RatingScore, comment: z.string().trim().max(500).optional() });
export const DeskAnswerBody = z.strictObject({ text: text('答复内容', 2000) });
export const DeskForwardBody = z.strictObject({ text: z.string().trim().max(500).optional() });

export const TicketView = z.enum(['mine', 'unit', 'supervision', 'leader'], { error: 'view 只能是 mine、unit、supervision 或 leader' });
export const TicketListQuery = z.strictObject({
  view: TicketView.default('mine'),
  status: z.enum(['published', 'claimed', 'waitingEnterprise', 'resolved', 'closed', 'open', 'overdue']).optional(),
  cursor: z.string().max(1024).optional(),
  limit: z.coerce.number().int().min(1).max(100).default(20),
});
export const FeedQuery = z.strictObject({
  cursor: z.string().max(1024).optional(),
  since: z.string().max(1024).optional(),
  limit: z.coerce.number().int().min(1).max(100).default(20),
});
export const NoticeQuery = z.strictObject({
  ticketId: Id.optional(),
  unit: Id.optional(),
  level: z.enum(['reminder', 'urge', 'warning']).optional(),
  from: Instant.optional(),
  to: Instant.optional(),
  cursor: z.string().max(1024).optional(),
});
export const DevClockBody = z.strictObject({ now: Instant.nullable() });

export const CalendarYearBody = z.strictObject({
  holidays: z.array(z.string().regex(/^\d{4}-\d{2}-\d{2}$/)).max(60),
  workdays: z.array(z.string().regex(/^\d{4}-\d{2}-\d{2}$/)).max(20),
  source: z.string().max(200).optional(),
});
export const OfficeHoursBody = z.strictObject({ periods: z.array(OfficePeriod).min(1).max(4) });

/** Path parameters. */
export const TicketIdParam = z.strictObject({ id: Id });
