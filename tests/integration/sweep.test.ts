import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { pinClock } from '../../functions/src/adapters/time.js';
import { handler as escalationHandler } from '../../functions/src/handlers/escalation.js';
import { handler as sweeperHandler } from '../../functions/src/handlers/sweeper.js';
import { scheduledEvent } from '../../functions/src/local/scheduler.js';
import { NoticeStore } from '../../functions/src/store/notice-store.js';
import { keys } from '../../functions/src/store/keys.js';
import { sweepTenant } from '../../functions/src/services/sweep.js';
import { handler as devHandler } from '../../functions/src/handlers/dev.js';
import { registerLocalRuntime } from '../../functions/src/dev-controls.js';
import { resetConfig } from '../../functions/src/config.js';
import { resetWiring } from '../../functions/src/wiring.js';
import { runCommand } from '../../functions/src/services/tickets.js';
import { useIntegrationEnv, type TestEnv } from '../support/env.js';
import { call, drain, plusMinutes, principal, purge, queueDepth, raise, receive, settle, sh } from './clocks-support.js';

/**
 * The sweep on the local services: the sparse due index, the lease, two sweeps
 * at once, and the ladder end to end (sweep → queue → worker) on a pinned clock.
 */
let env: TestEnv;

beforeAll(async () => {
  env = await useIntegrationEnv();
});
afterAll(() => pinClock(undefined));
beforeEach(async () => {
  await purge(env, env.queueUrls.escalation);
});

const at = (local: string) => {
  const iso = sh(local);
  pinClock(new Date(iso));
  return iso;
};

async function ticketItem(ticketId: string) {
  return env.deps.store.get(keys.ticket(env.tenantId, ticketId), true);
}

