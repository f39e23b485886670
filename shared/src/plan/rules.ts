import { dayInfo, localDate, localDateTime, workingMinutesBetween, type Deadline, type WorkingCalendar } from '../calendar/index.js';
import { tenChars } from '../derived-id.js';
import { meetClock } from '../clocks.js';
import { TransitionError, ValidationError, type WhistleError } from '../errors.js';
import type { Clock } from '../schemas/ticket.js';
import type { Plan, PlanItem, PlanUnit } from './schemas.js';

/**
 * The tracked item's rules, pure and holder-agnostic: a holder is anything with
 * an id, a plan and clocks (a ticket today; a retrospective or a common issue
 * tomorrow). Each open item has one clock (`item:<id>`, kind `item`, the owner
 * unit's) on the holder's clocks, so the sweep, the supervision ladder and the
 * assessment's notices treat an item's deadline like any other: 提醒 → 催办 →
 * 警告 against its owner unit. Completing meets the clock; a new due date starts
 * it again (a new cycle: its ladder starts over).
 */

export interface PlanHolder {
  id: string;
  plan?: Plan | undefined;
  clocks: Clock[];
}

/** A unit as the rules need it. */
export interface PlanUnitRef {
  id: string;
  name: string;
}

/** An item as asked for: what, whose, by when. */
export interface ItemDraft {
  title: string;
  owner: PlanUnitRef;
  dueDate: string;
}

export type PlanResult<T> = { ok: true; value: T } | { ok: false; error: WhistleError };
const fail = <T>(error: WhistleError): PlanResult<T> => ({ ok: false, error });

export const ITEM_CLOCK_PREFIX = 'item:';
export const itemClockId = (itemId: string): string => `${ITEM_CLOCK_PREFIX}${itemId}`;
export const itemIdOfClock = (clockId: string): string | undefined =>
  clockId.startsWith(ITEM_CLOCK_PREFIX) ? clockId.slice(ITEM_CLOCK_PREFIX.length) : undefined;


/** Titles compared as people mean them: trimmed, inner runs of space as one. */
export const normaliseTitle = (title: string): string => title.trim().replace(/\s+/g, ' ');

/**
 * An item's id, derived from its holder, owner unit and title: the same item
 * asked for twice (a retry, a double tap) is the same id, so it is added once.
 */
export function planItemId(holderId: string, ownerUnitId: string, title: string): string {
  return `pi${tenChars(`${holderId}|${ownerUnitId}|${normaliseTitle(title)}`)}`;
}

const DAY_MS = 24 * 60 * 60 * 1000;
const nextDay = (date: string): string => new Date(Date.parse(`${date}T00:00:00Z`) + DAY_MS).toISOString().slice(0, 10);

/**
 * The instant an item due on `dueDate` (Asia/Shanghai) is due: the close of
 * office hours that day, or, when that day is not a working day (a weekend, a
 * holiday), of the first working day after it (顺延), on the tenant's calendar.
 */
export function itemDueAt(cal: WorkingCalendar, dueDate: string): Deadline {
  const close = cal.officeHours.reduce((m, p) => (p.end > m ? p.end : m), '00:00');
  let date = dueDate;
  let calendarMissing = false;
  for (let i = 0; i < 60; i++) {
    const info = dayInfo(cal, date);
    if (!info.known) calendarMissing = true;
    if (info.working) break;
    date = nextDay(date);
  }
  return { dueAt: new Date(Date.parse(`${date}T${close}:00+08:00`)).toISOString(), calendarMissing };
}

/** The item's clock: its owner unit's, due at its due instant, escalating from then. */
export function itemClock(cal: WorkingCalendar, item: Pick<PlanItem, 'id' | 'ownerUnitId' | 'dueAt'>, now: string, calendarMissing = false): Clock {
  return {
    id: itemClockId(item.id),
    kind: 'item',
    basis: 'working',
    durationMinutes: Math.max(1, Math.round(workingMinutesBetween(cal, now, item.dueAt))),
    startedAt: now,
    dueAt: item.dueAt,
    unitId: item.ownerUnitId,
    ...(calendarMissing ? { calendarMissing } : {}),
    escalations: 0,
    nextEscalationAt: item.dueAt,
  };
}

const withClock = (clocks: readonly Clock[], clock: Clock): Clock[] => [...clocks.filter((c) => c.id !== clock.id), clock];

/** A due date is today or later (Asia/Shanghai); `field` names it in the refusal. */
function checkDueDate(dueDate: string, now: string, field: string): WhistleError | undefined {
  if (Number.isNaN(Date.parse(`${dueDate}T00:00:00Z`))) return new ValidationError([{ field, message: '日期无效' }]);
  if (dueDate < localDate(now)) return new ValidationError([{ field, message: '完成时限不能早于今天' }]);
  return undefined;
}

export interface ItemsAdded {
  plan: Plan;
  clocks: Clock[];
  /** the items new to the plan (an item already there, asked for again, is not) */
  added: PlanItem[];
}

/**
 * Adds items to a plan (the team grows by their owner units). An item already
 * there (same owner and title: the same id) is left as it is: asking again adds
 * nothing. Items must be new among themselves.
 */
