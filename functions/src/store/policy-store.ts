import type { Policy, PolicyPush, ProfileChange } from '@whistle/shared';
import type { MatchTarget, OutboxMessage, PolicyRepository, PushChunk, PushTold, StoredPolicy } from '../ports.js';
import type { Item, Store } from './dynamo.js';
import { indexKeys, keys } from './keys.js';
import {
  answeredItem,
  chunkItem,
  chunkOf,
  MATCH_TARGET_ATTRIBUTES,
  MATCH_TARGET_NAMES,
  matchTargetOf,
  OWED_PUSH_ATTRIBUTES,
  owedPushAttributes,
  POLICY_FIELDS,
  policyItem,
  profileChangeItem,
  profileChangeOf,
  pushOf,
  standsForPush,
  storedPolicyOf,
  tellItems,
} from './policy-items.js';

/**
 * The policy supermarket (政策超市) on the table (docs/data-model.md, patterns
 * 39–46). Every rule that must hold under concurrency is one conditional write:
 *
 * - a policy is created once (`attribute_not_exists`), and every change is
 *   conditional on the revision read (`rev = :read`), written as an update of
 *   its fields so the push's own attributes on the item (its lease, the last
 *   revision pushed) are never overwritten by an edit;
 * - the push a publication or an edit owes is written in that same update, on
 *   the policy item (`message`, in the due index's outbox partitions): never
 *   a publication without its push;
 * - one push of a policy at a time: a lease on the item taken with
 *   `attribute_not_exists(pushLeaseUntil) OR pushLeaseUntil < :now`;
 * - the push done clears the owed message only if it is still the one pushed
 *   (`message.id = :id`): an edit meanwhile owes its own push;
 * - an owner answered once per policy: `attribute_not_exists` on the owner's key.
 */
/** items a tell writes at once: 16 BatchWriteItem requests */
const TELL_SLICE = 16 * 25;
const TOKEN_NAMES = { '#lease': 'pushLease', '#until': 'pushLeaseUntil' };

export class PolicyStore implements PolicyRepository {
  constructor(private readonly store: Store) {}

  async create(policy: Policy, push?: OutboxMessage): Promise<boolean> {
    const written = await this.store.put({ ...policyItem(policy), ...(push ? owedPushAttributes(push) : {}) }, { expression: 'attribute_not_exists(pk)' });
    if (written) await this.bump(policy.tenantId);
    return written;
  }

  async get(tenantId: string, policyId: string): Promise<StoredPolicy | undefined> {
    const item = await this.store.get(keys.policy(tenantId, policyId), true);
    return item ? storedPolicyOf(item) : undefined;
  }

  async list(tenantId: string): Promise<Policy[]> {
    const items = await this.store.queryAll({ KeyConditionExpression: 'pk = :pk', ExpressionAttributeValues: { ':pk': keys.policyPk(tenantId) } });
    return items.map((i) => storedPolicyOf(i).policy);
  }

  async catalogueRevision(tenantId: string): Promise<number> {
    const item = await this.store.get(keys.policyCatalog(tenantId), true);
    return typeof item?.rev === 'number' ? item.rev : 0;
  }

  /** the catalogue moved: warm indexes rebuild (after the write, so a rebuild reads it) */
  private async bump(tenantId: string): Promise<void> {
    await this.store.update(keys.policyCatalog(tenantId), 'SET entity = :e ADD #rev :one', { names: { '#rev': 'rev' }, values: { ':e': 'POLICY_CATALOG', ':one': 1 }, returns: 'NONE' });
  }

