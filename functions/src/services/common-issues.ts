import {
  actorOf,
  addProgress,
  addSteps,
  commonIssueId,
  ConflictError,
  confirmCommonIssue,
  desiredOp,
  effectsOf,
  findItem,
  ForbiddenError,
  isIndexable,
  ledgerByCategory,
  ledgerOrder,
  linkedTicketOf,
  linkToCommonIssue,
  mayAddSteps,
  mayCompleteStep,
  mayManageCommonIssues,
  mayReadCommonIssue,
  mayReadCommonIssueLedger,
  maySolve,
  mayWriteProgress,
  NotFoundError,
  SCHEDULER_ACTOR,
  proposeClusters,
  relinkTickets,
  SimilarityIndex,
  solveByCommonIssue,
  solveCommonIssue,
  stepDone,
  suggestionId,
  unlinkFromCommonIssue,
  ValidationError,
  type Actor,
  type AddStepsBody,
  type CommonIssue,
  type CommonIssueContext,
  type CommonIssueLedgerRow,
  type CommonIssueProgressBody,
  type CommonIssueStatus,
  type CommonIssueSuggestion,
  type Category,
  type ConfirmCommonIssueBody,
  type DismissSuggestionBody,
  type LinkTicketsBody,
  type OwedTicketWrite,
  type Principal,
  type SolveCommonIssueBody,
  type StepDoneBody,
  type Ticket,
  type WorkingCalendar,
} from '@whistle/shared';
import type { Ports, StoredCommonIssue } from '../ports.js';
import { eachLimited } from './each-limited.js';
import { finishEffects } from './effects.js';

/**
 * Common issues (共性问题, issue 14): many whistles, one fix. The supervisor
 * confirms a cluster of requests as a common issue; its linked tickets carry it
 * (已纳入共性问题统一解决) with their resolve and progress clocks paused; solving it
 * resolves or tells every linked ticket. The rules are shared/src/common-issue/rules.ts
 * and the tickets' side shared/src/ticket/common-issue.ts.
 *
 * Crash-safety without transactions: a change of the record that touches tickets
 * records what it owes them (`owed`) in the record's own conditional write first;
 * then each ticket is written through its own conditional commit with its effects
 * (timeline, outbox: the owner is told through the ordinary notification path), a
 * no-op on a ticket already so; then `owed` is cleared, conditional on the rev. A
 * crash in between leaves `owed` on the record: the next write on it (or a retry of
 * the request) finishes those first. A finisher that loses the clearing write to a
 * newer change reads again and brings the tickets it touched to what that change says.
 */
export type CommonIssuePorts = Pick<Ports, 'tickets' | 'refs' | 'settings' | 'clock' | 'commonIssues' | 'queue' | 'logger' | 'metrics'>;

const MAX_ATTEMPTS = 5;
/** ticket writes in flight at once while finishing a change */
const FAN_OUT = 8;
/** at most this many of a tenant's tickets read by a proposal run (newest first) */
export const MAX_PROPOSAL_TICKETS = 20_000;

const nowOf = (ports: Pick<Ports, 'clock'>) => ports.clock.now().toISOString();
const stale = (ci: CommonIssue) => new ConflictError('共性问题已被他人修改，请刷新后重试', { rev: ci.rev, commonIssue: ci });

async function contextOf(ports: CommonIssuePorts, p: Principal): Promise<CommonIssueContext> {
  const [calendar, units] = await Promise.all([ports.settings.calendar(p.tenantId), ports.refs.list('UNIT', p.tenantId)]);
  const byId = new Map(units.map((u) => [u.id, { id: u.id, name: u.name }]));
  return { calendar, now: nowOf(ports), by: { userId: p.userId, name: p.name }, unitOf: (id) => byId.get(id) };
}

// ── the tickets' side ───────────────────────────────────────────────────────

type OpOutcome = 'done' | 'noop' | 'taken';

/**
 * One owed write on one ticket: its system transition committed conditionally on the version read,
 * with its effects finished (timeline, outbox); a lost race reads again and decides again (then a no-op
 * when the winner did it). A solve on a ticket not linked yet (its link was lost) links it first.
 */
