import { ReceiveMessageCommand } from '@aws-sdk/client-sqs';
import type { Ticket } from '@whistle/shared';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { finishEffects } from '../../functions/src/services/effects.js';
import { DEPARTMENTS, isEnvelope, startKit, type Kit } from './requests-kit.js';

/** 发声认领: exactly one unit wins, whoever asks and however many ask at once. */
let kit: Kit;
beforeAll(async () => {
  kit = await startKit();
  // 30 rounds of 28 claims, and 30 intakes from one enterprise, within seconds: more than the demo district's
  // limits (30 claims per officer per minute, 20 intakes per enterprise per hour) allow; the limits themselves
  // are tested in tests/reliability/rate-limits.test.ts
  await kit.env.deps.settings.putRateLimits(kit.tenantId, {
    intakePerEnterprise: { max: 100_000, windowSeconds: 3600 },
    claimsPerOfficer: { max: 100_000, windowSeconds: 60 },
  });
});
afterAll(async () => {
  await kit.close();
});

/** owner-01: equipment, leading tier, grid g01 (东港街道) → ind-equipment, town-dgjd, key */
const KEY_OWNER = 'owner-01';
/** units that are members of owner-01's groups */
const MEMBER_UNITS = [...DEPARTMENTS, 'dgjd'];