  async update(policy: Policy, readRev: number, push?: OutboxMessage | null): Promise<boolean> {
    const item = policyItem(policy);
    const names: Record<string, string> = { '#rev': 'rev' };
    const values: Item = { ':read': readRev };
    const set: string[] = [];
    const remove: string[] = [];
    const field = (name: string, i: number) => {
      names[`#f${i}`] = name;
      return `#f${i}`;
    };
    POLICY_FIELDS.forEach((name, i) => {
      if (item[name] === undefined) remove.push(field(name, i));
      else {
        set.push(`${field(name, i)} = :v${i}`);
        values[`:v${i}`] = item[name];
      }
    });
    if (push) {
      Object.entries(owedPushAttributes(push)).forEach(([name, value], i) => {
        names[`#p${i}`] = name;
        set.push(`#p${i} = :p${i}`);
        values[`:p${i}`] = value;
      });
      // a push owed afresh is not parked
      remove.push(...['parkedAt', 'parkedReason'].map((name, i) => ((names[`#q${i}`] = name), `#q${i}`)));
    } else if (push === null) {
      remove.push(...OWED_PUSH_ATTRIBUTES.map((name, i) => ((names[`#q${i}`] = name), `#q${i}`)));
    }
    const out = await this.store.update(keys.policy(policy.tenantId, policy.id), `SET ${set.join(', ')}${remove.length ? ` REMOVE ${remove.join(', ')}` : ''}`, {
      condition: 'attribute_exists(pk) AND #rev = :read',
      names,
      values,
      returns: 'NONE',
    });
    if (out === undefined) return false;
    await this.bump(policy.tenantId);
    return true;
  }

  async leasePush(tenantId: string, policyId: string, token: string, now: string, until: string): Promise<StoredPolicy | 'busy' | undefined> {
    const out = await this.store.update(keys.policy(tenantId, policyId), 'SET #lease = :token, #until = :until', {
      condition: 'attribute_exists(pk) AND (attribute_not_exists(#until) OR #until < :now OR #lease = :token)',
      names: TOKEN_NAMES,
      values: { ':token': token, ':until': until, ':now': now },
    });
    if (out) return storedPolicyOf(out);
    return (await this.store.get(keys.policy(tenantId, policyId), true)) ? 'busy' : undefined;
  }

  async pushDone(tenantId: string, policyId: string, token: string, messageId: string, rev: number): Promise<void> {
    const names = { ...TOKEN_NAMES, '#msg': 'message', '#id': 'id', ...Object.fromEntries(OWED_PUSH_ATTRIBUTES.map((a, i) => [`#o${i}`, a])) };
    const done = await this.store.update(
      keys.policy(tenantId, policyId),
      `SET pushedRev = :rev REMOVE #lease, #until, ${OWED_PUSH_ATTRIBUTES.map((_, i) => `#o${i}`).join(', ')}`,
      { condition: '#lease = :token AND #msg.#id = :mid', names, values: { ':token': token, ':mid': messageId, ':rev': rev }, returns: 'NONE' },
    );
    // a newer push is owed (an edit meanwhile): it stays owed, and this lease goes
    if (done === undefined) await this.releasePush(tenantId, policyId, token);
  }

  async releasePush(tenantId: string, policyId: string, token: string): Promise<void> {
    await this.store.update(keys.policy(tenantId, policyId), 'REMOVE #lease, #until', {
      condition: '#lease = :token',
      names: TOKEN_NAMES,
      values: { ':token': token },
      returns: 'NONE',
    });
  }

  async matchTargets(tenantId: string): Promise<MatchTarget[]> {
    const items = await this.store.queryAll({
      KeyConditionExpression: 'pk = :pk',
      ExpressionAttributeValues: { ':pk': keys.refPartition(tenantId, 'ENT') },
      ProjectionExpression: MATCH_TARGET_ATTRIBUTES.join(', '),
      ExpressionAttributeNames: MATCH_TARGET_NAMES,
    });
    return items.map(matchTargetOf);
  }

  async pushChunks(tenantId: string, policyId: string): Promise<PushChunk[]> {
    const items = await this.store.queryAll({
      KeyConditionExpression: 'pk = :pk AND begins_with(sk, :c)',
      ExpressionAttributeValues: { ':pk': keys.policyPushPk(tenantId, policyId), ':c': keys.policyPushChunkPrefix },
      ConsistentRead: true,
    });
    return items.map((i) => chunkOf(tenantId, policyId, i));
  }

  async beginChunk(chunk: PushChunk): Promise<void> {
    await this.store.put(chunkItem({ ...chunk, done: false }));
  }

