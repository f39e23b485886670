import '../wiring/queue.js';
import '../wiring/holders.js';
import { BatchProcessor, EventType, processPartialResponse } from '@aws-lambda-powertools/batch';
import type { Context, SQSBatchResponse, SQSEvent, SQSRecord } from 'aws-lambda';
import type { EscalationJob, Ports } from '../ports.js';
import { applyJob, EscalationJobSchema } from '../services/escalation.js';
import { tenantContext, type TenantContext } from '../services/tenant-context.js';
import { wire } from '../wiring.js';

/**
 * The escalation worker (SQS consumer with ReportBatchItemFailures): issues
 * each job's supervision notice once and advances its clock. Failed or
 * unreadable records are reported as batch item failures, never thrown.
 */
export const handler = async (event: SQSEvent, context?: Context): Promise<SQSBatchResponse> => {
  const deps = wire();
  if (context) deps.logger.addContext(context);
  return processEscalationBatch(deps, event.Records, context);
};

/**
 * An SQS batch (Powertools batch processing): each record is one job.
 * Unreadable records and jobs that fail are reported in `batchItemFailures`
 * (the rest of the batch is deleted); SQS redelivers them, and after
 * maxReceiveCount moves them to the DLQ. Jobs of one ticket run in order
 * (each waits for the one before it in the batch), different tickets in
 * parallel.
 */
export async function processEscalationBatch(deps: Ports, records: readonly SQSRecord[], lambdaContext?: Context): Promise<SQSBatchResponse> {
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
