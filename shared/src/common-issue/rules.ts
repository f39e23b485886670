import { localDate, workingMinutesBetween, type WorkingCalendar } from '../calendar/index.js';
import { meetClock } from '../clocks.js';
import { tenChars } from '../derived-id.js';
import { TransitionError, ValidationError } from '../errors.js';
import type { Category } from '../schemas/common.js';
import type { Clock, Ticket } from '../schemas/ticket.js';
import { addItems, completeItem, findItem, itemDueAt, newPlan, openItems, teamUnitIds, type ItemDraft, type PlanResult, type PlanUnitRef } from '../plan/rules.js';
import type { PlanItem } from '../plan/schemas.js';
import type { LadderHolder } from '../plan/ladder.js';
import { hasRole, isOfficer, type Principal } from '../ticket/roles.js';
import { signatureOf } from './clusters.js';
import type { CommonIssue, CommonIssueStatus, ConfirmCommonIssueBody, LinkedTicket, StepDraft } from './schemas.js';

/**
 * The common issue's rules (共性问题), pure: its ids, who may do what, and each
 * change of the record (confirm, link and unlink, progress, steps, solve). The
 * record's steps are plan items (shared/src/plan) on its own plan and clocks, its
 * target a `resolve` clock of the lead unit; what a change owes the linked tickets
 * (link, unlink, solve) is decided here too (`OwedTicketWrite`), and the ticket side
 * of each is a system transition (shared/src/ticket/common-issue.ts).
 */


/** A suggestion's id, derived from its signature (the sorted ticket ids): the same tickets, the same suggestion. */
export const suggestionId = (signature: string): string => `cs${tenChars(`suggestion|${signature}`)}`;

/**
 * A common issue's id: derived from the suggestion it confirms, or (the supervisor's own selection)
 * from its title and sorted tickets, so a retry or a double tap confirms one common issue.
 */
export function commonIssueId(from: { suggestionId?: string | undefined; title: string; ticketIds: readonly string[] }): string {
  const key = from.suggestionId ? `suggestion|${from.suggestionId}` : `own|${from.title.trim().replace(/\s+/g, ' ')}|${signatureOf(from.ticketIds)}`;
  return `ci${tenChars(key)}`;
}

// ── who may do what ─────────────────────────────────────────────────────────

/** The units of the common issue's team: its lead unit and every step's owner unit. */
export const commonIssueUnitIds = (ci: Pick<CommonIssue, 'plan'>): string[] => teamUnitIds(ci.plan);

/** The supervisor manages: runs and reads suggestions, confirms, dismisses, links and unlinks. */
export const mayManageCommonIssues = (p: Principal): boolean => hasRole(p, 'supervisor');

/** Reads the ledger: supervisors, county leaders, admins (all of it), unit staff (their team's). Owners and agents: never. */
export const mayReadCommonIssueLedger = (p: Principal): boolean => hasRole(p, 'supervisor', 'leader', 'admin') || isOfficer(p);

/** Reads a common issue: the supervisor, county leaders, admins and the staff of its team's units. */
export const mayReadCommonIssue = (p: Principal, ci: Pick<CommonIssue, 'plan'>): boolean =>
  hasRole(p, 'supervisor', 'leader', 'admin') || (isOfficer(p) && commonIssueUnitIds(ci).includes(p.unitId ?? ''));

const isLeadStaff = (p: Principal, ci: Pick<CommonIssue, 'leadUnitId'>): boolean => isOfficer(p) && p.unitId === ci.leadUnitId;

/** Progress notes and new steps: the lead unit's staff and the supervisor. */
export const mayWriteProgress = (p: Principal, ci: Pick<CommonIssue, 'leadUnitId'>): boolean => mayManageCommonIssues(p) || isLeadStaff(p, ci);
export const mayAddSteps = mayWriteProgress;
/** A step is marked done by its owner unit's staff (or the supervisor). */
export const mayCompleteStep = (p: Principal, item: Pick<PlanItem, 'ownerUnitId'>): boolean => mayManageCommonIssues(p) || (isOfficer(p) && p.unitId === item.ownerUnitId);
/** Solving: the supervisor, or the lead unit's staff. */
export const maySolve = mayWriteProgress;

// ── what a change owes the linked tickets ───────────────────────────────────

/**
 * A ticket write the record owes: recorded in the record's own conditional write before any
 * ticket is touched, cleared once every one is done. Each is a no-op on a ticket already so.
 */
