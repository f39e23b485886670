import { BatchProcessor, EventType, processPartialResponse } from '@aws-lambda-powertools/batch';
import type { Context, SQSBatchResponse, SQSEvent, SQSRecord } from 'aws-lambda';
import * as z from 'zod/mini';
import { resolveAudience } from '../services/audience.js';
import { eachLimited } from '../services/each-limited.js';
import { keys } from '../store/keys.js';
import { wire, type Deps } from '../wiring.js';

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

/** WeChat sends in flight at once for one message */
const DELIVERY_CONCURRENCY = 16;
/** how long a delivery may hold a WeChat send before another may take it over (the function's timeout is 30 s) */
const SEND_LEASE_MS = 60_000;
/** delivery markers outlive any redelivery (SQS keeps a message 4 days at most) */
const MARKER_KEEP_SECONDS = 14 * 24 * 3600;

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
type Msg = z.infer<typeof OutboxMessageSchema>;

/**
 * One WeChat message, sent once per (message, user) however often the record
 * is delivered, and retried until it goes out: a delivery marker item guards
 * the send. A delivery takes it (conditional put `sending` with a lease, when
 * absent or its lease ran out), sends, then marks it `sent`; a failed send
 * deletes it, so the record fails and its redelivery sends again. A marker
 * another delivery holds fails this one too (SQS brings it back later).
 */
async function sendOnce(deps: Deps, msg: Msg, w: { userId: string; openId: string; template: string }): Promise<void> {
  const key = keys.wechatDelivery(msg.tenantId, msg.id, w.userId);
  // wall-clock time: the lease is about this process, not the (settable) domain clock
  const now = Date.now();
  const taken = await deps.store.put(
    { ...key, entity: 'WXSEND', state: 'sending', until: now + SEND_LEASE_MS, expiresAt: Math.floor(now / 1000) + MARKER_KEEP_SECONDS },
    { expression: 'attribute_not_exists(pk) OR (#s = :sending AND #u < :now)', names: { '#s': 'state', '#u': 'until' }, values: { ':sending': 'sending', ':now': now } },
  );
  if (!taken) {
    const marker = await deps.store.get(key, true);
    if (marker?.state === 'sent') return;
    throw new Error(`WeChat message ${msg.id} to ${w.userId} is being sent by another delivery`);
  }
  try {
    await deps.wechat.sendSubscribeMessage(
      w.openId,
      w.template,
      { thing1: msg.title.slice(0, 20), thing2: msg.body.slice(0, 20), time3: msg.at.slice(0, 16).replace('T', ' ') },
      msg.ticketId ? `pages/ticket/index?id=${msg.ticketId}` : undefined,
    );
  } catch (e) {
    // give the send back: the redelivery retries it (if this delete fails too, the lease runs out)
    await deps.store.delete(key).catch(() => undefined);
    throw e;
  }
  await deps.store.update(key, 'SET #s = :sent REMOVE #u', { names: { '#s': 'state', '#u': 'until' }, values: { ':sent': 'sent' }, returns: 'NONE' });
}

/** One outbox message: everyone's inbox item (idempotent), and the WeChat messages where configured. */
async function deliver(deps: Deps, record: SQSRecord): Promise<void> {
  const msg = OutboxMessageSchema.parse(JSON.parse(record.body));
  const users = await resolveAudience(deps, msg.tenantId, msg.audience, msg.at);
  const template = deps.config.wechat.templates[msg.event];
  const items = users.map((u) => ({
    id: `${msg.id}:${u.id}`,
    userId: u.id,
    at: msg.at,
    kind: msg.event,
    title: msg.title,
    body: msg.body,
    ...(msg.ticketId ? { ticketId: msg.ticketId } : {}),
  }));
  const byWechat = template ? users.flatMap((u) => (u.wechatOpenId ? [{ userId: u.id, openId: u.wechatOpenId, template }] : [])) : [];
  // both finish before the record is judged (nothing left running when the handler returns)
  const settled = await Promise.allSettled([
    // in batches (a group reaches dozens of people); an item already there (a redelivery) is left as it is
    deps.inbox.addMany(msg.tenantId, items),
    eachLimited(byWechat, DELIVERY_CONCURRENCY, (w) => sendOnce(deps, msg, w)),
  ]);
  const failed = settled.find((r) => r.status === 'rejected');
  if (failed) throw failed.reason;
}

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
        await deliver(deps, record);
      } catch (e) {
        deps.logger.error('notification failed', { messageId: record.messageId, error: e as Error });
        throw e;
      }
    },
    new BatchProcessor(EventType.SQS),
    { ...(context ? { context } : {}), throwOnFullBatchFailure: false },
  );
}