async function applyOp(ports: CommonIssuePorts, ci: CommonIssue, op: OwedTicketWrite, actor: Actor, calendar: WorkingCalendar): Promise<OpOutcome> {
  let outcome: OpOutcome = 'noop';
  for (let attempt = 0; attempt < MAX_ATTEMPTS * 2; attempt++) {
    const stored = await ports.tickets.get(ci.tenantId, op.ticketId, true);
    if (!stored || stored.intakePending) return outcome;
    if (stored.pending) await finishEffects(ports, stored);
    const t = stored.ticket;
    const now = nowOf(ports);
    const linkFirst = op.op === 'solve' && t.commonIssue?.id !== ci.id;
    const step =
      op.op === 'link' || linkFirst
        ? linkToCommonIssue(t, ci, now)
        : op.op === 'unlink'
          ? unlinkFromCommonIssue(t, ci, now, calendar)
          : ci.solution
            ? solveByCommonIssue(t, { ...ci, solution: ci.solution }, now)
            : ({ ok: true, noop: true } as const);
    if (!step.ok) return 'taken';
    if (step.noop) return outcome;
    const solving = op.op === 'solve' && !linkFirst;
    const by: Actor = solving ? { ...actor, unitId: ci.leadUnitId, unitName: ci.leadUnitName } : actor;
    const effects = effectsOf(step.ticket, by, step.entries, step.notifications);
    if (!(await ports.tickets.commit(stored, step.ticket, effects))) continue;
    await finishEffects(ports, { ticket: step.ticket, pending: effects });
    ports.metrics.addMetric(`CommonIssue_${linkFirst ? 'link' : op.op}`, 'Count', 1);
    outcome = 'done';
    if (!linkFirst) return outcome;
  }
  throw new ConflictError('诉求正被他人同时处理，请稍后重试');
}

/**
 * Finishes what the record owes its tickets (see above) and clears it; answers the record as it then
 * stands. Nothing owed: the record as read, nothing written.
 */
async function finishOwed(ports: CommonIssuePorts, p: Principal, read: StoredCommonIssue): Promise<StoredCommonIssue> {
  let current = read;
  const touched = new Set<string>();
  const actor = actorOf(p);
  let calendar: WorkingCalendar | undefined;
  for (let attempt = 0; attempt < MAX_ATTEMPTS; attempt++) {
    const ops = [...current.owed];
    for (const id of touched) if (!ops.some((o) => o.ticketId === id)) ops.push(desiredOp(current.commonIssue, id));
    if (ops.length === 0) return current;
    calendar ??= await ports.settings.calendar(p.tenantId);
    const cal = calendar;
    const taken: string[] = [];
    const ci = current.commonIssue;
    await eachLimited(ops, FAN_OUT, async (op) => {
      touched.add(op.ticketId);
      if ((await applyOp(ports, ci, op, actor, cal)) === 'taken') taken.push(op.ticketId);
    });
    // a ticket another common issue linked first (a race the confirmation's checks could not see) leaves this one
    const kept = ci.tickets.filter((t) => !taken.includes(t.ticketId));
    const cleared: StoredCommonIssue = {
      commonIssue: taken.length > 0 && kept.length > 0 ? { ...ci, tickets: kept, updatedAt: nowOf(ports), rev: ci.rev + 1 } : ci,
      owed: [],
    };
    if (await ports.commonIssues.save(cleared, { rev: ci.rev })) return cleared;
    const again = await ports.commonIssues.get(p.tenantId, ci.id);
    if (!again) throw new NotFoundError('共性问题');
    current = again;
  }
  throw new ConflictError('共性问题正被他人同时修改，请稍后重试');
}

/** Who finishes what a crashed writer left, on the hourly run (its timeline entries say so). */
const schedulerOf = (tenantId: string): Principal => ({ userId: SCHEDULER_ACTOR.userId, tenantId, name: SCHEDULER_ACTOR.name, roles: ['supervisor'] });

/**
 * The hourly run's first step: every common issue that still owes its tickets writes (its writer
 * died before finishing them, and nobody wrote on it since) is finished, so a solved common issue
 * never waits for a human to touch it again before its enterprises are told. A failure leaves it
 * owing for the next run.
 */
