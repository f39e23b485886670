import {
  clockCycle,
  ConflictError,
  Id,
  Instant,
  type Clock,
  type Group,
  type SupervisionNotice,
  type Ticket,
} from '@whistle/shared';
import { BatchProcessor, EventType, processPartialResponse } from '@aws-lambda-powertools/batch';
import type { Context, SQSBatchResponse, SQSRecord } from 'aws-lambda';
import * as z from 'zod/mini';
import type { EscalationJob } from '../ports.js';
import { NoticeStore } from '../store/notice-store.js';
import { effectsOf } from '../store/ticket-store.js';
import type { Deps } from '../wiring.js';
import { applyNotice, buildNotice, decideJob, levelName, noticeId, SCHEDULER_ACTOR, type DropReason, type Level } from './ladder.js';
import { tenantContext, type TenantContext } from './tickets.js';

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
  notices: NoticeStore,
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

export async function applyJob(deps: Deps, job: EscalationJob, ctx?: TenantContext): Promise<JobOutcome> {
  const context = ctx ?? (await tenantContext(deps, job.tenantId));
  const notices = new NoticeStore(deps.store);
  for (let attempt = 0; attempt < MAX_ATTEMPTS; attempt++) {
    const stored = await deps.tickets.get(job.tenantId, job.ticketId);
    if (!stored || stored.intakePending) return { kind: 'dropped', reason: 'gone' };
    // finish a transition committed but not applied before writing over its effects
    if (stored.pending) await deps.tickets.flush(stored);
    const t = stored.ticket;
    const now = deps.clock.now().toISOString();
    const decision = decideJob(t, job, now);
    if (decision.kind === 'drop') return { kind: 'dropped', reason: decision.reason };
    const { notice, reused } = await issueNotice(notices, t, decision.clock, job.level, context.groups, now);
    const result = applyNotice(t, notice, job.level, { ...context, now });
    const effects = effectsOf(result.ticket, SCHEDULER_ACTOR, result.entries, result.notifications);
    const kept = stored.requestHash ? { requestHash: stored.requestHash } : {};
    if (await deps.tickets.commit(result.ticket, t.version, effects, kept)) {
      await deps.tickets.flush({ ticket: result.ticket, pending: effects, ...kept });
      return { kind: 'issued', notice, reused };
    }
  }
  throw new ConflictError('该诉求正被同时修改，督办稍后重试');
}

/**
 * An SQS batch (Powertools batch processing): each record is one job.
 * Unreadable records and jobs that fail are reported in `batchItemFailures`
 * (the rest of the batch is deleted); SQS redelivers them, and after
 * maxReceiveCount moves them to the DLQ. Jobs of one ticket run in order
 * (each waits for the one before it in the batch), different tickets in
 * parallel.
 */
export async function processEscalationBatch(deps: Deps, records: readonly SQSRecord[], lambdaContext?: Context): Promise<SQSBatchResponse> {
  const contexts = new Map<string, Promise<TenantContext>>();
  const contextOf = (tenantId: string) => {
    let c = contexts.get(tenantId);
    if (!c) {
      c = tenantContext(deps, tenantId);
      contexts.set(tenantId, c);
    }
    return c;
  };
  const run = async (record: SQSRecord, job: EscalationJob) => {
    try {
      const outcome = await applyJob(deps, job, await contextOf(job.tenantId));
      if (outcome.kind === 'issued') {
        deps.logger.info('supervision notice', { number: outcome.notice.number, id: outcome.notice.id, reused: outcome.reused });
      }
    } catch (e) {
      deps.logger.error('escalation job failed', { messageId: record.messageId, job, error: e as Error });
      contexts.delete(job.tenantId);
      throw e;
    }
  };
  // the last job started for each ticket: the processor starts every record's handler in batch order, synchronously up to its first await
  const tails = new Map<string, Promise<void>>();
  const handle = (record: SQSRecord): Promise<void> => {
    let job: EscalationJob;
    try {
      job = EscalationJobSchema.parse(JSON.parse(record.body));
    } catch (e) {
      // poison: reported as failed, so SQS moves it to the DLQ after maxReceiveCount
      deps.logger.error('unreadable escalation job', {
        messageId: record.messageId,
        receiveCount: record.attributes.ApproximateReceiveCount,
        reason: (e instanceof Error ? e.message : String(e)).slice(0, 300),
      });
      return Promise.reject(e instanceof Error ? e : new Error(String(e)));
    }
    const k = `${job.tenantId}/${job.ticketId}`;
    const previous = tails.get(k);
    // a failed job before it does not stop it (each is reported on its own)
    const mine = previous ? previous.catch(() => undefined).then(() => run(record, job)) : run(record, job);
    tails.set(k, mine);
    return mine;
  };
  return processPartialResponse({ Records: [...records] }, handle, new BatchProcessor(EventType.SQS), {
    ...(lambdaContext ? { context: lambdaContext } : {}),
    throwOnFullBatchFailure: false,
  });
}
