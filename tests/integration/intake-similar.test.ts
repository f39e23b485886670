import { effectsOf, type FeedCard, type Ticket } from '@whistle/shared';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { REFRESH_INTERVAL_MS, warmSimilarIndex } from '../../functions/src/services/similar-requests.js';
import { startKit, type Kit } from './requests-kit.js';

/**
 * Issue 14 at intake (相似诉求): a new request lists the open and recent requests of OTHER enterprises that say
 * the same thing, from the intake function's warm index (refreshed by one Query of the `changed` index), in
 * its own write; the units and the supervisor see the list, an owner never does.
 */
let kit: Kit;
beforeAll(async () => {
  kit = await startKit();
});
afterAll(async () => {
  await kit.close();
});

/** one problem (no canteen, nowhere to eat near the park), told four ways by four enterprises */
const CATERING = {
  e1: { title: '园区周边缺少餐饮配套', description: '园区周边没有饭店，员工中午吃饭难，希望引进餐饮配套。', category: 'other' },
  e2: { title: '厂区附近没有食堂，工人就餐不便', description: '我们厂附近没有职工食堂，工人每天只能点外卖，就餐很不方便。', category: 'other' },
  e3: { title: '员工用餐难问题', description: '工业园内缺少快餐店和小吃店，员工午饭没有地方吃。', category: 'market' },
  e4early: { title: '希望园区开设职工餐厅', description: '园区里吃饭的地方太少，能否建一个职工餐厅。', category: 'other' },
  e4: { title: '园区吃饭难，员工就餐没地方', description: '公司在园区里，周边餐饮少，员工午餐只能叫外卖，希望解决就餐问题。', category: 'other' },
};
const UNRELATED = { title: '厂房土地证办理', description: '新建厂房的不动产权证办理进度慢，影响抵押融资。', category: 'land' };

/** Counts the store calls the functions make (the API runs in this process on the same wired store). */
function countCalls(): { stop(): Array<{ command: string; index?: string }> } {
  const calls: Array<{ command: string; index?: string }> = [];
  let on = true;
  const stack = kit.env.deps.store['doc'].middlewareStack;
  const name = `countSimilarCalls${Math.random()}`;
  stack.add(
    (next, context) => (args) => {
      const input = args.input as { IndexName?: string };
      if (on) calls.push({ command: context.commandName ?? '?', ...(input.IndexName ? { index: input.IndexName } : {}) });
      return next(args);
    },
    { step: 'initialize', name },
  );
  return {
    stop() {
      on = false;
      stack.remove(name);
      return calls;
    },
  };
}

const similarOf = async (id: string, userId = 'supervisor') => (await kit.detail(id, userId)).ticket.similar;