export async function finishLeftovers(ports: CommonIssuePorts, tenantId: string): Promise<number> {
  const owing = await ports.commonIssues.owing(tenantId);
  let finished = 0;
  for (const stored of owing) {
    try {
      await finishOwed(ports, schedulerOf(tenantId), stored);
      finished++;
    } catch (e) {
      ports.logger.error('could not finish a common issue’s ticket writes', { tenantId, commonIssueId: stored.commonIssue.id, error: e as Error });
    }
  }
  return finished;
}

/** The record, its owed writes finished: what every change starts from. */
async function loadForWrite(ports: CommonIssuePorts, p: Principal, id: string): Promise<StoredCommonIssue> {
  const stored = await ports.commonIssues.get(p.tenantId, id);
  if (!stored) throw new NotFoundError('共性问题');
  return finishOwed(ports, p, stored);
}

/** Writes a change conditional on the rev read, then finishes what it owes the tickets. False: another change came first. */
async function commitChange(ports: CommonIssuePorts, p: Principal, read: CommonIssue, next: CommonIssue, owed: OwedTicketWrite[] = []): Promise<CommonIssue | undefined> {
  const stored: StoredCommonIssue = { commonIssue: next, owed };
  if (!(await ports.commonIssues.save(stored, { rev: read.rev }))) return undefined;
  return (await finishOwed(ports, p, stored)).commonIssue;
}

/** Reads the tickets a change names: each must exist, be out of intake, and be linked to no other common issue. */
async function ticketsToLink(ports: CommonIssuePorts, tenantId: string, ids: readonly string[], field: string, ciId: string): Promise<Ticket[]> {
  const unique = [...new Set(ids)];
  const found = new Map((unique.length > 0 ? await ports.tickets.many(tenantId, unique) : []).map((t) => [t.id, t]));
  const issues: Array<{ field: string; message: string }> = [];
  const out: Ticket[] = [];
  for (const [i, id] of ids.entries()) {
    const t = found.get(id);
    if (!t) issues.push({ field: `${field}.${i}`, message: '没有这件诉求' });
    else if (t.commonIssue && t.commonIssue.id !== ciId) issues.push({ field: `${field}.${i}`, message: `该诉求已纳入共性问题「${t.commonIssue.title}」` });
    else if (!out.includes(t)) out.push(t);
  }
  if (issues.length > 0) throw new ValidationError(issues);
  return out;
}

// ── confirming, reading ─────────────────────────────────────────────────────

/** Confirms a common issue: 201 once; a retry, a double tap or a concurrent confirmation answers the same one (200). */
export async function confirm(ports: CommonIssuePorts, p: Principal, body: ConfirmCommonIssueBody): Promise<{ commonIssue: CommonIssue; created: boolean }> {
  if (!mayManageCommonIssues(p)) throw new ForbiddenError('只有督办人员可以确认共性问题');
  const suggestion = body.suggestionId ? await ports.commonIssues.suggestion(p.tenantId, body.suggestionId) : undefined;
  if (body.suggestionId && !suggestion) throw new ValidationError([{ field: 'suggestionId', message: '没有这条建议' }]);
  if (suggestion?.status === 'dismissed') throw new ConflictError('该建议已被忽略', { suggestion });
  const id = commonIssueId({ suggestionId: body.suggestionId, title: body.title, ticketIds: body.ticketIds });
  const existing = await ports.commonIssues.get(p.tenantId, id);
  if (existing) return { commonIssue: await confirmed(ports, p, existing, suggestion), created: false };
  const tickets = await ticketsToLink(ports, p.tenantId, body.ticketIds, 'ticketIds', id);
  const made = confirmCommonIssue(p.tenantId, body, tickets, await contextOf(ports, p));
  if (!made.ok) throw made.error;
  const stored: StoredCommonIssue = { commonIssue: made.value.commonIssue, owed: made.value.owed };
  if (!(await ports.commonIssues.save(stored, 'absent'))) {
    // a concurrent confirmation of the same one came first: answer it
    const winner = await ports.commonIssues.get(p.tenantId, id);
    if (!winner) throw new ConflictError('共性问题正在确认，请稍后重试');
    return { commonIssue: await confirmed(ports, p, winner, suggestion), created: false };
  }
  ports.metrics.addMetric('CommonIssueConfirmed', 'Count', 1);
  return { commonIssue: await confirmed(ports, p, stored, suggestion), created: true };
}