describe('sweep', () => {
  it('reads only what is due, enqueues one job per due clock, and leases what it took', async () => {
    // Tuesday 09:30: claim due (2 working hours) at 11:30
    const tickets = await Promise.all([1, 2, 3].map((i) => raise(env, `owner-0${i}`, sh('2026-03-10T09:30:00'))));
    const ids = tickets.map((t) => t.id).sort();
    const before = await sweepTenant(env.deps, env.tenantId, sh('2026-03-10T11:29:00'));
    expect(before).toMatchObject({ scanned: 0, jobs: 0, dueTickets: 0 });

    const now = at('2026-03-10T11:31:00');
    const report = await sweepTenant(env.deps, env.tenantId, now);
    expect(report).toMatchObject({ dueTickets: 3, jobs: 3, contended: 0 });
    expect(report.scanned / report.jobs).toBeLessThanOrEqual(1.2);
    const messages = await receive(env, env.queueUrls.escalation, 10, 0);
    const jobs = messages.map((m) => JSON.parse(m.Body ?? '{}') as { ticketId: string; clockId: string; level: number });
    expect(jobs.map((j) => j.ticketId).sort()).toEqual(ids);
    expect(jobs.every((j) => j.clockId === 'claim' && j.level === 1)).toBe(true);

    // leased: the next sweep a minute later neither reads nor sends them again
    const item = await ticketItem(ids[0] ?? '');
    expect(String(item?.dueSk)).toBe(`${plusMinutes(now, 5)}#${ids[0]}`);
    const again = await sweepTenant(env.deps, env.tenantId, plusMinutes(now, 1));
    expect(again).toMatchObject({ scanned: 0, jobs: 0 });

    // the worker issues the reminders; the commits put the tickets back on their clocks (next step a working day later)
    at('2026-03-10T11:32:00');
    await drain(env, env.queueUrls.escalation, escalationHandler);
    const notices = new NoticeStore(env.deps.store);
    for (const id of ids) {
      const list = await notices.byTicket(env.tenantId, id);
      expect(list.map((n) => n.level)).toEqual(['reminder']);
      const stored = await env.deps.tickets.get(env.tenantId, id);
      const claim = stored?.ticket.clocks.find((c) => c.id === 'claim');
      expect(claim).toMatchObject({ escalations: 1, nextEscalationAt: sh('2026-03-11T11:32:00') });
      expect(String((await ticketItem(id))?.dueSk)).toBe(`${sh('2026-03-11T11:32:00')}#${id}`);
    }
    await settle(env, ids);
  });

  it('two sweeps at once: each due ticket is leased by one of them, each notice issued once', async () => {
    const tickets = await Promise.all([4, 5, 6, 7, 8].map((i) => raise(env, `owner-0${i}`, sh('2026-03-17T09:00:00'))));
    const now = at('2026-03-17T11:05:00');
    const [a, b] = await Promise.all([sweepTenant(env.deps, env.tenantId, now), sweepTenant(env.deps, env.tenantId, now)]);
    expect((a?.jobs ?? 0) + (b?.jobs ?? 0)).toBe(5);
    expect((a?.contended ?? 0) + (b?.contended ?? 0)).toBe((a?.dueTickets ?? 0) + (b?.dueTickets ?? 0) - 5);
    expect(await queueDepth(env, env.queueUrls.escalation)).toBe(5);
    await drain(env, env.queueUrls.escalation, escalationHandler);
    const notices = new NoticeStore(env.deps.store);
    const all = await Promise.all(tickets.map((t) => notices.byTicket(env.tenantId, t.id)));
    expect(all.map((l) => l.length)).toEqual([1, 1, 1, 1, 1]);
    expect(new Set(all.flat().map((n) => n.number)).size).toBe(5);
    await settle(env, tickets.map((t) => t.id));
  });

  it('a job lost after the lease (queue purged, worker never ran) is sent again when the lease runs out', async () => {
    const t = await raise(env, 'owner-09', sh('2026-03-24T09:00:00'));
    const now = at('2026-03-24T11:01:00');
    expect((await sweepTenant(env.deps, env.tenantId, now)).jobs).toBe(1);
    await purge(env, env.queueUrls.escalation);
    expect((await sweepTenant(env.deps, env.tenantId, plusMinutes(now, 4))).jobs).toBe(0);
    expect((await sweepTenant(env.deps, env.tenantId, plusMinutes(now, 5))).jobs).toBe(1);
    at('2026-03-24T11:07:00');
    await drain(env, env.queueUrls.escalation, escalationHandler);
    expect(await new NoticeStore(env.deps.store).byTicket(env.tenantId, t.id)).toHaveLength(1);
    await settle(env, [t.id]);
  });

  it('a ticket claimed after the sweep: the worker drops the job, no notice, nothing left due', async () => {
    const t = await raise(env, 'owner-10', sh('2026-03-25T09:00:00'));
    const now = at('2026-03-25T11:01:00');
    expect((await sweepTenant(env.deps, env.tenantId, now)).jobs).toBe(1);
    // the unit claims before the worker gets to the job (ind-food → jxw is a member)
    await runCommand(env.deps, principal(env, 'officer-jxw'), t.id, { type: 'claim' });
    const report = await drain(env, env.queueUrls.escalation, escalationHandler);
    expect(report).toMatchObject({ processed: 1, failures: 0 });
    expect(await new NoticeStore(env.deps.store).byTicket(env.tenantId, t.id)).toEqual([]);
    const item = await ticketItem(t.id);
    // now on the contact clock (24 h), not on a lease
    const stored = await env.deps.tickets.get(env.tenantId, t.id);
    const contact = stored?.ticket.clocks.find((c) => c.id === 'contact');
    expect(String(item?.dueSk)).toBe(`${contact?.dueAt}#${t.id}`);
    await settle(env, [t.id]);
  });

  it('repairs a stale entry: a leased ticket whose jobs were all dropped returns to its clocks', async () => {
    const t = await raise(env, 'owner-11', sh('2026-03-26T09:00:00'));
    const now = at('2026-03-26T11:01:00');
    await sweepTenant(env.deps, env.tenantId, now);
    await purge(env, env.queueUrls.escalation);
    // simulate: the claim clock met by a write that did not touch the index (a stale lease left behind)
    await env.deps.store.update(keys.ticket(env.tenantId, t.id), 'SET clocks[0].metAt = :m REMOVE clocks[0].nextEscalationAt', { values: { ':m': now } });
    const report = await sweepTenant(env.deps, env.tenantId, plusMinutes(now, 6));
    expect(report).toMatchObject({ jobs: 0, repaired: 1 });
    const item = await ticketItem(t.id);
    expect(item?.dueSk).toBeUndefined();
    expect(item?.duePk).toBeUndefined();
    await settle(env, [t.id]);
  });
});

describe('the ladder end to end on a pinned clock', () => {
  it('提醒 → 催办 → 警告, each once, then the ticket leaves the due index', async () => {
    const t = await raise(env, 'owner-12', sh('2026-04-07T09:00:00'), { title: '用电增容' }); // Tuesday
    const numbers: string[] = [];
    // sweep every 30 minutes (and run the worker) from Tuesday to the next Monday
    for (let now = sh('2026-04-07T09:00:00'); now <= sh('2026-04-13T18:00:00'); now = plusMinutes(now, 30)) {
      pinClock(new Date(now));
      const r = await sweepTenant(env.deps, env.tenantId, now);
      if (r.jobs > 0) await drain(env, env.queueUrls.escalation, escalationHandler);
    }
    const notices = await new NoticeStore(env.deps.store).byTicket(env.tenantId, t.id);
    const ordered = [...notices].reverse();
    expect(ordered.map((n) => [n.level, n.issuedAt])).toEqual([
      ['reminder', sh('2026-04-07T11:00:00')],
      ['urge', sh('2026-04-08T11:00:00')],
      ['warning', sh('2026-04-09T11:00:00')],
    ]);
    numbers.push(...ordered.map((n) => n.number));
    expect(numbers.every((n) => /^DB2026-\d{6}$/.test(n))).toBe(true);
    expect(ordered[1]?.addressees).toContain('supervisors');
    const found = await env.deps.tickets.getWithTimeline(env.tenantId, t.id);
    const entries = found?.timeline.filter((e) => e.kind === 'supervision') ?? [];
    expect(entries.map((e) => e.data?.number)).toEqual(numbers);
    expect(entries.every((e) => e.actor.userId === 'scheduler')).toBe(true);
    const item = await ticketItem(t.id);
    expect(item?.duePk).toBeUndefined();
    expect(found?.stored.ticket.clocks.find((c) => c.id === 'claim')?.escalations).toBe(3);
  }, 120_000);
});

