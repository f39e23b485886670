import { Policy, PolicyPush, ProfileChange, type InboxItem } from '@whistle/shared';
import { OUTBOX_REDELIVERY_MS, type OutboxMessage, type PushChunk, type PushTold, type StoredPolicy } from '../ports.js';
import { stripKeys, type Item } from './dynamo.js';
import { inboxRecord } from './inbox-store.js';
import { indexKeys, keys, outboxDueAttributes } from './keys.js';
import type { MatchTarget } from '../ports.js';

/**
 * The policy supermarket's items, shared by the DynamoDB store
 * (policy-store.ts) and its in-memory twin: a policy as an item (and back,
 * with the push it owes), the owed push's attributes, a push's chunks, the
 * items that tell an enterprise (its owners' inbox items, the first one
 * indexed for the enterprise's ledger, or a bare marker without an owner),
 * the owners answered and the profile changes.
 */

/** The policy's fields: an update sets each one present and removes each optional one absent. */
export const POLICY_FIELDS: readonly string[] = Object.keys(Policy.shape);

export function policyItem(policy: Policy): Item & { pk: string; sk: string } {
  const parsed = Policy.parse(policy);
  return { ...keys.policy(parsed.tenantId, parsed.id), entity: 'POLICY', ...parsed };
}

/** A stored policy from its item: the policy (store attributes dropped), the push it owes, the last revision pushed. */
export function storedPolicyOf(item: Item): StoredPolicy {
  const policy = Policy.parse(stripKeys(item));
  const push = item.message as OutboxMessage | undefined;
  return { policy, ...(push ? { push } : {}), ...(typeof item.pushedRev === 'number' ? { pushedRev: item.pushedRev } : {}) };
}

/**
 * The push a policy owes, on the policy item itself: the outbox message
 * (`message`, as the durable outbox keeps one) and its place in the due
 * index's outbox partitions, so the sweep sends it again if the push has not
 * finished OUTBOX_REDELIVERY_MS after it was owed (a send that failed, a
 * consumer that died) and parks it after its attempts, as any message.
 */
export function owedPushAttributes(push: OutboxMessage): Item {
  const policyId = push.policyId ?? '';
  return {
    message: push,
    attempts: 0,
    ...outboxDueAttributes(push.tenantId, policyId, new Date(Date.parse(push.at) + OUTBOX_REDELIVERY_MS).toISOString()),
  };
}
/** The attributes an owed push adds (an update that drops the push removes them). */
export const OWED_PUSH_ATTRIBUTES = ['message', 'attempts', 'duePk', 'dueSk', 'parkedAt', 'parkedReason'] as const;

export const chunkItem = (c: PushChunk): Item & { pk: string; sk: string } => ({
  ...keys.policyPushChunk(c.tenantId, c.policyId, c.id),
  entity: 'PUSH_CHUNK',
  id: c.id,
  at: c.at,
  rev: c.rev,
  enterpriseIds: c.enterpriseIds,
  done: c.done,
});

export const chunkOf = (tenantId: string, policyId: string, item: Item): PushChunk => ({
  tenantId,
  policyId,
  id: String(item.id),
  at: String(item.at),
  rev: Number(item.rev),
  enterpriseIds: Array.isArray(item.enterpriseIds) ? item.enterpriseIds.map(String) : [],
  done: item.done === true,
});

/**
 * The items that tell some enterprises of a policy: each owner's inbox item;
 * the first owner's also stands as the enterprise's record of the push (kept:
 * no TTL; it names the enterprise, and the ledger reads it in that owner's
 * inbox), and an enterprise without owners gets a bare marker in a partition
 * of its own. No index is written: a push writes what a raw batch of its inbox
 * items writes, and little more.
 */
export function tellItems(tenantId: string, policy: { id: string; title: string; rev: number }, at: string, told: readonly PushTold[]): Array<Item & { pk: string; sk: string }> {
  const out: Array<Item & { pk: string; sk: string }> = [];
  for (const t of told) {
    const record = { pushPolicyId: policy.id, pushTitle: policy.title, pushRev: policy.rev, pushEnterpriseId: t.enterpriseId };
    const [first, ...rest] = t.items;
    if (!first) {
      out.push({ ...keys.enterprisePushMarker(tenantId, t.enterpriseId, at, policy.id), entity: 'PUSH_MARKER', at, ...record });
      continue;
    }
    out.push({ ...inboxRecord(tenantId, first, { keep: true }), ...record });
    for (const item of rest) out.push(inboxRecord(tenantId, item));
  }
  return out;
}

/** The attributes of an enterprise a push matches on and tells by (its projection: pattern 41). */
export const MATCH_TARGET_ATTRIBUTES = ['id', '#name', 'industry', 'tier', 'gridId', '#key', 'ownerUserIds', 'tags', 'headcountBand', 'revenueBand'] as const;
export const MATCH_TARGET_NAMES = { '#name': 'name', '#key': 'key' };

/** An enterprise as a push reads it (its own items, written through the directory's schema). */
export const matchTargetOf = (i: Item): MatchTarget => ({
  id: String(i.id),
  name: String(i.name),
  industry: i.industry as MatchTarget['industry'],
  tier: i.tier as MatchTarget['tier'],
  gridId: String(i.gridId),
  key: i.key === true,
  ownerUserIds: Array.isArray(i.ownerUserIds) ? i.ownerUserIds.map(String) : [],
  ...(Array.isArray(i.tags) ? { tags: i.tags as NonNullable<MatchTarget['tags']> } : {}),
  ...(typeof i.headcountBand === 'string' ? { headcountBand: i.headcountBand as MatchTarget['headcountBand'] } : {}),
  ...(typeof i.revenueBand === 'string' ? { revenueBand: i.revenueBand as MatchTarget['revenueBand'] } : {}),
});

/** Whether an item stands for a push to this enterprise (an owner's inbox item of a push, or a bare marker). */
export const standsForPush = (i: Item, enterpriseId: string): boolean => i.pushEnterpriseId === enterpriseId && typeof i.pushPolicyId === 'string';

/** A ledger's record of a push, from the item that stands for it. */
export const pushOf = (item: Item): PolicyPush =>
  PolicyPush.parse({ policyId: item.pushPolicyId, title: item.pushTitle, enterpriseId: item.pushEnterpriseId, at: item.at, rev: item.pushRev });

export function answeredItem(e: { tenantId: string; policyId: string; userId: string; enterpriseId?: string; at: string; month: string; q?: string }): Item & { pk: string; sk: string } {
  return {
    ...keys.policyAnswered(e.tenantId, e.policyId, e.userId),
    entity: 'POLICY_ANSWERED',
    policyId: e.policyId,
    userId: e.userId,
    ...(e.enterpriseId ? { enterpriseId: e.enterpriseId } : {}),
    at: e.at,
    month: e.month,
    ...(e.q ? { q: e.q.slice(0, 500) } : {}),
    gsi1pk: indexKeys.answeredMonth(e.tenantId, e.month),
    gsi1sk: `${e.at}#${e.policyId}#${e.userId}`,
  };
}

export function profileChangeItem(c: ProfileChange): Item & { pk: string; sk: string } {
  const parsed = ProfileChange.parse(c);
  return { ...keys.profileChange(parsed.tenantId, parsed.enterpriseId, parsed.at, parsed.rev), entity: 'PROFILE_CHANGE', ...parsed };
}

export const profileChangeOf = (item: Item): ProfileChange => ProfileChange.parse(stripKeys(item));

export type { InboxItem };
