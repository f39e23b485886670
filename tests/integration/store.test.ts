import { beforeAll, describe, expect, it } from 'vitest';
import { QueryCommand } from '@aws-sdk/lib-dynamodb';
import {
  actorOf,
  CHANGED_PROJECTION,
  defaultCalendar,
  DEFAULT_CLOCK_POLICY,
  effectsOf,
  startClock,
  transition,
  type Principal,
  type Ticket,
} from '@whistle/shared';
import { finishEffects } from '../../functions/src/services/effects.js';
import { keys } from '../../functions/src/store/keys.js';
import { rateWindow } from '../../functions/src/store/rate-limit-store.js';
import { seedTenant } from '../../functions/src/local/seed.js';
import { useIntegrationEnv, type TestEnv } from '../support/env.js';

/**
 * The repositories against a real DynamoDB wire protocol: dynalite here, and
 * the official DynamoDB Local in the conformance run (WHISTLE_DYNAMODB_ENDPOINT).
 */
let env: TestEnv;
beforeAll(async () => {
  env = await useIntegrationEnv();
});

const principalOf = (userId: string): Principal => {
  const u = env.data.users.find((x) => x.id === userId);
  if (!u) throw new Error(`no user ${userId}`);
  const unit = env.data.units.find((x) => x.id === u.unitId);
  return {
    userId: u.id,
    tenantId: u.tenantId,
    name: u.name,
    roles: u.roles,
    ...(u.unitId ? { unitId: u.unitId } : {}),
    ...(unit ? { unitName: unit.name } : {}),
    ...(u.enterpriseId ? { enterpriseId: u.enterpriseId } : {}),
  };
};

function newTicket(id: string, at = '2026-11-23T02:00:00.000Z'): Ticket {
  const ent = env.data.enterprises[0];
  if (!ent) throw new Error('no enterprise');
  return {
    id,
    tenantId: env.tenantId,
    number: '2026-000001',
    enterpriseId: ent.id,
    enterpriseName: ent.name,
    gridId: ent.gridId,
    channel: 'miniapp',
    category: 'finance',
    priority: 'normal',
    title: '贷款续贷',
    description: '流动资金贷款到期，需要续贷支持',
    status: 'published',
    groupIds: ['key', 'ind-equipment'],
    declinedUnitIds: [],
    difficult: false,
    reopenCount: 0,
    clocks: [startClock(defaultCalendar(), { kind: 'claim', rule: DEFAULT_CLOCK_POLICY.normal.claim, start: at })],
    createdBy: actorOf(principalOf('owner-01')),
    createdAt: at,
    updatedAt: at,
    version: 1,
  };
}

describe('reference repositories', () => {
  it('reads back every kind of reference item the seed wrote', async () => {
    const { refs } = env.deps;
    expect((await refs.tenant(env.tenantId))?.name).toBe(env.data.tenant.name);
    expect(await refs.list('AREA', env.tenantId)).toHaveLength(env.data.areas.length);
    expect(await refs.list('GRID', env.tenantId)).toHaveLength(6);
    const units = await refs.list('UNIT', env.tenantId);
    expect(units.filter((u) => u.track === 'department').length).toBeGreaterThanOrEqual(7);
    expect(units.filter((u) => u.track === 'township').length).toBeGreaterThanOrEqual(3);
    const groups = await refs.list('GROUP', env.tenantId);
    expect(new Set(groups.map((g) => g.kind))).toEqual(new Set(['industry', 'township', 'key']));
    expect(await refs.list('ENT', env.tenantId)).toHaveLength(30);
    const users = await refs.list('USER', env.tenantId);
    for (const role of ['owner', 'officer', 'unitLead', 'leader', 'supervisor', 'agent', 'admin']) {
      expect(users.some((u) => u.roles.includes(role as never)), role).toBe(true);
    }
    const ent = env.data.enterprises[3];
    expect((await refs.enterprise(env.tenantId, ent?.id ?? ''))?.name).toBe(ent?.name);
  });

  it('keeps tenants apart: the same ids in another tenant are other items', async () => {
    const other = await useIntegrationEnv({ seed: false });
    expect(await env.deps.refs.list('UNIT', other.tenantId)).toEqual([]);
    expect(await env.deps.refs.unit(other.tenantId, 'jxw')).toBeUndefined();
  });

  it('seeds once: a second seed writes nothing and changes nothing', async () => {
    await env.deps.refs.put('UNIT', { ...env.data.units[0]!, name: '改过的名字' });
    expect(await seedTenant(env.deps.store, env.deps.refs, env.data)).toBe('present');
    expect((await env.deps.refs.unit(env.tenantId, env.data.units[0]!.id))?.name).toBe('改过的名字');
  });

  it('put ifAbsent does not overwrite', async () => {
    const unit = env.data.units[1]!;
    expect(await env.deps.refs.put('UNIT', { ...unit, name: '另一个' }, { ifAbsent: true })).toBe(false);
    expect((await env.deps.refs.unit(env.tenantId, unit.id))?.name).toBe(unit.name);
  });

  it('rejects an enterprise with a bad credit code before writing', async () => {
    const ent = { ...env.data.enterprises[0]!, id: '91500108MA60000001' };
    await expect(env.deps.refs.put('ENT', ent)).rejects.toThrow();
    expect(await env.deps.refs.enterprise(env.tenantId, ent.id)).toBeUndefined();
  });
});

