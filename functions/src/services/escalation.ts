import {
  applyNotice,
  buildNotice,
  decideJob,
  levelName,
  noticeId,
  SCHEDULER_ACTOR,
  applyHolderNotice,
  buildHolderNotice,
  decideHolderJob,
  HOLDER_KINDS,
  type LadderHolder,
  type DropReason,
  type Level,
  clockCycle,
  effectsOf,
  ConflictError,
  Id,
  Instant,
  type Clock,
  type Group,
  type SupervisionNotice,
  type Ticket,
} from '@whistle/shared';
import * as z from 'zod/mini';
import type { EscalationJob, NoticeRepository, OutboxMessage, Ports } from '../ports.js';
import { finishEffects, publish } from './effects.js';
import { tenantContext, type TenantContext } from './tenant-context.js';

export type { TenantContext };

/**
 * The escalation worker: applies one job (one due clock at one level).
 *
 * Exactly once in effect:
 * 1. reload the ticket (strongly consistent) and decide again: a met, paused,
 *    restarted or already-advanced clock drops the job (redeliveries, stale or
 *    duplicate jobs from concurrent sweeps end here);
 * 2. issue the notice with a conditional put on its key (ticket, clock, cycle,
 *    level): it can exist only once; a notice found there (a worker crashed
 *    after step 2) is reused, with its number and time;
 * 3. advance the clock with a commit conditional on the version read; a lost
 *    race re-reads and decides again (and then drops: the winner advanced it).
 */
export const EscalationJobSchema = z.strictObject({
  tenantId: Id,
  ticketId: Id,
  holder: z.optional(z.strictObject({ kind: z.enum(HOLDER_KINDS), id: Id })),
  clockId: z.string().check(z.minLength(1), z.maxLength(80)),
  level: z.union([z.literal(1), z.literal(2), z.literal(3)]),
  cycle: z.int().check(z.minimum(0)),
  dueAt: Instant,
});

export type JobOutcome =
  | { kind: 'issued'; notice: SupervisionNotice; reused: boolean }
  | { kind: 'dropped'; reason: DropReason | 'gone' };

const MAX_ATTEMPTS = 5;

/** Step 2: the notice for this clock and level, created once (or the one already there). */
export const issueNotice = (notices: NoticeRepository, t: Ticket, clock: Clock, level: Level, groups: readonly Group[], now: string) =>
  issueOnce(notices, t.tenantId, t.id, clock, level, now, (number) => buildNotice(t, clock, level, groups, number, now));

/** The notice of (partition, clock, cycle, level), created once: a number is taken only for a notice not yet there. */
async function issueOnce(
  notices: NoticeRepository,
  tenantId: string,
  partitionId: string,
  clock: Clock,
  level: Level,
  now: string,
  build: (number: string) => SupervisionNotice,
): Promise<{ notice: SupervisionNotice; reused: boolean }> {
  const cycle = clockCycle(clock);
  const id = noticeId(partitionId, clock.id, cycle, levelName(level));
  const existing = await notices.get(tenantId, id);
  if (existing) return { notice: existing, reused: true };
  // a crash between taking the number and the put skips one (documented)
  const number = await notices.nextNumber(tenantId, now);
  const notice = build(number);
  if (await notices.create(notice, cycle)) return { notice, reused: false };
  const winner = await notices.get(tenantId, id);
  if (!winner) throw new ConflictError('督办单写入冲突，稍后重试');
  return { notice: winner, reused: true };
}

/**
 * The message that tells a holder's notice to its addressees: its id follows the notice's key
 * (holder, clock, cycle, level), so it is recorded and delivered once; in the inbox items' id
 * alphabet (letters, digits, `-`, `_`, at most two `:` before the user's).
 */
const holderMessage = (h: LadderHolder, notice: SupervisionNotice, told: { audience: OutboxMessage['audience']; title: string; body: string }, now: string): OutboxMessage => ({
  id: `${h.id}:${notice.clockId.replace(/[^A-Za-z0-9_-]/g, '-')}-${notice.id.split('~')[2] ?? '0'}:${notice.level}`,
  tenantId: h.tenantId,
  ticketId: h.ticketId,
  holder: { kind: h.kind, id: h.id, ...(h.commonIssueId ? { commonIssueId: h.commonIssueId } : {}) },
  event: 'escalated',
  audience: told.audience,
  title: told.title,
  body: told.body,
  at: now,
});

/**
 * A job on a record of its own (docs/plan-items.md, step 3), exactly once in
 * effect like a ticket's: decide on the record as it is, issue the notice on
 * its key, then record the message and advance the clock conditional on the
 * rev read (a lost race re-reads and decides again).
 */
async function applyHolderJob(deps: Ports, job: EscalationJob & { holder: NonNullable<EscalationJob['holder']> }, context: TenantContext): Promise<JobOutcome> {
  for (let attempt = 0; attempt < MAX_ATTEMPTS; attempt++) {
    const read = await deps.holders.get(job.tenantId, job.ticketId, job.holder);
    if (!read) return { kind: 'dropped', reason: 'gone' };
    const h = read.holder;
    const now = deps.clock.now().toISOString();
    const decision = decideHolderJob(h, job, now);
    if (decision.kind === 'drop') return { kind: 'dropped', reason: decision.reason };
    const { notice, reused } = await issueOnce(deps.notices, h.tenantId, h.ticketId, decision.clock, job.level, now, (number) =>
      buildHolderNotice(h, decision.clock, job.level, number, now),
    );
    const result = applyHolderNotice(h, notice, job.level, context);
    const message = holderMessage(h, notice, result.notification, now);
    if (await deps.holders.advance(job.tenantId, job.ticketId, job.holder, read.rev, result.clocks, now, message)) {
      // a failed send leaves the message to the sweep (its outbox record is due)
      await publish(deps, [message]);
      return { kind: 'issued', notice, reused };
    }
  }
  throw new ConflictError('该记录正被同时修改，督办稍后重试');
}

export async function applyJob(deps: Ports, job: EscalationJob, ctx?: TenantContext): Promise<JobOutcome> {
  const context = ctx ?? (await tenantContext(deps, job.tenantId));
  if (job.holder) return applyHolderJob(deps, { ...job, holder: job.holder }, context);
  for (let attempt = 0; attempt < MAX_ATTEMPTS; attempt++) {
    const stored = await deps.tickets.get(job.tenantId, job.ticketId);
    if (!stored || stored.intakePending) return { kind: 'dropped', reason: 'gone' };
    // finish a transition committed but not applied before writing over its effects
    if (stored.pending) await finishEffects(deps, stored);
    const t = stored.ticket;
    const now = deps.clock.now().toISOString();
    const decision = decideJob(t, job, now);
    if (decision.kind === 'drop') return { kind: 'dropped', reason: decision.reason };
    const { notice, reused } = await issueNotice(deps.notices, t, decision.clock, job.level, context.groups, now);
    const result = applyNotice(t, notice, job.level, { ...context, now });
    const effects = effectsOf(result.ticket, SCHEDULER_ACTOR, result.entries, result.notifications);
    if (await deps.tickets.commit(stored, result.ticket, effects)) {
      await finishEffects(deps, { ticket: result.ticket, pending: effects });
      return { kind: 'issued', notice, reused };
    }
  }
  throw new ConflictError('该诉求正被同时修改，督办稍后重试');
}