export interface OwedTicketWrite {
  ticketId: string;
  op: 'link' | 'unlink' | 'solve';
}

/**
 * The write a ticket needs to agree with the record as it is now: linked (solved with it, once it is
 * solved) while the record lists it, unlinked otherwise. A finisher that lost a race to a newer write
 * of the record brings the tickets it touched back to what that write says.
 */
export function desiredOp(ci: Pick<CommonIssue, 'tickets' | 'status'>, ticketId: string): OwedTicketWrite {
  if (!ci.tickets.some((t) => t.ticketId === ticketId)) return { ticketId, op: 'unlink' };
  return { ticketId, op: ci.status === 'solved' ? 'solve' : 'link' };
}

// ── the record's changes ────────────────────────────────────────────────────

export interface CommonIssueContext {
  calendar: WorkingCalendar;
  now: string;
  by: { userId: string; name: string };
  /** the tenant's units, by id */
  unitOf: (unitId: string) => PlanUnitRef | undefined;
}

export type CommonIssueResult = PlanResult<{ commonIssue: CommonIssue; owed: OwedTicketWrite[] }>;
const fail = <T>(field: string, message: string): PlanResult<T> => ({ ok: false, error: new ValidationError([{ field, message }]) });
const refuse = <T>(message: string, details?: unknown): PlanResult<T> => ({ ok: false, error: new TransitionError(message, details) });

/** A request as the record lists it, linked at `at` (absent: as a suggestion shows it). */
export function linkedTicketOf(t: Pick<Ticket, 'id' | 'number' | 'enterpriseId' | 'enterpriseName' | 'title' | 'category' | 'status' | 'createdAt'>, at?: string): LinkedTicket {
  return {
    ticketId: t.id,
    number: t.number,
    enterpriseId: t.enterpriseId,
    enterpriseName: t.enterpriseName,
    title: t.title,
    category: t.category,
    status: t.status,
    createdAt: t.createdAt,
    ...(at ? { linkedAt: at } : {}),
  };
}

function stepDrafts(steps: readonly StepDraft[], ctx: CommonIssueContext): PlanResult<ItemDraft[]> {
  const out: ItemDraft[] = [];
  for (const [i, s] of steps.entries()) {
    const owner = ctx.unitOf(s.ownerUnitId);
    if (!owner) return fail(`steps.${i}.ownerUnitId`, '没有这个单位');
    out.push({ title: s.title, owner, dueDate: s.dueDate });
  }
  return { ok: true, value: out };
}

/** The target's clock: the lead unit's `resolve`, due at the close of office hours on the target day (or the next working day). */
export function targetClock(cal: WorkingCalendar, leadUnitId: string, targetDate: string, now: string): Clock {
  const due = itemDueAt(cal, targetDate);
  return {
    id: 'resolve',
    kind: 'resolve',
    basis: 'working',
    durationMinutes: Math.max(1, Math.round(workingMinutesBetween(cal, now, due.dueAt))),
    startedAt: now,
    dueAt: due.dueAt,
    unitId: leadUnitId,
    ...(due.calendarMissing ? { calendarMissing: true } : {}),
    escalations: 0,
    nextEscalationAt: due.dueAt,
  };
}

/**
 * A new common issue (found, rev 1) from the supervisor's confirmation: its lead unit's plan with the
 * steps (each on its item clock), the target as the lead unit's `resolve` clock, the tickets linked now.
 * `tickets`: the body's tickets as read (the caller checked they exist and are nobody else's). Owes each a link.
 */
