import type { Enterprise, InboxItem, MyPoliciesResponse, Policy, PolicyInput, Ticket, TicketDetailResponse } from '@whistle/shared';
import { meetsConditions, type PolicyConditions } from '@whistle/shared';
import { PurgeQueueCommand } from '@aws-sdk/client-sqs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import '../../functions/src/wiring/policies.js';
import type { SqsPoller } from '../../functions/src/local/sqs-poller.js';
import { pushPolicy } from '../../functions/src/services/policy-push.js';
import { sweepTenant } from '../../functions/src/services/sweep.js';
import { keys } from '../../functions/src/store/keys.js';
import { outboxPoller, startKit, tenantItems, type Kit } from './requests-kit.js';

/**
 * The policy supermarket (政策超市) over HTTP on the local stack: writing and
 * publishing by units, 我的政策 (universal, matched, not matched, expired),
 * the push to the enterprises a policy newly matches (once each, under edits,
 * redeliveries and concurrent pushes), first-contact consultations routed to
 * the policy's unit, suggestions, the answered count, the profile and who may
 * keep it, the catalogue searched in Chinese. Every answer is held to the
 * OpenAPI document (startApi).
 */
let kit: Kit;
let poller: SqsPoller;
const DAY = 24 * 3600_000;

beforeAll(async () => {
  kit = await startKit();
  poller = await outboxPoller(kit.env);
  await poller.drain();
});
afterAll(async () => {
  await kit.close();
});

const call = async (userId: string, method: string, path: string, body?: unknown) =>
  kit.api.call(method, path, { token: await kit.token(userId), ...(body !== undefined ? { body } : {}) });
const fields = (body: { error: { details?: Array<{ field: string }> } }) => (body.error.details ?? []).map((d) => d.field);

/** a policy of the human-resources bureau, its officer the named contact */
const input = (over: Partial<PolicyInput> = {}): PolicyInput => ({
  title: '2026 年稳岗补贴',
  issuer: '区人力资源和社会保障局',
  level: 'district',
  category: 'employment',
  summary: '参保企业不裁员或少裁员的，按上年度实际缴纳失业保险费的 60% 返还。',
  keywords: ['稳岗返还', '失业保险'],
  conditions: {},
  validFrom: '2026-01-01',
  validTo: '2027-06-30',
  howToApply: '登录区人社局网上办事大厅，填写稳岗返还申请表。',
  contact: { name: kit.env.data.users.find((u) => u.id === 'officer-rsj')?.name ?? '王芳', phone: '023-68881234', userId: 'officer-rsj' },
  ...over,
});

async function create(userId: string, over: Partial<PolicyInput> = {}): Promise<Policy> {
  const res = await call(userId, 'POST', '/api/policies', input(over));
  if (res.status !== 201) throw new Error(`create as ${userId}: ${res.status} ${JSON.stringify(res.body)}`);
  return res.body.policy as Policy;
}
async function publish(userId: string, id: string): Promise<Policy> {
  const res = await call(userId, 'POST', `/api/policies/${id}/publish`);
  if (res.status !== 200) throw new Error(`publish ${id}: ${res.status} ${JSON.stringify(res.body)}`);
  return res.body.policy as Policy;
}
const mine = async (userId: string, enterpriseId?: string) => {
  const res = await call(userId, 'GET', `/api/policies/mine${enterpriseId ? `?enterpriseId=${enterpriseId}` : ''}`);
  expect(res.status, JSON.stringify(res.body)).toBe(200);
  return res.body as MyPoliciesResponse;
};
const inbox = async (userId: string): Promise<InboxItem[]> => {
  const res = await call(userId, 'GET', '/api/inbox');
  expect(res.status).toBe(200);
  return res.body.items as InboxItem[];
};
/** the pushes of one policy in each owner's inbox, by owner */
const pushesOf = async (policyId: string): Promise<Map<string, number>> => {
  const counts = new Map<string, number>();
  for (const e of kit.env.data.enterprises) {
    for (const owner of e.ownerUserIds) {
      const n = (await inbox(owner)).filter((i) => i.kind === 'policyPushed' && i.policyId === policyId).length;
      if (n > 0) counts.set(owner, n);
    }
  }
  return counts;
};
const ownersMatching = (conditions: PolicyConditions, enterprises: readonly Enterprise[] = kit.env.data.enterprises) =>
  enterprises
    .filter((e) => meetsConditions(conditions, { enterprise: e, townUnitId: kit.env.data.grids.find((g) => g.id === e.gridId)?.townUnitId }))
    .flatMap((e) => e.ownerUserIds)
    .sort();

