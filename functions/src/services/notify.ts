import { localDateTime, NOTIFICATION_PAGES, thingValue, type User } from '@whistle/shared';
import { WechatRecipientRefused, type OutboxMessage, type Ports } from '../ports.js';
import { resolveAudience } from './audience.js';
import { eachLimited } from './each-limited.js';
import { tenantTemplates } from './wechat.js';

/** The common issue a holder's notice opens (a message recorded before `commonIssueId` was: a common issue's own). */
const commonIssueOf = (msg: OutboxMessage): string | undefined => msg.holder?.commonIssueId ?? (msg.holder?.kind === 'commonIssue' ? msg.holder.id : undefined);

/** The page a WeChat message opens: the common issue's (its notice, or a retrospective's on it), else the ticket's, else a pushed policy's. */
function pageOf(msg: OutboxMessage): string | undefined {
  const commonIssueId = commonIssueOf(msg);
  if (commonIssueId) return `${NOTIFICATION_PAGES.commonIssue}?id=${commonIssueId}`;
  if (msg.ticketId) return `${NOTIFICATION_PAGES.ticket}?id=${msg.ticketId}`;
  return msg.policyId ? `${NOTIFICATION_PAGES.policy}?id=${msg.policyId}` : undefined;
}

/** WeChat sends in flight at once for one message */
const DELIVERY_CONCURRENCY = 16;
/** how long a delivery may hold a WeChat send before another may take it over (the notifier's timeout is 30 s) */
const SEND_LEASE_MS = 60_000;

type Recipient = { userId: string; openId: string; template: string };
type WechatPorts = Pick<Ports, 'deliveries' | 'wechatAccounts' | 'wechat' | 'logger'>;

/**
 * One WeChat message, sent once per (message, user) however often the record
 * is delivered, and retried until it goes out: the delivery log guards the
 * send. A delivery takes it (when nobody has, or a lease ran out), sends, then
 * records it sent; a failed send is given back, so the record fails and its
 * redelivery sends again. A send another delivery holds fails this one too
 * (SQS brings it back later).
 */
async function sendOnce(ports: WechatPorts, msg: OutboxMessage, w: Recipient): Promise<void> {
  const nowMs = Date.now();
  const state = await ports.deliveries.take(msg.tenantId, msg.id, w.userId, nowMs, SEND_LEASE_MS);
  if (state === 'sent') return;
  if (state === 'busy') throw new Error(`WeChat message ${msg.id} to ${w.userId} is being sent by another delivery`);
  // one-time subscriptions: a send spends one of the person's consents for the template (a redelivery finds the one it
  // took); with none left the person has the inbox item only, and the decision is recorded like a send
  if (!(await ports.wechatAccounts.takeConsent(msg.tenantId, w.userId, w.template, msg.id, nowMs))) {
    await ports.deliveries.sent(msg.tenantId, msg.id, w.userId);
    return;
  }
  try {
    await ports.wechat.sendSubscribeMessage(
      w.openId,
      w.template,
      // WeChat shows the time as written: Shanghai time, as the person reads their clock
      { thing1: thingValue(msg.title), thing2: thingValue(msg.body), time3: localDateTime(msg.at) },
      pageOf(msg),
    );
  } catch (e) {
    if (e instanceof WechatRecipientRefused) {
      // never deliverable to this person: the inbox item stands, and the message is not retried for it
      ports.logger.warn('WeChat refused a recipient; the inbox has the notification', { messageId: msg.id, userId: w.userId, errcode: e.errcode });
    } else {
      // give the send back: the redelivery retries it (if this fails too, the lease runs out)
      await ports.deliveries.release(msg.tenantId, msg.id, w.userId, nowMs + SEND_LEASE_MS).catch(() => undefined);
      throw e;
    }
  }
  // recorded as sent, insistently: a send recorded nowhere would go out again after the lease
  for (let attempt = 0; ; attempt++) {
    try {
      await ports.deliveries.sent(msg.tenantId, msg.id, w.userId);
      return;
    } catch (e) {
      if (attempt >= 2) throw e;
      await new Promise((r) => setTimeout(r, 50 * 2 ** attempt));
    }
  }
}

/**
 * Delivers a batch of outbox messages (the queue hands them over ten at a
 * time): every person a message concerns gets an inbox item (idempotent by
 * message and user, so a redelivery lands once), written for the whole batch
 * in a few requests; where a WeChat template is configured for the event and
 * the person has bound WeChat, a subscribe message too, once. Answers, per
 * message id, what went wrong (undefined: delivered); a message with anything
 * left undone is retried by the queue (and dead-lettered if it keeps failing).
 * Once all of a message is done, its outbox record goes.
 */
