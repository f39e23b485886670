import type { WorkingCalendar } from '../calendar/index.js';
import { fnv1a } from '../derived-id.js';
import { TransitionError, ValidationError } from '../errors.js';
import { addItems, completeItem, findItem, newPlan, openItems, teamUnitIds, type ItemDraft, type PlanResult, type PlanUnitRef } from '../plan/rules.js';
import type { LadderHolder } from '../plan/ladder.js';
import { hasRole, isOfficer, type Principal } from '../ticket/roles.js';
import { mayCompleteItem } from '../ticket/access.js';
import type { Ticket } from '../schemas/ticket.js';
import type { CommonIssue } from '../common-issue/schemas.js';
import { subjectPartitionId, type CreateRetrospectiveBody, type EditRetrospectiveBody, type Retrospective, type RetrospectiveSubject, type RetroTaskDraft } from './schemas.js';

/**
 * The retrospective's rules, pure. Its rectification tasks are plan items
 * (addItems) in the record's own plan and clocks: a retrospective usually
 * follows a resolved ticket, and a ticket's plan belongs to a key matter or a
 * joint handling and gates its resolution (needsPlan; the lead resolves only
 * when every item is done), so the tasks are not put on the ticket's plan.
 * The record is its own holder on the ladder (`retrospectiveHolder`, docs/plan-items.md step 3).
 */


/**
 * Derived from its subject (the ticket's id, or the common issue's) and title: opening the same one
 * twice (a retry, a double tap) is the same id.
 */
export function retrospectiveId(subjectId: string, title: string): string {
  const key = `${subjectId}\u0000${title.trim().replace(/\s+/g, ' ')}`;
  // its own composition of the two hashes (older than tenChars): the ids already opened stay what they are
  return `rt${(fnv1a(key, 0x811c9dc5).toString(36) + fnv1a(key, 0x01000193).toString(36)).padEnd(10, '0').slice(0, 10)}`;
}

export const defaultRetrospectiveTitle = (t: Pick<Ticket, 'number' | 'title'>): string => `关于${t.number}「${t.title}」的典型问题复盘`.slice(0, 100);
export const defaultCommonIssueRetrospectiveTitle = (ci: Pick<CommonIssue, 'title'>): string => `关于共性问题「${ci.title}」的典型问题复盘`.slice(0, 100);

/** What a retrospective is opened on: the ticket, or the common issue, as read. */
export type RetroOn = { kind: 'ticket'; ticket: Ticket } | { kind: 'commonIssue'; commonIssue: CommonIssue };

const subjectOf = (on: RetroOn): RetrospectiveSubject =>
  on.kind === 'ticket' ? { kind: 'ticket', ticketId: on.ticket.id } : { kind: 'commonIssue', commonIssueId: on.commonIssue.id };

/** Only the supervisor opens and edits a retrospective. */
export const mayWriteRetrospective = (p: Principal): boolean => hasRole(p, 'supervisor');
/**
 * The supervisor, and the staff and leads of its participating units and of its plan's team: a unit given a
 * rectification task reads the retrospective that gave it (the task's notices open it).
 */
export const mayReadRetrospective = (p: Principal, r: Pick<Retrospective, 'units' | 'plan'>): boolean =>
  hasRole(p, 'supervisor') || (isOfficer(p) && (r.units.some((u) => u.unitId === p.unitId) || teamUnitIds(r.plan).includes(p.unitId ?? '')));

export interface RetroContext {
  calendar: WorkingCalendar;
  now: string;
  by: { userId: string; name: string };
  /** the tenant's units, by id */
  unitOf: (unitId: string) => PlanUnitRef | undefined;
}

function unitsOf(ids: readonly string[], ctx: RetroContext, field: string): PlanResult<PlanUnitRef[]> {
  const out: PlanUnitRef[] = [];
  for (const [i, id] of ids.entries()) {
    const u = ctx.unitOf(id);
    if (!u) return { ok: false, error: new ValidationError([{ field: `${field}.${i}`, message: '没有这个单位' }]) };
    if (!out.some((o) => o.id === u.id)) out.push(u);
  }
  return { ok: true, value: out };
}

function drafts(tasks: readonly RetroTaskDraft[], ctx: RetroContext): PlanResult<ItemDraft[]> {
  const out: ItemDraft[] = [];
  for (const [i, t] of tasks.entries()) {
    const owner = ctx.unitOf(t.ownerUnitId);
    if (!owner) return { ok: false, error: new ValidationError([{ field: `tasks.${i}.ownerUnitId`, message: '没有这个单位' }]) };
    out.push({ title: t.title, owner, dueDate: t.dueDate });
  }
  return { ok: true, value: out };
}

/**
 * The participating units: on a ticket, those named; on a common issue, its team first — the lead
 * unit, then its steps' owner units (as the common issue names them) — then any others named.
 */
function participants(on: RetroOn, unitIds: readonly string[], ctx: RetroContext): PlanResult<PlanUnitRef[]> {
  const named = unitsOf(unitIds, ctx, 'unitIds');
  if (!named.ok || on.kind === 'ticket') return named;
  const { plan } = on.commonIssue;
  const team: PlanUnitRef[] = [{ id: on.commonIssue.leadUnitId, name: on.commonIssue.leadUnitName }];
  for (const u of [...plan.coUnits.map((c) => ({ id: c.unitId, name: c.unitName })), ...plan.items.map((i) => ({ id: i.ownerUnitId, name: i.ownerUnitName })), ...named.value]) {
    if (!team.some((t) => t.id === u.id)) team.push(u);
  }
  return { ok: true, value: team };
}