export function confirmCommonIssue(
  tenantId: string,
  body: ConfirmCommonIssueBody,
  tickets: readonly Ticket[],
  ctx: CommonIssueContext,
): CommonIssueResult {
  const lead = ctx.unitOf(body.leadUnitId);
  if (!lead) return fail('leadUnitId', '没有这个单位');
  if (body.targetDate < localDate(ctx.now)) return fail('targetDate', '目标日期不能早于今天');
  const ids = [...new Set(body.ticketIds)];
  const id = commonIssueId({ suggestionId: body.suggestionId, title: body.title, ticketIds: ids });
  const drafts = stepDrafts(body.steps, ctx);
  if (!drafts.ok) return drafts;
  const plan = newPlan(lead, [], ctx.by.userId, ctx.now);
  const added = addItems({ id, plan, clocks: [targetClock(ctx.calendar, lead.id, body.targetDate, ctx.now)] }, drafts.value, {
    calendar: ctx.calendar,
    now: ctx.now,
    by: ctx.by.userId,
    field: 'steps',
  });
  if (!added.ok) return added;
  const byId = new Map(tickets.map((t) => [t.id, t]));
  const linked = ids.flatMap((tid) => {
    const t = byId.get(tid);
    return t ? [linkedTicketOf(t, ctx.now)] : [];
  });
  const commonIssue: CommonIssue = {
    id,
    tenantId,
    title: body.title,
    category: body.category,
    summary: body.summary,
    fix: body.fix,
    leadUnitId: lead.id,
    leadUnitName: lead.name,
    targetDate: body.targetDate,
    targetAt: itemDueAt(ctx.calendar, body.targetDate).dueAt,
    status: 'found',
    tickets: linked,
    plan: added.value.plan,
    clocks: added.value.clocks,
    progress: [],
    ...(body.suggestionId ? { suggestionId: body.suggestionId } : {}),
    createdAt: ctx.now,
    createdBy: ctx.by.userId,
    createdByName: ctx.by.name,
    updatedAt: ctx.now,
    rev: 1,
  };
  return { ok: true, value: { commonIssue, owed: linked.map((l) => ({ ticketId: l.ticketId, op: 'link' as const })) } };
}

const bump = (ci: CommonIssue, now: string, changes: Partial<CommonIssue>): CommonIssue => ({ ...ci, ...changes, updatedAt: now, rev: ci.rev + 1 });
const notSolved = (ci: CommonIssue): PlanResult<never> | undefined =>
  ci.status === 'solved' ? refuse('共性问题已解决，不能再修改') : undefined;

/**
 * Links more tickets (read by the caller: they exist and are nobody else's) and unlinks some (they must be
 * linked; at least one stays). A ticket already linked is skipped. Owes each added a link, each removed an unlink.
 */
export function relinkTickets(ci: CommonIssue, add: readonly Ticket[], removeIds: readonly string[], now: string): CommonIssueResult {
  const solved = notSolved(ci);
  if (solved) return solved;
  const linked = new Set(ci.tickets.map((t) => t.ticketId));
  for (const [i, id] of removeIds.entries()) if (!linked.has(id)) return fail(`remove.${i}`, '该诉求不在此共性问题中');
  const remove = new Set(removeIds);
  const adding = add.filter((t, i) => !linked.has(t.id) && add.findIndex((x) => x.id === t.id) === i && !remove.has(t.id));
  const tickets = [...ci.tickets.filter((t) => !remove.has(t.ticketId)), ...adding.map((t) => linkedTicketOf(t, now))];
  if (tickets.length === 0) return fail('remove', '至少保留一件诉求');
  const owed: OwedTicketWrite[] = [...adding.map((t) => ({ ticketId: t.id, op: 'link' as const })), ...[...remove].map((ticketId) => ({ ticketId, op: 'unlink' as const }))];
  return { ok: true, value: { commonIssue: bump(ci, now, { tickets }), owed } };
}

/** A progress note; the first one starts the work (found → inProgress). */
export function addProgress(ci: CommonIssue, text: string, by: Principal, now: string): PlanResult<CommonIssue> {
  const solved = notSolved(ci);
  if (solved) return solved;
  const note = { at: now, by: by.userId, byName: by.name, ...(by.unitId ? { unitId: by.unitId } : {}), text };
  return { ok: true, value: bump(ci, now, { progress: [...ci.progress, note], status: ci.status === 'found' ? 'inProgress' : ci.status }) };
}

/** New steps of the fix (plan items with their clocks); a step already there is not added twice. */
export function addSteps(ci: CommonIssue, steps: readonly StepDraft[], ctx: CommonIssueContext): PlanResult<CommonIssue> {
  const solved = notSolved(ci);
  if (solved) return solved;
  const drafts = stepDrafts(steps, ctx);
  if (!drafts.ok) return drafts;
  const added = addItems({ id: ci.id, plan: ci.plan, clocks: ci.clocks }, drafts.value, { calendar: ctx.calendar, now: ctx.now, by: ctx.by.userId, field: 'steps' });
  if (!added.ok) return added;
  if (added.value.added.length === 0) return { ok: true, value: ci };
  return { ok: true, value: bump(ci, ctx.now, { plan: added.value.plan, clocks: added.value.clocks }) };
}

