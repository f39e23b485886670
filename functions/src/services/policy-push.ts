import { randomUUID } from 'node:crypto';
import {
  conditionReasons,
  isUniversal,
  UNIVERSAL_REASON,
  policyState,
  policyToday,
  type Enterprise,
  type InboxItem,
  type Policy,
} from '@whistle/shared';
import type { MatchTarget, OutboxMessage, Ports, PushChunk, PushTold } from '../ports.js';
import { eachLimited } from './each-limited.js';
import { sendWechatOnce } from './notify.js';
import { tenantTemplates } from './wechat.js';

/**
 * The push (政策推送): a publication, or an edit of a published policy, owes
 * one (the policy item carries it, in the outbox's part of the due index);
 * the notifier runs it. Every enterprise the policy now matches and that was
 * never told of it gets its owners' inbox items (and a WeChat subscribe
 * message through the delivery log, once) — once, whatever the redeliveries,
 * crashes or concurrent pushes:
 *
 * - one push of a policy at a time (a lease on the policy item): two pushes
 *   never both find an enterprise untold;
 * - the enterprises told are recorded per chunk, before its items are written
 *   (a chunk not marked done is finished by the next push, with the same
 *   instant and ids, leaving items already there as they are);
 * - each enterprise is read once: the directory's enterprise partition, one
 *   Query in pages, never a GetItem each; the writes are BatchWriteItem.
 */
export const PUSH_CHUNK = 2000;
/** chunks written at once (each PUSH_CHUNK / 25 BatchWriteItem requests) */
const CHUNKS_AT_ONCE = 2;
/** how long a push holds a policy before another may take it over (its consumer's visibility timeout) */
export const PUSH_LEASE_MS = 3 * 60_000;
/** the WeChat messages of the enterprises of a chunk in flight at once */
const WECHAT_CONCURRENCY = 8;

export class PushBusyError extends Error {
  constructor(policyId: string) {
    super(`policy ${policyId} is being pushed by another delivery`);
    this.name = 'PushBusyError';
  }
}

export interface PushReport {
  state: 'pushed' | 'nothing' | 'gone';
  /** enterprises told now */
  told: number;
  /** enterprises told before (the chunks read) */
  alreadyTold: number;
  /** enterprise records read */
  enterprisesRead: number;
}

type PushPorts = Pick<Ports, 'policies' | 'refs' | 'clock' | 'deliveries' | 'wechat' | 'wechatAccounts' | 'wechatTemplates' | 'logger' | 'metrics'>;

/** The inbox items that tell an enterprise's owners of a policy, at the push's instant (their ids name policy and owner: one each). */
export function tellOf(policy: Policy, enterprise: Pick<Enterprise, 'id' | 'name' | 'ownerUserIds'>, reasons: readonly string[], at: string): PushTold {
  const why = reasons.length > 0 ? `（${reasons.join('；')}）` : '';
  const until = policy.validTo ? `，申报截止 ${policy.validTo}` : '';
  const items: InboxItem[] = enterprise.ownerUserIds.map((userId) => ({
    id: `policy-${policy.id}-${userId}`,
    userId,
    at,
    kind: 'policyPushed',
    title: `政策推送：${policy.title}`,
    body: `${enterprise.name}符合「${policy.title}」的申报条件${why}${until}`,
    policyId: policy.id,
  }));
  return { enterpriseId: enterprise.id, items };
}

