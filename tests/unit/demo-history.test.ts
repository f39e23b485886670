import { dueJobs, nextSweepAt, SupervisionNotice, TICKET_STATUSES, TimelineEntry, type Ticket } from '@whistle/shared';
import { beforeAll, describe, expect, it } from 'vitest';
import { HISTORY_WEEKS, loadDemoHistory, planDemoHistory, UNIT_DILIGENCE, writeHistory, type HistoryDeps, type HistoryPlan } from '../../functions/src/local/demo-history.js';
import { StagedWrites } from '../../functions/src/local/staged-writes.js';
import type { Item } from '../../functions/src/store/dynamo.js';
import type { Key } from '../../functions/src/store/keys.js';
import { applyJob } from '../../functions/src/services/escalation.js';
import { sweepTenant } from '../../functions/src/services/sweep.js';
import { principalOf } from '../../functions/src/services/principal.js';
import { overview } from '../../functions/src/services/supervision.js';
import { listTickets } from '../../functions/src/services/tickets.js';
import { tenantContext } from '../../functions/src/services/tenant-context.js';
import { parseStored } from '../../functions/src/store/ticket-items.js';
import { demoPorts, type MemoryPorts } from '../support/memory/index.js';
import { MemoryHistoryMarker } from '../support/memory/history-marker.js';

/** Monday 30 November 2026, 10:00 in Shanghai */
const ANCHOR = '2026-11-30T02:00:00.000Z';
const DAY = 24 * 3600_000;
/** a whole load (two planning passes, some 2,400 commits) takes a couple of seconds; more on a busy machine */
const SLOW = 30_000;
const WEEK = 7 * DAY;

const depsOf = (ports: MemoryPorts): HistoryDeps => ({
  tickets: ports.tickets,
  notices: ports.notices,
  outbox: ports.outbox,
  settings: ports.settings,
  refs: ports.refs,
  historyMarker: new MemoryHistoryMarker(ports.table),
});

/** the whole table, in key order, as text: two runs that wrote the same thing give the same string */
const snapshot = (ports: MemoryPorts) =>
  JSON.stringify(ports.table.dump().sort((a, b) => (`${String(a.pk)}\u0000${String(a.sk)}` < `${String(b.pk)}\u0000${String(b.sk)}` ? -1 : 1)));

const ticketsOf = (ports: MemoryPorts): Ticket[] => ports.table.dump().filter((i) => i.entity === 'TICKET').map((i) => parseStored(i).ticket);
const noticesOf = (ports: MemoryPorts): SupervisionNotice[] => ports.table.dump().filter((i) => i.entity === 'NOTICE').map((i) => SupervisionNotice.parse(i));
const count = <T>(xs: T[], f: (x: T) => boolean) => xs.filter(f).length;

