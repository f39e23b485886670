import type { Enterprise, InboxItem, Policy, PolicyInput } from '@whistle/shared';
import { describe, expect, it } from 'vitest';
import { createPolicy, editPolicy, publishPolicy } from '../../../functions/src/services/policies.js';
import { PushBusyError, pushPolicy, tellOf } from '../../../functions/src/services/policy-push.js';
import { seedRoundTrips } from '../../support/memory/index.js';
import { kit, type Kit } from './kit.js';

/**
 * The push on memory ports (services/policy-push.ts): each enterprise a policy
 * newly matches told once, through a crash half-way, concurrent pushes and an
 * edit; WeChat once per owner; each enterprise read once; the ledger's record.
 */
const input = (over: Partial<PolicyInput> = {}): PolicyInput => ({
  title: '装备制造企业技改补助',
  issuer: '区经济和信息化委员会',
  level: 'district',
  category: 'technology',
  summary: '对装备制造企业的技术改造设备投资按 10% 补助。',
  conditions: { industries: ['equipment'] },
  validFrom: '2026-01-01',
  validTo: '2027-12-31',
  howToApply: '向区经信委提交技改项目备案和发票。',
  contact: { name: '经信委', phone: '023-68880000', userId: 'officer-jxw' },
  ...over,
});

async function published(k: Kit, over: Partial<PolicyInput> = {}): Promise<Policy> {
  const { policy } = await createPolicy(k.ports, await k.as('officer-jxw'), input(over));
  return (await publishPolicy(k.ports, await k.as('officer-jxw'), policy.id)).policy;
}

const enterprisesOf = async (k: Kit) => k.ports.refs.list('ENT', k.tenantId);
const matching = async (k: Kit, industries: string[]) => (await enterprisesOf(k)).filter((e) => industries.includes(e.industry));
/** every owner's push items of the policy */
const pushItems = (k: Kit, policyId: string) => k.ports.table.dump().filter((i) => i.entity === 'INBOX' && i.policyId === policyId) as unknown as InboxItem[];

