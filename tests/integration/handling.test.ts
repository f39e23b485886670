import { ROUTES, type Ticket, type TimelineEntry } from '@whistle/shared';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { startKit, WORKING_MORNING, type Kit } from './requests-kit.js';

/** Handling a claimed request: decline, assign, transfer, conversation, progress, request-info, resolve, the timeline. */
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
/** owner-01's ticket (industry, township and key groups), claimed by `unit` */
async function claimed(unit = 'jxw', owner = 'owner-01'): Promise<Ticket> {
  const t = await kit.raise(owner);
  kit.advance(MINUTE);
  const res = await kit.post(`officer-${unit}`, `/api/tickets/${t.id}/claim`);
  expect(res.status).toBe(200);
  kit.advance(MINUTE);
  return res.body.ticket as Ticket;
}

describe('decline', () => {
  it('records a member unit saying the request is not theirs; the reason is required', async () => {
    const t = await kit.raise('owner-01');
    const missing = await kit.post('officer-swj', `/api/tickets/${t.id}/decline`, {});
    expect(missing.status).toBe(400);
    expect(missing.body.error.details[0].field).toBe('reason');
    const blank = await kit.post('officer-swj', `/api/tickets/${t.id}/decline`, { reason: '  ' });
    expect(blank.status).toBe(400);

    const res = await kit.post('officer-swj', `/api/tickets/${t.id}/decline`, { reason: '属于供电公司业务，不属于税务' });
    expect(res.status).toBe(200);
    expect(res.body.ticket).toMatchObject({ status: 'published', declinedUnitIds: ['swj'] });
    const d = await kit.detail(t.id);
    const entry = d.timeline.find((e) => e.kind === 'declined');
    expect(entry).toMatchObject({ text: '属于供电公司业务，不属于税务', data: { unitId: 'swj' }, actor: { userId: 'officer-swj', unitId: 'swj' } });

    const twice = await kit.post('lead-swj', `/api/tickets/${t.id}/decline`, { reason: '重复说明' });
    expect(twice.status).toBe(409);
    expect(twice.body.error.code).toBe('INVALID_TRANSITION');
    // other units may still claim it
    expect((await kit.post('officer-fgw', `/api/tickets/${t.id}/claim`)).status).toBe(200);
    const late = await kit.post('officer-rsj', `/api/tickets/${t.id}/decline`, { reason: '不属本单位' });
    expect(late.status).toBe(409);
  });

  it('is refused to the owner, leaders and supervisors', async () => {
    const t = await kit.raise('owner-01');
    for (const who of ['owner-01', 'leader-zhang', 'supervisor']) {
      expect((await kit.post(who, `/api/tickets/${t.id}/decline`, { reason: '不属本单位' })).status, who).toBe(403);
    }
  });
});

describe('assign', () => {
  it('is the supervisor’s: it gives an unclaimed request to a unit and starts its clocks', async () => {
    const t = await kit.raise('owner-03');
    for (const who of ['officer-jxw', 'lead-nsz', 'owner-03', 'admin']) {
      const r = await kit.post(who, `/api/tickets/${t.id}/assign`, { unitId: 'rsj' });
      expect([403, 404], who).toContain(r.status);
      expect(r.status === 403 ? r.body.error.code : 'FORBIDDEN').toBe('FORBIDDEN');
    }
    const unknown = await kit.post('supervisor', `/api/tickets/${t.id}/assign`, { unitId: 'nope' });
    expect(unknown.status).toBe(400);
    expect(unknown.body.error.details[0].field).toBe('unitId');

    const res = await kit.post('supervisor', `/api/tickets/${t.id}/assign`, { unitId: 'rsj' });
    expect(res.status).toBe(200);
    expect(res.body.ticket).toMatchObject({ status: 'claimed', handlingUnitId: 'rsj', handlingUnitName: '区人力资源和社会保障局' });
    const d = await kit.detail(t.id);
    expect(d.timeline.at(-1)).toMatchObject({ kind: 'assigned', data: { unitId: 'rsj' }, actor: { userId: 'supervisor', role: 'supervisor' } });
    expect(d.ticket.clocks.map((c) => c.kind).sort()).toEqual(['claim', 'contact', 'resolve']);
    // rsj is in neither of the ticket's groups, and now handles it
    expect((await kit.detail(t.id, 'officer-rsj')).actions).toContain('resolve');

    const again = await kit.post('supervisor', `/api/tickets/${t.id}/assign`, { unitId: 'fgw' });
    expect(again.status).toBe(409);
    expect(again.body.error).toMatchObject({ code: 'ALREADY_CLAIMED', details: { unitId: 'rsj' } });
  });
});