/** Finishes the confirmation's ticket writes and marks its suggestion confirmed (each idempotent). */
async function confirmed(ports: CommonIssuePorts, p: Principal, stored: StoredCommonIssue, suggestion: CommonIssueSuggestion | undefined): Promise<CommonIssue> {
  const done = await finishOwed(ports, p, stored);
  if (suggestion?.status === 'waiting') {
    const ci = done.commonIssue;
    await ports.commonIssues.putSuggestion({ ...suggestion, status: 'confirmed', decidedAt: ci.createdAt, decidedBy: ci.createdBy, commonIssueId: ci.id }, 'waiting');
  }
  return done.commonIssue;
}

export async function readCommonIssue(ports: CommonIssuePorts, p: Principal, id: string): Promise<CommonIssue> {
  const stored = await ports.commonIssues.get(p.tenantId, id);
  if (!stored) throw new NotFoundError('共性问题');
  if (!mayReadCommonIssue(p, stored.commonIssue)) throw new ForbiddenError('只有督办人员、县领导、管理员和牵头、责任单位可以查看该共性问题');
  return stored.commonIssue;
}

export interface LedgerQuery {
  status?: CommonIssueStatus | undefined;
  category?: Category | undefined;
}

/** The ledger (共性问题台账): every common issue the caller may read, and the figures by category. */
export async function commonIssueLedger(ports: CommonIssuePorts, p: Principal, q: LedgerQuery): Promise<{ items: CommonIssue[]; byCategory: CommonIssueLedgerRow[] }> {
  if (!mayReadCommonIssueLedger(p)) throw new ForbiddenError('只有督办人员、县领导、管理员和部门、镇街工作人员可以查看共性问题台账');
  const all = await ports.commonIssues.list(p.tenantId);
  const items = all
    .filter((ci) => mayReadCommonIssue(p, ci))
    .filter((ci) => (!q.status || ci.status === q.status) && (!q.category || ci.category === q.category))
    .sort(ledgerOrder);
  return { items, byCategory: ledgerByCategory(items) };
}

// ── changes of a common issue ───────────────────────────────────────────────

/** Links more tickets, unlinks some, on the rev. Asking for what is already so answers the record as it is. */
export async function relink(ports: CommonIssuePorts, p: Principal, id: string, body: LinkTicketsBody): Promise<CommonIssue> {
  if (!mayManageCommonIssues(p)) throw new ForbiddenError('只有督办人员可以调整共性问题的关联诉求');
  const { commonIssue: ci } = await loadForWrite(ports, p, id);
  const linked = new Set(ci.tickets.map((t) => t.ticketId));
  // already so: a retry of a change made (its rev is behind) is answered the record; with the current rev, a ticket
  // to remove that is not linked here is a mistake, refused below naming it (remove.N)
  const alreadySo = body.add.every((t) => linked.has(t)) && body.remove.every((t) => !linked.has(t));
  if (alreadySo && (body.remove.length === 0 || body.rev !== ci.rev)) return ci;
  if (body.rev !== ci.rev) throw stale(ci);
  const add = await ticketsToLink(ports, p.tenantId, body.add, 'add', ci.id);
  const next = relinkTickets(ci, add, body.remove, nowOf(ports));
  if (!next.ok) throw next.error;
  const done = await commitChange(ports, p, ci, next.value.commonIssue, next.value.owed);
  if (!done) throw stale((await ports.commonIssues.get(p.tenantId, id))?.commonIssue ?? ci);
  return done;
}

export async function writeProgress(ports: CommonIssuePorts, p: Principal, id: string, body: CommonIssueProgressBody): Promise<CommonIssue> {
  const { commonIssue: ci } = await loadForWrite(ports, p, id);
  if (!mayWriteProgress(p, ci)) throw new ForbiddenError('只有牵头单位或督办人员可以报告进展');
  const last = ci.progress.at(-1);
  // the same note again by the same person (a retry): answered as it is
  if (last && last.by === p.userId && last.text === body.text && body.rev !== ci.rev) return ci;
  if (body.rev !== ci.rev) throw stale(ci);
  const next = addProgress(ci, body.text, p, nowOf(ports));
  if (!next.ok) throw next.error;
  const done = await commitChange(ports, p, ci, next.value);
  if (!done) throw stale((await ports.commonIssues.get(p.tenantId, id))?.commonIssue ?? ci);
  return done;
}