export function addItems(
  holder: PlanHolder & { plan: Plan },
  drafts: readonly ItemDraft[],
  /** `field`: the body's list (`items`, `steps`, `tasks`); `single`: the body is one item, its fields at the top */
  ctx: { calendar: WorkingCalendar; now: string; by: string; field?: string; single?: boolean },
): PlanResult<ItemsAdded> {
  const field = ctx.field ?? 'items';
  const ids = drafts.map((d) => planItemId(holder.id, d.owner.id, d.title));
  if (new Set(ids).size !== ids.length) return fail(new ValidationError([{ field, message: '同一单位的事项不能重名' }]));
  let plan = holder.plan;
  let clocks = holder.clocks;
  const added: PlanItem[] = [];
  for (const [i, d] of drafts.entries()) {
    const id = ids[i] ?? '';
    if (plan.items.some((it) => it.id === id)) continue;
    const f = ctx.single ? 'dueDate' : `${field}.${i}.dueDate`;
    const bad = checkDueDate(d.dueDate, ctx.now, f);
    if (bad) return fail(bad);
    const due = itemDueAt(ctx.calendar, d.dueDate);
    const item: PlanItem = {
      id,
      title: normaliseTitle(d.title),
      ownerUnitId: d.owner.id,
      ownerUnitName: d.owner.name,
      dueDate: d.dueDate,
      dueAt: due.dueAt,
      status: 'open',
      addedAt: ctx.now,
      addedBy: ctx.by,
    };
    added.push(item);
    clocks = withClock(clocks, itemClock(ctx.calendar, item, ctx.now, due.calendarMissing));
    plan = { ...plan, items: [...plan.items, item], coUnits: joinTeam(plan, d.owner) };
  }
  return { ok: true, value: { plan, clocks, added } };
}

/** The team with this unit in it (the lead unit is in it already). */
function joinTeam(plan: Plan, unit: PlanUnitRef): PlanUnit[] {
  if (unit.id === plan.leadUnitId || plan.coUnits.some((c) => c.unitId === unit.id)) return plan.coUnits;
  return [...plan.coUnits, { unitId: unit.id, unitName: unit.name }];
}

/** A new plan: its lead unit and co-units, no items yet (addItems adds them). */
export function newPlan(lead: PlanUnitRef, coUnits: readonly PlanUnitRef[], by: string, now: string): Plan {
  const seen = new Set([lead.id]);
  const team = coUnits.filter((u) => !seen.has(u.id) && (seen.add(u.id), true));
  return { leadUnitId: lead.id, leadUnitName: lead.name, coUnits: team.map((u) => ({ unitId: u.id, unitName: u.name })), items: [], setAt: now, setBy: by };
}

export const findItem = (plan: Plan | undefined, itemId: string): PlanItem | undefined => plan?.items.find((i) => i.id === itemId);

/** Marks an item done and meets its clock. Done already: the plan as it is (a retry changes nothing). */
export function completeItem(
  holder: PlanHolder,
  itemId: string,
  by: { userId: string; name: string },
  note: string | undefined,
  now: string,
): PlanResult<{ plan: Plan; clocks: Clock[]; item: PlanItem; already: boolean }> {
  const plan = holder.plan;
  const item = findItem(plan, itemId);
  if (!plan || !item) return fail(new TransitionError('方案中没有这个事项', { itemId }));
  if (item.status === 'done') return { ok: true, value: { plan, clocks: holder.clocks, item, already: true } };
  const done: PlanItem = { ...item, status: 'done', doneAt: now, doneBy: by.userId, doneByName: by.name, ...(note ? { note } : {}) };
  const clocks = holder.clocks.map((c) => (c.id === itemClockId(itemId) ? meetClock(c, now) : c));
  return { ok: true, value: { plan: { ...plan, items: plan.items.map((i) => (i.id === itemId ? done : i)) }, clocks, item: done, already: false } };
}

/** A new due date for an open item: its clock starts again (a new cycle: the ladder starts over). */
export function rescheduleItem(
  holder: PlanHolder,
  itemId: string,
  dueDate: string,
  ctx: { calendar: WorkingCalendar; now: string },
): PlanResult<{ plan: Plan; clocks: Clock[]; item: PlanItem; from: string }> {
  const plan = holder.plan;
  const item = findItem(plan, itemId);
  if (!plan || !item) return fail(new TransitionError('方案中没有这个事项', { itemId }));
  if (item.status === 'done') return fail(new TransitionError('该事项已完成，不能调整时限'));
  if (item.dueDate === dueDate) return fail(new TransitionError('新时限与原时限相同'));
  const bad = checkDueDate(dueDate, ctx.now, 'dueDate');
  if (bad) return fail(bad);
  const due = itemDueAt(ctx.calendar, dueDate);
  const next: PlanItem = { ...item, dueDate, dueAt: due.dueAt };
  const clocks = withClock(holder.clocks, itemClock(ctx.calendar, next, ctx.now, due.calendarMissing));
  return { ok: true, value: { plan: { ...plan, items: plan.items.map((i) => (i.id === itemId ? next : i)) }, clocks, item: next, from: item.dueDate } };
}

export const openItems = (plan: Plan | undefined): PlanItem[] => plan?.items.filter((i) => i.status === 'open') ?? [];

/** Past its due instant and not done. */
export const isItemOverdue = (item: Pick<PlanItem, 'status' | 'dueAt'>, now: string): boolean => item.status === 'open' && item.dueAt < now;

/** The units of the plan's team: the lead unit first. */
export const teamUnitIds = (plan: Plan | undefined): string[] => (plan ? [plan.leadUnitId, ...plan.coUnits.map((c) => c.unitId)] : []);

/** What a notice or a message calls the item: 方案事项「…」（owner, 时限 …）. */
export const itemSubject = (item: Pick<PlanItem, 'title' | 'ownerUnitName' | 'dueAt'>): string =>
  `方案事项「${item.title}」（${item.ownerUnitName}，时限 ${localDateTime(item.dueAt)}）`;