/** Pushes the policy's owed push, if any (the notifier hands over the outbox messages; the policy says what is owed now). */
export async function pushPolicy(ports: PushPorts, tenantId: string, policyId: string, opts: { chunk?: number; chunksAtOnce?: number } = {}): Promise<PushReport> {
  const chunkSize = opts.chunk ?? PUSH_CHUNK;
  const token = randomUUID();
  // leases live in wall-clock time: the dev clock may be pinned anywhere
  const lease = () => ports.policies.leasePush(tenantId, policyId, token, new Date().toISOString(), new Date(Date.now() + PUSH_LEASE_MS).toISOString());
  const leased = await lease();
  if (leased === undefined) return { state: 'gone', told: 0, alreadyTold: 0, enterprisesRead: 0 };
  if (leased === 'busy') throw new PushBusyError(policyId);
  let released = false;
  try {
    const owed = leased.push;
    const policy = leased.policy;
    if (!owed) return { state: 'nothing', told: 0, alreadyTold: 0, enterprisesRead: 0 };
    const today = policyToday(ports.clock.now());
    const state = policyState(policy, today);
    if (state === 'notPublished' || state === 'expired') {
      // nothing to tell any more (retired, expired meanwhile): the push is done
      await ports.policies.pushDone(tenantId, policyId, token, owed.id, policy.rev);
      released = true;
      return { state: 'nothing', told: 0, alreadyTold: 0, enterprisesRead: 0 };
    }
    const [chunks, enterprises, grids, templates] = await Promise.all([
      ports.policies.pushChunks(tenantId, policyId),
      // one read of each enterprise, fresh (a profile just changed must count), in the partition's pages
      ports.policies.matchTargets(tenantId),
      ports.refs.list('GRID', tenantId),
      tenantTemplates(ports, tenantId),
    ]);
    const template = templates.policyPushed;
    const users = template ? new Map((await ports.refs.list('USER', tenantId)).map((u) => [u.id, u])) : undefined;
    const towns = new Map(grids.map((g) => [g.id, g.townUnitId]));
    const byId = new Map(enterprises.map((e) => [e.id, e]));
    const told = new Set(chunks.flatMap((c) => c.enterpriseIds));
    const universal = isUniversal(policy.conditions);
    const reasonsOf = (e: MatchTarget) => (universal ? [UNIVERSAL_REASON] : conditionReasons(policy.conditions, { enterprise: e, townUnitId: towns.get(e.gridId) }));
    const failures: unknown[] = [];

    const write = async (chunk: PushChunk, careful: boolean) => {
      const list = chunk.enterpriseIds.flatMap((id) => {
        const e = byId.get(id);
        const reasons = e ? reasonsOf(e) : undefined;
        return e && reasons ? [{ e, tell: tellOf(policy, e, reasons, chunk.at) }] : [];
      });
      await ports.policies.tell(tenantId, { id: policy.id, title: policy.title, rev: chunk.rev }, chunk.at, list.map((x) => x.tell), { careful });
      if (users && template) {
        try {
          await eachLimited(list, WECHAT_CONCURRENCY, ({ e, tell }) =>
            sendWechatOnce(ports, wechatMessage(policy, e, tell, chunk.at), e.ownerUserIds.flatMap((u) => users.get(u) ?? []), template),
          );
        } catch (err) {
          // the chunk stays begun: the message is retried, and the next push sends what is left (the delivery log keeps each once)
          failures.push(err);
          return;
        }
      }
      await ports.policies.endChunk({ ...chunk, done: true });
    };

    // chunks a stopped push began: finished first, the same way, items already there left alone
    for (const chunk of chunks.filter((c) => !c.done)) await write(chunk, true);

    const fresh = enterprises.filter((e) => !told.has(e.id) && reasonsOf(e) !== undefined).map((e) => e.id);
    const run = token.slice(0, 8);
    const planned: PushChunk[] = [];
    for (let i = 0; i * chunkSize < fresh.length; i++) {
      planned.push({ tenantId, policyId, id: `${owed.at}#${run}#${String(i).padStart(4, '0')}`, at: owed.at, rev: policy.rev, enterpriseIds: fresh.slice(i * chunkSize, (i + 1) * chunkSize), done: false });
    }
    await eachLimited(planned, opts.chunksAtOnce ?? CHUNKS_AT_ONCE, async (chunk) => {
      // recorded first: whatever happens next, this push or the next one knows these are being told
      await ports.policies.beginChunk(chunk);
      await write(chunk, false);
      // a long push keeps its lease
      if (planned.length > (opts.chunksAtOnce ?? CHUNKS_AT_ONCE)) await lease();
    });
    if (failures.length > 0) throw failures[0];
    await ports.policies.pushDone(tenantId, policyId, token, owed.id, policy.rev);
    released = true;
    if (fresh.length > 0) ports.metrics.addMetric('PolicyPushed', 'Count', fresh.length);
    return { state: 'pushed', told: fresh.length, alreadyTold: told.size, enterprisesRead: enterprises.length };
  } finally {
    if (!released) await ports.policies.releasePush(tenantId, policyId, token).catch(() => undefined);
  }
}

/** The WeChat message of one enterprise's push (its id names policy and enterprise: sent once to each owner). */
const wechatMessage = (policy: Policy, e: MatchTarget, tell: PushTold, at: string): OutboxMessage => ({
  id: `policy-${policy.id}-${e.id}`,
  tenantId: policy.tenantId,
  policyId: policy.id,
  event: 'policyPushed',
  audience: tell.items.map((i) => ({ kind: 'user', id: i.userId })),
  title: `政策推送：${policy.title}`,
  body: tell.items[0]?.body ?? policy.title,
  at,
});

/**
 * The notifier's share of a batch: each policy's push once (two messages of
 * one policy in a batch are one push). Answers, per message id, what went
 * wrong (undefined: done); a push another delivery holds is retried later.
 */
export async function pushAll(ports: PushPorts, messages: readonly OutboxMessage[]): Promise<Map<string, unknown>> {
  const outcome = new Map<string, unknown>(messages.map((m) => [m.id, undefined]));
  const byPolicy = new Map<string, OutboxMessage[]>();
  for (const m of messages) {
    if (!m.policyId) continue;
    const k = `${m.tenantId}\u0000${m.policyId}`;
    byPolicy.set(k, [...(byPolicy.get(k) ?? []), m]);
  }
  await Promise.all(
    [...byPolicy.values()].map(async (list) => {
      const first = list[0];
      if (!first?.policyId) return;
      try {
        await pushPolicy(ports, first.tenantId, first.policyId);
      } catch (e) {
        if (!(e instanceof PushBusyError)) ports.logger.error('policy push failed', { policyId: first.policyId, error: e as Error });
        for (const m of list) outcome.set(m.id, e);
      }
    }),
  );
  return outcome;
}