export async function addStepsTo(ports: CommonIssuePorts, p: Principal, id: string, body: AddStepsBody): Promise<CommonIssue> {
  const { commonIssue: ci } = await loadForWrite(ports, p, id);
  if (!mayAddSteps(p, ci)) throw new ForbiddenError('只有牵头单位或督办人员可以增加措施');
  const next = addSteps(ci, body.steps, await contextOf(ports, p));
  if (!next.ok) throw next.error;
  // every step there already (a retry): the record as it is
  if (next.value === ci) return ci;
  if (body.rev !== ci.rev) throw stale(ci);
  const done = await commitChange(ports, p, ci, next.value);
  if (!done) throw stale((await ports.commonIssues.get(p.tenantId, id))?.commonIssue ?? ci);
  return done;
}

/** A step done by its owner unit; no rev asked (one field of one step): a lost race reads again and decides again. */
export async function completeStep(ports: CommonIssuePorts, p: Principal, id: string, itemId: string, body: StepDoneBody): Promise<CommonIssue> {
  for (let attempt = 0; attempt < MAX_ATTEMPTS; attempt++) {
    const { commonIssue: ci } = await loadForWrite(ports, p, id);
    const item = findItem(ci.plan, itemId);
    if (!item) throw new NotFoundError('措施');
    if (!mayCompleteStep(p, item)) throw new ForbiddenError('只能完成本单位负责的措施');
    const next = stepDone(ci, itemId, { userId: p.userId, name: p.name }, body.note, nowOf(ports));
    if (!next.ok) throw next.error;
    if (next.value.already) return ci;
    const done = await commitChange(ports, p, ci, next.value.commonIssue);
    if (done) return done;
  }
  throw new ConflictError('共性问题正被他人同时修改，请稍后重试');
}

/** Solved: every linked ticket resolved or told (each once); a retry finishes what a crash left and answers the same. */
export async function solve(ports: CommonIssuePorts, p: Principal, id: string, body: SolveCommonIssueBody): Promise<CommonIssue> {
  const { commonIssue: ci } = await loadForWrite(ports, p, id);
  if (!maySolve(p, ci)) throw new ForbiddenError('只有牵头单位或督办人员可以确认共性问题已解决');
  if (ci.status === 'solved') return ci;
  if (body.rev !== ci.rev) throw stale(ci);
  const next = solveCommonIssue(ci, body.summary, { userId: p.userId, name: p.name }, nowOf(ports));
  if (!next.ok) throw next.error;
  const done = await commitChange(ports, p, ci, next.value.commonIssue, next.value.owed);
  if (!done) throw stale((await ports.commonIssues.get(p.tenantId, id))?.commonIssue ?? ci);
  ports.metrics.addMetric('CommonIssueSolved', 'Count', 1);
  return done;
}

// ── suggestions ─────────────────────────────────────────────────────────────

/** The tenant's open and recent tickets (`isIndexable`): the whole-tenant index (pattern 6), newest first, bounded. */
async function indexableTickets(ports: CommonIssuePorts, tenantId: string, now: string): Promise<Ticket[]> {
  const out: Ticket[] = [];
  let cursor: string | undefined;
  let read = 0;
  do {
    const page = await ports.tickets.byTenant(tenantId, cursor, 500);
    read += page.items.length;
    for (const t of page.items) if (isIndexable(t, now)) out.push(t);
    cursor = page.cursor;
  } while (cursor && read < MAX_PROPOSAL_TICKETS);
  return out;
}

