import { completeCreditCode, dueJobs, type AuditEntry, type Enterprise, type InboxItem, type PairingsResponse, type PairManyResponse } from '@whistle/shared';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { handler as escalationHandler } from '../../functions/src/handlers/escalation.js';
import type { SqsPoller } from '../../functions/src/local/sqs-poller.js';
import { drain } from './clocks-support.js';
import { outboxPoller, startKit, type Kit } from './requests-kit.js';

/**
 * Resident service commissioners (亲清特使), area leads and the grid chief, over HTTP: the supervisor's pairings
 * (rules, revisions, refusals, pairing many at once, the audit trail), the notifications they get (raised, urged,
 * resolved; urgent requests at once, marked 紧急), and the enterprise's board.
 */
let kit: Kit;
let poller: SqsPoller;
beforeAll(async () => {
  kit = await startKit();
  poller = await outboxPoller(kit.env);
  await poller.drain();
});
afterAll(async () => {
  await kit.close();
});

const MINUTE = 60_000;
const call = async (userId: string, method: 'GET' | 'PUT' | 'POST' | 'DELETE', path: string, body?: unknown) =>
  kit.api.call(method, path, { token: await kit.token(userId), ...(body !== undefined ? { body } : {}) });
const ent = (owner: string): Enterprise => {
  const id = kit.enterpriseOf(owner);
  const e = kit.env.data.enterprises.find((x) => x.id === id);
  if (!e) throw new Error(`no enterprise of ${owner}`);
  return e;
};
const revOf = async (enterpriseId: string) => ((await call('supervisor', 'GET', `/api/admin/enterprises/${enterpriseId}`)).body as { rev: number; commissionerUserIds?: string[] });
const inbox = async (userId: string) => ((await call(userId, 'GET', '/api/inbox')).body as { items: InboxItem[] }).items;
const about = async (userId: string, ticketId: string) => (await inbox(userId)).filter((i) => i.ticketId === ticketId);
const kinds = async (userId: string, ticketId: string) => (await about(userId, ticketId)).map((i) => i.kind).sort();

