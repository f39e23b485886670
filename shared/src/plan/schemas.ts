import * as z from 'zod/mini';
import { Id, Instant, LocalDate } from '../schemas/common.js';

/**
 * The tracked item (方案事项 / 整改任务): one piece of work with an owner unit and
 * a due date, done on its own. A key matter's plan holds them today (一企一策:
 * one leader, one team, one plan); a retrospective's rectification tasks and a
 * common issue's standing-fix steps are the same item in another holder
 * (docs/plan-items.md). Pure data: no ticket in it.
 */
export const PLAN_ITEM_STATUSES = ['open', 'done'] as const;
export const PlanItemStatus = z.enum(PLAN_ITEM_STATUSES);
export type PlanItemStatus = z.infer<typeof PlanItemStatus>;
export const PLAN_ITEM_STATUS_LABELS: Record<PlanItemStatus, string> = { open: '办理中', done: '已完成' };

/** `pi` and 10 lowercase letters or digits: derived from its holder, owner unit and title (a retried add finds it). */
export const PlanItemId = z.string({ error: '事项编号应为文本' }).check(z.regex(/^pi[a-z0-9]{10}$/, { error: '事项编号无效' }));

export const PlanItem = z.object({
  id: PlanItemId,
  title: z.string(),
  ownerUnitId: Id,
  ownerUnitName: z.string(),
  /** the day it is due, as set (Asia/Shanghai) */
  dueDate: LocalDate,
  /** the instant it is due: the close of office hours on that day, or on the next working day (顺延) */
  dueAt: Instant,
  status: PlanItemStatus,
  addedAt: Instant,
  addedBy: Id,
  doneAt: z.optional(Instant),
  doneBy: z.optional(Id),
  doneByName: z.optional(z.string()),
  note: z.optional(z.string()),
});
export type PlanItem = z.infer<typeof PlanItem>;

export const PlanUnit = z.object({ unitId: Id, unitName: z.string() });
export type PlanUnit = z.infer<typeof PlanUnit>;

/** A plan: the team (a lead unit and co-units) and its items, each owned by a unit of the team. */
export const Plan = z.object({
  leadUnitId: Id,
  leadUnitName: z.string(),
  coUnits: z.array(PlanUnit),
  items: z.array(PlanItem),
  setAt: Instant,
  setBy: Id,
});
export type Plan = z.infer<typeof Plan>;

// ── the fields of records that hold tracked items (retrospectives, common issues) ──

/** Required free text of such a record's bodies: trimmed, named `what` in its messages, at most `max` characters. */
export const namedText = (what: string, max: number) =>
  z.string({ error: `${what}应为文本` }).check(z.trim(), z.minLength(1, { error: `${what}不能为空` }), z.maxLength(max, { error: `${what}过长（最多 ${max} 字）` }));

/** A list in such a body, at most `max` entries of `what`. */
export const cappedList = <T extends z.ZodMiniType>(item: T, max: number, what: string) => z.array(item).check(z.maxLength(max, { error: `${what}最多 ${max} 条` }));

/** The rev a change of such a record is conditional on (a stale one is 409). */
export const RecordRev = z.int({ error: 'rev 应为整数' }).check(z.minimum(1, { error: 'rev 应为正整数' }));
