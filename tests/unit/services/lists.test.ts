import { ValidationError } from '@whistle/shared';
import { describe, expect, it } from 'vitest';
import { deskQueue } from '../../../functions/src/services/desk.js';
import { applyJob } from '../../../functions/src/services/escalation.js';
import { acknowledgeNotice, listNotices } from '../../../functions/src/services/supervision.js';
import { sweepAll } from '../../../functions/src/services/sweep.js';
import { issueCommand, listTickets } from '../../../functions/src/services/tickets.js';
import { EVENING, failure, KEY_OWNER, kit, UNLIMITED } from './kit.js';

const MINUTE = 60_000;

/** The read side on in-memory ports: lists and feeds as the indexes serve them. */
describe('lists on in-memory ports', () => {
  it('pages an enterprise’s tickets newest first with a cursor; a forged cursor is refused', async () => {
    // 26 intakes from one enterprise within a second of wall-clock time: more than the default 20 per hour
    const k = await kit(undefined, { rateLimits: UNLIMITED });
    const owner = await k.as(KEY_OWNER);
    const ids: string[] = [];
    for (let i = 0; i < 25; i++) {
      k.ports.clock.advance(MINUTE);
      ids.push((await k.raise(KEY_OWNER, { title: `第 ${i} 件` })).id);
    }
    await k.raise('owner-03');
    const seen: string[] = [];
    let cursor: string | undefined;
    let pages = 0;
    do {
      const page = await listTickets(k.ports, owner, { view: 'mine', limit: 10, ...(cursor ? { cursor } : {}) });
      seen.push(...page.items.map((t) => t.id));
      cursor = page.cursor;
      pages++;
    } while (cursor);
    expect(pages).toBe(3);
    expect(seen).toEqual([...ids].reverse());
    expect(await failure(() => listTickets(k.ports, owner, { view: 'mine', limit: 10, cursor: 'bm90LWEtY3Vyc29y' }))).toBeInstanceOf(ValidationError);
  });

  it('a unit lists the tickets it handles and those it co-handles; a leader lists what he leads; the feed shows changes', async () => {
    const k = await kit();
    const t = await k.raise(KEY_OWNER);
    k.ports.clock.advance(MINUTE);
    const other = await k.raise(KEY_OWNER, { title: '另一件' });
    const [jxw, fgw, supervisor, leader] = [await k.as('officer-jxw'), await k.as('officer-fgw'), await k.as('supervisor'), await k.as('leader-zhang')];
    // every change up to now is before this position (ids sort before "~")
    const since = `${k.ports.clock.iso()}~`;
    k.ports.clock.advance(MINUTE);
    await issueCommand(k.ports, jxw, t.id, { type: 'claim' });
    await issueCommand(k.ports, jxw, t.id, { type: 'joint', leadUnitId: 'jxw', coUnits: [{ unitId: 'fgw', task: '协调产业扶持资金' }] });
    await issueCommand(k.ports, supervisor, t.id, { type: 'lead', leaderUserId: 'leader-zhang' });

    expect((await listTickets(k.ports, jxw, { view: 'unit', limit: 20 })).items.map((x) => x.id)).toEqual([t.id]);
    expect((await listTickets(k.ports, fgw, { view: 'unit', limit: 20 })).items.map((x) => x.id)).toEqual([t.id]);
    expect((await listTickets(k.ports, await k.as('officer-rsj'), { view: 'unit', limit: 20 })).items).toEqual([]);
    expect((await listTickets(k.ports, leader, { view: 'leader', limit: 20 })).items.map((x) => x.id)).toEqual([t.id]);
    expect((await listTickets(k.ports, supervisor, { view: 'supervision', limit: 20 })).items.map((x) => x.id)).toEqual([other.id, t.id]);

    const changed = await k.ports.tickets.feedSince(k.tenantId, 'key', since, 10);
    expect(changed.cards.map((c) => [c.ticketId, c.status, c.handlingUnitId])).toEqual([[t.id, 'claimed', 'jxw']]);
    const feed = await k.ports.tickets.feed(k.tenantId, 'key', undefined, 10);
    expect(feed.cards.map((c) => c.ticketId)).toEqual([other.id, t.id]);
    const open = await k.ports.tickets.openTickets(k.tenantId, 100);
    expect(open).toMatchObject({ scanned: 2, truncated: false });
    await issueCommand(k.ports, jxw, other.id, { type: 'claim' });
    await issueCommand(k.ports, jxw, other.id, { type: 'resolve', kind: 'answered', summary: '已答复' });
    expect((await k.ports.tickets.openTickets(k.tenantId, 100)).items.map((x) => x.id)).toEqual([t.id]);
    expect(await k.ports.tickets.openTickets(k.tenantId, 1)).toMatchObject({ scanned: 1, truncated: true });
  });

  it('the desk queue holds the after-hours tickets until the desk answers', async () => {
    const k = await kit(EVENING);
    const t = await k.raise(KEY_OWNER);
    k.ports.clock.advance(MINUTE);
    const u = await k.raise('owner-03');
    const agent = await k.as('agent-1');
    expect((await deskQueue(k.ports, agent)).items.map((x) => x.id)).toEqual([t.id, u.id]);
    k.ports.clock.advance(10 * MINUTE);
    const answered = await issueCommand(k.ports, agent, t.id, { type: 'deskAnswer', text: '该政策可在线申报，链接已发送' });
    expect(answered).toMatchObject({ status: 'resolved', desk: { state: 'answered' } });
    const queue = await deskQueue(k.ports, agent);
    expect(queue.items.map((x) => x.id)).toEqual([u.id]);
    expect(queue.afterHours).toBe(true);
  });

  it('a unit acknowledges a notice addressed to it once; the notice lists filter by unit and level', async () => {
    const k = await kit();
    const t = await k.raise(KEY_OWNER);
    const jxw = await k.as('officer-jxw');
    await issueCommand(k.ports, jxw, t.id, { type: 'claim' });
    // the contact clock runs out: a reminder to the handling unit
    const contact = (await k.ports.tickets.get(k.tenantId, t.id))?.ticket.clocks.find((c) => c.kind === 'contact');
    k.ports.clock.set(new Date(Date.parse(contact?.dueAt ?? '') + MINUTE));
    await sweepAll(k.ports);
    const job = k.ports.queue.escalations.find((j) => j.clockId === 'contact');
    if (!job) throw new Error('no job');
    const out = await applyJob(k.ports, job);
    if (out.kind !== 'issued') throw new Error('not issued');
    expect(out.notice).toMatchObject({ unitId: 'jxw', level: 'reminder', addressees: ['unit:jxw'] });

    expect((await listNotices(k.ports, jxw, {})).items.map((n) => n.id)).toEqual([out.notice.id]);
    expect((await listNotices(k.ports, jxw, { level: 'urge' })).items).toEqual([]);
    expect((await listNotices(k.ports, await k.as('officer-fgw'), {})).items).toEqual([]);
    await expect(acknowledgeNotice(k.ports, await k.as('officer-fgw'), out.notice.id)).rejects.toMatchObject({ code: 'NOT_FOUND' });
    const first = await acknowledgeNotice(k.ports, jxw, out.notice.id);
    expect(first).toMatchObject({ alreadyAcknowledged: false, notice: { acknowledgedBy: 'officer-jxw' } });
    k.ports.clock.advance(MINUTE);
    const again = await acknowledgeNotice(k.ports, await k.as('lead-jxw'), out.notice.id);
    expect(again).toMatchObject({ alreadyAcknowledged: true, notice: { acknowledgedBy: 'officer-jxw', acknowledgedAt: first.notice.acknowledgedAt } });
  });
});