describe('the demo district’s history', () => {
  let direct: MemoryPorts;
  let tickets: Ticket[];
  let notices: SupervisionNotice[];
  let plan: HistoryPlan;

  beforeAll(async () => {
    const { ports, data } = await demoPorts({ now: ANCHOR });
    const loaded = await loadDemoHistory(depsOf(ports), data, ANCHOR);
    expect(loaded).toMatchObject({ state: 'loaded', anchor: ANCHOR });
    direct = ports;
    tickets = ticketsOf(ports);
    notices = noticesOf(ports);
    plan = planDemoHistory(data, await tenantContext(ports, data.tenant.id), ANCHOR);
  }, SLOW);

  it('holds ≥ 320 requests in every status, spread over the 13 weeks before the anchor', () => {
    expect(tickets.length).toBeGreaterThanOrEqual(320);
    for (const status of TICKET_STATUSES) expect(count(tickets, (t) => t.status === status), status).toBeGreaterThan(0);
    const weeks = new Map<number, number>();
    for (const t of tickets) {
      const age = Date.parse(ANCHOR) - Date.parse(t.createdAt);
      expect(age).toBeGreaterThan(0);
      const week = Math.floor(age / WEEK);
      weeks.set(week, (weeks.get(week) ?? 0) + 1);
    }
    expect([...weeks.keys()].sort((a, b) => a - b)).toEqual(Array.from({ length: HISTORY_WEEKS }, (_, i) => i));
    for (const [week, n] of weeks) expect(n, `week ${week}`).toBeGreaterThanOrEqual(8);
    // numbered by the tenant's counter in creation order, and the live numbering carries on after them
    const byCreation = [...tickets].sort((a, b) => (a.createdAt < b.createdAt ? -1 : 1));
    expect(byCreation.map((t) => t.number)).toEqual(byCreation.map((_, i) => `2026-${String(i + 1).padStart(6, '0')}`));
  });

  it('carries, as a warm intake stores them, the earlier requests of other enterprises that say the same thing (相似诉求)', () => {
    const byId = new Map(tickets.map((t) => [t.id, t]));
    const withSimilar = tickets.filter((t) => (t.similar?.length ?? 0) > 0);
    expect(withSimilar.length).toBeGreaterThan(tickets.length / 4);
    for (const t of withSimilar) {
      expect(t.similar?.length).toBeLessThanOrEqual(10);
      for (const s of t.similar ?? []) {
        const other = byId.get(s.ticketId);
        expect(other, s.ticketId).toBeDefined();
        expect(other?.enterpriseId).not.toBe(t.enterpriseId);
        expect(other && other.createdAt < t.createdAt).toBe(true);
        expect(s).toMatchObject({ number: other?.number, enterpriseName: other?.enterpriseName });
        expect(s.score).toBeGreaterThanOrEqual(0.25);
      }
    }
  });

  it('has the whole life of a ticket: races, declines, assignments, joint handling, leaders, the desk, reopens, ratings', () => {
    expect(count(tickets, (t) => t.declinedUnitIds.length > 0)).toBeGreaterThanOrEqual(5);
    expect(count(tickets, (t) => t.reopenCount > 0)).toBeGreaterThanOrEqual(5);
    expect(count(tickets, (t) => t.joint !== undefined)).toBeGreaterThanOrEqual(5);
    expect(count(tickets, (t) => t.joint?.coUnits.some((c) => c.doneAt) === true)).toBeGreaterThanOrEqual(5);
    const led = tickets.filter((t) => t.leader);
    expect(led.length).toBeGreaterThanOrEqual(3);
    expect(new Set(led.map((t) => t.leader?.userId))).toEqual(new Set(['leader-zhang', 'leader-li']));
    expect(count(tickets, (t) => t.desk?.state === 'answered')).toBeGreaterThan(0);
    expect(count(tickets, (t) => t.desk?.state === 'forwarded')).toBeGreaterThan(0);
    expect(count(tickets, (t) => t.difficult && !t.clocks.some((c) => c.kind === 'progress'))).toBe(0);
    const ratings = tickets.flatMap((t) => (t.rating ? [t.rating] : []));
    for (const score of ['satisfied', 'fair', 'unsatisfied'] as const) expect(count(ratings, (r) => r.score === score), score).toBeGreaterThan(0);
    expect(count(ratings, (r) => r.comment !== undefined)).toBeGreaterThan(ratings.length / 2);

    const timeline = direct.table.dump().filter((i) => i.entity === 'TL').map((i) => TimelineEntry.parse(i));
    const kinds = new Set(timeline.map((e) => e.kind));
    for (const kind of ['created', 'published', 'claimed', 'declined', 'assigned', 'transferred', 'message', 'progress', 'infoRequested', 'jointStarted', 'taskDone', 'leaderTook', 'resolved', 'rated', 'reopened', 'deskAnswered', 'deskForwarded', 'supervision'] as const) {
      expect(kinds.has(kind), kind).toBe(true);
    }
    // weekly progress on hard matters, by the lead unit and by the leaders (on site)
    expect(count(timeline, (e) => e.kind === 'progress' && e.data?.cadence === 'onsite')).toBeGreaterThan(0);
    // every ticket's timeline starts with its birth
    const first = new Map<string, TimelineEntry>();
    for (const e of timeline) if ((first.get(e.ticketId)?.seq ?? Infinity) > e.seq) first.set(e.ticketId, e);
    expect(first.size).toBe(tickets.length);
    expect(new Set([...first.values()].map((e) => e.kind))).toEqual(new Set(['created']));
  });

  it('escalated late clocks at all three levels, claim notices on unclaimed tickets among them', () => {
    for (const level of ['reminder', 'urge', 'warning'] as const) expect(count(notices, (n) => n.level === level), level).toBeGreaterThan(0);
    for (const kind of ['claim', 'contact', 'resolve', 'progress', 'task'] as const) expect(count(notices, (n) => n.clockKind === kind), kind).toBeGreaterThan(0);
    const unclaimed = new Set(tickets.filter((t) => t.status === 'published').map((t) => t.id));
    expect(count(notices, (n) => n.clockKind === 'claim' && unclaimed.has(n.ticketId))).toBeGreaterThan(0);
    expect(count(notices, (n) => n.acknowledgedAt !== undefined)).toBeGreaterThan(0);
    // numbered in issue order, and each on its ticket's timeline
    const byIssue = [...notices].sort((a, b) => (a.issuedAt === b.issuedAt ? (a.id < b.id ? -1 : 1) : a.issuedAt < b.issuedAt ? -1 : 1));
    expect(byIssue.map((n) => n.number)).toEqual(byIssue.map((_, i) => `DB2026-${String(i + 1).padStart(6, '0')}`));
    const recorded = new Set(direct.table.dump().filter((i) => i.entity === 'TL' && i.kind === 'supervision').map((i) => (i.data as { noticeId: string }).noticeId));
    expect(notices.every((n) => recorded.has(n.id))).toBe(true);
  });

  it('ranks units apart: the diligent draw fewer notices and better ratings than the slow', () => {
    const diligent = Object.keys(UNIT_DILIGENCE).filter((u) => (UNIT_DILIGENCE[u] ?? 0) >= 0.8);
    const slow = Object.keys(UNIT_DILIGENCE).filter((u) => (UNIT_DILIGENCE[u] ?? 1) <= 0.35);
    const rate = (units: string[]) => {
      const handled = tickets.filter((t) => units.includes(t.handlingUnitId ?? ''));
      const rated = handled.flatMap((t) => (t.rating ? [t.rating.score] : []));
      return {
        noticesPerTicket: count(notices, (n) => units.includes(n.unitId ?? '')) / handled.length,
        satisfied: count(rated, (s) => s === 'satisfied') / rated.length,
      };
    };
    const [good, poor] = [rate(diligent), rate(slow)];
    expect(poor.noticesPerTicket).toBeGreaterThan(3 * good.noticesPerTicket);
    expect(good.satisfied).toBeGreaterThan(poor.satisfied + 0.25);
  });

  it('is written as the live system writes: effects applied and settled, outbox delivered, every page has something', async () => {
    const items = direct.table.dump();
    expect(items.filter((i) => i.entity === 'OUTBOX')).toEqual([]);
    expect(items.filter((i) => i.entity === 'TICKET' && (i.pending !== undefined || i.intakePending !== undefined))).toEqual([]);
    // open tickets keep their running clocks, in the due index where their next step is
    for (const i of items.filter((x) => x.entity === 'TICKET')) {
      const t = parseStored(i).ticket;
      const next = ['published', 'claimed', 'waitingEnterprise'].includes(t.status) ? nextSweepAt(t.clocks) : undefined;
      expect(i.dueSk, t.id).toBe(next ? `${next}#${t.id}` : undefined);
      // nothing due a minute before the anchor is left for the sweep: the history issued it
      expect(dueJobs(t, new Date(Date.parse(ANCHOR) - 60_000).toISOString()), t.id).toEqual([]);
    }
    const ports = direct;
    const as = (userId: string) => principalOf(ports, { sub: userId, ten: 'qingxi' });
    for (const [userId, view] of [['owner-01', 'mine'], ['officer-rsj', 'unit'], ['lead-ghzy', 'unit'], ['leader-zhang', 'leader'], ['leader-li', 'leader'], ['supervisor', 'supervision']] as const) {
      expect((await listTickets(ports, await as(userId), { view, limit: 20 })).items.length, userId).toBeGreaterThan(0);
    }
    const o = await overview(ports, await as('supervisor'));
    expect(o.unclaimed.length).toBeGreaterThan(0);
    expect(o.overdue.length).toBeGreaterThan(0);
  });

  it('loads once: a second load adds nothing', async () => {
    const before = snapshot(direct);
    const again = await loadDemoHistory(depsOf(direct), (await demoPorts()).data, '2027-01-01T00:00:00.000Z');
    expect(again).toMatchObject({ state: 'present', anchor: ANCHOR, tickets: tickets.length, notices: notices.length });
    expect(snapshot(direct)).toBe(before);
  });

  it('is deterministic, and written behind (the local stack’s way) it leaves exactly the same table', async () => {
    const { ports, data } = await demoPorts({ now: ANCHOR });
    const staged = new StagedWrites({ batchWrite: async (puts: Item[]) => void puts.forEach((i) => ports.table.put(i as Item & Key)) }, ports);
    const deps = { ...depsOf(ports), tickets: staged.tickets, notices: staged.notices, outbox: staged.outbox, flush: () => staged.flush() };
    expect(await loadDemoHistory(deps, data, ANCHOR)).toMatchObject({ state: 'loaded', tickets: tickets.length });
    expect(staged.size).toBe(0);
    expect(snapshot(ports)).toBe(snapshot(direct));
  }, SLOW);

  it('survives a stop half way: a resumed load finishes each ticket from its stored version, as if nothing had happened', async () => {
    // a slice with every kind of write: notices and their signatures, claim locks, joint tasks, leaders, the desk
    const slice = plan.tickets.filter((t, i) => i % 9 === 0 || t.steps.some((s) => s.ticket.leader || s.acks.length > 0)).slice(0, 60);
    expect(slice.some((t) => t.steps.some((s) => s.notice))).toBe(true);
    const clean = await demoPorts({ now: ANCHOR });
    await writeHistory(depsOf(clean.ports), 'qingxi', slice, { resuming: false });

    const { ports } = await demoPorts({ now: ANCHOR });
    let calls = 0;
    // the process dies some way in: from then on nothing it asks of the store happens
    const dying = <T extends object>(port: T): T =>
      new Proxy(port, {
        get: (target, name, receiver) => {
          const value: unknown = Reflect.get(target, name, receiver);
          return typeof value === 'function'
            ? (...args: unknown[]) => (++calls > 700 ? Promise.reject(new Error('killed')) : (value as (...a: unknown[]) => unknown).apply(target, args))
            : value;
        },
      });
    await expect(writeHistory({ tickets: dying(ports.tickets), notices: dying(ports.notices), outbox: dying(ports.outbox) }, 'qingxi', slice, { resuming: false })).rejects.toThrow('killed');
    expect(snapshot(ports)).not.toBe(snapshot(clean.ports));
    await writeHistory(depsOf(ports), 'qingxi', slice, { resuming: true });
    expect(snapshot(ports)).toBe(snapshot(clean.ports));
  }, SLOW);

  it('plans a sound history whatever the anchor: no command refused, every status present', async () => {
    const { ports, data } = await demoPorts({ now: ANCHOR });
    const ctx = await tenantContext(ports, data.tenant.id);
    // a Sunday night, the National Day holiday
    for (const anchor of ['2026-11-29T14:00:00.000Z', '2026-10-04T04:00:00.000Z']) {
      const plan = planDemoHistory(data, ctx, anchor);
      expect(plan.stats.refused, anchor).toEqual([]);
      expect(plan.tickets.length, anchor).toBeGreaterThanOrEqual(320);
      expect(plan.stats.claimsLost, anchor).toBeGreaterThan(0);
      for (const status of ['published', 'claimed', 'resolved', 'closed'] as const) expect(plan.stats.statuses[status], `${anchor} ${status}`).toBeGreaterThan(0);
      expect(plan.tickets.every((t) => t.createdAt < anchor && t.steps.every((s) => s.ticket.updatedAt <= anchor))).toBe(true);
    }
  }, SLOW);

  it('hands over to the live sweep: a day later it escalates what fell due, through the same worker', async () => {
    // (last: it changes the table the other tests compare with)
    const ports = direct;
    const later = new Date(Date.parse(ANCHOR) + DAY).toISOString();
    ports.clock.set(later);
    const report = await sweepTenant(ports, 'qingxi', later);
    expect(report).toMatchObject({ intakesFinished: 0, effectsFinished: 0, outboxResent: 0 });
    expect(report.jobs).toBeGreaterThan(0);
    const ctx = await tenantContext(ports, 'qingxi');
    const outcomes = [];
    for (const job of ports.queue.escalations) outcomes.push(await applyJob(ports, job, ctx));
    expect(outcomes.some((o) => o.kind === 'issued')).toBe(true);
  }, SLOW);
});