describe('writing and publishing', () => {
  it('a unit writes its own policies, the supervisor any unit’s; others 403; a body the rules refuse is 400 naming the field, nothing written', async () => {
    const before = await tenantItems(kit.env);
    const policyItems = () => tenantItems(kit.env).then((items) => items.filter((i) => i.pk === keys.policyPk(kit.tenantId)).length);
    for (const who of ['owner-01', 'leader-zhang', 'agent-1']) expect((await call(who, 'POST', '/api/policies', input())).status, who).toBe(403);
    expect((await call('officer-rsj', 'POST', '/api/policies', input({ unitId: 'jxw' }))).status).toBe(403);
    const bad: Array<[string, Partial<PolicyInput> | Record<string, unknown>, string]> = [
      ['supervisor', {}, 'unitId'],
      ['officer-rsj', { contact: { name: '李四', phone: '13800000000', userId: 'officer-jxw' } }, 'contact.userId'],
      ['officer-rsj', { validFrom: '2026-06-01', validTo: '2026-05-01' }, 'validTo'],
      ['officer-rsj', { level: 'county' }, 'level'],
      ['officer-rsj', { title: '' }, 'title'],
      ['officer-rsj', { conditions: { tags: ['unicorn'] } }, 'conditions.tags.0'],
      ['officer-rsj', { conditions: { townUnitIds: ['jxw'] } }, 'conditions.townUnitIds.0'],
      ['officer-rsj', { unitId: 'nope' }, 'unitId'],
    ];
    for (const [who, over, field] of bad) {
      const res = await call(who, 'POST', '/api/policies', { ...input(), ...over });
      expect(res.status, `${who} ${JSON.stringify(over)}`).toBe(who === 'officer-rsj' && field === 'unitId' ? 403 : 400);
      if (res.status === 400) {
        expect(fields(res.body)).toContain(field);
        expect(res.body.error.message).toMatch(/[\u4e00-\u9fff]/);
      }
    }
    expect(await policyItems()).toBe(before.filter((i) => i.pk === keys.policyPk(kit.tenantId)).length);
    const own = await create('officer-rsj');
    expect(own).toMatchObject({ status: 'draft', unitId: 'rsj', unitName: '区人力资源和社会保障局', rev: 1 });
    const curated = await create('supervisor', { unitId: 'jrb', contact: { name: '赵敏', phone: '13800000001' } });
    expect(curated.unitId).toBe('jrb');
  });

  it('a draft is its unit’s and the supervisor’s to see: others get 404, and their draft lists are refused or empty', async () => {
    const draft = await create('officer-rsj', { title: '尚未发布的草稿' });
    for (const who of ['officer-rsj', 'lead-rsj', 'supervisor']) expect((await call(who, 'GET', `/api/policies/${draft.id}`)).status, who).toBe(200);
    for (const who of ['owner-01', 'officer-jxw', 'leader-li']) expect((await call(who, 'GET', `/api/policies/${draft.id}`)).status, who).toBe(404);
    expect((await call('owner-01', 'GET', '/api/policies?status=draft')).status).toBe(403);
    expect((await call('officer-jxw', 'GET', '/api/policies?status=draft')).body.items).toEqual([]);
    const rsj = (await call('officer-rsj', 'GET', '/api/policies?status=draft')).body.items as Array<{ id: string; unitId: string }>;
    expect(rsj.map((p) => p.id)).toContain(draft.id);
    expect(rsj.every((p) => p.unitId === 'rsj')).toBe(true);
    // the published catalogue does not list it
    expect(((await call('owner-01', 'GET', '/api/policies')).body.items as Array<{ id: string }>).map((p) => p.id)).not.toContain(draft.id);
    // another unit may not publish it (403), an unknown id is 404, a malformed one 400 naming it
    expect((await call('officer-jxw', 'POST', `/api/policies/${draft.id}/publish`)).status).toBe(404);
    expect((await call('lead-fgw', 'POST', '/api/policies/pol-nothere/publish')).status).toBe(404);
    const malformed = await call('officer-rsj', 'GET', '/api/policies/bad%20id');
    expect(malformed.status).toBe(400);
    expect(fields(malformed.body)).toEqual(['policyId']);
  });

  it('an edit is on the revision read (stale: 409 with the current policy); publish and retire once each (409 after)', async () => {
    const p = await create('officer-rsj', { title: '编辑测试' });
    const edited = await call('officer-rsj', 'PUT', `/api/policies/${p.id}`, { ...input({ title: '编辑测试（修订）' }), rev: p.rev });
    expect(edited.status).toBe(200);
    expect(edited.body.policy).toMatchObject({ title: '编辑测试（修订）', rev: 2 });
    const stale = await call('lead-rsj', 'PUT', `/api/policies/${p.id}`, { ...input({ title: '晚到的修改' }), rev: p.rev });
    expect(stale.status).toBe(409);
    expect(stale.body.error.details.current.title).toBe('编辑测试（修订）');
    expect((await call('officer-jxw', 'PUT', `/api/policies/${p.id}`, { ...input(), rev: 2 })).status).toBe(404);
    // a unit moves its policy to another unit only through the supervisor
    expect((await call('officer-rsj', 'PUT', `/api/policies/${p.id}`, { ...input({ unitId: 'jxw' }), rev: 2 })).status).toBe(403);
    await publish('lead-rsj', p.id);
    expect((await call('officer-rsj', 'POST', `/api/policies/${p.id}/publish`)).status).toBe(409);
    expect((await call('owner-01', 'POST', `/api/policies/${p.id}/retire`, { reason: '不想要' })).status).toBe(403);
    expect(fields((await call('officer-rsj', 'POST', `/api/policies/${p.id}/retire`, {})).body)).toEqual(['reason']);
    const retired = await call('supervisor', 'POST', `/api/policies/${p.id}/retire`, { reason: '政策已整合到新文件' });
    expect(retired.body.policy).toMatchObject({ status: 'retired', retiredReason: '政策已整合到新文件' });
    expect((await call('officer-rsj', 'POST', `/api/policies/${p.id}/retire`, { reason: '再次下架' })).status).toBe(409);
    expect((await call('officer-rsj', 'PUT', `/api/policies/${p.id}`, { ...input(), rev: retired.body.policy.rev })).status).toBe(409);
    // an expired draft is not published
    const old = await create('officer-rsj', { title: '过期的草稿', validFrom: '2025-01-01', validTo: '2025-12-31' });
    expect((await call('officer-rsj', 'POST', `/api/policies/${old.id}/publish`)).status).toBe(409);
  });
});

