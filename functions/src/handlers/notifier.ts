import type { SQSBatchResponse, SQSEvent } from 'aws-lambda';
import * as z from 'zod/mini';
import { resolveAudience } from '../services/audience.js';
import { eachLimited } from '../services/each-limited.js';
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

/** conditional inbox writes and WeChat sends in flight at once for one message */
const DELIVERY_CONCURRENCY = 16;

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
 * The notifier: the outbox queue's consumer. Every person an event concerns
 * gets an inbox item (idempotent by message and user, so a redelivery lands
 * once); where a WeChat template is configured for the event and the person
 * has bound WeChat, a subscribe message too. Failures are reported per record.
 */
export async function handler(event: SQSEvent): Promise<SQSBatchResponse> {
  const deps = wire();
  const failures: SQSBatchResponse['batchItemFailures'] = [];
  for (const record of event.Records) {
    try {
      const msg = OutboxMessageSchema.parse(JSON.parse(record.body));
      const users = await resolveAudience(deps, msg.tenantId, msg.audience, msg.at);
      const template = deps.config.wechat.templates[msg.event];
      const itemFor = (userId: string) => ({
        id: `${msg.id}:${userId}`,
        userId,
        at: msg.at,
        kind: msg.event,
        title: msg.title,
        body: msg.body,
        ...(msg.ticketId ? { ticketId: msg.ticketId } : {}),
      });
      // people who also get a WeChat message: a conditional write each, so the message goes out once
      const byWechat = template ? users.flatMap((u) => (u.wechatOpenId ? [{ userId: u.id, openId: u.wechatOpenId, template }] : [])) : [];
      const viaWechat = new Set(byWechat.map((w) => w.userId));
      // everyone else: in batches (a group reaches dozens of people)
      const inboxOnly = users.filter((u) => !viaWechat.has(u.id));
      // both finish before the record is judged (nothing left running when the handler returns)
      const settled = await Promise.allSettled([
        deps.inbox.addMany(msg.tenantId, inboxOnly.map((u) => itemFor(u.id))),
        eachLimited(byWechat, DELIVERY_CONCURRENCY, async (w) => {
          if (!(await deps.inbox.add(msg.tenantId, itemFor(w.userId)))) return;
          await deps.wechat.sendSubscribeMessage(
            w.openId,
            w.template,
            { thing1: msg.title.slice(0, 20), thing2: msg.body.slice(0, 20), time3: msg.at.slice(0, 16).replace('T', ' ') },
            msg.ticketId ? `pages/ticket/index?id=${msg.ticketId}` : undefined,
          );
        }),
      ]);
      const failed = settled.find((r) => r.status === 'rejected');
      if (failed) throw failed.reason;
    } catch (e) {
      deps.logger.error('notification failed', { messageId: record.messageId, error: e as Error });
      failures.push({ itemIdentifier: record.messageId });
    }
  }
  return { batchItemFailures: failures };
}
