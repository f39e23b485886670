import type { Policy, PolicyPush, ProfileChange } from '@whistle/shared';
import type { MatchTarget, OutboxMessage, PolicyRepository, PushChunk, PushTold, StoredPolicy } from '../../../functions/src/ports.js';
import { pushesOf } from '../../../functions/src/store/policy-store.js';
import { indexKeys, keys } from '../../../functions/src/store/keys.js';
import {
  answeredItem,
  chunkItem,
  chunkOf,
  matchTargetOf,
  OWED_PUSH_ATTRIBUTES,
  owedPushAttributes,
  POLICY_FIELDS,
  policyItem,
  profileChangeItem,
  profileChangeOf,
  storedPolicyOf,
  tellItems,
} from '../../../functions/src/store/policy-items.js';
import { roundTrip, type Item, type MemoryTable } from './table.js';

/**
 * The policy supermarket in memory, as functions/src/store/policy-store.ts
 * keeps it (the same items, from store/policy-items.ts): policies created if
 * absent and updated field by field on the revision read (the push's own
 * attributes kept), the owed push on the policy item, the push's lease taken
 * only when none is live, its done conditional on the lease and the message,
 * chunks and tell items, owners answered once, profile changes.
 */
export class MemoryPolicies implements PolicyRepository {
  constructor(private readonly table: MemoryTable) {}

  /** the catalogue moved (after the write, as the store does) */
  private bump(tenantId: string): void {
    this.table.update(keys.policyCatalog(tenantId), (current) => ({ ...keys.policyCatalog(tenantId), entity: 'POLICY_CATALOG', rev: Number(current?.rev ?? 0) + 1 }));
  }

  async create(policy: Policy, push?: OutboxMessage): Promise<boolean> {
    const item = { ...policyItem(policy), ...(push ? owedPushAttributes(push) : {}) };
    await roundTrip();
    const written = this.table.put(item, (current) => current === undefined);
    if (written) this.bump(policy.tenantId);
    return written;
  }

  async get(tenantId: string, policyId: string): Promise<StoredPolicy | undefined> {
    await roundTrip();
    const item = this.table.get(keys.policy(tenantId, policyId));
    return item ? storedPolicyOf(item) : undefined;
  }

  async list(tenantId: string): Promise<Policy[]> {
    await roundTrip();
    return this.table.queryAll({ pk: keys.policyPk(tenantId) }).map((i) => storedPolicyOf(i).policy);
  }

  async catalogueRevision(tenantId: string): Promise<number> {
    await roundTrip();
    return Number(this.table.get(keys.policyCatalog(tenantId))?.rev ?? 0);
  }

  async update(policy: Policy, readRev: number, push?: OutboxMessage | null): Promise<boolean> {
    const item = policyItem(policy);
    await roundTrip();
    const out = this.table.update(keys.policy(policy.tenantId, policy.id), (current) => {
      if (!current || current.rev !== readRev) return undefined;
      const next: Item = { ...current };
      for (const f of POLICY_FIELDS) {
        if (item[f] === undefined) delete next[f];
        else next[f] = item[f];
      }
      if (push) {
        Object.assign(next, owedPushAttributes(push));
        delete next.parkedAt;
        delete next.parkedReason;
      } else if (push === null) for (const a of OWED_PUSH_ATTRIBUTES) delete next[a];
      return next;
    });
    if (!out) return false;
    this.bump(policy.tenantId);
    return true;
  }

  async leasePush(tenantId: string, policyId: string, token: string, now: string, until: string): Promise<StoredPolicy | 'busy' | undefined> {
    await roundTrip();
    const key = keys.policy(tenantId, policyId);
    if (!this.table.get(key)) return undefined;
    const out = this.table.update(key, (current) => {
      if (!current) return undefined;
      const held = typeof current.pushLeaseUntil === 'string' && current.pushLeaseUntil >= now && current.pushLease !== token;
      return held ? undefined : { ...current, pushLease: token, pushLeaseUntil: until };
    });
    return out ? storedPolicyOf(out) : 'busy';
  }

  async pushDone(tenantId: string, policyId: string, token: string, messageId: string, rev: number): Promise<void> {
    await roundTrip();
    const out = this.table.update(keys.policy(tenantId, policyId), (current) => {
      if (!current || current.pushLease !== token || (current.message as OutboxMessage | undefined)?.id !== messageId) return undefined;
      const next: Item = { ...current, pushedRev: rev };
      for (const a of [...OWED_PUSH_ATTRIBUTES, 'pushLease', 'pushLeaseUntil']) delete next[a];
      return next;
    });
    if (!out) await this.releasePush(tenantId, policyId, token);
  }

