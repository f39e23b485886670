import { AlreadyClaimedError, ForbiddenError, NotFoundError, type Ticket } from '@whistle/shared';
import { describe, expect, it } from 'vitest';
import { claim, issueCommand, ticketDetail } from '../../../functions/src/services/tickets.js';
import { seedRoundTrips } from '../../support/memory/index.js';
import { DEPARTMENTS, failure, KEY_OWNER, kit, MEMBER_UNITS, UNLIMITED, type Kit } from './kit.js';

/** 发声认领 on in-memory ports: one winner, and every loser told who it is. */

/** n turns of the event loop */
const turns = async (n: number) => {
  for (let i = 0; i < n; i++) await new Promise<void>((resolve) => setImmediate(resolve));
};

const settle = <T>(p: Promise<T>) => p.then((value) => ({ ok: true as const, value }), (error: unknown) => ({ ok: false as const, error }));

const lockAs = (k: Kit, ticketId: string, unitId: string, untilMs: number, token = `crashed-${unitId}`) =>
  k.ports.tickets.lockClaim(k.tenantId, ticketId, {
    token,
    unitId,
    unitName: unitId,
    until: new Date(untilMs).toISOString(),
    now: new Date().toISOString(),
    groupIds: ['key'],
  });

describe('claim on in-memory ports', () => {
  it('lets exactly one of 40 concurrent claims from 9 units win; every loser names the winner', async () => {
    const k = await kit();
    const t = await k.raise(KEY_OWNER);
    const people = [...MEMBER_UNITS.flatMap((u) => [`officer-${u}`, `lead-${u}`]), 'grid-g01', 'grid-g02'];
    const principals = await Promise.all(people.map((u) => k.as(u)));
    const results = await Promise.all(Array.from({ length: 40 }, (_, i) => settle(claim(k.ports, principals[i % principals.length] ?? principals[0]!, t.id))));

    const winners = results.flatMap((r) => (r.ok ? [r.value] : []));
    expect(winners).toHaveLength(1);
    const won = winners[0] as Ticket;
    expect(won).toMatchObject({ status: 'claimed', version: 2 });
    expect(MEMBER_UNITS).toContain(won.handlingUnitId);
    const losers = results.flatMap((r) => (r.ok ? [] : [r.error]));
    expect(losers).toHaveLength(39);
    for (const e of losers) {
      expect(e).toBeInstanceOf(AlreadyClaimedError);
      expect(e).toMatchObject({ unitId: won.handlingUnitId, unitName: won.handlingUnitName });
    }

    const d = await ticketDetail(k.ports, await k.as(KEY_OWNER), t.id);
    expect(d.ticket).toMatchObject({ version: 2, handlingUnitId: won.handlingUnitId });
    expect(d.timeline.map((e) => e.kind)).toEqual(['created', 'published', 'claimed']);
    expect(d.ticket.clocks.map((c) => c.kind).sort()).toEqual(['claim', 'contact', 'resolve']);
    expect(d.ticket.clocks.find((c) => c.kind === 'claim')?.metAt).toBe(d.ticket.claimedAt);
    // the losers did not re-send the winner's effects: one "claimed" message
    expect(k.ports.queue.outboxOf(t.id).filter((m) => m.event === 'claimed').map((m) => m.id)).toEqual([`${t.id}:2:0`]);
    expect(k.ports.metrics.count('Command_claim')).toBe(1);
    expect(k.ports.metrics.count('ClaimLost')).toBe(39);
  });

  it('names, in every 409, the unit that ends up handling the ticket: 28 claims racing one assign, on 30 tickets', async () => {
    seedRoundTrips(28);
    // 30 claims per officer within a second: more than the default 30 per minute allows
    const k = await kit(undefined, { rateLimits: UNLIMITED });
    const people = [...MEMBER_UNITS.flatMap((u) => [`officer-${u}`, `lead-${u}`]), 'grid-g01', 'grid-g02', 'officer-jxw', 'officer-fgw', 'officer-dgjd', 'lead-jxw', 'lead-fgw', 'grid-g01', 'grid-g02', 'officer-rsj'];
    const claimers = await Promise.all(people.slice(0, 28).map((u) => k.as(u)));
    const supervisor = await k.as('supervisor');
    let assignsWon = 0;
    for (let round = 0; round < 30; round++) {
      const t = await k.raise(KEY_OWNER, { title: `指派与认领竞争 ${round}` });
      const assignTo = DEPARTMENTS[round % DEPARTMENTS.length] ?? 'jxw';
      // the claims arrive two event-loop turns apart; the assign lands somewhere among them (it makes two
      // more round trips than a claim before its decisive write: resolving the unit, reading the ticket)
      const at = round % 29;
      const results = await Promise.all([
        ...claimers.map((p, i) => settle(turns(8 + 2 * i).then(() => issueCommand(k.ports, p, t.id, { type: 'claim' })))),
        settle(turns(2 * at).then(() => issueCommand(k.ports, supervisor, t.id, { type: 'assign', unitId: assignTo }))),
      ]);
      const d = await ticketDetail(k.ports, supervisor, t.id);
      const holder = d.ticket.handlingUnitId;
      expect(d.ticket.status).toBe('claimed');
      expect(results.filter((r) => r.ok)).toHaveLength(1);
      for (const r of results) {
        if (r.ok) continue;
        expect(r.error).toBeInstanceOf(AlreadyClaimedError);
        expect((r.error as AlreadyClaimedError).unitId).toBe(holder);
      }
      const kinds = d.timeline.map((e) => e.kind);
      expect(kinds.filter((x) => x === 'claimed' || x === 'assigned')).toHaveLength(1);
      if (kinds.includes('assigned')) {
        assignsWon++;
        expect(holder).toBe(assignTo);
      }
    }
    // the arrivals above make each side win some rounds (the round trips' jitter is seeded: the same rounds each run)
    expect(assignsWon).toBeGreaterThan(0);
    expect(assignsWon).toBeLessThan(30);
  });

  it('refuses a unit outside the ticket groups: not found when it cannot see the ticket, forbidden when it can', async () => {
    const k = await kit();
    // owner-03: materials, grid g03 (南山镇) → ind-materials + town-nsz; 西城街道 is in neither
    const t = await k.raise('owner-03');
    const outsider = await k.as('officer-xcjd');
    expect(await failure(() => claim(k.ports, outsider, t.id))).toBeInstanceOf(NotFoundError);
    // raised by 西城街道 on the enterprise's behalf: visible to it, still not claimable by it
    const onBehalf = await k.raise('officer-xcjd', { enterpriseId: t.enterpriseId, channel: 'visit', title: '代企业吹哨' });
    expect(await failure(() => claim(k.ports, outsider, onBehalf.id))).toBeInstanceOf(ForbiddenError);
    // the supervisor belongs to no unit: it assigns, it cannot claim
    const supervisor = await k.as('supervisor');
    expect(await failure(() => claim(k.ports, supervisor, t.id))).toBeInstanceOf(ForbiddenError);
    const after = await k.ports.tickets.get(k.tenantId, onBehalf.id);
    expect(after).toMatchObject({ ticket: { status: 'published', version: 1 } });
    expect(after?.claimLock).toBeUndefined();
  });

  it('a lock whose holder crashed expires: the next claim takes it over and wins', async () => {
    const k = await kit();
    const t = await k.raise(KEY_OWNER);
    expect((await lockAs(k, t.id, 'fgw', Date.now() - 1))?.holder.token).toBe('crashed-fgw');
    const won = await claim(k.ports, await k.as('officer-jxw'), t.id);
    expect(won).toMatchObject({ status: 'claimed', handlingUnitId: 'jxw' });
    // the winner's commit keeps its own lock in place of the crashed one, and a later claim reads it
    expect((await k.ports.tickets.get(k.tenantId, t.id))?.claimLock?.unitId).toBe('jxw');
    const fgw = await k.as('officer-fgw');
    const late = await failure(() => claim(k.ports, fgw, t.id));
    expect(late).toMatchObject({ code: 'ALREADY_CLAIMED', unitId: 'jxw' });
  });

  it('a live lock held by another request makes a claim and an assign lose to it; a message meanwhile keeps it', async () => {
    const k = await kit();
    const t = await k.raise(KEY_OWNER);
    await lockAs(k, t.id, 'fgw', Date.now() + 60_000);
    const [jxw, supervisor] = [await k.as('officer-jxw'), await k.as('supervisor')];
    expect(await failure(() => claim(k.ports, jxw, t.id))).toMatchObject({ unitId: 'fgw' });
    expect(await failure(() => issueCommand(k.ports, supervisor, t.id, { type: 'assign', unitId: 'jxw' }))).toMatchObject({
      code: 'ALREADY_CLAIMED',
      unitId: 'fgw',
    });
    // a command that leaves the ticket published commits, and the claim in progress keeps its lock
    const m = await issueCommand(k.ports, await k.as(KEY_OWNER), t.id, { type: 'message', text: '请尽快联系我们' });
    expect(m).toMatchObject({ status: 'published', version: 2 });
    expect((await k.ports.tickets.get(k.tenantId, t.id))?.claimLock?.unitId).toBe('fgw');
  });

  it('a commit that read no lock fails once a lock is taken; the next commit after a claim drops the lock', async () => {
    const k = await kit();
    const t = await k.raise(KEY_OWNER);
    const read = await k.ports.tickets.get(k.tenantId, t.id);
    await lockAs(k, t.id, 'fgw', Date.now() + 60_000);
    if (!read) throw new Error('no ticket');
    const next = { ...read.ticket, version: 2, updatedAt: k.ports.clock.iso() };
    expect(await k.ports.tickets.commit(read, next, { entries: [], notifications: [] })).toBe(false);

    const u = await k.raise(KEY_OWNER, { title: '认领后移交' });
    await claim(k.ports, await k.as('officer-jxw'), u.id);
    expect((await k.ports.tickets.get(k.tenantId, u.id))?.claimLock?.unitId).toBe('jxw');
    await issueCommand(k.ports, await k.as('officer-jxw'), u.id, { type: 'transfer', unitId: 'ghzy', reason: '涉及用地规划' });
    const after = await k.ports.tickets.get(k.tenantId, u.id);
    expect(after?.claimLock).toBeUndefined();
    expect(after?.ticket.handlingUnitId).toBe('ghzy');
  });
});
