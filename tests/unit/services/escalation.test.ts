import type { EscalationJob, Ticket } from '@whistle/shared';
import { describe, expect, it } from 'vitest';
import { applyJob, type JobOutcome } from '../../../functions/src/services/escalation.js';
import { sweepAll, sweepTenant } from '../../../functions/src/services/sweep.js';
import { intake, issueCommand, ticketDetail } from '../../../functions/src/services/tickets.js';
import { INTAKE_RECOVERY_MS, keys } from '../../../functions/src/store/keys.js';
import { seedRoundTrips } from '../../support/memory/index.js';
import { body, KEY_OWNER, kit, type Kit } from './kit.js';

const MINUTE = 60_000;

const after = (iso: string | undefined, ms = MINUTE) => new Date(Date.parse(iso ?? '') + ms).toISOString();
const claimClock = (t: Ticket) => t.clocks.find((c) => c.kind === 'claim');
const stored = async (k: Kit, id: string) => (await k.ports.tickets.get(k.tenantId, id))?.ticket as Ticket;
const dueSkOf = (k: Kit, id: string) => k.ports.table.get(keys.ticket(k.tenantId, id))?.dueSk;

/** sweeps at the fake clock's now and answers the jobs it enqueued */
async function sweep(k: Kit): Promise<EscalationJob[]> {
  const before = k.ports.queue.escalations.length;
  await sweepAll(k.ports);
  return k.ports.queue.escalations.slice(before);
}

describe('escalation on in-memory ports', () => {
  it('a sweep past the claim clock enqueues one job per due clock; nothing before it', async () => {
    const k = await kit();
    const t = await k.raise(KEY_OWNER);
    const u = await k.raise('owner-03');
    const due = claimClock(t)?.dueAt;
    k.ports.clock.set(after(due, -MINUTE));
    expect(await sweep(k)).toEqual([]);
    k.ports.clock.set(after(due));
    const jobs = await sweep(k);
    expect(jobs.map((j) => j.ticketId).sort()).toEqual([t.id, u.id].sort());
    expect(jobs.find((j) => j.ticketId === t.id)).toEqual({ tenantId: k.tenantId, ticketId: t.id, clockId: 'claim', level: 1, cycle: expect.any(Number), dueAt: due });
    // leased: the next sweep, minutes later, does not enqueue them again
    k.ports.clock.advance(MINUTE);
    expect(await sweep(k)).toEqual([]);
  });

  it('issues one notice even when the same job runs 5 times at once', async () => {
    const k = await kit();
    const t = await k.raise(KEY_OWNER);
    k.ports.clock.set(after(claimClock(t)?.dueAt));
    const [job] = await sweep(k);
    if (!job) throw new Error('no job');
    const outcomes: JobOutcome[] = await Promise.all(Array.from({ length: 5 }, () => applyJob(k.ports, job)));
    expect(outcomes.filter((o) => o.kind === 'issued')).toHaveLength(1);
    expect(outcomes.filter((o) => o.kind === 'dropped').map((o) => (o.kind === 'dropped' ? o.reason : ''))).toEqual(['done', 'done', 'done', 'done']);
    const notices = await k.ports.notices.byTicket(k.tenantId, t.id);
    expect(notices).toHaveLength(1);
    expect(notices[0]).toMatchObject({ level: 'reminder', clockId: 'claim', ticketId: t.id });
    expect(notices[0]?.number).toMatch(/^DB2026-00000[1-5]$/);
    // the notice stored is the one the ticket records: the losers' puts wrote nothing over it
    const issued = outcomes.find((o) => o.kind === 'issued');
    expect(issued?.kind === 'issued' && issued.notice).toEqual(notices[0]);
    const after1 = await stored(k, t.id);
    expect(claimClock(after1)?.escalations).toBe(1);
    expect(after1.version).toBe(2);
    const d = await ticketDetail(k.ports, await k.as('supervisor'), t.id);
    expect(d.timeline.filter((e) => e.kind === 'supervision').map((e) => e.data?.number)).toEqual([notices[0]?.number]);
    // one message: the losers that found the winner's effects pending finished them, re-sending under its id
    expect(new Set(k.ports.queue.outboxOf(t.id).filter((m) => m.event === 'escalated').map((m) => m.id))).toEqual(new Set([`${t.id}:2:0`]));
    // and once more, later (a redelivery): dropped
    expect(await applyJob(k.ports, job)).toEqual({ kind: 'dropped', reason: 'done' });
  });

  it('climbs reminder → urge → warning over time, then leaves the due index', async () => {
    const k = await kit();
    const t = await k.raise(KEY_OWNER);
    const levels: string[] = [];
    for (const expected of [1, 2, 3]) {
      const next = claimClock(await stored(k, t.id))?.nextEscalationAt;
      expect(next).toBeDefined();
      k.ports.clock.set(after(next, -MINUTE));
      expect(await sweep(k)).toEqual([]);
      k.ports.clock.set(after(next));
      const jobs = await sweep(k);
      expect(jobs.map((j) => [j.clockId, j.level])).toEqual([['claim', expected]]);
      const out = await applyJob(k.ports, jobs[0] as EscalationJob);
      if (out.kind !== 'issued') throw new Error(`dropped: ${out.reason}`);
      levels.push(out.notice.level);
    }
    expect(levels).toEqual(['reminder', 'urge', 'warning']);
    const notices = await k.ports.notices.byTicket(k.tenantId, t.id);
    expect(notices.map((n) => n.number)).toEqual(['DB2026-000003', 'DB2026-000002', 'DB2026-000001']);
    // from the urge on, the supervisor is asked to assign
    expect(notices[1]?.addressees).toContain('supervisors');
    expect(notices[2]?.addressees).not.toContain('supervisors');
    expect((await k.ports.notices.byTenant(k.tenantId, { level: 'urge' })).items.map((n) => n.level)).toEqual(['urge']);
    // after the warning nothing is pending: the ticket is out of the due index, and a sweep a week later finds nothing
    const last = claimClock(await stored(k, t.id));
    expect(last).toMatchObject({ escalations: 3 });
    expect(last?.nextEscalationAt).toBeUndefined();
    expect(dueSkOf(k, t.id)).toBeUndefined();
    k.ports.clock.advance(7 * 24 * 60 * MINUTE);
    expect(await sweep(k)).toEqual([]);
  });

  it('drops the job of a clock met meanwhile', async () => {
    const k = await kit();
    const t = await k.raise(KEY_OWNER);
    k.ports.clock.set(after(claimClock(t)?.dueAt));
    const [job] = await sweep(k);
    if (!job) throw new Error('no job');
    await issueCommand(k.ports, await k.as('officer-jxw'), t.id, { type: 'claim' });
    expect(await applyJob(k.ports, job)).toEqual({ kind: 'dropped', reason: 'met' });
    expect(await k.ports.notices.byTicket(k.tenantId, t.id)).toEqual([]);
    expect((await stored(k, t.id)).version).toBe(2);
    // the claim put the ticket back in the due index at its next clock, the contact deadline
    const contact = (await stored(k, t.id)).clocks.find((c) => c.kind === 'contact');
    expect(dueSkOf(k, t.id)).toBe(`${contact?.nextEscalationAt}#${t.id}`);
  });
});