const displayTerms = (terms: readonly string[]): string[] => [...new Set(terms.map((t) => t.replace(/^#/, '')))];

export interface ProposalRun {
  proposed: number;
  waiting: number;
  scanned: number;
}

/**
 * A proposal run over the tenant's open and recent tickets not linked to a common issue: the clusters
 * of `proposeClusters` (the dismissed signatures kept out) written as suggestions, idempotently: a
 * waiting one with the same id is left as it is; waiting ones no longer proposed are removed;
 * confirmed and dismissed ones are kept (a dismissal is forever).
 */
export async function runProposals(ports: CommonIssuePorts, tenantId: string): Promise<ProposalRun> {
  const now = nowOf(ports);
  const [tickets, existing] = await Promise.all([indexableTickets(ports, tenantId, now), ports.commonIssues.suggestions(tenantId)]);
  const candidates = tickets.filter((t) => !t.commonIssue);
  const byTicket = new Map(candidates.map((t) => [t.id, t]));
  const index = new SimilarityIndex(candidates);
  const dismissed = existing.filter((s) => s.status === 'dismissed').map((s) => s.signature);
  const known = new Map(existing.map((s) => [s.id, s]));
  const proposedIds = new Set<string>();
  let proposed = 0;
  let waiting = 0;
  for (const c of proposeClusters(index, { dismissed })) {
    const id = suggestionId(c.signature);
    proposedIds.add(id);
    const was = known.get(id);
    if (was) {
      if (was.status === 'waiting') waiting++;
      continue;
    }
    const s: CommonIssueSuggestion = {
      id,
      tenantId,
      signature: c.signature,
      title: c.title,
      topic: c.topic,
      category: c.category,
      tickets: c.ticketIds.flatMap((tid) => {
        const t = byTicket.get(tid);
        return t ? [linkedTicketOf(t)] : [];
      }),
      enterpriseCount: c.enterpriseIds.length,
      terms: displayTerms(c.terms),
      cohesion: Math.round(c.cohesion * 1000) / 1000,
      dismissedBefore: c.dismissedBefore,
      status: 'waiting',
      proposedAt: now,
    };
    if (await ports.commonIssues.putSuggestion(s, 'absent')) proposed++;
    waiting++;
  }
  const gone = existing.filter((s) => s.status === 'waiting' && !proposedIds.has(s.id));
  await eachLimited(gone, FAN_OUT, (s) => ports.commonIssues.removeWaitingSuggestion(tenantId, s.id));
  return { proposed, waiting, scanned: tickets.length };
}

export async function proposeNow(ports: CommonIssuePorts, p: Principal): Promise<ProposalRun> {
  if (!mayManageCommonIssues(p)) throw new ForbiddenError('只有督办人员可以生成共性问题建议');
  return runProposals(ports, p.tenantId);
}

/** The suggestions waiting for the supervisor, most enterprises first. */
export async function waitingSuggestions(ports: CommonIssuePorts, p: Principal): Promise<CommonIssueSuggestion[]> {
  if (!mayManageCommonIssues(p)) throw new ForbiddenError('只有督办人员可以查看共性问题建议');
  return (await ports.commonIssues.suggestions(p.tenantId))
    .filter((s) => s.status === 'waiting')
    .sort((a, b) => b.enterpriseCount - a.enterpriseCount || b.tickets.length - a.tickets.length || a.id.localeCompare(b.id));
}

/** Dismissed for good (its signature kept); a retry answers the same; a confirmed one is 409. */
export async function dismissSuggestion(ports: CommonIssuePorts, p: Principal, id: string, body: DismissSuggestionBody): Promise<CommonIssueSuggestion> {
  if (!mayManageCommonIssues(p)) throw new ForbiddenError('只有督办人员可以忽略共性问题建议');
  for (let attempt = 0; attempt < MAX_ATTEMPTS; attempt++) {
    const s = await ports.commonIssues.suggestion(p.tenantId, id);
    if (!s) throw new NotFoundError('共性问题建议');
    if (s.status === 'dismissed') return s;
    if (s.status === 'confirmed') throw new ConflictError('该建议已确认为共性问题', { commonIssueId: s.commonIssueId });
    const dismissed: CommonIssueSuggestion = { ...s, status: 'dismissed', decidedAt: nowOf(ports), decidedBy: p.userId, ...(body.reason ? { reason: body.reason } : {}) };
    if (await ports.commonIssues.putSuggestion(dismissed, 'waiting')) return dismissed;
  }
  throw new ConflictError('该建议正被他人同时处理，请稍后重试');
}
