import type { Group, Ticket, TicketDetailResponse } from '@whistle/shared';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { startKit, WORKING_MORNING, type Kit } from './requests-kit.js';

/** 领导领办: a county leader takes a key matter; the leader view lists it; the cadence clocks run. */
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

const DAY = 24 * 3600_000;
const get = async (userId: string, path: string) => kit.api.call('GET', path, { token: await kit.token(userId) });
const leaderList = async (userId: string, query = '?view=leader') =>
  ((await get(userId, `/api/tickets${query}`)).body.items as Ticket[]).map((t) => t.id);

describe('leader-led matters', () => {
  it('shows leaders the key group only', async () => {
    const res = await get('leader-zhang', '/api/groups');
    expect((res.body.items as Group[]).map((g) => g.id)).toEqual(['key']);
    const feed = await get('leader-zhang', '/api/groups/ind-equipment/feed');
    expect(feed.status).toBe(404);
  });

  it('lets a leader take a key matter for themself; the leader view lists it', async () => {
    const t = await kit.raise('owner-01', { title: '重大项目用地' });
    const before = (await get('leader-zhang', `/api/tickets/${t.id}`)).body as TicketDetailResponse;
    expect(before.actions).toContain('lead');
    expect(await leaderList('leader-zhang')).not.toContain(t.id);

    const res = await kit.post('leader-zhang', `/api/tickets/${t.id}/lead`, { leaderUserId: 'leader-zhang' });
    expect(res.status).toBe(200);
    const led = res.body.ticket as Ticket;
    expect(led.leader).toEqual({ userId: 'leader-zhang', name: '张卫东', since: kit.now().toISOString() });
    expect(led.difficult).toBe(true);
    const cadence = Object.fromEntries(led.clocks.filter((c) => c.kind.startsWith('leader')).map((c) => [c.kind, c.dueAt]));
    expect(cadence).toEqual({
      leaderProgress: new Date(WORKING_MORNING + 30 * DAY).toISOString(),
      leaderOnsite: new Date(WORKING_MORNING + 60 * DAY).toISOString(),
      leaderReview: new Date(WORKING_MORNING + 90 * DAY).toISOString(),
    });
    const d = (await get('supervisor', `/api/tickets/${t.id}`)).body as TicketDetailResponse;
    expect(d.timeline.at(-1)).toMatchObject({ kind: 'leaderTook', data: { leaderUserId: 'leader-zhang' }, actor: { userId: 'leader-zhang', role: 'leader' } });

    expect(await leaderList('leader-zhang')).toContain(t.id);
    // a leader's default view is the leader view
    expect(await leaderList('leader-zhang', '')).toContain(t.id);
    expect(await leaderList('leader-li')).not.toContain(t.id);

    // only once
    const again = await kit.post('leader-li', `/api/tickets/${t.id}/lead`, { leaderUserId: 'leader-li' });
    expect(again.status).toBe(409);
    expect(again.body.error.details).toEqual({ leaderUserId: 'leader-zhang' });
  });

  it('refuses a leader naming another leader, and anyone who is neither leader nor supervisor', async () => {
    const t = await kit.raise('owner-02');
    const other = await kit.post('leader-li', `/api/tickets/${t.id}/lead`, { leaderUserId: 'leader-zhang' });
    expect(other.status).toBe(403);
    for (const who of ['officer-jxw', 'owner-02', 'lead-fgw']) {
      expect((await kit.post(who, `/api/tickets/${t.id}/lead`, { leaderUserId: 'leader-zhang' })).status, who).toBe(403);
    }
    const notLeader = await kit.post('supervisor', `/api/tickets/${t.id}/lead`, { leaderUserId: 'officer-jxw' });
    expect(notLeader.status).toBe(400);
    expect(notLeader.body.error.details[0].field).toBe('leaderUserId');
    const nobody = await kit.post('supervisor', `/api/tickets/${t.id}/lead`, { leaderUserId: 'leader-wang' });
    expect(nobody.status).toBe(400);
    expect((await get('supervisor', `/api/tickets/${t.id}`)).body.ticket.leader).toBeUndefined();
  });

  it('lets the supervisor put a leader on any matter; the leader then sees it', async () => {
    const t = await kit.raise('owner-03'); // not a key enterprise: leaders do not see it
    expect((await get('leader-li', `/api/tickets/${t.id}`)).status).toBe(404);
    const res = await kit.post('supervisor', `/api/tickets/${t.id}/lead`, { leaderUserId: 'leader-li' });
    expect(res.status).toBe(200);
    expect((await get('leader-li', `/api/tickets/${t.id}`)).status).toBe(200);
    expect(await leaderList('leader-li')).toContain(t.id);
  });

  it('runs the cadence: a leader’s report restarts its cadence clock; the unit keeps handling and resolving', async () => {
    const t = await kit.raise('owner-01');
    expect((await kit.post('officer-jxw', `/api/tickets/${t.id}/claim`)).status).toBe(200);
    const led = (await kit.post('leader-zhang', `/api/tickets/${t.id}/lead`, { leaderUserId: 'leader-zhang' })).body.ticket as Ticket;
    // a claimed matter gets the unit's weekly progress clock too
    expect(led.clocks.find((c) => c.kind === 'progress')).toMatchObject({ unitId: 'jxw', recurring: true });

    kit.advance(10 * DAY);
    const onsite = await kit.post('leader-zhang', `/api/tickets/${t.id}/progress`, { text: '现场办公，协调用地指标', cadence: 'onsite' });
    expect(onsite.status).toBe(200);
    const clocks = (onsite.body.ticket as Ticket).clocks;
    expect(clocks.find((c) => c.kind === 'leaderOnsite')?.startedAt).toBe(kit.now().toISOString());
    expect(clocks.find((c) => c.kind === 'leaderProgress')?.startedAt).toBe(new Date(WORKING_MORNING).toISOString());
    expect((await kit.post('leader-zhang', `/api/tickets/${t.id}/messages`, { text: '请企业放心' })).status).toBe(200);
    // resolving is the handling unit's
    expect((await kit.post('leader-zhang', `/api/tickets/${t.id}/resolve`, { kind: 'resolved', summary: '办结' })).status).toBe(403);
    expect((await kit.post('officer-jxw', `/api/tickets/${t.id}/resolve`, { kind: 'resolved', summary: '办结' })).status).toBe(200);
    // nothing left to lead
    const t2 = await kit.raise('owner-01');
    await kit.post('officer-jxw', `/api/tickets/${t2.id}/claim`);
    await kit.post('officer-jxw', `/api/tickets/${t2.id}/resolve`, { kind: 'answered', summary: '已答复' });
    expect((await kit.post('leader-li', `/api/tickets/${t2.id}/lead`, { leaderUserId: 'leader-li' })).status).toBe(409);
  });

  it('refuses progress reports on a matter nobody handles yet', async () => {
    const t = await kit.raise('owner-01');
    await kit.post('leader-zhang', `/api/tickets/${t.id}/lead`, { leaderUserId: 'leader-zhang' });
    expect((await kit.post('leader-zhang', `/api/tickets/${t.id}/progress`, { text: '进展', cadence: 'review' })).status).toBe(409);
  });

  it('keeps the leader view to leaders', async () => {
    for (const who of ['owner-01', 'officer-jxw', 'supervisor']) {
      expect((await get(who, '/api/tickets?view=leader')).status, who).toBe(403);
    }
  });
});