export async function deliverAll(ports: Ports, batch: readonly OutboxMessage[]): Promise<Map<string, unknown>> {
  // the same message twice in one batch (sent again by the sweep, or by two finishers of one commit) is delivered once
  const messages = [...new Map(batch.map((m) => [m.id, m])).values()];
  const outcome = new Map<string, unknown>(messages.map((m) => [m.id, undefined]));
  const fail = (m: OutboxMessage, e: unknown) => {
    if (outcome.get(m.id) === undefined) outcome.set(m.id, e);
  };
  const resolved = await Promise.all(
    messages.map(async (msg) => ({ msg, users: await resolveAudience(ports, msg.tenantId, msg.audience, msg.at).catch((e: unknown) => (fail(msg, e), [])) })),
  );
  const templates = new Map<string, Promise<Record<string, string>>>();
  const templatesOf = (tenantId: string) => {
    let t = templates.get(tenantId);
    if (!t) templates.set(tenantId, (t = tenantTemplates(ports, tenantId)));
    return t;
  };
  const byTenant = new Map<string, typeof resolved>();
  for (const r of resolved) byTenant.set(r.msg.tenantId, [...(byTenant.get(r.msg.tenantId) ?? []), r]);
  // both finish before the messages are judged (nothing left running when the handler returns)
  await Promise.all([
    // one tenant's items in batches (a group reaches dozens of people); an item already there (a redelivery) is left as it is
    ...[...byTenant].map(([tenantId, list]) =>
      ports.inbox.addMany(tenantId, list.flatMap(({ msg, users }) => users.map((u) => inboxItem(msg, u.id)))).catch((e: unknown) => list.forEach(({ msg }) => fail(msg, e))),
    ),
    ...resolved.map(async ({ msg, users }) => {
      try {
        // the tenant's template for the event, else the deployment's (read only when someone has bound WeChat)
        const template = users.some((u) => u.wechatOpenId) ? (await templatesOf(msg.tenantId))[msg.event] : undefined;
        const byWechat = template ? users.flatMap((u) => (u.wechatOpenId ? [{ userId: u.id, openId: u.wechatOpenId, template }] : [])) : [];
        await eachLimited(byWechat, DELIVERY_CONCURRENCY, (w) => sendOnce(ports, msg, w));
      } catch (e) {
        fail(msg, e);
      }
    }),
  ]);
  // delivered: the durable outbox forgets them (a crash before this leaves them to the sweep, which sends them again: a no-op)
  const done = messages.filter((m) => outcome.get(m.id) === undefined);
  if (done.length > 0) await ports.outbox.delivered(done).catch((e: unknown) => done.forEach((m) => fail(m, e)));
  return outcome;
}

/**
 * WeChat messages of one message to some people, each once however often it
 * is sent (the delivery log guards it): those who bound WeChat, with the
 * template given (none: the inbox alone). A failed send throws (after the
 * others have been tried): the caller's message is retried.
 */
export async function sendWechatOnce(ports: WechatPorts, msg: OutboxMessage, users: ReadonlyArray<Pick<User, 'id' | 'wechatOpenId'>>, template: string | undefined): Promise<void> {
  if (!template) return;
  const byWechat = users.flatMap((u) => (u.wechatOpenId ? [{ userId: u.id, openId: u.wechatOpenId, template }] : []));
  await eachLimited(byWechat, DELIVERY_CONCURRENCY, (w) => sendOnce(ports, msg, w));
}

/** One message: deliverAll of one, throwing what went wrong. */
export async function deliver(ports: Ports, msg: OutboxMessage): Promise<void> {
  const failure = (await deliverAll(ports, [msg])).get(msg.id);
  if (failure !== undefined) throw failure;
}

function inboxItem(msg: OutboxMessage, userId: string) {
  const commonIssueId = commonIssueOf(msg);
  return {
    id: `${msg.id}:${userId}`,
    userId,
    at: msg.at,
    kind: msg.event,
    title: msg.title,
    body: msg.body,
    // a common issue's notice, or a retrospective's on a common issue, opens the common issue; a retrospective's on a ticket, its ticket
    ...(commonIssueId ? { commonIssueId } : msg.ticketId ? { ticketId: msg.ticketId } : {}),
  };
}
