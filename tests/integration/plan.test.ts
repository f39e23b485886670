import type { Ticket } from '@whistle/shared';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { handler as escalationHandler } from '../../functions/src/handlers/escalation.js';
import { sweepTenant } from '../../functions/src/services/sweep.js';
import { NoticeStore } from '../../functions/src/store/notice-store.js';
import { drain, sh } from './clocks-support.js';
import { startKit, WORKING_MORNING, type Kit } from './requests-kit.js';

/** Classification (共性 / 个性 / 重点) and a key matter's plan over HTTP: items on the clocks and the ladder. */
let kit: Kit;
let notices: NoticeStore;
beforeAll(async () => {
  kit = await startKit();
  notices = new NoticeStore(kit.env.deps.store);
});
afterAll(async () => {
  await kit.close();
});
beforeEach(() => {
  kit.setNow(WORKING_MORNING); // Tuesday 2026-11-24 10:00
});

const MINUTE = 60_000;
async function claimedByGhzy(title = '新厂房用地手续'): Promise<Ticket> {
  const t = await kit.raise('owner-01', { title, category: 'land' });
  const res = await kit.post('officer-ghzy', `/api/tickets/${t.id}/claim`);
  expect(res.status).toBe(200);
  kit.advance(MINUTE);
  return res.body.ticket as Ticket;
}
const ITEMS = [
  { title: '签订村集体土地流转协议', ownerUnitId: 'nsz', dueDate: '2026-11-25' },
  { title: '办理施工许可', ownerUnitId: 'zjw', dueDate: '2026-11-28' },
  { title: '出具规划条件', ownerUnitId: 'ghzy', dueDate: '2026-12-01' },
];

describe('classification', () => {
  it('is set by the handling unit or the supervisor with a reason, on the timeline; unclassified stays unclassified', async () => {
    const t = await claimedByGhzy();
    expect(t.classification).toBeUndefined();
    expect((await kit.post('owner-01', `/api/tickets/${t.id}/class`, { class: 'key', reason: '重点' })).status).toBe(403);
    expect((await kit.post('officer-jxw', `/api/tickets/${t.id}/class`, { class: 'key', reason: '重点' })).status).toBe(403);
    const bad = await kit.post('officer-ghzy', `/api/tickets/${t.id}/class`, { class: 'urgent', reason: '重点' });
    expect(bad.status).toBe(400);

    const res = await kit.post('officer-ghzy', `/api/tickets/${t.id}/class`, { class: 'individual', reason: '仅本企业用地' });
    expect(res.status).toBe(200);
    const c = res.body.ticket as Ticket;
    expect(c.classification).toMatchObject({ class: 'individual', reason: '仅本企业用地', by: 'officer-ghzy', unitId: 'ghzy' });
    // a retry writes nothing again
    const again = await kit.post('officer-ghzy', `/api/tickets/${t.id}/class`, { class: 'individual', reason: '仅本企业用地' });
    expect((again.body.ticket as Ticket).version).toBe(c.version);

    kit.advance(MINUTE);
    expect((await kit.post('supervisor', `/api/tickets/${t.id}/class`, { class: 'key', reason: '涉及九个部门的用地审批' })).status).toBe(200);
    const classified = (await kit.detail(t.id)).timeline.filter((e) => e.kind === 'classified');
    expect(classified.map((e) => [e.text, e.data?.class, e.data?.from, e.actor.userId])).toEqual([
      ['仅本企业用地', 'individual', undefined, 'officer-ghzy'],
      ['涉及九个部门的用地审批', 'key', 'individual', 'supervisor'],
    ]);
  });
});