describe('claim', () => {
  it('routes a leading enterprise to its industry, township and key groups', async () => {
    const t = await kit.raise(KEY_OWNER);
    expect([...t.groupIds].sort()).toEqual(['ind-equipment', 'key', 'town-dgjd']);
    expect(t.status).toBe('published');
  });

  it('lets exactly one of 40 concurrent claims from 9 units win; the others learn who won', async () => {
    const t = await kit.raise(KEY_OWNER, { title: '并发认领测试' });
    const claimers = MEMBER_UNITS.flatMap((u) => [`officer-${u}`, `lead-${u}`]);
    claimers.push('grid-g01', 'grid-g02'); // grid officers of 东港街道
    const tokens = await Promise.all(claimers.map((u) => kit.token(u)));
    const calls = Array.from({ length: 40 }, (_, i) => tokens[i % tokens.length] ?? '');
    const results = await Promise.all(calls.map((token) => kit.api.call('POST', `/api/tickets/${t.id}/claim`, { token })));

    const winners = results.filter((r) => r.status === 200);
    expect(winners).toHaveLength(1);
    const won = (winners[0]?.body as { ticket: Ticket }).ticket;
    expect(won.status).toBe('claimed');
    expect(MEMBER_UNITS).toContain(won.handlingUnitId);
    const losers = results.filter((r) => r.status !== 200);
    expect(losers).toHaveLength(39);
    for (const r of losers) {
      expect(r.status).toBe(409);
      expect(r.body.error.code).toBe('ALREADY_CLAIMED');
      expect(r.body.error.details).toEqual({ unitId: won.handlingUnitId, unitName: won.handlingUnitName });
    }

    const d = await kit.detail(t.id);
    expect(d.ticket.version).toBe(2);
    expect(d.ticket.handlingUnitId).toBe(won.handlingUnitId);
    expect(d.timeline.filter((e) => e.kind === 'claimed')).toHaveLength(1);
    expect(d.timeline.map((e) => e.kind)).toEqual(['created', 'published', 'claimed']);
    // nothing else changed: the claimed ticket is the created one plus the claim (the similar requests
    // are staff's to see: the owner's intake answer never carries them)
    const { status: _s, handlingUnitId: _h, handlingUnitName: _n, claimedAt: _c, clocks, updatedAt: _u, version: _v, similar: _sim, ...rest } = d.ticket;
    const { status: _s0, clocks: clocks0, updatedAt: _u0, version: _v0, ...rest0 } = t;
    expect(rest).toEqual(rest0);
    expect(clocks.find((c) => c.kind === 'claim')?.metAt).toBeDefined();
    expect(clocks0.find((c) => c.kind === 'claim')?.metAt).toBeUndefined();
    expect(clocks.map((c) => c.kind).sort()).toEqual(['claim', 'contact', 'resolve']);

    // the losers did not re-apply the winner's effects: one "claimed" notification went out, not one per loser
    const claimedMessages: string[] = [];
    for (let i = 0; i < 30; i++) {
      const out = await kit.env.sqs.send(new ReceiveMessageCommand({ QueueUrl: kit.env.queueUrls.outbox, MaxNumberOfMessages: 10, WaitTimeSeconds: 0 }));
      const batch = out.Messages ?? [];
      if (batch.length === 0) break;
      for (const m of batch) {
        const msg = JSON.parse(m.Body ?? '{}') as { ticketId?: string; event?: string; id?: string };
        if (msg.ticketId === t.id && msg.event === 'claimed') claimedMessages.push(msg.id ?? '');
      }
    }
    expect(claimedMessages).toHaveLength(1);
  });

  it('names, in every 409, the unit that ends up handling the ticket: 28 claims racing one assign, on 30 tickets', async () => {
    const claimers = MEMBER_UNITS.flatMap((u) => [`officer-${u}`, `lead-${u}`]);
    claimers.push('grid-g01', 'grid-g02', 'officer-jxw', 'officer-fgw', 'officer-dgjd', 'lead-jxw', 'lead-fgw', 'grid-g01', 'grid-g02', 'officer-rsj');
    const tokens = await Promise.all(claimers.slice(0, 28).map((u) => kit.token(u)));
    const supervisor = await kit.token('supervisor');
    let assignsWon = 0;
    for (let round = 0; round < 30; round++) {
      const t = await kit.raise(KEY_OWNER, { title: `指派与认领竞争 ${round}` });
      const assignTo = DEPARTMENTS[round % DEPARTMENTS.length];
      const calls = tokens.map((token) => kit.api.call('POST', `/api/tickets/${t.id}/claim`, { token }));
      // the assign lands somewhere among the claims
      calls.splice(round % 29, 0, kit.api.call('POST', `/api/tickets/${t.id}/assign`, { token: supervisor, body: { unitId: assignTo } }));
      const results = await Promise.all(calls);
      const d = await kit.detail(t.id);
      const holder = d.ticket.handlingUnitId;
      expect(d.ticket.status).toBe('claimed');
      expect(results.filter((r) => r.status === 200)).toHaveLength(1);
      for (const r of results.filter((x) => x.status !== 200)) {
        expect(r.status).toBe(409);
        expect(r.body.error.code).toBe('ALREADY_CLAIMED');
        expect(r.body.error.details.unitId).toBe(holder);
      }
      const kinds = d.timeline.map((e) => e.kind);
      expect(kinds.filter((k) => k === 'claimed' || k === 'assigned')).toHaveLength(1);
      if (kinds.includes('assigned')) {
        assignsWon++;
        expect(holder).toBe(assignTo);
      }
    }
    // both sides win sometimes in 30 rounds is likely but not certain; what matters is above: never a wrong name
    expect(assignsWon).toBeLessThanOrEqual(30);
  });

  it('answers a later claim 409 ALREADY_CLAIMED naming the handling unit, also from the winner itself', async () => {
    const t = await kit.raise(KEY_OWNER);
    const first = await kit.api.call('POST', `/api/tickets/${t.id}/claim`, { token: await kit.token('officer-fgw') });
    expect(first.status).toBe(200);
    for (const who of ['officer-jxw', 'lead-fgw']) {
      const again = await kit.api.call('POST', `/api/tickets/${t.id}/claim`, { token: await kit.token(who) });
      expect(again.status).toBe(409);
      expect(again.body.error).toMatchObject({ code: 'ALREADY_CLAIMED', details: { unitId: 'fgw', unitName: '区发展和改革委员会' } });
    }
    expect((await kit.detail(t.id)).ticket.version).toBe(2);
  });

  it('refuses units outside the ticket groups: 404 when they cannot see it, 403 when they can', async () => {
    // owner-03: materials, grid g03 (南山镇) → ind-materials + town-nsz; 西城街道 is in neither
    const t = await kit.raise('owner-03');
    expect([...t.groupIds].sort()).toEqual(['ind-materials', 'town-nsz']);
    const outsider = await kit.api.call('POST', `/api/tickets/${t.id}/claim`, { token: await kit.token('officer-xcjd') });
    expect(outsider.status).toBe(404);
    expect(outsider.body.error.code).toBe('NOT_FOUND');

    // an officer of 西城街道 who raised it on an enterprise's behalf sees it, but may not claim it
    const onBehalf = await kit.api.call('POST', '/api/tickets', {
      token: await kit.token('officer-xcjd'),
      headers: { 'idempotency-key': 'claim-on-behalf-1' },
      body: { title: '走访发现的问题', description: '企业反映用工难', category: 'talent', channel: 'visit', enterpriseId: kit.enterpriseOf('owner-03') },
    });
    expect(onBehalf.status).toBe(201);
    const id = (onBehalf.body as { ticket: Ticket }).ticket.id;
    const forbidden = await kit.api.call('POST', `/api/tickets/${id}/claim`, { token: await kit.token('officer-xcjd') });
    expect(forbidden.status).toBe(403);
    expect(forbidden.body.error.code).toBe('FORBIDDEN');
    expect((await kit.detail(id)).ticket.status).toBe('published');
  });

  it('refuses everyone who is not an officer of a member unit', async () => {
    const t = await kit.raise(KEY_OWNER);
    // the owner sees the ticket, may not claim it
    const own = await kit.api.call('POST', `/api/tickets/${t.id}/claim`, { token: await kit.token(KEY_OWNER) });
    expect(own.status).toBe(403);
    // another owner does not even learn that it exists
    const other = await kit.api.call('POST', `/api/tickets/${t.id}/claim`, { token: await kit.token('owner-02') });
    expect(other.status).toBe(404);
    for (const who of ['supervisor', 'leader-zhang']) {
      const r = await kit.api.call('POST', `/api/tickets/${t.id}/claim`, { token: await kit.token(who) });
      expect(r.status, who).toBe(403);
      expect(isEnvelope(r.body)).toBe(true);
    }
    for (const who of ['admin', 'agent-1']) {
      // admin sees the whole tenant (403); the agent sees only desk tickets (404 in office hours)
      const r = await kit.api.call('POST', `/api/tickets/${t.id}/claim`, { token: await kit.token(who) });
      expect([403, 404], who).toContain(r.status);
    }
    const anonymous = await kit.api.call('POST', `/api/tickets/${t.id}/claim`);
    expect(anonymous.status).toBe(401);
    const d = await kit.detail(t.id);
    expect(d.ticket.status).toBe('published');
    expect(d.ticket.version).toBe(1);
  });

  it('answers 404 for a ticket that does not exist and 400 for an id that cannot be one', async () => {
    const token = await kit.token('officer-jxw');
    const missing = await kit.api.call('POST', '/api/tickets/tk00000000000000000000/claim', { token });
    expect(missing.status).toBe(404);
    const odd = await kit.api.call('POST', `/api/tickets/${encodeURIComponent('tk#TICKET')}/claim`, { token });
    expect(odd.status).toBe(400);
    expect(odd.body.error.code).toBe('VALIDATION');
    // path parameters are named as the route table names them (`id`, as the calendar's `year`), no longer `path.id`
    expect(odd.body.error.details[0].field).toBe('id');
  });

  it('lists the claim action for member officers only', async () => {
    const t = await kit.raise(KEY_OWNER);
    expect((await kit.detail(t.id, 'officer-rsj')).actions).toContain('claim');
    expect((await kit.detail(t.id, KEY_OWNER)).actions).not.toContain('claim');
    expect((await kit.detail(t.id, 'supervisor')).actions).toEqual(expect.arrayContaining(['assign', 'lead']));
    expect((await kit.detail(t.id, 'supervisor')).actions).not.toContain('claim');
  });
});