describe('transfer', () => {
  it('moves the handling unit without restarting its clocks', async () => {
    const t = await claimed('jxw');
    const before = (await kit.detail(t.id)).ticket;
    const res = await kit.post('officer-jxw', `/api/tickets/${t.id}/transfer`, { unitId: 'ghzy', reason: '涉及用地规划，由规自局办理' });
    expect(res.status).toBe(200);
    const after = (await kit.detail(t.id)).ticket;
    expect(after).toMatchObject({ status: 'claimed', handlingUnitId: 'ghzy', handlingUnitName: '区规划和自然资源局', claimedAt: before.claimedAt });
    for (const kind of ['contact', 'resolve'] as const) {
      const b = before.clocks.find((c) => c.kind === kind);
      const a = after.clocks.find((c) => c.kind === kind);
      expect(a?.dueAt, kind).toBe(b?.dueAt);
      expect(a?.startedAt, kind).toBe(b?.startedAt);
      expect(b?.unitId).toBe('jxw');
      expect(a?.unitId).toBe('ghzy');
    }
    const entry = (await kit.detail(t.id)).timeline.at(-1);
    expect(entry).toMatchObject({ kind: 'transferred', text: '涉及用地规划，由规自局办理', data: { fromUnitId: 'jxw', toUnitId: 'ghzy' } });

    // the unit lists follow the handling unit
    const ghzy = await kit.api.call('GET', '/api/tickets?view=unit', { token: await kit.token('lead-ghzy') });
    expect(ghzy.body.items.map((x: Ticket) => x.id)).toContain(t.id);
    const jxw = await kit.api.call('GET', '/api/tickets?view=unit', { token: await kit.token('officer-jxw') });
    expect(jxw.body.items.map((x: Ticket) => x.id)).not.toContain(t.id);
    // the old unit no longer handles it
    expect((await kit.post('officer-jxw', `/api/tickets/${t.id}/transfer`, { unitId: 'fgw', reason: '再转' })).status).toBe(403);
    expect((await kit.post('officer-jxw', `/api/tickets/${t.id}/resolve`, { kind: 'answered', summary: '已答复' })).status).toBe(403);
    expect((await kit.post('officer-ghzy', `/api/tickets/${t.id}/messages`, { text: '您好，规自局已接手' })).status).toBe(200);
  });

  it('refuses a transfer to the same unit, to an unknown unit, by another unit, or before a claim', async () => {
    const t = await claimed('fgw');
    const same = await kit.post('officer-fgw', `/api/tickets/${t.id}/transfer`, { unitId: 'fgw', reason: '同单位' });
    expect(same.status).toBe(409);
    const unknown = await kit.post('officer-fgw', `/api/tickets/${t.id}/transfer`, { unitId: 'zzz', reason: '未知' });
    expect(unknown.status).toBe(400);
    expect(unknown.body.error.details[0].field).toBe('unitId');
    const noReason = await kit.post('officer-fgw', `/api/tickets/${t.id}/transfer`, { unitId: 'rsj' });
    expect(noReason.status).toBe(400);
    expect(noReason.body.error.details[0].field).toBe('reason');
    expect((await kit.post('officer-rsj', `/api/tickets/${t.id}/transfer`, { unitId: 'rsj', reason: '我来' })).status).toBe(403);
    expect((await kit.post('owner-01', `/api/tickets/${t.id}/transfer`, { unitId: 'rsj', reason: '换人' })).status).toBe(403);
    // the supervisor may move it
    expect((await kit.post('supervisor', `/api/tickets/${t.id}/transfer`, { unitId: 'rsj', reason: '统筹调整' })).status).toBe(200);

    const open = await kit.raise('owner-01');
    expect((await kit.post('supervisor', `/api/tickets/${open.id}/transfer`, { unitId: 'rsj', reason: '未认领' })).status).toBe(409);
  });
});