describe('the sweeper handler', () => {
  it('answers a scheduled event with its report (a time when nothing is due anywhere)', async () => {
    pinClock(new Date('2000-01-01T00:00:00Z'));
    const report = await sweeperHandler(scheduledEvent('deadline-sweep', new Date('2000-01-01T00:00:00Z')));
    expect(report.tenants).toBeGreaterThanOrEqual(1);
    expect(report).toMatchObject({ jobs: 0, scanned: 0, now: '2000-01-01T00:00:00.000Z' });
  });
});

describe('time in the local stack (dev routes)', () => {
  afterAll(() => registerLocalRuntime(undefined));

  it('POST /api/dev/clock pins the clock, null unpins it; a bad instant is a 400', async () => {
    const pinned = await call<{ now: string; pinned: boolean }>(env, devHandler, 'POST', '/api/dev/clock', { user: 'supervisor', body: { now: '2026-08-03T01:00:00.000Z' } });
    expect(pinned).toEqual({ status: 200, body: { now: '2026-08-03T01:00:00.000Z', pinned: true } });
    expect(env.deps.clock.now().toISOString()).toBe('2026-08-03T01:00:00.000Z');
    const bad = await call<{ error: { details: Array<{ field: string }> } }>(env, devHandler, 'POST', '/api/dev/clock', { user: 'supervisor', body: { now: 'tomorrow' } });
    expect(bad.status).toBe(400);
    expect(bad.body.error.details[0]?.field).toBe('now');
    const real = await call<{ now: string; pinned: boolean }>(env, devHandler, 'POST', '/api/dev/clock', { user: 'supervisor', body: { now: null } });
    expect(real.body.pinned).toBe(false);
    expect(Math.abs(Date.parse(real.body.now) - Date.now())).toBeLessThan(5_000);
    expect((await call(env, devHandler, 'POST', '/api/dev/clock', { body: { now: null } })).status).toBe(401);
  });

  it('POST /api/dev/run-schedules runs the local runtime, or says it is not configured', async () => {
    registerLocalRuntime(undefined);
    const none = await call<{ error: { code: string } }>(env, devHandler, 'POST', '/api/dev/run-schedules', { user: 'supervisor' });
    expect(none.status).toBe(501);
    expect(none.body.error.code).toBe('NOT_CONFIGURED');
    // a stand-in for the local stack's runtime: this tenant's sweep, then the worker until the queue is empty
    const t = await raise(env, 'owner-13', sh('2026-08-04T09:00:00'));
    registerLocalRuntime({
      async runSchedules() {
        const r = await sweepTenant(env.deps, env.tenantId, env.deps.clock.now().toISOString());
        const d = await drain(env, env.queueUrls.escalation, escalationHandler);
        return { schedules: [`deadline-sweep:${r.jobs}`], delivered: { escalation: d.processed }, undrained: [] };
      },
    });
    await call(env, devHandler, 'POST', '/api/dev/clock', { user: 'supervisor', body: { now: sh('2026-08-04T11:01:00') } });
    const ran = await call<{ schedules: string[]; delivered: Record<string, number>; now: string }>(env, devHandler, 'POST', '/api/dev/run-schedules', { user: 'supervisor' });
    expect(ran.status).toBe(200);
    expect(ran.body).toMatchObject({ schedules: ['deadline-sweep:1'], delivered: { escalation: 1 }, now: sh('2026-08-04T11:01:00') });
    expect(await new NoticeStore(env.deps.store).byTicket(env.tenantId, t.id)).toHaveLength(1);
    await settle(env, [t.id]);
  });

  it('the dev routes are 404 where DEV_ROUTES is off', async () => {
    process.env.DEV_ROUTES = 'false';
    resetConfig();
    resetWiring();
    try {
      expect((await call(env, devHandler, 'POST', '/api/dev/clock', { user: 'admin', body: { now: null } })).status).toBe(404);
      expect((await call(env, devHandler, 'POST', '/api/dev/run-schedules', { user: 'admin' })).status).toBe(404);
    } finally {
      process.env.DEV_ROUTES = 'true';
      resetConfig();
      resetWiring();
    }
  });
});