describe('我的政策: universal, matched, not matched, expired', () => {
  it('sorts each enterprise’s live policies into 专属 (with why) and 普惠; not one it misses, an expired one or one not yet valid', async () => {
    const universal = await publish('officer-rsj', (await create('officer-rsj', { title: '普惠：社保费缓缴', validTo: '2026-12-10' })).id);
    const matched = await publish('officer-jxw', (await create('officer-jxw', { title: '装备制造技改补助', category: 'technology', contact: { name: '经信委', phone: '023-68880000' }, conditions: { industries: ['equipment'] } })).id);
    const later = await publish('officer-rsj', (await create('officer-rsj', { title: '明年起施行的补贴', validFrom: '2027-01-01' })).id);
    const ending = await publish('officer-rsj', (await create('officer-rsj', { title: '今天到期的补贴', validTo: '2026-11-24' })).id);
    const ids = (r: MyPoliciesResponse) => r.items.map((i) => i.policy.id);

    const one = await mine('owner-01'); // 恒通机械: equipment
    const m = one.items.find((i) => i.policy.id === matched.id);
    expect(m?.match).toMatchObject({ kind: 'matched', reasons: ['行业：装备制造'] });
    expect(one.items.find((i) => i.policy.id === universal.id)?.match).toMatchObject({ kind: 'universal', daysLeft: 16, expiringSoon: true });
    expect(ids(one)).toContain(ending.id);
    expect(ids(one)).not.toContain(later.id);
    // 专属 before 普惠
    expect(one.items.findIndex((i) => i.match.kind === 'universal')).toBeGreaterThan(one.items.findIndex((i) => i.policy.id === matched.id));

    const two = await mine('owner-02'); // 远航电子: electronics
    expect(ids(two)).toContain(universal.id);
    expect(ids(two)).not.toContain(matched.id);
    expect((await call('owner-01', 'GET', `/api/policies/${matched.id}`)).body.match.kind).toBe('matched');
    expect((await call('owner-02', 'GET', `/api/policies/${matched.id}`)).body.match).toBeUndefined();

    // a day later (Shanghai): the one that ended yesterday is gone
    kit.advance(DAY);
    try {
      expect(ids(await mine('owner-01'))).not.toContain(ending.id);
    } finally {
      kit.advance(-DAY);
    }
  });

  it('is the owner’s own; a grid officer or commissioner names the enterprise; anyone else 403', async () => {
    const e5 = kit.env.data.enterprises[4] as Enterprise;
    const gridOfficer = kit.env.data.grids.find((g) => g.id === e5.gridId)?.officer.userId ?? '';
    expect((await mine(gridOfficer, e5.id)).enterpriseId).toBe(e5.id);
    expect((await call('owner-01', 'GET', `/api/policies/mine?enterpriseId=${e5.id}`)).status).toBe(403);
    expect((await call('officer-fgw', 'GET', `/api/policies/mine?enterpriseId=${e5.id}`)).status).toBe(403);
    expect((await call('supervisor', 'GET', '/api/policies/mine')).status).toBe(403);
    expect(fields((await call('officer-fgw', 'GET', '/api/policies/mine')).body)).toEqual(['enterpriseId']);
    // the supervisor pairs a commissioner (亲清特使) with it: from then on they may
    await kit.env.deps.refs.put('ENT', { ...e5, commissionerUserIds: ['officer-fgw'] });
    expect((await mine('officer-fgw', e5.id)).enterpriseName).toBe(e5.name);
    expect((await call('officer-fgw', 'GET', '/api/policies/mine?enterpriseId=91500108MA00000000')).status).toBe(400);
  });
});

