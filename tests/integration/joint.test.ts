import type { Ticket } from '@whistle/shared';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { startKit, WORKING_MORNING, type Kit } from './requests-kit.js';

/** 联办: one lead unit (the single handling unit) and co-units with tasks; the lead resolves when all are done. */
let kit: Kit;
beforeAll(async () => {
  kit = await startKit();
});
afterAll(async () => {
  await kit.close();
});
beforeEach(() => {
  kit.setNow(WORKING_MORNING);
});

const MINUTE = 60_000;
async function claimedBy(unit: string): Promise<Ticket> {
  const t = await kit.raise('owner-01', { title: '新厂房用地手续', category: 'land' });
  const res = await kit.post(`officer-${unit}`, `/api/tickets/${t.id}/claim`);
  expect(res.status).toBe(200);
  kit.advance(MINUTE);
  return res.body.ticket as Ticket;
}
/** 南山镇 is in none of owner-01's groups: it sees the ticket only as a co-unit */
const CO_UNITS = [
  { unitId: 'nsz', task: '协调村集体土地流转' },
  { unitId: 'zjw', task: '办理施工许可' },
];

describe('joint handling', () => {
  it('runs from start to the lead unit’s resolve, with co-unit tasks in between', async () => {
    const t = await claimedBy('ghzy');
    expect((await kit.post('officer-nsz', `/api/tickets/${t.id}/claim`)).status).toBe(404);

    const res = await kit.post('officer-ghzy', `/api/tickets/${t.id}/joint`, { leadUnitId: 'ghzy', coUnits: CO_UNITS });
    expect(res.status).toBe(200);
    const j = res.body.ticket as Ticket;
    expect(j).toMatchObject({ status: 'claimed', handlingUnitId: 'ghzy', difficult: true });
    expect(j.joint).toMatchObject({
      leadUnitId: 'ghzy',
      leadUnitName: '区规划和自然资源局',
      coUnits: [
        { unitId: 'nsz', unitName: '南山镇', task: '协调村集体土地流转' },
        { unitId: 'zjw', unitName: '区住房和城乡建设委员会', task: '办理施工许可' },
      ],
    });
    expect(j.clocks.filter((c) => c.kind === 'task').map((c) => [c.id, c.unitId])).toEqual([
      ['task:nsz', 'nsz'],
      ['task:zjw', 'zjw'],
    ]);
    expect(j.clocks.some((c) => c.kind === 'progress' && c.recurring)).toBe(true);
    expect((await kit.detail(t.id)).timeline.at(-1)).toMatchObject({ kind: 'jointStarted', data: { leadUnitId: 'ghzy' } });

    // co-units see it, in their unit list too, and may talk and report
    const nszView = await kit.detail(t.id, 'officer-nsz');
    expect(nszView.actions).toEqual(expect.arrayContaining(['taskDone', 'message', 'progress']));
    expect(nszView.actions).not.toContain('resolve');
    const list = await kit.api.call('GET', '/api/tickets?view=unit', { token: await kit.token('lead-nsz') });
    expect(list.body.items.map((x: Ticket) => x.id)).toContain(t.id);
    expect((await kit.post('officer-nsz', `/api/tickets/${t.id}/progress`, { text: '已约谈村委' })).status).toBe(200);

    // the lead cannot resolve while tasks are open
    const early = await kit.post('officer-ghzy', `/api/tickets/${t.id}/resolve`, { kind: 'resolved', summary: '办结' });
    expect(early.status).toBe(409);
    expect(early.body.error).toMatchObject({ code: 'INVALID_TRANSITION', details: { pending: ['nsz', 'zjw'] } });

    // a co-unit completes its own task only
    expect((await kit.post('officer-nsz', `/api/tickets/${t.id}/tasks/zjw/done`, {})).status).toBe(403);
    expect((await kit.post('officer-fgw', `/api/tickets/${t.id}/tasks/nsz/done`, {})).status).toBe(403);
    expect((await kit.post('owner-01', `/api/tickets/${t.id}/tasks/nsz/done`, {})).status).toBe(403);
    const done = await kit.post('officer-nsz', `/api/tickets/${t.id}/tasks/nsz/done`, { note: '流转协议已签' });
    expect(done.status).toBe(200);
    const task = (done.body.ticket as Ticket).joint?.coUnits.find((c) => c.unitId === 'nsz');
    expect(task).toMatchObject({ doneBy: 'officer-nsz', note: '流转协议已签', doneAt: kit.now().toISOString() });
    expect((done.body.ticket as Ticket).clocks.find((c) => c.id === 'task:nsz')?.metAt).toBe(kit.now().toISOString());
    expect((await kit.post('lead-nsz', `/api/tickets/${t.id}/tasks/nsz/done`, {})).status).toBe(409);

    const stillOpen = await kit.post('officer-ghzy', `/api/tickets/${t.id}/resolve`, { kind: 'resolved', summary: '办结' });
    expect(stillOpen.status).toBe(409);
    expect(stillOpen.body.error.details).toEqual({ pending: ['zjw'] });
    // co-units never resolve
    expect((await kit.post('officer-zjw', `/api/tickets/${t.id}/resolve`, { kind: 'resolved', summary: '办结' })).status).toBe(403);

    kit.advance(MINUTE);
    expect((await kit.post('lead-zjw', `/api/tickets/${t.id}/tasks/zjw/done`)).status).toBe(200);
    const resolved = await kit.post('officer-ghzy', `/api/tickets/${t.id}/resolve`, { kind: 'resolved', summary: '土地与施工手续均已办结' });
    expect(resolved.status).toBe(200);
    expect(resolved.body.ticket.status).toBe('resolved');
    const kinds = (await kit.detail(t.id)).timeline.map((e) => e.kind);
    expect(kinds.slice(-5)).toEqual(['jointStarted', 'progress', 'taskDone', 'taskDone', 'resolved']);
  });

  it('lets the supervisor start it with another lead unit, which becomes the handling unit with the clocks', async () => {
    const t = await claimedBy('jxw');
    const res = await kit.post('supervisor', `/api/tickets/${t.id}/joint`, { leadUnitId: 'fgw', coUnits: [{ unitId: 'jxw', task: '提供产业政策意见' }] });
    expect(res.status).toBe(200);
    const j = res.body.ticket as Ticket;
    expect(j.handlingUnitId).toBe('fgw');
    expect(j.clocks.find((c) => c.kind === 'resolve')?.unitId).toBe('fgw');
    expect(j.clocks.find((c) => c.kind === 'resolve')?.dueAt).toBe(t.clocks.find((c) => c.kind === 'resolve')?.dueAt);
    // the former handler is now a co-unit: its task, not the resolve
    expect((await kit.detail(t.id, 'officer-jxw')).actions).toContain('taskDone');
    expect((await kit.detail(t.id, 'officer-jxw')).actions).not.toContain('resolve');
    expect((await kit.detail(t.id, 'officer-fgw')).actions).toEqual(expect.arrayContaining(['transfer', 'requestInfo']));
    expect((await kit.detail(t.id, 'officer-fgw')).actions).not.toContain('resolve');
    // the supervisor may mark a task done for a unit; then the lead may resolve
    expect((await kit.post('supervisor', `/api/tickets/${t.id}/tasks/jxw/done`, { note: '督办确认' })).status).toBe(200);
    expect((await kit.detail(t.id, 'officer-fgw')).actions).toContain('resolve');
    expect((await kit.post('supervisor', `/api/tickets/${t.id}/tasks/rsj/done`, {})).status).toBe(409);
  });

  it('takes the most co-units there may be (20), and every one of them finds the task in its unit list', async () => {
    const extra = Array.from({ length: 12 }, (_, i) => `xu${String(i + 1).padStart(2, '0')}`);
    for (const id of extra) {
      await kit.env.deps.refs.put('UNIT', { id, tenantId: kit.tenantId, name: `协办单位${id}`, track: 'department' });
      await kit.env.deps.refs.put('USER', { id: `officer-${id}`, tenantId: kit.tenantId, name: `协办${id}`, roles: ['officer'], unitId: id });
    }
    // raised after hours (a desk entry), led by a leader, in three groups: with 20 tasks, more index rows than one batch holds
    kit.setNow(Date.parse('2026-11-23T13:00:00.000Z'));
    const t = await kit.raise('owner-01', { title: '重大项目联办' });
    expect(t.desk?.state).toBe('waiting');
    kit.setNow(WORKING_MORNING);
    expect((await kit.post('officer-jxw', `/api/tickets/${t.id}/claim`)).status).toBe(200);
    expect((await kit.post('leader-zhang', `/api/tickets/${t.id}/lead`, { leaderUserId: 'leader-zhang' })).status).toBe(200);
    const coUnits = [...['fgw', 'rsj', 'ghzy', 'zjw', 'scjg', 'jrb', 'swj', 'nsz'], ...extra].map((unitId) => ({ unitId, task: `${unitId} 的任务` }));
    expect(coUnits).toHaveLength(20);
    const res = await kit.post('officer-jxw', `/api/tickets/${t.id}/joint`, { leadUnitId: 'jxw', coUnits });
    expect(res.status).toBe(200);
    for (const { unitId } of coUnits) {
      const list = await kit.api.call('GET', '/api/tickets?view=unit', { token: await kit.token(`officer-${unitId}`) });
      expect((list.body.items as Ticket[]).map((x) => x.id), unitId).toContain(t.id);
    }
    const led = await kit.api.call('GET', '/api/tickets?view=leader', { token: await kit.token('leader-zhang') });
    expect((led.body.items as Ticket[]).map((x) => x.id)).toContain(t.id);
    const d = await kit.detail(t.id);
    expect(d.timeline.map((e) => e.kind)).toEqual(['created', 'published', 'claimed', 'leaderTook', 'jointStarted']);
    expect(d.ticket.joint?.coUnits).toHaveLength(20);
  });

  it('validates the co-units', async () => {
    const t = await claimedBy('jxw');
    const path = `/api/tickets/${t.id}/joint`;
    const withLead = await kit.post('officer-jxw', path, { leadUnitId: 'jxw', coUnits: [{ unitId: 'jxw', task: '自己' }] });
    expect(withLead.status).toBe(400);
    expect(withLead.body.error.details[0].field).toBe('coUnits');
    const twice = await kit.post('officer-jxw', path, { leadUnitId: 'jxw', coUnits: [CO_UNITS[0], CO_UNITS[0]] });
    expect(twice.status).toBe(400);
    expect(twice.body.error.details[0].field).toBe('coUnits');
    const unknown = await kit.post('officer-jxw', path, { leadUnitId: 'jxw', coUnits: [{ unitId: 'ghost', task: '无' }] });
    expect(unknown.status).toBe(400);
    expect(unknown.body.error.details[0].field).toBe('coUnits.0.unitId');
    const none = await kit.post('officer-jxw', path, { leadUnitId: 'jxw', coUnits: [] });
    expect(none.status).toBe(400);
    expect(none.body.error.details[0].field).toBe('coUnits');
    const noTask = await kit.post('officer-jxw', path, { leadUnitId: 'jxw', coUnits: [{ unitId: 'nsz', task: '' }] });
    expect(noTask.status).toBe(400);
    expect(noTask.body.error.details[0].field).toBe('coUnits.0.task');
    const tooMany = await kit.post('officer-jxw', path, {
      leadUnitId: 'jxw',
      coUnits: Array.from({ length: 21 }, (_, i) => ({ unitId: `u${i}`, task: '任务' })),
    });
    expect(tooMany.status).toBe(400);
    // nothing happened
    expect((await kit.detail(t.id)).ticket.joint).toBeUndefined();
  });

  it('is refused to others, before a claim, and twice', async () => {
    const open = await kit.raise('owner-01');
    expect((await kit.post('supervisor', `/api/tickets/${open.id}/joint`, { leadUnitId: 'jxw', coUnits: CO_UNITS })).status).toBe(409);
    const t = await claimedBy('jxw');
    for (const who of ['officer-fgw', 'owner-01', 'leader-zhang']) {
      expect((await kit.post(who, `/api/tickets/${t.id}/joint`, { leadUnitId: 'jxw', coUnits: CO_UNITS })).status, who).toBe(403);
    }
    expect((await kit.post('officer-jxw', `/api/tickets/${t.id}/joint`, { leadUnitId: 'jxw', coUnits: CO_UNITS })).status).toBe(200);
    expect((await kit.post('officer-jxw', `/api/tickets/${t.id}/joint`, { leadUnitId: 'jxw', coUnits: [{ unitId: 'rsj', task: '再加' }] })).status).toBe(409);
    expect((await kit.post('officer-rsj', `/api/tickets/${t.id}/tasks/rsj/done`)).status).toBe(403);
  });
});
