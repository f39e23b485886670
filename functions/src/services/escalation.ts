import {
  applyNotice,
  buildNotice,
  decideJob,
  levelName,
  noticeId,
  SCHEDULER_ACTOR,
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
import type { EscalationJob, NoticeRepository, Ports } from '../ports.js';
import { finishEffects } from './effects.js';
import { tenantContext, type TenantContext } from './tickets.js';

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
export async function issueNotice(
  notices: NoticeRepository,
  t: Ticket,
  clock: Clock,
  level: Level,
  groups: readonly Group[],
  now: string,
): Promise<{ notice: SupervisionNotice; reused: boolean }> {
  const cycle = clockCycle(clock);
  const id = noticeId(t.id, clock.id, cycle, levelName(level));
  const existing = await notices.get(t.tenantId, id);
  if (existing) return { notice: existing, reused: true };
  // a number is taken only for a notice not yet there; a crash between here and the put skips one (documented)
  const number = await notices.nextNumber(t.tenantId, now);
  const notice = buildNotice(t, clock, level, groups, number, now);
  if (await notices.create(notice, cycle)) return { notice, reused: false };
  const winner = await notices.get(t.tenantId, id);
  if (!winner) throw new ConflictError('督办单写入冲突，稍后重试');
  return { notice: winner, reused: true };
}

export async function applyJob(deps: Ports, job: EscalationJob, ctx?: TenantContext): Promise<JobOutcome> {
  const context = ctx ?? (await tenantContext(deps, job.tenantId));
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