describe('ticket repository', () => {
  it('creates once: a second create with the same id is refused and changes nothing', async () => {
    const t = newTicket('tkcreateonce');
    const effects = effectsOf(t, t.createdBy, [{ kind: 'created' }], []);
    expect(await env.deps.tickets.create(t, effects, 'hash-a')).toBe(true);
    expect(await env.deps.tickets.create({ ...t, title: '别的' }, effects, 'hash-b')).toBe(false);
    const stored = await env.deps.tickets.get(env.tenantId, t.id);
    expect(stored?.ticket.title).toBe('贷款续贷');
    expect(stored?.intakePending).toBe(true);
    expect(stored?.requestHash).toBe('hash-a');
  });

  it('hides a ticket from lists and feeds until its effects are flushed', async () => {
    const t = newTicket('tkflushvis');
    const effects = effectsOf(t, t.createdBy, [{ kind: 'created' }, { kind: 'published' }], []);
    await env.deps.tickets.create(t, effects, 'h');
    const before = await env.deps.tickets.byEnterprise(env.tenantId, t.enterpriseId, undefined, 100);
    expect(before.items.map((x) => x.id)).not.toContain(t.id);
    await finishEffects(env.deps, { ticket: t, pending: effects, intakePending: true });
    const after = await env.deps.tickets.byEnterprise(env.tenantId, t.enterpriseId, undefined, 100);
    expect(after.items.map((x) => x.id)).toContain(t.id);
    const feed = await env.deps.tickets.feed(env.tenantId, 'key', undefined, 50);
    expect(feed.cards.map((c) => c.ticketId)).toContain(t.id);
    expect(feed.cards.find((c) => c.ticketId === t.id)).toMatchObject({ claimDueAt: t.clocks[0]?.dueAt, claimBasis: 'working' });
    const detail = await env.deps.tickets.getWithTimeline(env.tenantId, t.id);
    expect(detail?.timeline.map((e) => e.kind)).toEqual(['created', 'published']);
    expect(detail?.stored.pending).toBeUndefined();
    // flushing again is harmless: no duplicate timeline entries
    await finishEffects(env.deps, { ticket: t, pending: effects });
    expect((await env.deps.tickets.getWithTimeline(env.tenantId, t.id))?.timeline).toHaveLength(2);
  });

  it('commits a transition only on the version that was read: one winner among many', async () => {
    const t = newTicket('tkrace');
    const effects = effectsOf(t, t.createdBy, [{ kind: 'created' }], []);
    await env.deps.tickets.create(t, effects, 'h');
    await finishEffects(env.deps, { ticket: t, pending: effects });
    const ctx = { now: '2026-11-23T02:10:00.000Z', calendar: defaultCalendar(), policy: DEFAULT_CLOCK_POLICY, groupUnitIds: ['jxw', 'fgw', 'rsj', 'ghzy', 'zjw', 'scjg', 'jrb', 'swj'] };
    const contenders = ctx.groupUnitIds.map((unit) => principalOf(`officer-${unit}`));
    const outcomes = await Promise.all(
      contenders.map(async (p) => {
        const r = transition(t, { type: 'claim' }, { ...ctx, principal: p });
        if (!r.ok) throw r.error;
        return env.deps.tickets.commit({ ticket: t }, r.ticket, effectsOf(r.ticket, actorOf(p), r.entries, r.notifications));
      }),
    );
    expect(outcomes.filter(Boolean)).toHaveLength(1);
    const stored = await env.deps.tickets.get(env.tenantId, t.id);
    expect(stored?.ticket.status).toBe('claimed');
    expect(stored?.ticket.version).toBe(2);
    const winner = contenders[outcomes.indexOf(true)];
    expect(stored?.ticket.handlingUnitId).toBe(winner?.unitId);
  });

  it('refuses to commit over a ticket still in intake', async () => {
    const t = newTicket('tkintake');
    await env.deps.tickets.create(t, effectsOf(t, t.createdBy, [], []), 'h');
    const next = { ...t, version: 2, title: '改' };
    expect(await env.deps.tickets.commit({ ticket: t }, next, effectsOf(next, t.createdBy, [], []))).toBe(false);
  });

  it('numbers tickets per tenant and year without gaps under concurrency', async () => {
    const numbers = await Promise.all(Array.from({ length: 20 }, () => env.deps.tickets.nextNumber(env.tenantId, 2031)));
    const n = numbers.map((x) => Number(x.slice(5))).sort((a, b) => a - b);
    expect(n).toEqual(Array.from({ length: 20 }, (_, i) => i + 1));
    expect(numbers[0]).toMatch(/^2031-\d{6}$/);
  });

  it('takes a number back only while it is the last drawn (an intake that was a retry); else it stays a gap', async () => {
    const t = env.deps.tickets;
    expect(await t.nextNumber(env.tenantId, 2032)).toBe('2032-000001');
    await t.returnNumber(env.tenantId, '2032-000001');
    expect(await t.nextNumber(env.tenantId, 2032)).toBe('2032-000001');
    const unused = await t.nextNumber(env.tenantId, 2032);
    expect(await t.nextNumber(env.tenantId, 2032)).toBe('2032-000003');
    // 2 is not the last drawn any more: giving it back changes nothing, and 3 is never handed out twice
    await t.returnNumber(env.tenantId, unused);
    await t.returnNumber(env.tenantId, '2031-999999');
    expect(await t.nextNumber(env.tenantId, 2032)).toBe('2032-000004');
  });

  it('pages a list with an opaque cursor and rejects a forged one', async () => {
    const ent = env.data.enterprises[1]!;
    for (let i = 0; i < 5; i++) {
      const t = { ...newTicket(`tkpage${i}`, `2026-11-2${i}T01:00:00.000Z`), enterpriseId: ent.id, enterpriseName: ent.name };
      const e = effectsOf(t, t.createdBy, [], []);
      await env.deps.tickets.create(t, e, 'h');
      await finishEffects(env.deps, { ticket: t, pending: e });
    }
    const first = await env.deps.tickets.byEnterprise(env.tenantId, ent.id, undefined, 2);
    expect(first.items.map((t) => t.id)).toEqual(['tkpage4', 'tkpage3']);
    expect(first.cursor).toBeDefined();
    const second = await env.deps.tickets.byEnterprise(env.tenantId, ent.id, first.cursor, 2);
    expect(second.items.map((t) => t.id)).toEqual(['tkpage2', 'tkpage1']);
    await expect(env.deps.tickets.byEnterprise(env.tenantId, ent.id, 'not-a-cursor', 2)).rejects.toMatchObject({ code: 'VALIDATION' });
  });

  it('keeps a tenant\'s tickets by last change in the sparse `changed` index, projected to what the similar-requests index reads', async () => {
    // instants after every other ticket of this file, so `since` sees only these
    const t = { ...newTicket('tkchanged', '2030-01-02T01:00:00.000Z'), commonIssue: undefined };
    const e = effectsOf(t, t.createdBy, [], []);
    await env.deps.tickets.create(t, e, 'h');
    // in intake: in no index but the due one
    expect((await env.deps.tickets.changedSince(env.tenantId, '2030-01-01T00:00:00.000Z')).items).toEqual([]);
    await finishEffects(env.deps, { ticket: t, pending: e, intakePending: true });
    const other = { ...newTicket('tkchanged2', '2030-01-02T02:00:00.000Z'), title: '另一件' };
    const e2 = effectsOf(other, other.createdBy, [], []);
    await env.deps.tickets.create(other, e2, 'h');
    await finishEffects(env.deps, { ticket: other, pending: e2, intakePending: true });
    const first = await env.deps.tickets.changedSince(env.tenantId, '2030-01-01T00:00:00.000Z');
    expect(first.items.map((x) => x.id)).toEqual(['tkchanged', 'tkchanged2']);
    expect(first.items[0]).toEqual({
      id: t.id,
      enterpriseId: t.enterpriseId,
      enterpriseName: t.enterpriseName,
      number: t.number,
      category: t.category,
      title: t.title,
      description: t.description,
      status: 'published',
      updatedAt: t.updatedAt,
    });
    // a change at `since` itself is in (a watermark re-reads its own instant)
    expect((await env.deps.tickets.changedSince(env.tenantId, other.updatedAt)).items.map((x) => x.id)).toEqual(['tkchanged2']);
    // a commit moves the ticket to the end, with what it says now (and its common issue's id)
    const next: Ticket = {
      ...t,
      status: 'claimed',
      version: 2,
      updatedAt: '2030-01-02T03:00:00.000Z',
      commonIssue: { id: 'ciabcdefghij', title: '园区就餐', leadUnitName: '商务局', targetDate: '2030-02-01', linkedAt: '2030-01-02T03:00:00.000Z' },
    };
    expect(await env.deps.tickets.commit({ ticket: t }, next, effectsOf(next, t.createdBy, [], []))).toBe(true);
    await env.deps.tickets.settle({ ticket: next });
    const after = await env.deps.tickets.changedSince(env.tenantId, '2030-01-01T00:00:00.000Z');
    expect(after.items.map((x) => [x.id, x.status])).toEqual([
      ['tkchanged2', 'published'],
      ['tkchanged', 'claimed'],
    ]);
    expect(after.items[1]?.commonIssueId).toBe('ciabcdefghij');
    // the index holds only the projection: a cold load reads little
    const raw = await env.doc.send(
      new QueryCommand({
        TableName: env.deps.store.tableName,
        IndexName: 'changed',
        KeyConditionExpression: 'changedPk = :p AND changedSk > :s',
        ExpressionAttributeValues: { ':p': `T#${env.tenantId}#CHANGED`, ':s': '2030-01-01' },
      }),
    );
    const attrs = Object.keys(raw.Items?.at(-1) ?? {}).sort();
    expect(attrs).toEqual([...CHANGED_PROJECTION, 'changedPk', 'changedSk', 'pk', 'sk'].sort());
  });

  it('puts open tickets with a pending clock in the sparse due index, and takes closed ones out', async () => {
    const t = newTicket('tkdue');
    const e = effectsOf(t, t.createdBy, [], []);
    await env.deps.tickets.create(t, e, 'h');
    await finishEffects(env.deps, { ticket: t, pending: e });
    const item = await env.deps.store.get(keys.ticket(env.tenantId, t.id));
    expect(item?.duePk).toMatch(new RegExp(`^T#${env.tenantId}#DUE#[0-3]$`));
    expect(String(item?.dueSk)).toBe(`${t.clocks[0]?.nextEscalationAt}#${t.id}`);
    const closed: Ticket = { ...t, status: 'closed', version: 2, clocks: t.clocks.map((c) => ({ ...c, metAt: '2026-11-23T03:00:00.000Z' })) };
    const effects = effectsOf(closed, t.createdBy, [], []);
    expect(await env.deps.tickets.commit({ ticket: t }, closed, effects)).toBe(true);
    // committed, its effects not yet applied: due for the sweep's recovery whatever its status (issue 11), until settled
    await finishEffects(env.deps, { ticket: closed, pending: effects });
    const after = await env.deps.store.get(keys.ticket(env.tenantId, t.id));
    expect(after?.duePk).toBeUndefined();
  });

  it('coalesces concurrent rate-limit takes of one counter: exactly max of many racers pass, fewer writes than racers when all fit', async () => {
    // the UpdateItems that reach the table for these counters, counted on the functions' own client
    const writes: string[] = [];
    const stack = env.deps.store['doc'].middlewareStack;
    const name = `countRateWrites${Math.random()}`;
    stack.add(
      (next, context) => (args) => {
        const pk = (args.input as { Key?: { pk?: string } }).Key?.pk ?? '';
        if (context.commandName === 'UpdateCommand' && pk.includes('#RATE#race#')) writes.push(pk);
        return next(args);
      },
      { step: 'initialize', name },
    );
    try {
      const now = Date.now();
      const limit = (subject: string, max: number) => ({ tenantId: env.tenantId, name: 'race', subject, max, windowSeconds: 3600 });
      const count = async (subject: string) => (await env.deps.store.get(rateWindow(limit(subject, 1), now).key))?.count;

      const tight = await Promise.all(Array.from({ length: 40 }, () => env.deps.rateLimiter.take(limit('tight', 15), now)));
      expect(tight.filter((a) => a.ok)).toHaveLength(15);
      expect(tight.filter((a) => !a.ok)).toHaveLength(25);
      expect(await count('tight')).toBe(15);
      // full: a take more is refused and writes nothing
      expect((await env.deps.rateLimiter.take(limit('tight', 15), now)).ok).toBe(false);
      expect(await count('tight')).toBe(15);

      writes.length = 0;
      const roomy = await Promise.all(Array.from({ length: 40 }, () => env.deps.rateLimiter.take(limit('roomy', 1000), now)));
      expect(roomy.every((a) => a.ok)).toBe(true);
      expect(await count('roomy')).toBe(40);
      expect(writes.length).toBeLessThan(40);
      expect(writes.length).toBeLessThanOrEqual(5);

      // taken in a batch, given back one by one: the window is gone once back at zero
      await Promise.all(Array.from({ length: 40 }, () => env.deps.rateLimiter.giveBack(limit('roomy', 1000), now)));
      expect(await count('roomy')).toBeUndefined();
    } finally {
      stack.remove(name);
    }
  });
});
