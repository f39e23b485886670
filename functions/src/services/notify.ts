import type { OutboxMessage, Ports } from '../ports.js';
import { resolveAudience } from './audience.js';
import { eachLimited } from './each-limited.js';

/** WeChat sends in flight at once for one message */
const DELIVERY_CONCURRENCY = 16;
/** how long a delivery may hold a WeChat send before another may take it over (the notifier's timeout is 30 s) */
const SEND_LEASE_MS = 60_000;

type Recipient = { userId: string; openId: string; template: string };

/**
 * One WeChat message, sent once per (message, user) however often the record
 * is delivered, and retried until it goes out: the delivery log guards the
 * send. A delivery takes it (when nobody has, or a lease ran out), sends, then
 * records it sent; a failed send is given back, so the record fails and its
 * redelivery sends again. A send another delivery holds fails this one too
 * (SQS brings it back later).
 */
async function sendOnce(ports: Ports, msg: OutboxMessage, w: Recipient): Promise<void> {
  const state = await ports.deliveries.take(msg.tenantId, msg.id, w.userId, Date.now(), SEND_LEASE_MS);
  if (state === 'sent') return;
  if (state === 'busy') throw new Error(`WeChat message ${msg.id} to ${w.userId} is being sent by another delivery`);
  try {
    await ports.wechat.sendSubscribeMessage(
      w.openId,
      w.template,
      { thing1: msg.title.slice(0, 20), thing2: msg.body.slice(0, 20), time3: msg.at.slice(0, 16).replace('T', ' ') },
      msg.ticketId ? `pages/ticket/index?id=${msg.ticketId}` : undefined,
    );
  } catch (e) {
    // give the send back: the redelivery retries it (if this fails too, the lease runs out)
    await ports.deliveries.release(msg.tenantId, msg.id, w.userId).catch(() => undefined);
    throw e;
  }
  await ports.deliveries.sent(msg.tenantId, msg.id, w.userId);
}

/**
 * Delivers one outbox message: every person it concerns gets an inbox item
 * (idempotent by message and user, so a redelivery lands once); where a WeChat
 * template is configured for the event and the person has bound WeChat, a
 * subscribe message too, once. Throws when anything is left undone, so the
 * record is retried (and dead-lettered if it keeps failing); once all is
 * done, the message's outbox record goes.
 */
export async function deliver(ports: Ports, msg: OutboxMessage): Promise<void> {
  const users = await resolveAudience(ports, msg.tenantId, msg.audience, msg.at);
  const template = ports.wechatTemplates[msg.event];
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
  // both finish before the message is judged (nothing left running when the handler returns)
  const settled = await Promise.allSettled([
    // in batches (a group reaches dozens of people); an item already there (a redelivery) is left as it is
    ports.inbox.addMany(msg.tenantId, items),
    eachLimited(byWechat, DELIVERY_CONCURRENCY, (w) => sendOnce(ports, msg, w)),
  ]);
  const failed = settled.find((r) => r.status === 'rejected');
  if (failed) throw failed.reason;
  // delivered: the durable outbox forgets it (a crash before this leaves it to the sweep, which sends it again: a no-op)
  await ports.outbox.delivered(msg);
}