describe('the push: every enterprise a policy newly matches, once', () => {
  it('tells the owners of the enterprises a publication matches, once each, and again only those an edit newly matches', async () => {
    const conditions: PolicyConditions = { industries: ['materials'] };
    const p = await publish('officer-jxw', (await create('officer-jxw', { title: '新材料首批次应用保险补偿', category: 'technology', contact: { name: '经信委', phone: '023-68880000' }, conditions })).id);
    await poller.drain();
    const first = ownersMatching(conditions);
    expect(first.length).toBeGreaterThan(0);
    let pushes = await pushesOf(p.id);
    expect([...pushes.keys()].sort()).toEqual(first);
    expect([...pushes.values()].every((n) => n === 1)).toBe(true);
    const item = (await inbox(first[0] ?? '')).find((i) => i.policyId === p.id);
    expect(item?.title).toContain('新材料首批次应用保险补偿');
    expect(item?.body).toContain('行业：新材料');

    // an edit that widens it: only the newly matched hear of it
    const wider: PolicyConditions = { industries: ['materials', 'chemicals'] };
    const edited = await call('officer-jxw', 'PUT', `/api/policies/${p.id}`, { ...input({ title: p.title, category: 'technology', contact: p.contact, conditions: wider }), rev: p.rev });
    expect(edited.status).toBe(200);
    await poller.drain();
    pushes = await pushesOf(p.id);
    expect([...pushes.keys()].sort()).toEqual(ownersMatching(wider));
    expect([...pushes.values()].every((n) => n === 1)).toBe(true);

    // the enterprise's ledger lists the push once
    const e = kit.env.data.enterprises.find((x) => x.ownerUserIds.includes(first[0] ?? ''));
    const ledger = await kit.env.deps.policies.pushedTo(kit.tenantId, e?.id ?? '');
    expect(ledger.filter((x) => x.policyId === p.id)).toHaveLength(1);
    expect(ledger.find((x) => x.policyId === p.id)).toMatchObject({ title: p.title, rev: 2 });
    // and so does the ledger its owner reads (问题困难动态台账), beside its tickets and visits
    const read = await call(first[0] ?? '', 'GET', `/api/enterprises/${e?.id ?? ''}/ledger?limit=100`);
    expect(read.status).toBe(200);
    expect((read.body.items as Array<{ kind: string; policyId?: string }>).filter((x) => x.kind === 'policyPushed' && x.policyId === p.id)).toHaveLength(1);

    // the push is done: the policy owes nothing, and a redelivery of its message tells nobody again
    const stored = await kit.env.deps.policies.get(kit.tenantId, p.id);
    expect(stored?.push).toBeUndefined();
    expect(stored?.pushedRev).toBe(edited.body.policy.rev);
    await kit.env.deps.queue.sendOutbox([{ id: `policy-${p.id}-r2`, tenantId: kit.tenantId, policyId: p.id, event: 'policyPush', audience: [], title: p.title, body: '', at: p.publishedAt ?? '' }]);
    await poller.drain();
    expect(await pushesOf(p.id)).toEqual(pushes);

    // an edit of its text alone reaches nobody new: it owes no push
    const reworded = await call('officer-jxw', 'PUT', `/api/policies/${p.id}`, { ...input({ title: `${p.title}（修订）`, category: 'technology', contact: p.contact, conditions: wider }), rev: edited.body.policy.rev });
    expect(reworded.status).toBe(200);
    expect((await kit.env.deps.policies.get(kit.tenantId, p.id))?.push).toBeUndefined();
  });

  it('concurrent pushes and redeliveries of one publication still tell each enterprise once', async () => {
    const conditions: PolicyConditions = { tiers: ['growth'] };
    const draft = await create('officer-rsj', { title: '成长型企业用工补贴', conditions });
    // two publications at once: one wins, the other hears it is published (409)
    const both = await Promise.all([call('officer-rsj', 'POST', `/api/policies/${draft.id}/publish`), call('lead-rsj', 'POST', `/api/policies/${draft.id}/publish`)]);
    expect(both.map((r) => r.status).sort()).toEqual([200, 409]);
    const p = (both.find((r) => r.status === 200)?.body.policy ?? draft) as Policy;
    // the message is in the queue; three more pushes race it
    const results = await Promise.allSettled([
      pushPolicy(kit.env.deps, kit.tenantId, p.id),
      pushPolicy(kit.env.deps, kit.tenantId, p.id),
      pushPolicy(kit.env.deps, kit.tenantId, p.id),
      poller.drain(),
    ]);
    // the losers are told it is busy (their messages come back later) or find nothing owed
    for (const r of results) if (r.status === 'rejected') expect(String(r.reason)).toMatch(/being pushed/);
    await pushPolicy(kit.env.deps, kit.tenantId, p.id);
    await poller.drain();
    const pushes = await pushesOf(p.id);
    expect([...pushes.keys()].sort()).toEqual(ownersMatching(conditions));
    expect([...pushes.values()].every((n) => n === 1)).toBe(true);
  });

  it('a push whose message the queue lost is sent again by the sweep (the policy owes it durably)', async () => {
    const conditions: PolicyConditions = { industries: ['textiles'] };
    const p = await publish('officer-rsj', (await create('officer-rsj', { title: '纺织服装企业稳岗培训补贴', conditions })).id);
    await kit.env.sqs.send(new PurgeQueueCommand({ QueueUrl: kit.env.queueUrls.outbox }));
    await poller.drain();
    expect((await pushesOf(p.id)).size).toBe(0);
    const report = await sweepTenant(kit.env.deps, kit.tenantId, new Date(kit.now().getTime() + 6 * 60_000).toISOString());
    expect(report.outboxResent).toBeGreaterThanOrEqual(1);
    await poller.drain();
    const pushes = await pushesOf(p.id);
    expect([...pushes.keys()].sort()).toEqual(ownersMatching(conditions));
    expect((await kit.env.deps.policies.get(kit.tenantId, p.id))?.push).toBeUndefined();
  });

  it('a retired policy is pushed to nobody, even with its push still owed', async () => {
    const p = await create('officer-rsj', { title: '发布即下架' });
    await publish('officer-rsj', p.id);
    await call('officer-rsj', 'POST', `/api/policies/${p.id}/retire`, { reason: '发布有误' });
    await poller.drain();
    expect((await pushesOf(p.id)).size).toBe(0);
    expect((await kit.env.deps.policies.get(kit.tenantId, p.id))?.push).toBeUndefined();
  });
});