describe('pairing commissioners with enterprises (亲清特使结对)', () => {
  it('lists each commissioner with their enterprises and the key enterprises nobody serves, by unit, grid and key', async () => {
    const all = (await call('supervisor', 'GET', '/api/admin/commissioners')).body as PairingsResponse;
    expect(all.keyUnpaired).toEqual([]);
    expect(all.counts).toMatchObject({ enterprises: 30, keyUnpaired: 0 });
    const jrb = all.commissioners.find((c) => c.userId === 'qq-jrb');
    expect(jrb).toMatchObject({ unitId: 'jrb', unitName: '区金融工作办公室' });
    expect(jrb?.enterprises.map((e) => e.id)).toContain(ent('owner-03').id);
    // a county leader serves too (several leading enterprises)
    expect(all.commissioners.find((c) => c.userId === 'leader-zhang')?.enterprises.length).toBeGreaterThan(1);

    const byUnit = (await call('admin', 'GET', '/api/admin/commissioners?unitId=jrb')).body as PairingsResponse;
    expect(byUnit.commissioners.map((c) => c.userId)).toEqual(['qq-jrb']);
    const g03 = (await call('supervisor', 'GET', '/api/admin/commissioners?gridId=g03&key=true')).body as PairingsResponse;
    const shown = g03.commissioners.flatMap((c) => c.enterprises);
    expect(shown.length).toBeGreaterThan(0);
    expect(shown.every((e) => e.gridId === 'g03' && e.key)).toBe(true);
    // paged by commissioner
    const first = (await call('supervisor', 'GET', '/api/admin/commissioners?limit=2')).body as PairingsResponse;
    expect(first.commissioners).toHaveLength(2);
    const next = (await call('supervisor', 'GET', `/api/admin/commissioners?limit=2&cursor=${first.cursor ?? ''}`)).body as PairingsResponse;
    expect(next.commissioners.map((c) => c.userId)).toEqual(all.commissioners.slice(2, 4).map((c) => c.userId));
  });

  it('is the supervisor’s and the admin’s only', async () => {
    const e = ent('owner-04');
    for (const who of ['officer-jxw', 'lead-rsj', 'owner-04', 'leader-li', 'agent-1']) {
      expect((await call(who, 'GET', '/api/admin/commissioners')).status, who).toBe(403);
      expect((await call(who, 'PUT', `/api/admin/enterprises/${e.id}/commissioners`, { commissionerUserIds: ['qq-rsj'], rev: 0 })).status, who).toBe(403);
      expect((await call(who, 'POST', '/api/admin/commissioners/qq-rsj/enterprises', { add: [e.id] })).status, who).toBe(403);
    }
  });

  it('sets an enterprise’s commissioners with the revision read: stale is 409 with the record, a non-official 400 naming the field, a retry changes nothing', async () => {
    const e = ent('owner-04'); // no commissioner in the demo
    const { rev } = await revOf(e.id);
    const put = (ids: string[], r: number) => call('supervisor', 'PUT', `/api/admin/enterprises/${e.id}/commissioners`, { commissionerUserIds: ids, rev: r });

    const bad = await put(['qq-rsj', 'owner-02', 'nobody'], rev);
    expect(bad.status).toBe(400);
    expect(bad.body.error.details.map((d: { field: string }) => d.field)).toEqual(['commissionerUserIds.1', 'commissionerUserIds.2']);
    expect((await revOf(e.id)).rev).toBe(rev);

    const ok = await put(['qq-rsj'], rev);
    expect(ok.status).toBe(200);
    expect(ok.body).toMatchObject({ changed: true, record: { commissionerUserIds: ['qq-rsj'], rev: rev + 1 } });
    // the same request again (a retry): answered unchanged
    expect((await put(['qq-rsj'], rev)).body).toMatchObject({ changed: false, record: { rev: rev + 1 } });
    // another change on the old revision: stale
    const stale = await put(['qq-swj'], rev);
    expect(stale.status).toBe(409);
    expect(stale.body.error.details.current).toMatchObject({ commissionerUserIds: ['qq-rsj'], rev: rev + 1 });

    const trail = (await call('supervisor', 'GET', `/api/admin/audit?month=2026-11&target=ENT&targetId=${e.id}`)).body as { items: AuditEntry[] };
    expect(trail.items.map((i) => i.summary)).toEqual([`修改企业「${e.name}」：亲清特使`]);
    expect(trail.items[0]).toMatchObject({ actor: { userId: 'supervisor' }, after: { commissionerUserIds: ['qq-rsj'] } });
  });

  it('a key enterprise keeps one commissioner: the last is not taken away (409 naming it), by the pairing or by the admin’s edit', async () => {
    const e = ent('owner-12'); // key, served by qq-jrb alone
    const { rev, commissionerUserIds } = await revOf(e.id);
    expect(commissionerUserIds).toEqual(['qq-jrb']);
    const refused = await call('supervisor', 'PUT', `/api/admin/enterprises/${e.id}/commissioners`, { commissionerUserIds: [], rev });
    expect(refused.status).toBe(409);
    expect(refused.body.error.message).toContain(`「${e.name}」是重点企业`);
    const { id: _id, tenantId: _t, commissionerUserIds: _c, ...fields } = e;
    const edit = await call('admin', 'PUT', `/api/admin/enterprises/${e.id}`, { ...fields, rev });
    expect(edit.status).toBe(409);
    expect((await revOf(e.id)).rev).toBe(rev);
    // a new one first, then the old one may go
    const both = await call('supervisor', 'PUT', `/api/admin/enterprises/${e.id}/commissioners`, { commissionerUserIds: ['qq-jrb', 'qq-fgw'], rev });
    expect(both.status).toBe(200);
    const swapped = await call('supervisor', 'PUT', `/api/admin/enterprises/${e.id}/commissioners`, { commissionerUserIds: ['qq-fgw'], rev: rev + 1 });
    expect(swapped.body).toMatchObject({ changed: true, record: { commissionerUserIds: ['qq-fgw'] } });
    // back as it was, for the tests after this one
    expect((await call('supervisor', 'PUT', `/api/admin/enterprises/${e.id}/commissioners`, { commissionerUserIds: ['qq-jrb'], rev: rev + 2 })).status).toBe(200);
  });

  it('pairs one commissioner with many enterprises at once; a retry changes nothing; a refusal writes nothing', async () => {
    const many = ['owner-05', 'owner-06', 'owner-11'].map((o) => ent(o).id);
    const pair = (userId: string, body: unknown) => call('supervisor', 'POST', `/api/admin/commissioners/${userId}/enterprises`, body);
    const first = await pair('qq-swj', { add: many });
    expect(first.status).toBe(200);
    expect((first.body as PairManyResponse).results.map((r) => [r.enterpriseId, r.paired, r.changed])).toEqual(many.map((id) => [id, true, true]));
    const again = (await pair('qq-swj', { add: many })).body as PairManyResponse;
    expect(again.results.every((r) => !r.changed)).toBe(true);
    for (const id of many) expect((await revOf(id)).commissionerUserIds).toEqual(['qq-swj']);

    // refusals, each naming its field, nothing written
    const unknown = completeCreditCode('91500108MA9999999');
    const notThere = await pair('qq-swj', { add: [many[0], unknown] });
    expect(notThere.status).toBe(400);
    expect(notThere.body.error.details).toEqual([{ field: 'add.1', message: expect.stringContaining('不存在') }]);
    const owner = await pair('owner-01', { add: [ent('owner-13').id] });
    expect(owner.status).toBe(400);
    expect(owner.body.error.details[0]).toMatchObject({ field: 'userId', message: expect.stringContaining('不能担任亲清特使') });
    expect((await pair('qq-swj', {})).body.error.details[0].field).toBe('add');
    // unpairing the only commissioner of a key enterprise (owner-02's) refuses the whole request
    const key = ent('owner-02');
    expect((await revOf(key.id)).commissionerUserIds).toEqual(['qq-swj']);
    const lastOne = await pair('qq-swj', { add: [ent('owner-13').id], remove: [key.id] });
    expect(lastOne.status).toBe(409);
    expect(lastOne.body.error.message).toContain(key.name);
    expect((await revOf(ent('owner-13').id)).commissionerUserIds).toBeUndefined();

    // and unpairing the others
    const undone = (await pair('qq-swj', { remove: many })).body as PairManyResponse;
    expect(undone.results.map((r) => [r.paired, r.changed])).toEqual(many.map(() => [false, true]));
    for (const id of many) expect((await revOf(id)).commissionerUserIds).toBeUndefined();
  });

  it('a paired user is not deleted, nor stripped of an official’s role', async () => {
    const user = (await call('admin', 'GET', '/api/admin/users/qq-fgw')).body as { rev: number; name: string; roles: string[]; unitId: string; phone: string; title: string };
    const del = await call('admin', 'DELETE', `/api/admin/users/qq-fgw?rev=${user.rev}`);
    expect(del.status).toBe(409);
    expect(del.body.error.details.references[0]).toMatchObject({ type: 'ENT', field: 'commissionerUserIds' });
    const demoted = await call('admin', 'PUT', '/api/admin/users/qq-fgw', { name: user.name, roles: ['agent'], phone: user.phone, title: user.title, rev: user.rev });
    expect(demoted.status).toBe(400);
    expect(demoted.body.error.details[0]).toMatchObject({ field: 'roles', message: expect.stringContaining('亲清特使') });
  });
});