/** A step done by its owner unit: its clock met. Done already: the record as it is (a retry). */
export function stepDone(ci: CommonIssue, itemId: string, by: { userId: string; name: string }, note: string | undefined, now: string): PlanResult<{ commonIssue: CommonIssue; already: boolean }> {
  const item = findItem(ci.plan, itemId);
  if (!item) return refuse('没有这项措施', { itemId });
  if (item.status === 'done') return { ok: true, value: { commonIssue: ci, already: true } };
  const solved = notSolved(ci);
  if (solved) return solved;
  const done = completeItem({ id: ci.id, plan: ci.plan, clocks: ci.clocks }, itemId, by, note, now);
  if (!done.ok) return done;
  return { ok: true, value: { commonIssue: bump(ci, now, { plan: done.value.plan, clocks: done.value.clocks }), already: false } };
}

/** Solved: every clock met, the solution recorded; owes every linked ticket its solve (told, asked to rate, resolved if open). */
export function solveCommonIssue(ci: CommonIssue, summary: string, by: { userId: string; name: string }, now: string): CommonIssueResult {
  const solved = notSolved(ci);
  if (solved) return solved;
  // as a ticket's resolve: the fix is solved when its steps are done, not while another unit still owes one
  const pending = openItems(ci.plan);
  if (pending.length > 0) return refuse('仍有措施未完成，牵头单位暂不能标记解决', { pendingItems: pending.map((i) => i.id) });
  const commonIssue = bump(ci, now, {
    status: 'solved',
    clocks: ci.clocks.map((c) => meetClock(c, now)),
    solution: { summary, at: now, by: by.userId, byName: by.name },
  });
  return { ok: true, value: { commonIssue, owed: ci.tickets.map((t) => ({ ticketId: t.ticketId, op: 'solve' as const })) } };
}

// ── the ledger (共性问题台账) ─────────────────────────────────────────────────

export interface CommonIssueLedgerRow {
  category: Category;
  found: number;
  inProgress: number;
  solved: number;
  /** distinct enterprises behind the category's common issues */
  enterprises: number;
}

/** Per category (in the order first met): how many in each status, and the enterprises behind them. */
export function ledgerByCategory(items: readonly Pick<CommonIssue, 'category' | 'status' | 'tickets'>[]): CommonIssueLedgerRow[] {
  const rows = new Map<Category, CommonIssueLedgerRow & { ents: Set<string> }>();
  for (const ci of items) {
    let row = rows.get(ci.category);
    if (!row) rows.set(ci.category, (row = { category: ci.category, found: 0, inProgress: 0, solved: 0, enterprises: 0, ents: new Set() }));
    row[ci.status satisfies CommonIssueStatus]++;
    for (const t of ci.tickets) row.ents.add(t.enterpriseId);
  }
  return [...rows.values()].map(({ ents, ...r }) => ({ ...r, enterprises: ents.size }));
}

/** The ledger's order: open ones first (in progress, found), then solved; newest first within. */
export function ledgerOrder(a: Pick<CommonIssue, 'status' | 'createdAt' | 'id'>, b: Pick<CommonIssue, 'status' | 'createdAt' | 'id'>): number {
  const rank: Record<CommonIssueStatus, number> = { inProgress: 0, found: 1, solved: 2 };
  return rank[a.status] - rank[b.status] || b.createdAt.localeCompare(a.createdAt) || a.id.localeCompare(b.id);
}

/** The month's figures of the monthly analysis: confirmed in [from, to), and not solved at `to`. */
export function commonIssuesOfMonth(items: readonly Pick<CommonIssue, 'createdAt' | 'solution'>[], range: { from: string; to: string }): { new: number; open: number } {
  let fresh = 0;
  let open = 0;
  for (const ci of items) {
    if (ci.createdAt >= range.from && ci.createdAt < range.to) fresh++;
    if (ci.createdAt < range.to && !(ci.solution && ci.solution.at < range.to)) open++;
  }
  return { new: fresh, open };
}

/**
 * A common issue as the ladder sees it (docs/plan-items.md, step 3): its target (the lead unit's
 * `resolve` clock) and open steps escalate until it is solved. Its notices and their messages
 * live in a partition of its own id.
 */
export const commonIssueHolder = (ci: CommonIssue): LadderHolder => ({
  kind: 'commonIssue',
  id: ci.id,
  tenantId: ci.tenantId,
  ticketId: ci.id,
  commonIssueId: ci.id,
  ref: '共性问题',
  title: ci.title,
  open: ci.status !== 'solved',
  clocks: ci.clocks,
  plan: ci.plan,
});