describe('first-contact responsibility (首问负责制)', () => {
  it('a consultation on a policy is born handled by its unit; the contact and the unit are told; the timeline says so', async () => {
    const p = await publish('officer-rsj', (await create('officer-rsj', { title: '高校毕业生就业见习补贴' })).id);
    const t = await kit.raise('owner-03', { title: '见习补贴怎么申请', description: '我们接收了 5 名见习生，想了解补贴标准。', category: 'other', policyId: p.id });
    expect(t).toMatchObject({ status: 'claimed', handlingUnitId: 'rsj', category: 'policy', groupIds: [] });
    expect(t.policy).toMatchObject({ id: p.id, title: p.title, unitId: 'rsj', contact: { userId: 'officer-rsj' } });
    const clock = (kind: string) => t.clocks.find((c) => c.kind === kind);
    expect(clock('claim')?.metAt).toBe(t.createdAt);
    expect(clock('contact')?.metAt).toBeUndefined();
    expect(clock('resolve')?.unitId).toBe('rsj');
    const detail: TicketDetailResponse = await kit.detail(t.id, 'officer-rsj');
    const entry = detail.timeline.find((e) => e.kind === 'firstContact');
    expect(entry?.text).toContain('首问负责人');
    expect(detail.actions).toEqual(expect.arrayContaining(['message', 'resolve']));
    await poller.drain();
    const told = async (who: string) => (await inbox(who)).filter((i) => i.ticketId === t.id).map((i) => i.kind);
    expect(await told('officer-rsj')).toEqual(['consultation']);
    expect(await told('lead-rsj')).toEqual(['consultation']);
    expect(await told('officer-jxw')).toEqual([]);
    // the enterprise's commissioners (亲清特使) hear of a consultation as of any request it raises
    const commissioners = kit.env.data.enterprises.find((e) => e.id === t.enterpriseId)?.commissionerUserIds ?? [];
    expect(commissioners.length).toBeGreaterThan(0);
    for (const c of commissioners) expect(await told(c), c).toEqual(['consultation']);
    // not in any group feed; the contact answers, which meets the contact clock
    const replied = await kit.post('officer-rsj', `/api/tickets/${t.id}/messages`, { text: '您好，见习补贴按每人每月 1500 元发放。' });
    expect((replied.body.ticket as Ticket).clocks.find((c) => c.kind === 'contact')?.metAt).toBeDefined();
  });

  it('an unknown, unpublished or expired policy is 400 naming policyId, and nothing is raised', async () => {
    const draft = await create('officer-rsj', { title: '草稿不能咨询' });
    const ending = await publish('officer-rsj', (await create('officer-rsj', { title: '即将过期', validTo: '2026-11-24' })).id);
    const ask = async (policyId: string) =>
      kit.api.call('POST', '/api/tickets', {
        token: await kit.token('owner-04'),
        headers: { 'idempotency-key': `k-${policyId}-${Date.now()}` },
        body: { title: '咨询', description: '请问怎么申请', category: 'policy', policyId },
      });
    for (const id of ['pol-nothere', draft.id]) {
      const res = await ask(id);
      expect(res.status, id).toBe(400);
      expect(fields(res.body)).toEqual(['policyId']);
    }
    kit.advance(DAY);
    try {
      const res = await ask(ending.id);
      expect(res.status).toBe(400);
      expect(res.body.error.message).toContain('到期');
    } finally {
      kit.advance(-DAY);
    }
    const mineTickets = (await call('owner-04', 'GET', '/api/tickets')).body.items as Ticket[];
    expect(mineTickets.filter((x) => x.title === '咨询')).toEqual([]);
  });
});