describe('what commissioners, area leads and the grid chief hear', () => {
  it('a commissioner hears of their enterprise’s request raised, urged and resolved; an unpaired official of the same unit does not', async () => {
    const t = await kit.raise('owner-03'); // qq-jrb serves it; jrb sits in none of its groups
    await poller.drain();
    expect(await kinds('qq-jrb', t.id)).toEqual(['published']);
    expect(await kinds('officer-jrb', t.id)).toEqual([]);
    // not urgent: the area lead and the grid chief are not called out (the chief, of 经信委, hears it from the groups)
    expect(await kinds('area-east', t.id)).toEqual([]);

    // the claim clock runs out: the reminder goes to the group units, and to the commissioner
    kit.advance(3 * 60 * MINUTE);
    const [job] = dueJobs(t, kit.now().toISOString());
    if (!job) throw new Error('expected a due claim clock');
    await kit.env.deps.queue.sendEscalations([job]);
    await drain(kit.env, kit.env.queueUrls.escalation, escalationHandler);
    await poller.drain();
    expect(await kinds('qq-jrb', t.id)).toEqual(['escalated', 'published']);
    expect((await about('qq-jrb', t.id)).find((i) => i.kind === 'escalated')?.title).toMatch(/^督办提醒/);

    kit.advance(MINUTE);
    expect((await kit.post('officer-nsz', `/api/tickets/${t.id}/claim`)).status).toBe(200);
    expect((await kit.post('officer-nsz', `/api/tickets/${t.id}/resolve`, { kind: 'answered', summary: '已答复' })).status).toBe(200);
    await poller.drain();
    const resolved = (await about('qq-jrb', t.id)).find((i) => i.kind === 'resolved');
    expect(resolved).toMatchObject({ title: '服务企业诉求已办结' });
    expect(resolved?.body).toContain('南山镇');
    // the owner's own resolve notice asks them to rate; the commissioner's does not
    expect((await about('owner-03', t.id)).find((i) => i.kind === 'resolved')?.body).toContain('请评价');
    expect(await kinds('officer-jrb', t.id)).toEqual([]);
  });

  it('an urgent request calls out the area lead and the grid chief at once, saying 紧急 in the inbox and on WeChat; the other area’s lead hears nothing', async () => {
    const deps = kit.env.deps;
    const sent: Array<{ openId: string; data: Record<string, string> }> = [];
    const saved = { wechat: deps.wechat, templates: deps.config.wechat.templates };
    const lead = kit.env.data.users.find((u) => u.id === 'area-east');
    if (!lead) throw new Error('demo user missing');
    await deps.refs.put('USER', { ...lead, wechatOpenId: 'o-area-east' });
    deps.config.wechat.templates = { published: 'tmpl-published' };
    await deps.wechatAccounts.addConsents(kit.tenantId, 'area-east', ['tmpl-published'], `consent-${Date.now()}-u`, Date.now());
    deps.wechat = {
      code2Session: () => Promise.reject(new Error('not used')),
      sendSubscribeMessage: async (openId, _template, data) => {
        sent.push({ openId, data });
      },
    };
    try {
      kit.advance(MINUTE);
      const t = await kit.raise('owner-09', { title: '厂区进水，急需排涝', priority: 'urgent' }); // grid g03, 东港片区
      await poller.drain();
      for (const who of ['area-east', 'grid-chief']) {
        const [item] = await about(who, t.id);
        expect(item, who).toMatchObject({ kind: 'published', title: '【紧急】新的企业吹哨' });
        expect(item?.body, who).toContain('紧急');
        expect(item?.body, who).toContain('厂区进水');
      }
      expect(await kinds('area-west', t.id)).toEqual([]);
      expect(sent).toEqual([{ openId: 'o-area-east', data: expect.objectContaining({ thing1: '【紧急】新的企业吹哨', thing2: expect.stringMatching(/^【紧急】/) }) }]);
      // its commissioner hears it too, marked the same
      expect((await about('qq-rsj', t.id))[0]?.title).toBe('【紧急】新的企业吹哨');
    } finally {
      deps.wechat = saved.wechat;
      deps.config.wechat.templates = saved.templates;
      await deps.refs.put('USER', lead);
    }
  });
});