/** A new retrospective on a ticket or a common issue (draft, rev 1), its tasks on its own plan. */
export function openRetrospective(on: RetroOn, body: CreateRetrospectiveBody, ctx: RetroContext): PlanResult<Retrospective> {
  const units = participants(on, body.unitIds, ctx);
  if (!units.ok) return units;
  const subject = subjectOf(on);
  const title = body.title ?? (on.kind === 'ticket' ? defaultRetrospectiveTitle(on.ticket) : defaultCommonIssueRetrospectiveTitle(on.commonIssue));
  const id = retrospectiveId(subjectPartitionId(subject), title);
  const lead = units.value[0] as PlanUnitRef;
  const tasks = drafts(body.tasks, ctx);
  if (!tasks.ok) return tasks;
  const plan = newPlan(lead, units.value.slice(1), ctx.by.userId, ctx.now);
  const added = addItems({ id, plan, clocks: [] }, tasks.value, { calendar: ctx.calendar, now: ctx.now, by: ctx.by.userId, field: 'tasks' });
  if (!added.ok) return added;
  return {
    ok: true,
    value: {
      id,
      tenantId: on.kind === 'ticket' ? on.ticket.tenantId : on.commonIssue.tenantId,
      subject,
      title,
      units: units.value.map((u) => ({ unitId: u.id, unitName: u.name })),
      happened: body.happened,
      causes: body.causes,
      findings: body.findings,
      recommendations: body.recommendations,
      plan: added.value.plan,
      clocks: added.value.clocks,
      status: 'draft',
      createdAt: ctx.now,
      createdBy: ctx.by.userId,
      createdByName: ctx.by.name,
      updatedAt: ctx.now,
      rev: 1,
    },
  };
}

/** An edit: the fields given replace the record's, new tasks are added (the same task again adds nothing); rev + 1. */
export function editRetrospective(r: Retrospective, body: EditRetrospectiveBody, ctx: RetroContext): PlanResult<Retrospective> {
  if (r.status === 'issued' && body.status !== 'draft') {
    const changes = Object.keys(body).filter((k) => k !== 'rev' && k !== 'status');
    if (changes.length > 0) return { ok: false, error: new TransitionError('复盘已印发，请先退回草稿再修改') };
  }
  let units = r.units;
  if (body.unitIds) {
    const u = unitsOf(body.unitIds, ctx, 'unitIds');
    if (!u.ok) return u;
    units = u.value.map((x) => ({ unitId: x.id, unitName: x.name }));
  }
  let { plan, clocks } = r;
  if (body.tasks?.length) {
    const tasks = drafts(body.tasks, ctx);
    if (!tasks.ok) return tasks;
    const added = addItems({ id: r.id, plan, clocks }, tasks.value, { calendar: ctx.calendar, now: ctx.now, by: ctx.by.userId, field: 'tasks' });
    if (!added.ok) return added;
    ({ plan, clocks } = added.value);
  }
  return {
    ok: true,
    value: {
      ...r,
      ...(body.title !== undefined ? { title: body.title } : {}),
      ...(body.happened !== undefined ? { happened: body.happened } : {}),
      ...(body.causes !== undefined ? { causes: body.causes } : {}),
      ...(body.findings !== undefined ? { findings: body.findings } : {}),
      ...(body.recommendations !== undefined ? { recommendations: body.recommendations } : {}),
      ...(body.status !== undefined ? { status: body.status } : {}),
      units,
      plan,
      clocks,
      updatedAt: ctx.now,
      rev: r.rev + 1,
    },
  };
}

/**
 * A retrospective as the ladder sees it (docs/plan-items.md, step 3): once issued (印发), its open
 * tasks are on the clocks; a draft's tasks are proposals, not yet anybody's to answer for. Its
 * notices live in its subject's partition (its ticket's, or its common issue's own id), beside the subject's own.
 */
export const retrospectiveHolder = (r: Retrospective): LadderHolder => ({
  kind: 'retrospective',
  id: r.id,
  tenantId: r.tenantId,
  ticketId: subjectPartitionId(r.subject),
  ...(r.subject.kind === 'commonIssue' ? { commonIssueId: r.subject.commonIssueId } : {}),
  ref: '典型问题复盘',
  title: r.title,
  open: r.status === 'issued' && openItems(r.plan).length > 0,
  clocks: r.clocks,
  plan: r.plan,
});

/** A task's owner unit's staff, and the supervisor, mark it done. */
export const mayCompleteTask = (p: Principal, r: Retrospective, itemId: string): boolean => {
  const item = findItem(r.plan, itemId);
  return item !== undefined && mayCompleteItem(p, item);
};

/** A task done (its clock met; done already: unchanged, `already`), rev + 1 when it changed. */
export function completeTask(r: Retrospective, itemId: string, by: { userId: string; name: string }, note: string | undefined, now: string): PlanResult<{ retrospective: Retrospective; already: boolean }> {
  const done = completeItem({ id: r.id, plan: r.plan, clocks: r.clocks }, itemId, by, note, now);
  if (!done.ok) return done;
  if (done.value.already) return { ok: true, value: { retrospective: r, already: true } };
  return { ok: true, value: { retrospective: { ...r, plan: done.value.plan, clocks: done.value.clocks, updatedAt: now, rev: r.rev + 1 }, already: false } };
}