describe('suggestions and the answered count', () => {
  it('suggests the published policies a request’s words match; nothing for unrelated text, a draft or a retired one', async () => {
    const p = await publish('officer-jrb', (await create('officer-jrb', { title: '小微企业信用贷款贴息', category: 'finance', keywords: ['信用贷', '贴息'], summary: '对小微企业在合作银行获得的信用贷款按利息的 50% 贴息。', contact: { name: '金融办', phone: '023-68885555', userId: 'officer-jrb' } })).id);
    const draft = await create('officer-jrb', { title: '创业担保贷款贴息（草稿）', category: 'finance', keywords: ['创业担保贷'], contact: { name: '金融办', phone: '023-68885555' } });
    const suggest = async (q: string) => (await call('owner-05', 'GET', `/api/policies/suggest?q=${encodeURIComponent(q)}`)).body.items as Array<{ policy: { id: string }; words: string[]; contact: { name: string } }>;
    const hits = await suggest('我们想申请银行贷款，利息能不能贴息？');
    expect(hits[0]?.policy.id).toBe(p.id);
    expect(hits[0]?.words).toContain('贴息');
    expect(hits[0]?.contact.name).toBe('金融办');
    expect(hits.map((h) => h.policy.id)).not.toContain(draft.id);
    expect(await suggest('今天天气很好，我们去公园散步')).toEqual([]);
    const empty = await call('owner-05', 'GET', '/api/policies/suggest?q=');
    expect(empty.status).toBe(400);
    expect(fields(empty.body)).toEqual(['q']);
    // retired: the catalogue moved, the warm index is rebuilt
    await call('officer-jrb', 'POST', `/api/policies/${p.id}/retire`, { reason: '额度已用完' });
    expect((await suggest('利息能不能贴息')).map((h) => h.policy.id)).not.toContain(p.id);
  });

  it('counts an owner’s “answered” once per policy; the supervisor reads the month’s figures', async () => {
    const p = await publish('officer-rsj', (await create('officer-rsj', { title: '失业保险技能提升补贴', keywords: ['技能提升'] })).id);
    expect((await call('owner-06', 'POST', `/api/policies/${p.id}/answered`, { q: '技能证书补贴' })).body).toEqual({ counted: true });
    expect((await call('owner-06', 'POST', `/api/policies/${p.id}/answered`, {})).body).toEqual({ counted: false });
    expect((await call('owner-07', 'POST', `/api/policies/${p.id}/answered`, {})).body).toEqual({ counted: true });
    expect((await call('officer-rsj', 'POST', `/api/policies/${p.id}/answered`, {})).status).toBe(403);
    expect((await call('owner-06', 'POST', '/api/policies/pol-nothere/answered', {})).status).toBe(404);
    const stats = await call('supervisor', 'GET', '/api/policies/stats?month=2026-11');
    expect(stats.status).toBe(200);
    expect(stats.body.answered).toBeGreaterThanOrEqual(2);
    expect(stats.body.topPolicies[0]).toEqual({ policyId: p.id, title: p.title, answered: 2 });
    expect(stats.body.consultations).toBeGreaterThanOrEqual(1);
    expect(stats.body.raised).toBeGreaterThanOrEqual(stats.body.consultations);
    expect((await call('officer-rsj', 'GET', '/api/policies/stats')).status).toBe(403);
    expect(fields((await call('supervisor', 'GET', '/api/policies/stats?month=2026-13x')).body)).toEqual(['month']);
  });
});