describe('similar requests at intake', () => {
  let early: Ticket;
  const raised: Record<string, Ticket> = {};

  it('a cold container answers its first intake at once, without looking (no field), and loads its index meanwhile', async () => {
    early = await kit.raise('owner-04', CATERING.e4early);
    // not looked for: this container had no index yet, and the intake did not wait for one
    expect(await similarOf(early.id)).toBeUndefined();
    expect(await warmSimilarIndex(kit.env.deps, kit.tenantId)).toBe(true);
  });

  it('lists the other enterprises saying the same thing at the next intakes, never the enterprise itself', async () => {
    const e1t = (raised.e1 = await kit.raise('owner-01', CATERING.e1));
    // e1 finds e4's earlier request (another enterprise); the index has it, loaded from the changed index
    expect((await similarOf(e1t.id))?.map((s) => s.ticketId)).toEqual([early.id]);
    const e2t = (raised.e2 = await kit.raise('owner-02', CATERING.e2));
    const e3t = (raised.e3 = await kit.raise('owner-03', CATERING.e3));
    // e1's request is linked to a common issue meanwhile (a commit of the common issues' backend): the next intake reads it
    const stored = await kit.env.deps.tickets.get(kit.tenantId, e1t.id);
    if (!stored) throw new Error('no e1 ticket');
    const at = new Date(kit.now().getTime() + 60_000).toISOString();
    const linked: Ticket = {
      ...stored.ticket,
      version: stored.ticket.version + 1,
      updatedAt: at,
      commonIssue: { id: 'cicatering01', title: '园区就餐难', leadUnitName: '西城街道', targetDate: '2026-12-31', linkedAt: at },
    };
    expect(await kit.env.deps.tickets.commit(stored, linked, effectsOf(linked, linked.createdBy, [], []))).toBe(true);
    await kit.env.deps.tickets.settle({ ticket: linked });

    // the intake container reads other containers' changes at most every REFRESH_INTERVAL_MS: time passes
    kit.advance(REFRESH_INTERVAL_MS);
    const calls = countCalls();
    raised.e4 = await kit.raise('owner-04', CATERING.e4);
    const made = calls.stop();
    // the one read intake adds: a Query of the tickets changed since the watermark (target ≤ 2)
    expect(made.filter((c) => c.index === 'changed')).toEqual([{ command: 'QueryCommand', index: 'changed' }]);

    const similar = await similarOf(raised.e4.id);
    expect(similar?.map((s) => s.ticketId).sort()).toEqual([e1t.id, e2t.id, e3t.id].sort());
    // not the enterprise's own earlier request, however alike
    expect(similar?.map((s) => s.ticketId)).not.toContain(early.id);
    for (const s of similar ?? []) expect(s.score).toBeGreaterThanOrEqual(0.25);
    const e1 = similar?.find((s) => s.ticketId === e1t.id);
    expect(e1).toEqual({
      ticketId: e1t.id,
      number: e1t.number,
      enterpriseName: e1t.enterpriseName,
      title: CATERING.e1.title,
      score: e1?.score,
      commonIssueId: 'cicatering01',
    });
    expect(similar?.find((s) => s.ticketId === e2t.id)?.commonIssueId).toBeUndefined();
  });

  it('an unrelated request lists none (looked for, found nothing)', async () => {
    const t = await kit.raise('owner-05', UNRELATED);
    expect(await similarOf(t.id)).toEqual([]);
  });

  it('shows the list to the units the ticket is with and the supervisor, never to its owner (intake, detail, list, card)', async () => {
    const t = raised.e4;
    if (!t) throw new Error('not raised');
    // the owner's own intake answer: none (raised above as owner-04)
    expect(t.similar).toBeUndefined();
    expect('similar' in t).toBe(false);
    const owner = 'owner-04';
    const detail = await kit.detail(t.id, owner);
    expect(detail.ticket.id).toBe(t.id);
    expect('similar' in detail.ticket).toBe(false);
    const list = await kit.api.call('GET', '/api/tickets?view=mine&limit=50', { token: await kit.token(owner) });
    expect(list.status).toBe(200);
    const mine = (list.body as { items: Ticket[] }).items;
    expect(mine.map((x) => x.id)).toContain(t.id);
    for (const x of mine) expect('similar' in x).toBe(false);
    // staff of a unit of its groups (the township 西城街道) see it, in the detail and their lists
    const staff = 'officer-xcjd';
    expect(t.groupIds).toContain('town-xcjd');
    expect((await similarOf(t.id, staff))?.length).toBe(3);
    // the feed card (what a chat-group view shows) never carries it
    const feed = await kit.api.call('GET', '/api/groups/town-xcjd/feed', { token: await kit.token(staff) });
    expect(feed.status).toBe(200);
    const card = (feed.body as { items: FeedCard[] }).items.find((c) => c.ticketId === t.id);
    expect(card).toBeDefined();
    expect('similar' in (card ?? {})).toBe(false);
    // a command's answer to the owner carries none either (the owner messages the unit); the supervisor's does
    const msg = await kit.post(owner, `/api/tickets/${t.id}/messages`, { text: '补充：员工约 300 人。' });
    expect(msg.status).toBe(200);
    expect('similar' in (msg.body as { ticket: Ticket }).ticket).toBe(false);
    const reply = await kit.post('supervisor', `/api/tickets/${t.id}/messages`, { text: '收到，正在协调。' });
    expect(reply.status).toBe(200);
    expect((reply.body as { ticket: Ticket }).ticket.similar?.length).toBe(3);
  });
});
