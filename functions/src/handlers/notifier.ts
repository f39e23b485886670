import { BatchProcessor, EventType, processPartialResponse } from '@aws-lambda-powertools/batch';
import type { Context, SQSBatchResponse, SQSEvent, SQSRecord } from 'aws-lambda';
import * as z from 'zod/mini';
import type { OutboxMessage } from '../ports.js';
import { deliver } from '../services/notify.js';
import { wire } from '../wiring.js';

const AudienceSchema = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('enterprise'), id: z.string() }),
  z.object({ kind: z.literal('unit'), id: z.string() }),
  z.object({ kind: z.literal('unitLead'), id: z.string() }),
  z.object({ kind: z.literal('group'), id: z.string() }),
  z.object({ kind: z.literal('user'), id: z.string() }),
  z.object({ kind: z.literal('supervisors') }),
  z.object({ kind: z.literal('gridOfficer'), gridId: z.string() }),
  z.object({ kind: z.literal('deskOnDuty') }),
]);

const OutboxMessageSchema = z.object({
  id: z.string().check(z.minLength(1)),
  tenantId: z.string().check(z.minLength(1)),
  ticketId: z.optional(z.string()),
  ticketNumber: z.optional(z.string()),
  event: z.string(),
  audience: z.array(AudienceSchema),
  title: z.string(),
  body: z.string(),
  at: z.string(),
});

/**
 * The notifier: the outbox queue's consumer (Powertools batch processing).
 * Every person an event concerns gets an inbox item (idempotent by message
 * and user, so a redelivery lands once); where a WeChat template is
 * configured for the event and the person has bound WeChat, a subscribe
 * message too, once. Failures are reported per record (batchItemFailures):
 * SQS redelivers them, and dead-letters what keeps failing.
 */
export async function handler(event: SQSEvent, context?: Context): Promise<SQSBatchResponse> {
  const deps = wire();
  if (context) deps.logger.addContext(context);
  return processPartialResponse(
    event,
    async (record: SQSRecord) => {
      try {
        // the event is carried through as text (the notifier delivers any event it is given)
        await deliver(deps, OutboxMessageSchema.parse(JSON.parse(record.body)) as OutboxMessage);
      } catch (e) {
        deps.logger.error('notification failed', { messageId: record.messageId, error: e as Error });
        throw e;
      }
    },
    new BatchProcessor(EventType.SQS),
    { ...(context ? { context } : {}), throwOnFullBatchFailure: false },
  );
}