describe('a key matter’s plan', () => {
  it('is set for a key matter only, by the lead unit; items are owned, tracked and done on their own', async () => {
    const t = await claimedByGhzy();
    const notKey = await kit.post('officer-ghzy', `/api/tickets/${t.id}/plan`, { coUnitIds: ['fgw'], items: ITEMS });
    expect(notKey.status).toBe(409);
    await kit.post('officer-ghzy', `/api/tickets/${t.id}/class`, { class: 'key', reason: '一企一策' });
    expect((await kit.post('owner-01', `/api/tickets/${t.id}/plan`, { items: ITEMS })).status).toBe(403);
    expect((await kit.post('officer-jxw', `/api/tickets/${t.id}/plan`, { items: ITEMS })).status).toBe(403);
    const past = await kit.post('officer-ghzy', `/api/tickets/${t.id}/plan`, { items: [{ ...ITEMS[0], dueDate: '2026-11-20' }] });
    expect(past.status).toBe(400);
    const unknown = await kit.post('officer-ghzy', `/api/tickets/${t.id}/plan`, { items: [{ ...ITEMS[0], ownerUnitId: 'nope' }] });
    expect(unknown.status).toBe(400);

    const res = await kit.post('officer-ghzy', `/api/tickets/${t.id}/plan`, { coUnitIds: ['fgw'], items: ITEMS });
    expect(res.status).toBe(200);
    const p = res.body.ticket as Ticket;
    expect(p.plan).toMatchObject({ leadUnitId: 'ghzy', coUnits: [{ unitId: 'fgw' }, { unitId: 'nsz', unitName: '南山镇' }, { unitId: 'zjw' }] });
    const items = p.plan?.items ?? [];
    expect(items.map((i) => [i.ownerUnitId, i.dueAt])).toEqual([
      ['nsz', sh('2026-11-25T17:30:00')],
      ['zjw', sh('2026-11-30T17:30:00')], // a Saturday: the next working day
      ['ghzy', sh('2026-12-01T17:30:00')],
    ]);
    expect(p.clocks.filter((c) => c.kind === 'item').map((c) => c.unitId)).toEqual(['nsz', 'zjw', 'ghzy']);
    expect((await kit.detail(t.id)).timeline.at(-1)).toMatchObject({ kind: 'planSet', data: { leadUnitId: 'ghzy' } });

    // retries add nothing: the plan again, an item twice
    expect(((await kit.post('officer-ghzy', `/api/tickets/${t.id}/plan`, { coUnitIds: ['fgw'], items: ITEMS })).body.ticket as Ticket).version).toBe(p.version);
    const extra = { title: '环评批复', ownerUnitId: 'fgw', dueDate: '2026-12-04' };
    const added = await kit.post('officer-ghzy', `/api/tickets/${t.id}/plan/items`, extra);
    expect(added.status).toBe(200);
    const twice = await kit.post('officer-ghzy', `/api/tickets/${t.id}/plan/items`, extra);
    expect((twice.body.ticket as Ticket).plan?.items).toHaveLength(4);
    expect((twice.body.ticket as Ticket).version).toBe((added.body.ticket as Ticket).version);

    // 南山镇 is in none of owner-01's groups: it sees the ticket as an item's owner, in its list too
    const nszView = await kit.detail(t.id, 'officer-nsz');
    expect(nszView.actions).toContain('itemDone');
    const list = await kit.api.call('GET', '/api/tickets?view=unit', { token: await kit.token('lead-nsz') });
    expect(list.body.items.map((x: Ticket) => x.id)).toContain(t.id);

    const [nszItem, zjwItem] = items;
    if (!nszItem || !zjwItem) throw new Error('items');
    expect((await kit.post('officer-zjw', `/api/tickets/${t.id}/plan/items/${nszItem.id}/done`, {})).status).toBe(403);
    expect((await kit.post('officer-nsz', `/api/tickets/${t.id}/plan/items/pi0000000000/done`, {})).status).toBe(409);
    const done = await kit.post('officer-nsz', `/api/tickets/${t.id}/plan/items/${nszItem.id}/done`, { note: '协议已签' });
    expect(done.status).toBe(200);
    const d = done.body.ticket as Ticket;
    expect(d.plan?.items.find((i) => i.id === nszItem.id)).toMatchObject({ status: 'done', doneBy: 'officer-nsz', note: '协议已签' });
    expect(d.clocks.find((c) => c.id === `item:${nszItem.id}`)?.metAt).toBe(kit.now().toISOString());
    const retry = await kit.post('lead-nsz', `/api/tickets/${t.id}/plan/items/${nszItem.id}/done`, {});
    expect((retry.body.ticket as Ticket).version).toBe(d.version);
    expect((await kit.detail(t.id)).timeline.filter((e) => e.kind === 'itemDone')).toHaveLength(1);

    // the lead cannot resolve while items are open; the due date moves by the supervisor only
    const early = await kit.post('officer-ghzy', `/api/tickets/${t.id}/resolve`, { kind: 'resolved', summary: '办结' });
    expect(early.status).toBe(409);
    expect(early.body.error.details.pendingItems).toHaveLength(3);
    const move = { dueDate: '2026-12-09', reason: '等待许可审查' };
    expect((await kit.post('officer-zjw', `/api/tickets/${t.id}/plan/items/${zjwItem.id}/due`, move)).status).toBe(403);
    const moved = await kit.post('supervisor', `/api/tickets/${t.id}/plan/items/${zjwItem.id}/due`, move);
    expect(moved.status).toBe(200);
    expect((moved.body.ticket as Ticket).clocks.find((c) => c.id === `item:${zjwItem.id}`)?.dueAt).toBe(sh('2026-12-09T17:30:00'));
  });

  it('an overdue item gets 提醒, 催办, 警告 against its owner unit through the sweep, in order and once each', async () => {
    const t = await claimedByGhzy('厂区道路接入');
    await kit.post('supervisor', `/api/tickets/${t.id}/class`, { class: 'key', reason: '重点项目' });
    const res = await kit.post('supervisor', `/api/tickets/${t.id}/plan`, { items: [{ title: '道路接入方案审查', ownerUnitId: 'nsz', dueDate: '2026-11-25' }] });
    const item = (res.body.ticket as Ticket).plan?.items[0];
    if (!item) throw new Error('an item');
    const clockId = `item:${item.id}`;
    const mine = async () => (await notices.byTicket(kit.tenantId, t.id)).filter((n) => n.clockId === clockId);
    const sweepAt = async (local: string) => {
      kit.setNow(Date.parse(sh(local)));
      await sweepTenant(kit.env.deps, kit.tenantId, sh(local));
      await drain(kit.env, kit.env.queueUrls.escalation, escalationHandler);
    };
    await sweepAt('2026-11-25T17:00:00');
    expect(await mine()).toHaveLength(0);
    await sweepAt('2026-11-25T17:31:00');
    await sweepAt('2026-11-25T17:45:00'); // the next sweep issues nothing again
    expect((await mine()).map((n) => n.level)).toEqual(['reminder']);
    await sweepAt('2026-11-26T17:31:00');
    await sweepAt('2026-11-27T17:31:00');
    await sweepAt('2026-11-30T17:31:00');
    const all = await mine();
    expect(all.map((n) => n.level).sort()).toEqual(['reminder', 'urge', 'warning'].sort());
    expect(all.every((n) => n.unitId === 'nsz' && n.itemId === item.id && n.itemTitle === '道路接入方案审查')).toBe(true);
    const entries = (await kit.detail(t.id)).timeline.filter((e) => e.kind === 'supervision' && e.data?.clockId === clockId);
    expect(entries.map((e) => e.data?.level)).toEqual(['reminder', 'urge', 'warning']);
    expect(entries[0]?.text).toContain('方案事项「道路接入方案审查」（南山镇');
  });
});