describe('the enterprise profile', () => {
  it('its owner, grid officer or commissioner keeps it; others 403; recorded in the audit trail and the ledger; 我的政策 follows', async () => {
    const e = kit.env.data.enterprises[7] as Enterprise; // owner-08
    const gridOfficer = kit.env.data.grids.find((g) => g.id === e.gridId)?.officer.userId ?? '';
    const p = await publish('officer-jxw', (await create('officer-jxw', { title: '专精特新企业奖励', category: 'technology', contact: { name: '经信委', phone: '023-68880000' }, conditions: { tags: ['specialized'] } })).id);
    expect((await mine('owner-08')).items.map((i) => i.policy.id)).not.toContain(p.id);

    for (const who of ['owner-01', 'officer-jxw', 'supervisor']) {
      expect((await call(who, 'PUT', `/api/enterprises/${e.id}/profile`, { tags: ['specialized'] })).status, who).toBe(403);
    }
    const bad = await call('owner-08', 'PUT', `/api/enterprises/${e.id}/profile`, { tags: ['unicorn'] });
    expect(bad.status).toBe(400);
    expect(fields(bad.body)).toEqual(['tags.0']);
    expect((await call(gridOfficer, 'PUT', '/api/enterprises/91500108MA00000000/profile', { tags: [] })).status).toBe(400);

    const saved = await call('owner-08', 'PUT', `/api/enterprises/${e.id}/profile`, { tags: ['specialized', 'aboveScale'], headcountBand: 'h100to299', revenueBand: 'r2000to10000' });
    expect(saved.status).toBe(200);
    expect(saved.body.enterprise).toMatchObject({ id: e.id, tags: ['specialized', 'aboveScale'], headcountBand: 'h100to299' });
    const found = (await mine('owner-08')).items.find((i) => i.policy.id === p.id);
    expect(found?.match).toMatchObject({ kind: 'matched', reasons: ['企业标签：专精特新'] });

    // the grid officer changes it; saving the same again writes nothing
    expect((await call(gridOfficer, 'PUT', `/api/enterprises/${e.id}/profile`, { tags: ['aboveScale'], revenueBand: 'r10000to40000' })).status).toBe(200);
    expect((await call(gridOfficer, 'PUT', `/api/enterprises/${e.id}/profile`, { tags: ['aboveScale'], revenueBand: 'r10000to40000' })).status).toBe(200);
    const changes = await kit.env.deps.policies.profileChanges(kit.tenantId, e.id);
    expect(changes.map((c) => c.by.userId)).toEqual([gridOfficer, 'owner-08']);
    expect(changes[0]).toMatchObject({ before: { tags: ['specialized', 'aboveScale'], headcountBand: 'h100to299' }, after: { tags: ['aboveScale'], revenueBand: 'r10000to40000' } });
    const audit = await call('admin', 'GET', `/api/admin/audit?target=ENT&targetId=${e.id}`);
    expect((audit.body.items as Array<{ summary: string }>).map((a) => a.summary)).toEqual(expect.arrayContaining([expect.stringContaining('企业画像')]));
    expect((await mine('owner-08')).items.map((i) => i.policy.id)).not.toContain(p.id);
    // the ledger shows each change in words, newest first
    const ledger = await call('owner-08', 'GET', `/api/enterprises/${e.id}/ledger?limit=100`);
    const profileEntries = (ledger.body.items as Array<{ kind: string; changes?: Array<{ label: string; before?: string; after?: string }> }>).filter((x) => x.kind === 'profileChanged');
    expect(profileEntries).toHaveLength(2);
    expect(profileEntries[0]?.changes).toEqual([
      { field: 'tags', label: '企业标签', before: '专精特新、规上企业', after: '规上企业' },
      { field: 'headcountBand', label: '从业人数', before: '100–299 人' },
      { field: 'revenueBand', label: '营业收入', before: '2000 万–1 亿元', after: '1–4 亿元' },
    ]);

    // a commissioner paired with it may keep it too
    const now = await kit.env.deps.refs.enterprise(kit.tenantId, e.id);
    await kit.env.deps.refs.put('ENT', { ...(now as Enterprise), commissionerUserIds: ['officer-scjg'] });
    expect((await call('officer-scjg', 'PUT', `/api/enterprises/${e.id}/profile`, { tags: ['aboveScale', 'specialized'] })).status).toBe(200);
  });
});