describe('sweep on in-memory ports', () => {
  it('two concurrent sweeps lease each due ticket once: no job twice', async () => {
    seedRoundTrips(12);
    const k = await kit();
    const tickets = await Promise.all(Array.from({ length: 12 }, (_, i) => k.raise(i % 2 ? KEY_OWNER : 'owner-03', { title: `到期 ${i}` })));
    const latest = tickets.map((t) => claimClock(t)?.dueAt ?? '').sort().at(-1);
    k.ports.clock.set(after(latest));
    const now = k.ports.clock.iso();
    const [a, b] = await Promise.all([sweepTenant(k.ports, k.tenantId, now), sweepTenant(k.ports, k.tenantId, now)]);
    expect(a.jobs + b.jobs).toBe(12);
    const jobs = k.ports.queue.escalations;
    expect(jobs).toHaveLength(12);
    expect(new Set(jobs.map((j) => j.ticketId))).toEqual(new Set(tickets.map((t) => t.id)));
    // whatever one sweep found due and did not lease, the other had leased
    expect(a.dueTickets + b.dueTickets - a.contended - b.contended).toBe(12);
    // and they did meet: both read tickets the other leased first
    expect(a.contended).toBeGreaterThan(0);
    expect(b.contended).toBeGreaterThan(0);

    // the lease runs out with the jobs never applied (the worker lost them): the next sweep enqueues them again, once
    k.ports.clock.advance(5 * MINUTE + 1);
    const again = await Promise.all([sweepAll(k.ports), sweepAll(k.ports)]);
    expect(again[0].jobs + again[1].jobs).toBe(12);
    expect(k.ports.queue.escalations).toHaveLength(24);
  });

  it('a refused send leaves the tickets leased; they are due again after the lease', async () => {
    const k = await kit();
    const t = await k.raise(KEY_OWNER);
    k.ports.clock.set(after(claimClock(t)?.dueAt));
    k.ports.queue.failNext(1, 'escalation');
    await expect(sweepAll(k.ports)).rejects.toThrow(/sweep failed/);
    expect(k.ports.logger.errors().map((l) => l.message)).toEqual(['sweep failed for tenant']);
    expect(await sweep(k)).toEqual([]);
    k.ports.clock.advance(5 * MINUTE + 1);
    expect((await sweep(k)).map((j) => j.ticketId)).toEqual([t.id]);
  });

  it('finishes an intake whose caller never retried, ten minutes after it began', async () => {
    const k = await kit();
    const owner = await k.as(KEY_OWNER);
    // the first write lands, then the store fails: the intake is left half done
    k.ports.tickets.failApplyNext(1);
    await expect(intake(k.ports, owner, body(), 'lost')).rejects.toThrow();
    const [item] = k.ports.table.dump().filter((i) => i.entity === 'TICKET');
    const id = String(item?.id);
    expect((await k.ports.tickets.get(k.tenantId, id))?.intakePending).toBe(true);
    k.ports.clock.advance(INTAKE_RECOVERY_MS - MINUTE);
    expect((await sweepAll(k.ports)).intakesFinished).toBe(0);
    k.ports.clock.advance(MINUTE);
    expect((await sweepAll(k.ports)).intakesFinished).toBe(1);
    const s = await k.ports.tickets.get(k.tenantId, id);
    expect(s?.intakePending).toBeUndefined();
    expect(k.ports.queue.outboxOf(id).map((m) => m.id)).toEqual([`${id}:1:0`]);
    // now in its lists, and in the due index at its claim clock
    expect((await k.ports.tickets.byTenant(k.tenantId)).items.map((x) => x.id)).toEqual([id]);
    expect(dueSkOf(k, id)).toBe(`${claimClock(s?.ticket as Ticket)?.dueAt}#${id}`);
  });
});