describe('the push', () => {
  it('tells each matched enterprise’s owners once, reading each enterprise once; a second push tells nobody', async () => {
    const k = await kit();
    const p = await published(k);
    expect(k.ports.queue.outbox.filter((m) => m.policyId === p.id).map((m) => m.event)).toEqual(['policyPush']);
    const report = await pushPolicy(k.ports, k.tenantId, p.id);
    const equipment = await matching(k, ['equipment']);
    expect(report).toMatchObject({ state: 'pushed', told: equipment.length, alreadyTold: 0, enterprisesRead: (await enterprisesOf(k)).length });
    expect(k.ports.policies.enterpriseReads).toBe((await enterprisesOf(k)).length);
    expect(pushItems(k, p.id).map((i) => i.userId).sort()).toEqual(equipment.flatMap((e) => e.ownerUserIds).sort());
    expect(k.ports.policies.told(k.tenantId, p.id)).toEqual(equipment.map((e) => e.id).sort());
    // done: the policy owes nothing, its due entry is gone, a redelivery finds nothing
    const stored = await k.ports.policies.get(k.tenantId, p.id);
    expect(stored).toMatchObject({ pushedRev: p.rev });
    expect(stored?.push).toBeUndefined();
    expect(await pushPolicy(k.ports, k.tenantId, p.id)).toMatchObject({ state: 'nothing', told: 0 });
    expect(pushItems(k, p.id)).toHaveLength(equipment.flatMap((e) => e.ownerUserIds).length);
  });

  it('an edit tells only those it newly matches; the ledger lists each push once', async () => {
    const k = await kit();
    const p = await published(k);
    await pushPolicy(k.ports, k.tenantId, p.id);
    const { policy: edited } = await editPolicy(k.ports, await k.as('lead-jxw'), p.id, { ...input({ conditions: { industries: ['equipment', 'food'] } }), rev: p.rev });
    const report = await pushPolicy(k.ports, k.tenantId, p.id);
    expect(report.told).toBe((await matching(k, ['food'])).length);
    expect(report.alreadyTold).toBe((await matching(k, ['equipment'])).length);
    const both = await matching(k, ['equipment', 'food']);
    expect(pushItems(k, p.id).map((i) => i.userId).sort()).toEqual(both.flatMap((e) => e.ownerUserIds).sort());
    const food = (await matching(k, ['food']))[0] as Enterprise;
    expect(await k.ports.policies.pushedTo(k.tenantId, food.id)).toEqual([{ policyId: p.id, title: p.title, enterpriseId: food.id, at: edited.updatedAt, rev: edited.rev }]);
  });

  it('finishes a push that stopped half-way: nobody told twice, an item already read stays read', async () => {
    const k = await kit();
    const p = await published(k);
    const equipment = await matching(k, ['equipment']);
    const owed = (await k.ports.policies.get(k.tenantId, p.id))?.push;
    if (!owed) throw new Error('no push owed');
    // a push began a chunk of the first two, wrote the first's items, and died
    const [first, second] = equipment as [Enterprise, Enterprise];
    const chunk = { tenantId: k.tenantId, policyId: p.id, id: `${owed.at}#dead0000#0000`, at: owed.at, rev: p.rev, enterpriseIds: [first.id, second.id], done: false };
    await k.ports.policies.beginChunk(chunk);
    await k.ports.policies.tell(k.tenantId, { id: p.id, title: p.title, rev: p.rev }, owed.at, [tellOf(p, first, ['行业：装备制造'], owed.at)]);
    const owner = first.ownerUserIds[0] ?? '';
    await k.ports.inbox.markRead(k.tenantId, owner, `policy-${p.id}-${owner}`, k.ports.clock.iso());

    const report = await pushPolicy(k.ports, k.tenantId, p.id);
    expect(report.told).toBe(equipment.length - 2);
    const items = pushItems(k, p.id);
    expect(items.map((i) => i.userId).sort()).toEqual(equipment.flatMap((e) => e.ownerUserIds).sort());
    expect(items.find((i) => i.userId === owner)?.readAt).toBeDefined();
    expect((await k.ports.policies.pushChunks(k.tenantId, p.id)).every((c) => c.done)).toBe(true);
  });

  it('of concurrent pushes one holds the policy (the others: busy, retried later): each enterprise once', async () => {
    for (const seed of [1, 7, 42]) {
      seedRoundTrips(seed);
      const k = await kit();
      const p = await published(k);
      const results = await Promise.allSettled(Array.from({ length: 5 }, () => pushPolicy(k.ports, k.tenantId, p.id)));
      expect(results.filter((r) => r.status === 'fulfilled').length).toBeGreaterThanOrEqual(1);
      for (const r of results) if (r.status === 'rejected') expect(r.reason).toBeInstanceOf(PushBusyError);
      await pushPolicy(k.ports, k.tenantId, p.id);
      const equipment = await matching(k, ['equipment']);
      expect(pushItems(k, p.id)).toHaveLength(equipment.flatMap((e) => e.ownerUserIds).length);
    }
  });

  it('sends each bound owner one WeChat message (with the policy’s page), an enterprise without owners keeps a marker', async () => {
    const k = await kit();
    const [first, second] = (await matching(k, ['equipment'])) as [Enterprise, Enterprise];
    const owner = first.ownerUserIds[0] ?? '';
    const user = await k.ports.refs.user(k.tenantId, owner);
    if (!user) throw new Error('no owner');
    await k.ports.refs.put('USER', { ...user, wechatOpenId: 'o-owner' });
    await k.ports.wechatAccounts.addConsents(k.tenantId, owner, ['tmpl-policy'], 'c-1', Date.now());
    k.ports.wechatTemplates = { policyPushed: 'tmpl-policy' };
    await k.ports.refs.put('ENT', { ...second, ownerUserIds: [] });
    const p = await published(k);
    await pushPolicy(k.ports, k.tenantId, p.id);
    await pushPolicy(k.ports, k.tenantId, p.id);
    expect(k.ports.wechat.sent).toEqual([expect.objectContaining({ openId: 'o-owner', templateId: 'tmpl-policy', page: `policy/pages/detail/index?id=${p.id}` })]);
    expect((await k.ports.policies.pushedTo(k.tenantId, second.id)).map((x) => x.policyId)).toEqual([p.id]);
    expect(k.ports.policies.told(k.tenantId, p.id)).toContain(second.id);
  });

  it('a policy retired or expired before its push tells nobody and owes nothing after', async () => {
    const k = await kit();
    const p = await published(k, { validTo: '2026-12-31' });
    k.ports.clock.advance(40 * 24 * 3600_000);
    expect(await pushPolicy(k.ports, k.tenantId, p.id)).toMatchObject({ state: 'nothing' });
    expect(pushItems(k, p.id)).toEqual([]);
    expect((await k.ports.policies.get(k.tenantId, p.id))?.push).toBeUndefined();
    expect(await pushPolicy(k.ports, k.tenantId, 'pol-none')).toMatchObject({ state: 'gone' });
  });
});
