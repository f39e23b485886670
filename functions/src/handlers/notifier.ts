import '../wiring/wechat.js';
import '../wiring/assessment.js';
import '../wiring/policies.js';
import '../wiring/secrets.js';
import { BatchProcessor, EventType, processPartialResponse } from '@aws-lambda-powertools/batch';
import type { Context, SQSBatchResponse, SQSEvent, SQSRecord } from 'aws-lambda';
import * as z from 'zod/mini';
import type { OutboxMessage } from '../ports.js';
import { ASSESS_EVENT, POLICY_PUSH_EVENT } from '@whistle/shared';
import { assessAll } from '../services/assessment.js';
import { deliverAll } from '../services/notify.js';
import { pushAll } from '../services/policy-push.js';
import { wire } from '../wiring.js';

const AudienceSchema = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('enterprise'), id: z.string() }),
  z.object({ kind: z.literal('unit'), id: z.string() }),
  z.object({ kind: z.literal('unitLead'), id: z.string() }),
  z.object({ kind: z.literal('group'), id: z.string() }),
  z.object({ kind: z.literal('user'), id: z.string() }),
  z.object({ kind: z.literal('supervisors') }),
  z.object({ kind: z.literal('gridOfficer'), gridId: z.string() }),
  z.object({ kind: z.literal('commissioners'), enterpriseId: z.string() }),
  z.object({ kind: z.literal('gridLeads'), gridId: z.string() }),
  z.object({ kind: z.literal('deskOnDuty') }),
]);

const OutboxMessageSchema = z.object({
  id: z.string().check(z.minLength(1)),
  tenantId: z.string().check(z.minLength(1)),
  ticketId: z.optional(z.string()),
  ticketNumber: z.optional(z.string()),
  policyId: z.optional(z.string()),
  holder: z.optional(z.object({ kind: z.enum(['retrospective', 'commonIssue']), id: z.string(), commonIssueId: z.optional(z.string()) })),
  event: z.string(),
  audience: z.array(AudienceSchema),
  title: z.string(),
  body: z.string(),
  at: z.string(),
});

/**
 * The notifier: the outbox queue's consumer (Powertools batch processing),
 * which also keeps the assessment (each commit's `assess` message) and runs
 * the policies' pushes (their `policyPush` message).
 * The batch's readable messages are delivered together (their inbox items in
 * a few requests); each record then answers for its own message, so failures
 * are reported per record (batchItemFailures): SQS redelivers them, and
 * dead-letters what keeps failing (an unreadable record among them).
 */
export async function handler(event: SQSEvent, context?: Context): Promise<SQSBatchResponse> {
  const deps = wire();
  if (context) deps.logger.addContext(context);
  const parsed = new Map<string, OutboxMessage | Error>();
  for (const record of event.Records) {
    try {
      // the event is carried through as text (the notifier delivers any event it is given)
      parsed.set(record.messageId, OutboxMessageSchema.parse(JSON.parse(record.body)) as OutboxMessage);
    } catch (e) {
      parsed.set(record.messageId, e instanceof Error ? e : new Error(String(e)));
    }
  }
  const messages = [...parsed.values()].filter((m): m is OutboxMessage => !(m instanceof Error));
  // notifications go to people; a commit's `assess` message brings the assessment up to date; a policy's push tells the enterprises it newly matches
  const [delivered, assessed, pushed] = await Promise.all([
    deliverAll(deps, messages.filter((m) => m.event !== ASSESS_EVENT && m.event !== POLICY_PUSH_EVENT)),
    assessAll(deps, messages.filter((m) => m.event === ASSESS_EVENT)),
    pushAll(deps, messages.filter((m) => m.event === POLICY_PUSH_EVENT)),
  ]);
  const outcomes = new Map([...delivered, ...assessed, ...pushed]);
  return processPartialResponse(
    event,
    async (record: SQSRecord) => {
      const msg = parsed.get(record.messageId);
      const failure = msg instanceof Error || msg === undefined ? msg ?? new Error('record not read') : outcomes.get(msg.id);
      if (failure !== undefined) {
        deps.logger.error('notification failed', { messageId: record.messageId, error: failure as Error });
        throw failure;
      }
    },
    new BatchProcessor(EventType.SQS),
    { ...(context ? { context } : {}), throwOnFullBatchFailure: false },
  );
}