describe('conversation and progress', () => {
  it('carries messages both ways; the unit’s first reply meets the contact clock', async () => {
    const t = await claimed('scjg');
    const fromOwner = await kit.post('owner-01', `/api/tickets/${t.id}/messages`, { text: '请问大概多久能有结果？' });
    expect(fromOwner.status).toBe(200);
    expect(fromOwner.body.ticket.clocks.find((c: { kind: string }) => c.kind === 'contact').metAt).toBeUndefined();
    kit.advance(MINUTE);
    const fromUnit = await kit.post('officer-scjg', `/api/tickets/${t.id}/messages`, { text: '已联系供电公司，三个工作日内答复。' });
    expect(fromUnit.status).toBe(200);
    const contact = (fromUnit.body.ticket as Ticket).clocks.find((c) => c.kind === 'contact');
    expect(contact?.metAt).toBe(kit.now().toISOString());
    const messages = (await kit.detail(t.id)).timeline.filter((e) => e.kind === 'message');
    expect(messages.map((m) => [m.actor.userId, m.text])).toEqual([
      ['owner-01', '请问大概多久能有结果？'],
      ['officer-scjg', '已联系供电公司，三个工作日内答复。'],
    ]);
  });

  it('keeps every message of a burst from both sides: concurrent writes retry on the new version, none is lost', async () => {
    const t = await claimed('scjg');
    const senders = ['owner-01', 'officer-scjg', 'owner-01', 'lead-scjg', 'supervisor'];
    const results = await Promise.all(senders.map((who, i) => kit.post(who, `/api/tickets/${t.id}/messages`, { text: `第${i + 1}条` })));
    expect(results.map((r) => r.status)).toEqual([200, 200, 200, 200, 200]);
    const d = await kit.detail(t.id);
    const texts = d.timeline.filter((e) => e.kind === 'message').map((e) => e.text);
    expect([...texts].sort()).toEqual(['第1条', '第2条', '第3条', '第4条', '第5条']);
    expect(d.ticket.version).toBe(t.version + 5);
    expect(new Set(d.timeline.map((e) => e.seq)).size).toBe(d.timeline.length);
  });

  it('keeps others out of the conversation', async () => {
    const t = await claimed('scjg');
    expect((await kit.post('officer-jxw', `/api/tickets/${t.id}/messages`, { text: '插话' })).status).toBe(403);
    expect((await kit.post('owner-02', `/api/tickets/${t.id}/messages`, { text: '插话' })).status).toBe(404);
    expect((await kit.post('officer-xcjd', `/api/tickets/${t.id}/messages`, { text: '插话' })).status).toBe(404);
    const empty = await kit.post('owner-01', `/api/tickets/${t.id}/messages`, { text: '' });
    expect(empty.status).toBe(400);
    expect(empty.body.error.details[0].field).toBe('text');
    const long = await kit.post('owner-01', `/api/tickets/${t.id}/messages`, { text: '长'.repeat(2001) });
    expect(long.status).toBe(400);
  });

  it('takes progress reports from the handling unit only, while it is handled', async () => {
    const t = await kit.raise('owner-01');
    expect((await kit.post('officer-jxw', `/api/tickets/${t.id}/progress`, { text: '尚未认领' })).status).toBe(403);
    await kit.post('officer-jxw', `/api/tickets/${t.id}/claim`);
    const res = await kit.post('officer-jxw', `/api/tickets/${t.id}/progress`, { text: '已完成现场踏勘' });
    expect(res.status).toBe(200);
    expect((await kit.detail(t.id)).timeline.at(-1)).toMatchObject({ kind: 'progress', text: '已完成现场踏勘', data: { cadence: 'progress' } });
    expect((await kit.post('owner-01', `/api/tickets/${t.id}/progress`, { text: '企业进展' })).status).toBe(403);
    const bad = await kit.post('officer-jxw', `/api/tickets/${t.id}/progress`, { text: '进展', cadence: 'daily' });
    expect(bad.status).toBe(400);
    expect(bad.body.error.details[0].field).toBe('cadence');
  });
});

