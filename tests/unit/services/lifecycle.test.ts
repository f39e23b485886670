import { actorOf, defaultCalendar, DEFAULT_CLOCK_POLICY, effectsOf, TransitionError, transition, type CommandRequest, type Principal, type Ticket } from '@whistle/shared';
import { describe, expect, it } from 'vitest';
import { issueCommand, listTickets, ticketDetail } from '../../../functions/src/services/tickets.js';
import { failure, KEY_OWNER, kit, type Kit } from './kit.js';

const HOUR = 3600_000;

/** A ticket's whole life through issueCommand, as the routes run it. */
describe('commands on in-memory ports', () => {
  it('claim → message → requestInfo → the owner answers → progress → resolve → rate → reopen', async () => {
    const k = await kit();
    const { ports } = k;
    const [owner, officer, supervisor] = [await k.as(KEY_OWNER), await k.as('officer-jxw'), await k.as('supervisor')];
    const t = await k.raise(KEY_OWNER);
    const run = async (p: Principal, req: CommandRequest, after = HOUR) => {
      ports.clock.advance(after);
      return issueCommand(ports, p, t.id, req);
    };
    const clock = (x: Ticket, kind: string) => x.clocks.find((c) => c.kind === kind);

    const claimed = await run(officer, { type: 'claim' }, 30 * 60_000);
    expect(claimed).toMatchObject({ status: 'claimed', handlingUnitId: 'jxw', version: 2 });
    expect(clock(claimed, 'claim')?.metAt).toBe(claimed.claimedAt);
    expect(clock(claimed, 'contact')?.metAt).toBeUndefined();

    const replied = await run(officer, { type: 'message', text: '已收到，明天上门了解情况' });
    expect(replied.status).toBe('claimed');
    expect(clock(replied, 'contact')?.metAt).toBe(replied.updatedAt);

    const asked = await run(officer, { type: 'requestInfo', text: '请提供用电负荷测算表' });
    expect(asked.status).toBe('waitingEnterprise');
    expect(clock(asked, 'resolve')?.pausedAt).toBe(asked.updatedAt);
    // nothing to rate while the ticket is being handled
    expect(await failure(() => run(owner, { type: 'rate', score: 'satisfied' }, 0))).toBeInstanceOf(TransitionError);

    const answered = await run(owner, { type: 'message', text: '测算表已上传' }, 5 * HOUR);
    expect(answered.status).toBe('claimed');
    const resolveClock = clock(answered, 'resolve');
    expect(resolveClock?.pausedAt).toBeUndefined();
    // the paused five hours do not count: the deadline moved later
    expect(resolveClock?.dueAt && resolveClock.dueAt > (clock(asked, 'resolve')?.dueAt ?? '')).toBe(true);

    const progressed = await run(officer, { type: 'progress', text: '已协调供电公司现场勘查' });
    expect(progressed.status).toBe('claimed');

    const resolved = await run(officer, { type: 'resolve', kind: 'resolved', summary: '供电公司已完成增容' }, 24 * HOUR);
    expect(resolved).toMatchObject({ status: 'resolved', resolution: { kind: 'resolved', by: 'officer-jxw', unitId: 'jxw' } });
    expect(resolved.clocks.every((c) => c.metAt !== undefined)).toBe(true);
    // every clock met before its deadline
    for (const c of resolved.clocks) expect(c.metAt && c.metAt <= c.dueAt).toBe(true);

    const rated = await run(owner, { type: 'rate', score: 'satisfied', comment: '响应很快' });
    expect(rated).toMatchObject({ status: 'closed', rating: { score: 'satisfied' } });
    // a closed ticket leaves the due index: nothing for the sweep to look at
    expect(ports.table.get({ pk: `T#${k.tenantId}#TICKET#${t.id}`, sk: 'TICKET' })?.dueSk).toBeUndefined();

    const reopened = await run(owner, { type: 'reopen', reason: '增容后仍频繁跳闸' }, 3 * 24 * HOUR);
    expect(reopened).toMatchObject({ status: 'claimed', handlingUnitId: 'jxw', reopenCount: 1, version: 9 });
    expect(reopened.rating).toBeUndefined();
    expect(reopened.clocks.filter((c) => c.kind === 'resolve' && !c.metAt)).toHaveLength(1);

    const d = await ticketDetail(ports, owner, t.id);
    expect(d.timeline.map((e) => e.kind)).toEqual(['created', 'published', 'claimed', 'message', 'infoRequested', 'message', 'progress', 'resolved', 'rated', 'reopened']);
    expect(d.timeline.map((e) => e.seq)).toEqual([100, 101, 200, 300, 400, 500, 600, 700, 800, 900]);
    expect(d.ticket.version).toBe(9);
    const events = ports.queue.outboxOf(t.id).map((m) => [m.id, m.event]);
    expect(events).toEqual([
      [`${t.id}:1:0`, 'published'],
      [`${t.id}:2:0`, 'claimed'],
      [`${t.id}:3:0`, 'replied'],
      [`${t.id}:4:0`, 'infoRequested'],
      [`${t.id}:5:0`, 'replied'],
      [`${t.id}:6:0`, 'progress'],
      [`${t.id}:7:0`, 'resolved'],
      // the resolve told to its enterprise's commissioners (亲清特使) as news, not as the call to rate
      [`${t.id}:7:1`, 'resolved'],
      [`${t.id}:8:0`, 'rated'],
      [`${t.id}:9:0`, 'reopened'],
    ]);
    // who hears: the owner's reply goes to the handling unit, the unit's request to the enterprise
    const byEvent = new Map(ports.queue.outboxOf(t.id).map((m) => [m.id, m.audience]));
    expect(byEvent.get(`${t.id}:5:0`)).toEqual([{ kind: 'unit', id: 'jxw' }]);
    expect(byEvent.get(`${t.id}:4:0`)).toEqual([{ kind: 'enterprise', id: t.enterpriseId }]);
    expect(byEvent.get(`${t.id}:9:0`)).toEqual([{ kind: 'unit', id: 'jxw' }, { kind: 'supervisors' }]);
    expect(byEvent.get(`${t.id}:7:1`)).toEqual([{ kind: 'commissioners', enterpriseId: t.enterpriseId }]);

    // the lists follow: the unit's view, the supervisor's open view
    expect((await listTickets(ports, officer, { view: 'unit', limit: 20 })).items.map((x) => x.id)).toEqual([t.id]);
    expect((await listTickets(ports, supervisor, { view: 'supervision', status: 'open', limit: 20 })).items.map((x) => x.id)).toEqual([t.id]);
  });

  it('refuses a reopen after the window', async () => {
    const k = await kit();
    const t = await k.raise(KEY_OWNER);
    const [owner, officer] = [await k.as(KEY_OWNER), await k.as('officer-fgw')];
    await issueCommand(k.ports, officer, t.id, { type: 'claim' });
    await issueCommand(k.ports, officer, t.id, { type: 'resolve', kind: 'answered', summary: '政策已解读' });
    k.ports.clock.advance(16 * 24 * HOUR);
    const e = await failure(() => issueCommand(k.ports, owner, t.id, { type: 'reopen', reason: '还是不清楚' }));
    expect(e).toBeInstanceOf(TransitionError);
    expect((await k.ports.tickets.get(k.tenantId, t.id))?.ticket.status).toBe('resolved');
  });
});

