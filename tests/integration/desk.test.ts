import type { DeskQueueResponse, Ticket } from '@whistle/shared';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { pinClock } from '../../functions/src/adapters/time.js';
import { handler as adminHandler } from '../../functions/src/handlers/admin.js';
import { handler as deskHandler } from '../../functions/src/handlers/desk.js';
import { keys } from '../../functions/src/store/keys.js';
import { useIntegrationEnv, type TestEnv } from '../support/env.js';
import { call, raise, sh } from './clocks-support.js';

/** The after-hours desk over HTTP: queue, duty roster, answer, forward, and who may do what. */
let env: TestEnv;
let night: Ticket;
let night2: Ticket;
let day: Ticket;

const FRIDAY_NIGHT = sh('2026-03-06T22:00:00');

beforeAll(async () => {
  env = await useIntegrationEnv();
  day = await raise(env, 'owner-03', sh('2026-03-06T10:00:00'));
  night = await raise(env, 'owner-01', FRIDAY_NIGHT, { title: '夜间咨询：社保补贴' });
  night2 = await raise(env, 'owner-02', sh('2026-03-06T22:10:00'), { title: '夜间反映：停电' });
  pinClock(new Date(sh('2026-03-06T22:30:00')));
});
afterAll(() => pinClock(undefined));

describe('intake out of hours', () => {
  it('marks the ticket for the desk; its claim clock starts at the next working period', () => {
    expect(day.desk).toBeUndefined();
    expect(night.desk).toEqual({ state: 'waiting', at: FRIDAY_NIGHT });
    // 22:00 Friday + 2 working hours → Monday 11:00
    expect(night.clocks.find((c) => c.id === 'claim')?.dueAt).toBe(sh('2026-03-09T11:00:00'));
  });
});

describe('GET /api/desk/queue', () => {
  it('lists the waiting tickets, oldest first, and says nobody is on duty when the roster is empty', async () => {
    const res = await call<DeskQueueResponse>(env, deskHandler, 'GET', '/api/desk/queue', { user: 'agent-1' });
    expect(res.status).toBe(200);
    expect(res.body.items.map((t) => t.id)).toEqual([night.id, night2.id]);
    expect(res.body).toMatchObject({ onDuty: [], callerOnDuty: false, afterHours: true });
  });

  it('with a duty roster: who is on duty now, and whether the caller is', async () => {
    const put = await call(env, adminHandler, 'PUT', '/api/admin/duty-roster', {
      user: 'admin',
      body: {
        shifts: [
          { agentUserId: 'agent-1', from: sh('2026-03-06T17:30:00'), to: sh('2026-03-07T09:00:00') },
          { agentUserId: 'agent-2', from: sh('2026-03-07T09:00:00'), to: sh('2026-03-09T09:00:00') },
        ],
      },
    });
    expect(put.status).toBe(200);
    const agent1 = await call<DeskQueueResponse>(env, deskHandler, 'GET', '/api/desk/queue', { user: 'agent-1' });
    expect(agent1.body.callerOnDuty).toBe(true);
    expect(agent1.body.onDuty.map((s) => s.agentUserId)).toEqual(['agent-1']);
    expect(agent1.body.onDuty[0]?.name).toBe(env.data.users.find((u) => u.id === 'agent-1')?.name);
    // an agent off duty still sees the queue (covering a colleague), and is told who is on duty
    const agent2 = await call<DeskQueueResponse>(env, deskHandler, 'GET', '/api/desk/queue', { user: 'agent-2' });
    expect(agent2.status).toBe(200);
    expect(agent2.body).toMatchObject({ callerOnDuty: false });
    expect(agent2.body.items).toHaveLength(2);
  });

  it('the supervisor may look; officers, owners, leaders and anonymous callers may not', async () => {
    expect((await call(env, deskHandler, 'GET', '/api/desk/queue', { user: 'supervisor' })).status).toBe(200);
    for (const user of ['officer-jxw', 'owner-01', 'leader-zhang', 'admin']) {
      const res = await call(env, deskHandler, 'GET', '/api/desk/queue', { user });
      expect(res.status, user).toBe(403);
    }
    expect((await call(env, deskHandler, 'GET', '/api/desk/queue')).status).toBe(401);
  });
});