  async releasePush(tenantId: string, policyId: string, token: string): Promise<void> {
    await roundTrip();
    this.table.update(keys.policy(tenantId, policyId), (current) => {
      if (!current || current.pushLease !== token) return undefined;
      const { pushLease: _l, pushLeaseUntil: _u, ...rest } = current;
      return rest;
    });
  }

  /** enterprise records a push read (for tests: each enterprise once) */
  enterpriseReads = 0;

  async matchTargets(tenantId: string): Promise<MatchTarget[]> {
    await roundTrip();
    const items = this.table.queryAll({ pk: keys.refPartition(tenantId, 'ENT') });
    this.enterpriseReads += items.length;
    return items.map(matchTargetOf);
  }

  async pushChunks(tenantId: string, policyId: string): Promise<PushChunk[]> {
    await roundTrip();
    return this.table
      .queryAll({ pk: keys.policyPushPk(tenantId, policyId), range: (sk) => sk.startsWith(keys.policyPushChunkPrefix) })
      .map((i) => chunkOf(tenantId, policyId, i));
  }

  async beginChunk(chunk: PushChunk): Promise<void> {
    await roundTrip();
    this.table.put(chunkItem({ ...chunk, done: false }));
  }

  async tell(tenantId: string, policy: { id: string; title: string; rev: number }, at: string, told: readonly PushTold[], opts: { careful?: boolean } = {}): Promise<void> {
    const items = tellItems(tenantId, policy, at, told);
    await roundTrip();
    const fresh = opts.careful ? items.filter((i) => this.table.get({ pk: i.pk, sk: i.sk }) === undefined) : items;
    await roundTrip();
    for (const i of fresh) this.table.put(i);
  }

  async endChunk(chunk: PushChunk): Promise<void> {
    await roundTrip();
    this.table.update(keys.policyPushChunk(chunk.tenantId, chunk.policyId, chunk.id), (current) => (current ? { ...current, done: true } : undefined));
  }

  async pushedTo(tenantId: string, enterpriseId: string): Promise<PolicyPush[]> {
    await roundTrip();
    const enterprise = this.table.get(keys.ref(tenantId, 'ENT', enterpriseId));
    const owners = Array.isArray(enterprise?.ownerUserIds) ? enterprise.ownerUserIds.map(String) : [];
    const items = [keys.enterprisePushesPk(tenantId, enterpriseId), ...owners.map((u) => keys.inboxPk(tenantId, u))].flatMap((pk) => this.table.queryAll({ pk }));
    return pushesOf(items, enterpriseId);
  }

  async answered(entry: { tenantId: string; policyId: string; userId: string; enterpriseId?: string; at: string; month: string; q?: string }): Promise<boolean> {
    const item = answeredItem(entry);
    await roundTrip();
    return this.table.put(item, (current) => current === undefined);
  }

  async answeredIn(tenantId: string, month: string): Promise<Map<string, number>> {
    await roundTrip();
    const counts = new Map<string, number>();
    for (const i of this.table.queryAll({ index: 'gsi1', pk: indexKeys.answeredMonth(tenantId, month) })) counts.set(String(i.policyId), (counts.get(String(i.policyId)) ?? 0) + 1);
    return counts;
  }

  async recordProfileChange(change: ProfileChange): Promise<void> {
    const item = profileChangeItem(change);
    await roundTrip();
    this.table.put(item, (current) => current === undefined);
  }

  async profileChanges(tenantId: string, enterpriseId: string): Promise<ProfileChange[]> {
    await roundTrip();
    return this.table.queryAll({ pk: keys.profileChangePk(tenantId, enterpriseId), forward: false }).map(profileChangeOf);
  }

  /** the enterprises told of a policy (for tests): one record each, however many owners */
  told(tenantId: string, policyId: string): string[] {
    return this.table
      .dump()
      .filter((i) => i.pushPolicyId === policyId && String(i.pk).startsWith(`T#${tenantId}#`) && (i.entity === 'PUSH_MARKER' || i.expiresAt === undefined))
      .map((i) => String(i.pushEnterpriseId))
      .sort();
  }
}