/** A transition committed without its effects (the process died after the commit) is finished by whoever comes next. */
describe('a crash between commit and effects', () => {
  /** commits `message` on the ticket as the repository would, and skips finishEffects */
  async function commitWithoutEffects(k: Kit, ticketId: string, p: Principal, text: string): Promise<Ticket> {
    const read = await k.ports.tickets.get(k.tenantId, ticketId);
    if (!read) throw new Error('no ticket');
    const result = transition(read.ticket, { type: 'message', text }, {
      principal: p,
      now: k.ports.clock.iso(),
      calendar: defaultCalendar(),
      policy: DEFAULT_CLOCK_POLICY,
      groupUnitIds: [],
    });
    if (!result.ok) throw result.error;
    const effects = effectsOf(result.ticket, actorOf(p), result.entries, result.notifications);
    expect(await k.ports.tickets.commit(read, result.ticket, effects)).toBe(true);
    return result.ticket;
  }

  it('the next reader (ticketDetail) finishes it: timeline written, outbox sent with the same id', async () => {
    const k = await kit();
    const owner = await k.as(KEY_OWNER);
    const t = await k.raise(KEY_OWNER);
    k.ports.clock.advance(HOUR);
    const next = await commitWithoutEffects(k, t.id, owner, '补充一下：需要在月底前');
    expect((await k.ports.tickets.get(k.tenantId, t.id))?.pending?.notifications.map((m) => m.id)).toEqual([`${t.id}:2:0`, `${t.id}:2:assess`]);
    expect(k.ports.queue.outboxOf(t.id).map((m) => m.id)).toEqual([`${t.id}:1:0`]);

    const d = await ticketDetail(k.ports, owner, t.id);
    expect(d.ticket.version).toBe(next.version);
    expect(d.timeline.map((e) => e.kind)).toEqual(['created', 'published', 'message']);
    expect(k.ports.queue.outboxOf(t.id).map((m) => m.id)).toEqual([`${t.id}:1:0`, `${t.id}:2:0`]);
    expect((await k.ports.tickets.get(k.tenantId, t.id))?.pending).toBeUndefined();
    // read again: nothing more is sent
    await ticketDetail(k.ports, owner, t.id);
    expect(k.ports.queue.outboxOf(t.id)).toHaveLength(2);
  });

  it('the next writer finishes it before its own transition, under the same ids', async () => {
    const k = await kit();
    const owner = await k.as(KEY_OWNER);
    const t = await k.raise(KEY_OWNER);
    await commitWithoutEffects(k, t.id, owner, '补充一下：需要在月底前');
    k.ports.clock.advance(HOUR);
    const claimed = await issueCommand(k.ports, await k.as('officer-jxw'), t.id, { type: 'claim' });
    expect(claimed.version).toBe(3);
    expect(k.ports.queue.outboxOf(t.id).map((m) => m.id)).toEqual([`${t.id}:1:0`, `${t.id}:2:0`, `${t.id}:3:0`]);
    const d = await ticketDetail(k.ports, owner, t.id);
    expect(d.timeline.map((e) => e.kind)).toEqual(['created', 'published', 'message', 'claimed']);
  });

  it('a store failure after the commit leaves the effects pending; the next reader finishes them', async () => {
    const k = await kit();
    const owner = await k.as(KEY_OWNER);
    const officer = await k.as('officer-jxw');
    const t = await k.raise(KEY_OWNER);
    await issueCommand(k.ports, officer, t.id, { type: 'claim' });
    k.ports.tickets.failApplyNext(1);
    await expect(issueCommand(k.ports, officer, t.id, { type: 'message', text: '明天上门' })).rejects.toThrow();
    // committed: the ticket moved on, its effects wait
    const stored = await k.ports.tickets.get(k.tenantId, t.id);
    expect(stored?.ticket.version).toBe(3);
    expect(stored?.pending?.notifications.map((m) => m.id)).toEqual([`${t.id}:3:0`, `${t.id}:3:assess`]);
    const d = await ticketDetail(k.ports, owner, t.id);
    expect(d.timeline.map((e) => e.kind)).toEqual(['created', 'published', 'claimed', 'message']);
    expect(k.ports.queue.outboxOf(t.id).map((m) => m.id)).toEqual([`${t.id}:1:0`, `${t.id}:2:0`, `${t.id}:3:0`]);
  });
});