  async tell(tenantId: string, policy: { id: string; title: string; rev: number }, at: string, told: readonly PushTold[], opts: { careful?: boolean } = {}): Promise<void> {
    let items = tellItems(tenantId, policy, at, told);
    if (opts.careful) {
      // a chunk a stopped push began: items written then stay as they are (a person may have read theirs since)
      const present = new Set((await this.store.batchGet(items.map((i) => ({ pk: i.pk, sk: i.sk })), true)).map((i) => `${String(i.pk)}\u0000${String(i.sk)}`));
      items = items.filter((i) => !present.has(`${i.pk}\u0000${i.sk}`));
    }
    // 16 requests in flight a slice (a push writes two chunks at once): as many as the table takes well, not a chunk's 80 at once
    for (let at = 0; at < items.length; at += TELL_SLICE) await this.store.batchWrite(items.slice(at, at + TELL_SLICE));
  }

  async endChunk(chunk: PushChunk): Promise<void> {
    await this.store.update(keys.policyPushChunk(chunk.tenantId, chunk.policyId, chunk.id), 'SET done = :t', { values: { ':t': true }, returns: 'NONE' });
  }

  async pushedTo(tenantId: string, enterpriseId: string): Promise<PolicyPush[]> {
    const enterprise = await this.store.get(keys.ref(tenantId, 'ENT', enterpriseId));
    const owners = Array.isArray(enterprise?.ownerUserIds) ? enterprise.ownerUserIds.map(String) : [];
    const lists = await Promise.all([
      this.store.queryAll({ KeyConditionExpression: 'pk = :pk', ExpressionAttributeValues: { ':pk': keys.enterprisePushesPk(tenantId, enterpriseId) } }),
      // an owner's inbox holds the push items of the enterprise (the first owner's kept for it), among others
      ...owners.map((u) =>
        this.store.queryAll({
          KeyConditionExpression: 'pk = :pk',
          FilterExpression: 'pushEnterpriseId = :e',
          ExpressionAttributeValues: { ':pk': keys.inboxPk(tenantId, u), ':e': enterpriseId },
        }),
      ),
    ]);
    return pushesOf(lists.flat(), enterpriseId);
  }

  async answered(entry: { tenantId: string; policyId: string; userId: string; enterpriseId?: string; at: string; month: string; q?: string }): Promise<boolean> {
    return this.store.put(answeredItem(entry), { expression: 'attribute_not_exists(pk)' });
  }

  async answeredIn(tenantId: string, month: string): Promise<Map<string, number>> {
    const items = await this.store.queryAll({
      IndexName: 'gsi1',
      KeyConditionExpression: 'gsi1pk = :pk',
      ExpressionAttributeValues: { ':pk': indexKeys.answeredMonth(tenantId, month) },
      ProjectionExpression: 'policyId',
    });
    const counts = new Map<string, number>();
    for (const i of items) counts.set(String(i.policyId), (counts.get(String(i.policyId)) ?? 0) + 1);
    return counts;
  }

  async recordProfileChange(change: ProfileChange): Promise<void> {
    await this.store.put(profileChangeItem(change), { expression: 'attribute_not_exists(pk)' });
  }

  async profileChanges(tenantId: string, enterpriseId: string): Promise<ProfileChange[]> {
    const items = await this.store.queryAll({
      KeyConditionExpression: 'pk = :pk',
      ExpressionAttributeValues: { ':pk': keys.profileChangePk(tenantId, enterpriseId) },
      ScanIndexForward: false,
    });
    return items.map(profileChangeOf);
  }
}

/** One record per policy (several owners each hold the push's item), newest first. */
export function pushesOf(items: readonly Item[], enterpriseId: string): PolicyPush[] {
  const byPolicy = new Map<string, PolicyPush>();
  for (const i of items) {
    if (!standsForPush(i, enterpriseId)) continue;
    const push = pushOf(i);
    const seen = byPolicy.get(push.policyId);
    if (!seen || seen.at > push.at) byPolicy.set(push.policyId, push);
  }
  return [...byPolicy.values()].sort((a, b) => (a.at < b.at ? 1 : a.at > b.at ? -1 : a.policyId < b.policyId ? -1 : 1));
}

export type { PushTold };