describe('the enterprise’s board and the commissioner’s own', () => {
  it('shows an owner their commissioners beside the grid officer, the area lead and the grid chief', async () => {
    const board = (await call('owner-03', 'GET', '/api/grids/mine')).body as { grid: { officer: { userId: string }; areaLead: { userId: string }; chief: { userId: string } }; commissioners: unknown[] };
    const jrb = kit.env.data.users.find((u) => u.id === 'qq-jrb');
    expect(board.commissioners).toEqual([{ userId: 'qq-jrb', name: jrb?.name, unitName: '区金融工作办公室', title: jrb?.title, phone: jrb?.phone }]);
    expect(board.grid).toMatchObject({ officer: { userId: 'grid-g03' }, areaLead: { userId: 'area-east' }, chief: { userId: 'grid-chief' } });
    // an enterprise nobody serves: an empty list
    expect(((await call('owner-04', 'GET', '/api/grids/mine')).body as { commissioners: unknown[] }).commissioners).toEqual(expect.any(Array));
  });

  it('tells the home page who serves what: the commissioner’s enterprises, the area lead’s grids', async () => {
    type Duties = { commissioned: number; ledGridIds: string[] };
    const me = async (userId: string) => (await call(userId, 'GET', '/api/me')).body as { duties?: Duties };
    const served = kit.env.data.enterprises.filter((e) => e.commissionerUserIds?.includes('qq-jrb'));
    expect((await me('qq-jrb')).duties).toMatchObject({ commissioned: served.length, ledGridIds: [] });
    expect((await me('area-east')).duties).toMatchObject({ commissioned: 0, ledGridIds: ['g01', 'g02', 'g03'] });
    expect((await me('grid-chief')).duties?.ledGridIds).toHaveLength(6);
    expect((await me('owner-03')).duties).toBeUndefined();
    // an official who serves nothing: duties, all empty (the home page shows no field entries)
    expect((await me('officer-jrb')).duties).toMatchObject({ commissioned: 0, ledGridIds: [] });
    const mine = (await call('qq-jrb', 'GET', '/api/enterprises/commissioned')).body as { items: Array<{ id: string }> };
    expect(mine.items.map((e) => e.id).sort()).toEqual(served.map((e) => e.id).sort());
    expect(((await call('officer-jrb', 'GET', '/api/enterprises/commissioned')).body as { items: unknown[] }).items).toEqual([]);
  });
});