describe('the catalogue in Chinese', () => {
  it('finds policies by their words, best first; filters by category, level and industry', async () => {
    const a = await publish('officer-ghzy', (await create('officer-ghzy', { title: '工业用地弹性年期出让', category: 'land', keywords: ['用地保障'], summary: '工业用地可按 20 年弹性年期出让，降低企业拿地成本。', contact: { name: '规划资源局', phone: '023-68886666' } })).id);
    const b = await publish('officer-ghzy', (await create('officer-ghzy', { title: '标准厂房租金补贴', category: 'land', level: 'city', summary: '入驻标准厂房的企业前两年租金补贴 30%。', contact: { name: '规划资源局', phone: '023-68886666' }, conditions: { industries: ['food'] } })).id);
    const search = async (qs: string) => ((await call('owner-09', 'GET', `/api/policies?${qs}`)).body.items as Array<{ id: string }>).map((x) => x.id);
    expect((await search(`q=${encodeURIComponent('拿地成本太高')}`))[0]).toBe(a.id);
    expect(await search(`q=${encodeURIComponent('厂房租金')}`)).toContain(b.id);
    expect(await search(`q=${encodeURIComponent('公园散步')}`)).toEqual([]);
    const land = await search('category=land');
    expect(land).toEqual(expect.arrayContaining([a.id, b.id]));
    expect(await search('category=land&level=city')).toEqual([b.id]);
    expect(await search('category=land&industry=equipment')).toEqual([a.id]);
    expect(fields((await call('owner-09', 'GET', '/api/policies?category=space')).body)).toEqual(['category']);
    expect(fields((await call('owner-09', 'GET', '/api/policies?cursor=abc')).body)).toEqual(['cursor']);
  });
});