describe('request-info', () => {
  it('waits for the enterprise with the resolve clock paused; the owner’s reply resumes it with the time that was left', async () => {
    const t = await claimed('jxw'); // claimed at 10:01 Tuesday
    const resolveDue = t.clocks.find((c) => c.kind === 'resolve')?.dueAt;
    expect(resolveDue).toBeDefined();
    const asked = await kit.post('officer-jxw', `/api/tickets/${t.id}/request-info`, { text: '请补充营业执照和用电负荷表' });
    expect(asked.status).toBe(200);
    const waiting = await kit.detail(t.id, 'owner-01');
    expect(waiting.ticket.status).toBe('waitingEnterprise');
    const resolve = waiting.ticket.clocks.find((c) => c.kind === 'resolve');
    expect(resolve?.pausedAt).toBe(kit.now().toISOString());
    expect(resolve?.nextEscalationAt).toBeUndefined();
    expect(waiting.clocks.find((c) => c.kind === 'resolve')?.state).toBe('paused');
    // asking the unit for the same thing again is refused while waiting
    expect((await kit.post('officer-jxw', `/api/tickets/${t.id}/request-info`, { text: '再补充' })).status).toBe(409);
    // the unit's own messages do not resume it
    await kit.post('officer-jxw', `/api/tickets/${t.id}/messages`, { text: '收到后尽快办理' });
    expect((await kit.detail(t.id)).ticket.status).toBe('waitingEnterprise');

    // a day later: one working day passed while waiting, and the clock must not count it
    expect(resolveDue).toBe('2026-11-27T02:01:00.000Z'); // claimed Tue 10:01 + 3 working days = Fri 10:01
    kit.advance(24 * 60 * MINUTE);
    const reply = await kit.post('owner-01', `/api/tickets/${t.id}/messages`, { text: '材料已上传' });
    expect(reply.status).toBe(200);
    const resumed = (await kit.detail(t.id)).ticket;
    expect(resumed.status).toBe('claimed');
    const clock = resumed.clocks.find((c) => c.kind === 'resolve');
    expect(clock?.pausedAt).toBeUndefined();
    expect(clock?.nextEscalationAt).toBe(clock?.dueAt);
    // the deadline moved by one working day, over the weekend: Monday 10:01, not Saturday
    expect(clock?.dueAt).toBe('2026-11-30T02:01:00.000Z');
    expect((await kit.detail(t.id)).timeline.at(-1)).toMatchObject({ kind: 'message', data: { resumed: true } });
  });

  it('is the handling unit’s only', async () => {
    const t = await claimed('jxw');
    for (const who of ['owner-01', 'officer-fgw', 'supervisor']) {
      expect((await kit.post(who, `/api/tickets/${t.id}/request-info`, { text: '补充' })).status, who).toBe(403);
    }
  });
});

describe('resolve', () => {
  it.each(['answered', 'resolved'] as const)('closes the handling as %s, meeting every clock', async (kind) => {
    const t = await claimed('rsj');
    expect((await kit.post('owner-01', `/api/tickets/${t.id}/resolve`, { kind, summary: '自己办结' })).status).toBe(403);
    expect((await kit.post('officer-fgw', `/api/tickets/${t.id}/resolve`, { kind, summary: '代为办结' })).status).toBe(403);
    const bad = await kit.post('officer-rsj', `/api/tickets/${t.id}/resolve`, { kind: 'done', summary: '办结' });
    expect(bad.status).toBe(400);
    expect(bad.body.error.details[0].field).toBe('kind');
    const res = await kit.post('officer-rsj', `/api/tickets/${t.id}/resolve`, { kind, summary: '已协调供电公司完成增容' });
    expect(res.status).toBe(200);
    const after = res.body.ticket as Ticket;
    expect(after.status).toBe('resolved');
    expect(after.resolution).toMatchObject({ kind, summary: '已协调供电公司完成增容', by: 'officer-rsj', unitId: 'rsj', at: kit.now().toISOString() });
    expect(after.clocks.every((c) => c.metAt !== undefined)).toBe(true);
    const owner = await kit.detail(t.id, 'owner-01');
    expect(owner.actions.sort()).toEqual(['message', 'rate', 'reopen']);
    // nothing more to handle
    expect((await kit.post('officer-rsj', `/api/tickets/${t.id}/resolve`, { kind, summary: '再次办结' })).status).toBe(409);
    expect((await kit.post('officer-rsj', `/api/tickets/${t.id}/progress`, { text: '进展' })).status).toBe(409);
  });

  it('is refused before a claim', async () => {
    const t = await kit.raise('owner-01');
    const res = await kit.post('officer-jxw', `/api/tickets/${t.id}/resolve`, { kind: 'answered', summary: '直接答复' });
    expect(res.status).toBe(403);
  });
});