describe('the claim lock', () => {
  /** a claim lock written directly, as a request of `unitId` would (its token `crashed-<unit>` unless named) */
  const lockAs = (ticketId: string, unitId: string, unitName: string, untilMs: number, token = `crashed-${unitId}`) =>
    kit.env.deps.tickets.lockClaim(kit.tenantId, ticketId, {
      token,
      unitId,
      unitName,
      until: new Date(untilMs).toISOString(),
      now: new Date().toISOString(),
      groupIds: ['key'],
    });

  it('a live lock held by another unit’s request makes a claim lose to it, naming it', async () => {
    const t = await kit.raise(KEY_OWNER, { title: '锁未过期' });
    expect((await lockAs(t.id, 'fgw', '区发展和改革委员会', Date.now() + 60_000))?.holder.token).toBe('crashed-fgw');
    const res = await kit.api.call('POST', `/api/tickets/${t.id}/claim`, { token: await kit.token('officer-jxw') });
    expect(res.status).toBe(409);
    expect(res.body.error).toMatchObject({ code: 'ALREADY_CLAIMED', details: { unitId: 'fgw' } });
  });

  it('an assign while a claim is in progress loses to it, naming the claiming unit; a message meanwhile keeps the claim going', async () => {
    const t = await kit.raise(KEY_OWNER, { title: '认领进行中' });
    await lockAs(t.id, 'fgw', '区发展和改革委员会', Date.now() + 60_000);
    const assign = await kit.post('supervisor', `/api/tickets/${t.id}/assign`, { unitId: 'jxw' });
    expect(assign.status).toBe(409);
    expect(assign.body.error).toMatchObject({ code: 'ALREADY_CLAIMED', details: { unitId: 'fgw' } });
    // a command that leaves the ticket published commits, and the claim in progress keeps its lock
    expect((await kit.post(KEY_OWNER, `/api/tickets/${t.id}/messages`, { text: '请尽快联系我们' })).status).toBe(200);
    const item = await kit.env.deps.store.get({ pk: `T#${kit.tenantId}#TICKET#${t.id}`, sk: 'TICKET' }, true);
    expect((item?.claimLock as { unitId?: string } | undefined)?.unitId).toBe('fgw');
    expect(item?.status).toBe('published');
  });

  it('a lock whose holder crashed expires: the ticket is claimable again', async () => {
    const t = await kit.raise(KEY_OWNER, { title: '锁已过期' });
    expect((await lockAs(t.id, 'fgw', '区发展和改革委员会', Date.now() - 1))?.holder.token).toBe('crashed-fgw');
    const res = await kit.api.call('POST', `/api/tickets/${t.id}/claim`, { token: await kit.token('officer-jxw') });
    expect(res.status).toBe(200);
    expect(res.body.ticket.handlingUnitId).toBe('jxw');
    // the winner's commit replaced the crashed lock with its own
    const item = await kit.env.deps.store.get({ pk: `T#${kit.tenantId}#TICKET#${t.id}`, sk: 'TICKET' }, true);
    expect((item?.claimLock as { unitId?: string } | undefined)?.unitId).toBe('jxw');
  });

  it('a claim after the commit reads the winner from the kept lock; the next commit drops it', async () => {
    const t = await kit.raise(KEY_OWNER, { title: '认领后再抢' });
    expect((await kit.post('officer-jxw', `/api/tickets/${t.id}/claim`)).status).toBe(200);
    const late = await lockAs(t.id, 'fgw', '区发展和改革委员会', Date.now() + 60_000, 'late');
    expect(late?.holder).toMatchObject({ unitId: 'jxw' });
    // the handling unit hands over: the lock naming the old unit goes with the commit
    expect((await kit.post('officer-jxw', `/api/tickets/${t.id}/transfer`, { unitId: 'ghzy', reason: '涉及用地规划' })).status).toBe(200);
    const item = await kit.env.deps.store.get({ pk: `T#${kit.tenantId}#TICKET#${t.id}`, sk: 'TICKET' }, true);
    expect(item?.claimLock).toBeUndefined();
    const res = await kit.api.call('POST', `/api/tickets/${t.id}/claim`, { token: await kit.token('officer-fgw') });
    expect(res.status).toBe(409);
    expect(res.body.error.details).toMatchObject({ unitId: 'ghzy' });
    // and no stray lock was written by that late claim
    const after = await kit.env.deps.store.get({ pk: `T#${kit.tenantId}#TICKET#${t.id}`, sk: 'TICKET' }, true);
    expect(after?.claimLock).toBeUndefined();
  });

  it('survives a flush of the ticket’s effects that happens meanwhile', async () => {
    const t = await kit.raise(KEY_OWNER, { title: '锁与补写' });
    await lockAs(t.id, 'fgw', '区发展和改革委员会', Date.now() + 60_000);
    const stored = await kit.env.deps.tickets.get(kit.tenantId, t.id);
    if (!stored) throw new Error('ticket missing');
    await finishEffects(kit.env.deps, stored);
    const item = await kit.env.deps.store.get({ pk: `T#${kit.tenantId}#TICKET#${t.id}`, sk: 'TICKET' }, true);
    expect((item?.claimLock as { unitId?: string } | undefined)?.unitId).toBe('fgw');
    expect(item?.gsi3pk).toBe(`T#${kit.tenantId}#TICKETS`);
  });

  it('no lock is granted to a unit outside the ticket’s groups, nor on a claimed ticket', async () => {
    const t = await kit.raise(KEY_OWNER, { title: '非成员单位' });
    const outsider = await kit.env.deps.tickets.lockClaim(kit.tenantId, t.id, {
      token: 'x',
      unitId: 'xcjd',
      unitName: '西城街道',
      until: new Date(Date.now() + 60_000).toISOString(),
      now: new Date().toISOString(),
      groupIds: ['town-xcjd'],
    });
    expect(outsider).toBeUndefined();
    const first = await lockAs(t.id, 'fgw', '区发展和改革委员会', Date.now() + 60_000);
    // a second request's write leaves the first lock in place and reads it back
    const second = await lockAs(t.id, 'jxw', '区经济和信息化委员会', Date.now() + 60_000, 'second');
    expect(first?.holder.token).toBe('crashed-fgw');
    // the holder gets the ticket it locked from its write; the other request only who holds it
    expect(first?.stored?.ticket).toMatchObject({ id: t.id, status: 'published' });
    expect(second?.holder).toMatchObject({ token: 'crashed-fgw', unitId: 'fgw' });
    expect(second?.stored).toBeUndefined();
    const blocked = await kit.api.call('POST', `/api/tickets/${t.id}/claim`, { token: await kit.token('officer-jxw') });
    expect(blocked.body.error.details).toMatchObject({ unitId: 'fgw' });
    const claimed = await kit.raise(KEY_OWNER, { title: '已认领' });
    await kit.api.call('POST', `/api/tickets/${claimed.id}/claim`, { token: await kit.token('officer-jxw') });
    // on a claimed ticket the write grants nothing: it reads back the winner's kept lock
    expect((await lockAs(claimed.id, 'fgw', '区发展和改革委员会', Date.now() + 60_000))?.holder).toMatchObject({ unitId: 'jxw' });
  });

  it('requests of one unit arriving together share lock writes: one holds the lock, each other learns it, fewer writes than requests', async () => {
    const t = await kit.raise(KEY_OWNER, { title: '同单位并发' });
    const writes: string[] = [];
    const stack = kit.env.deps.store['doc'].middlewareStack;
    const name = `countLockWrites${Math.random()}`;
    stack.add(
      (next, context) => (args) => {
        const pk = (args.input as { Key?: { pk?: string } }).Key?.pk ?? '';
        if (context.commandName === 'UpdateCommand' && pk.endsWith(`#TICKET#${t.id}`)) writes.push(pk);
        return next(args);
      },
      { step: 'initialize', name },
    );
    try {
      const until = Date.now() + 60_000;
      const [fgw, jxw] = await Promise.all([
        Promise.all(Array.from({ length: 30 }, (_, i) => lockAs(t.id, 'fgw', '区发展和改革委员会', until, `fgw-${i}`))),
        Promise.all(Array.from({ length: 30 }, (_, i) => lockAs(t.id, 'jxw', '区经济和信息化委员会', until, `jxw-${i}`))),
      ]);
      const all = [...fgw, ...jxw];
      const holders = new Set(all.map((r) => r?.holder.token));
      // one lock, held by one request; every request hears that one
      expect(holders.size).toBe(1);
      const [winner] = holders;
      const winners = all.filter((r) => r?.stored);
      expect(winners).toHaveLength(1);
      expect(winners[0]?.holder.token).toBe(winner);
      expect(winners[0]?.stored?.ticket.status).toBe('published');
      expect(writes.length).toBeLessThan(all.length);
      const item = await kit.env.deps.store.get({ pk: `T#${kit.tenantId}#TICKET#${t.id}`, sk: 'TICKET' }, true);
      expect((item?.claimLock as { token?: string } | undefined)?.token).toBe(winner);
      // another unit's groups are another condition: a unit outside them is never answered a shared write
      const outsider = await kit.env.deps.tickets.lockClaim(kit.tenantId, t.id, { token: 'o', unitId: 'xcjd', unitName: '西城街道', until: new Date(until).toISOString(), now: new Date().toISOString(), groupIds: ['town-xcjd'] });
      expect(outsider).toBeUndefined();
    } finally {
      stack.remove(name);
    }
  });
});