describe('the duty roster', () => {
  it('refuses shifts for non-agents and shifts that end before they start, naming the field, writing nothing', async () => {
    const before = await env.deps.store.get(keys.dutyRoster(env.tenantId), true);
    const res = await call<{ error: { code: string; details: Array<{ field: string; message: string }> } }>(env, adminHandler, 'PUT', '/api/admin/duty-roster', {
      user: 'admin',
      body: {
        shifts: [
          { agentUserId: 'officer-jxw', from: sh('2026-03-08T17:30:00'), to: sh('2026-03-09T09:00:00') },
          { agentUserId: 'agent-1', from: sh('2026-03-09T17:30:00'), to: sh('2026-03-09T09:00:00') },
        ],
      },
    });
    expect(res.status).toBe(400);
    expect(res.body.error.details.map((d) => d.field)).toEqual(['shifts.0.agentUserId', 'shifts.1.to']);
    expect(await env.deps.store.get(keys.dutyRoster(env.tenantId), true)).toEqual(before);
    const bad = await call<{ error: { details: Array<{ field: string }> } }>(env, adminHandler, 'PUT', '/api/admin/duty-roster', {
      user: 'admin',
      body: { shifts: [{ agentUserId: 'agent-1', from: 'tonight', to: sh('2026-03-09T09:00:00') }] },
    });
    expect(bad.status).toBe(400);
    expect(bad.body.error.details[0]?.field).toBe('shifts.0.from');
  });

  it('only an admin sets it; agents and the supervisor may read it', async () => {
    const body = { shifts: [] };
    expect((await call(env, adminHandler, 'PUT', '/api/admin/duty-roster', { user: 'agent-1', body })).status).toBe(403);
    expect((await call(env, adminHandler, 'PUT', '/api/admin/duty-roster', { user: 'supervisor', body })).status).toBe(403);
    expect((await call(env, adminHandler, 'GET', '/api/admin/duty-roster', { user: 'agent-2' })).status).toBe(200);
    expect((await call(env, adminHandler, 'GET', '/api/admin/duty-roster', { user: 'supervisor' })).status).toBe(200);
    expect((await call(env, adminHandler, 'GET', '/api/admin/duty-roster', { user: 'officer-jxw' })).status).toBe(403);
  });
});

describe('answer and forward', () => {
  it('only an agent answers; others are refused (403) or do not see the ticket (404)', async () => {
    const body = { text: '您好，社保补贴可在人社局网站申请' };
    expect((await call(env, deskHandler, 'POST', `/api/desk/${night.id}/answer`, { user: 'supervisor', body })).status).toBe(403);
    expect((await call(env, deskHandler, 'POST', `/api/desk/${night.id}/answer`, { user: 'owner-01', body })).status).toBe(403);
    expect((await call(env, deskHandler, 'POST', `/api/desk/${night.id}/answer`, { user: 'owner-05', body })).status).toBe(404);
    // an agent cannot reach a ticket that never went to the desk
    expect((await call(env, deskHandler, 'POST', `/api/desk/${day.id}/answer`, { user: 'agent-1', body })).status).toBe(404);
    const empty = await call<{ error: { details: Array<{ field: string }> } }>(env, deskHandler, 'POST', `/api/desk/${night.id}/answer`, { user: 'agent-1', body: { text: '  ' } });
    expect(empty.status).toBe(400);
    expect(empty.body.error.details[0]?.field).toBe('text');
    const stored = await env.deps.tickets.get(env.tenantId, night.id);
    expect(stored?.ticket.status).toBe('published');
  });

  it('the agent answers a consultation: resolved as answered, clocks met, out of the queue', async () => {
    const res = await call<{ ticket: Ticket }>(env, deskHandler, 'POST', `/api/desk/${night.id}/answer`, {
      user: 'agent-1',
      body: { text: '您好，社保补贴可在人社局网站申请' },
    });
    expect(res.status).toBe(200);
    expect(res.body.ticket).toMatchObject({ status: 'resolved', desk: { state: 'answered', agentUserId: 'agent-1' }, resolution: { kind: 'answered' } });
    expect(res.body.ticket.clocks.every((c) => c.metAt !== undefined)).toBe(true);
    expect(await env.deps.store.get(keys.deskEntry(env.tenantId, night.id), true)).toBeUndefined();
    const queue = await call<DeskQueueResponse>(env, deskHandler, 'GET', '/api/desk/queue', { user: 'agent-1' });
    expect(queue.body.items.map((t) => t.id)).toEqual([night2.id]);
    const again = await call<{ error: { code: string } }>(env, deskHandler, 'POST', `/api/desk/${night.id}/answer`, { user: 'agent-2', body: { text: '再次答复' } });
    expect(again.status).toBe(409);
    expect(again.body.error.code).toBe('INVALID_TRANSITION');
  });

  it('the agent forwards: the ticket stays published in its groups with its claim clock, out of the queue', async () => {
    const res = await call<{ ticket: Ticket }>(env, deskHandler, 'POST', `/api/desk/${night2.id}/forward`, { user: 'agent-1', body: { text: '需供电所上门' } });
    expect(res.status).toBe(200);
    expect(res.body.ticket).toMatchObject({ status: 'published', desk: { state: 'forwarded' }, groupIds: night2.groupIds });
    expect(res.body.ticket.clocks.find((c) => c.id === 'claim')).toMatchObject({ dueAt: sh('2026-03-09T11:00:00'), escalations: 0 });
    const queue = await call<DeskQueueResponse>(env, deskHandler, 'GET', '/api/desk/queue', { user: 'agent-1' });
    expect(queue.body.items).toEqual([]);
    const timeline = await env.deps.tickets.getWithTimeline(env.tenantId, night2.id);
    expect(timeline?.timeline.map((e) => e.kind)).toContain('deskForwarded');
    expect((await call(env, deskHandler, 'POST', `/api/desk/${night2.id}/forward`, { user: 'agent-1', body: {} })).status).toBe(409);
  });
});