describe('the timeline', () => {
  it('is append-only: every change adds entries with who, when and what; earlier entries never change', async () => {
    const t = await kit.raise('owner-01');
    const snapshots: TimelineEntry[][] = [(await kit.detail(t.id)).timeline];
    const steps: Array<[string, string, unknown]> = [
      ['officer-swj', 'decline', { reason: '不属本单位' }],
      ['officer-jxw', 'claim', undefined],
      ['owner-01', 'messages', { text: '请尽快' }],
      ['officer-jxw', 'messages', { text: '已联系' }],
      ['officer-jxw', 'request-info', { text: '请补充材料' }],
      ['owner-01', 'messages', { text: '已补充' }],
      ['officer-jxw', 'progress', { text: '已协调' }],
      ['officer-jxw', 'transfer', { unitId: 'fgw', reason: '转发改委' }],
      ['officer-fgw', 'resolve', { kind: 'resolved', summary: '已解决' }],
      ['owner-01', 'rating', { score: 'satisfied' }],
    ];
    for (const [who, action, body] of steps) {
      kit.advance(MINUTE);
      const res = await kit.post(who, `/api/tickets/${t.id}/${action}`, body);
      expect(res.status, `${who} ${action}`).toBe(200);
      snapshots.push((await kit.detail(t.id)).timeline);
    }
    for (let i = 1; i < snapshots.length; i++) {
      const prev = snapshots[i - 1] ?? [];
      const cur = snapshots[i] ?? [];
      expect(cur.length).toBeGreaterThan(prev.length);
      expect(cur.slice(0, prev.length)).toEqual(prev);
    }
    const final = snapshots.at(-1) ?? [];
    expect(final.map((e) => e.kind)).toEqual([
      'created', 'published', 'declined', 'claimed', 'message', 'message', 'infoRequested', 'message', 'progress', 'transferred', 'resolved', 'rated',
    ]);
    for (let i = 1; i < final.length; i++) {
      expect((final[i]?.seq ?? 0) > (final[i - 1]?.seq ?? 0)).toBe(true);
      expect((final[i]?.at ?? '') >= (final[i - 1]?.at ?? '')).toBe(true);
    }
    for (const e of final) {
      expect(e.ticketId).toBe(t.id);
      expect(e.actor.userId).toMatch(/\S/);
      expect(e.actor.role).toMatch(/\S/);
      expect(Date.parse(e.at)).not.toBeNaN();
    }
    const whoDid = final.slice(2).map((e) => e.actor.userId);
    expect(whoDid).toEqual(steps.map(([who]) => who));
  });

  it('has no endpoint that edits or deletes it', async () => {
    expect(ROUTES.filter((r) => /timeline/i.test(r.path))).toEqual([]);
    const t = await kit.raise('owner-01');
    const token = await kit.token('supervisor');
    for (const method of ['PUT', 'PATCH', 'DELETE']) {
      for (const path of [`/api/tickets/${t.id}`, `/api/tickets/${t.id}/timeline`, `/api/tickets/${t.id}/timeline/1`]) {
        const res = await kit.api.call(method, path, { token, body: { kind: 'resolved' } });
        expect(res.status, `${method} ${path}`).toBe(404);
      }
    }
    expect((await kit.detail(t.id)).timeline.map((e) => e.kind)).toEqual(['created', 'published']);
  });
});
