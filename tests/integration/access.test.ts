import type { FeedResponse, Group, Ticket } from '@whistle/shared';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { TokenSigner } from '../../functions/src/adapters/tokens.js';
import { demoTenant } from '../../functions/src/local/demo-data.js';
import { seedTenant } from '../../functions/src/local/seed.js';
import { TEST_SIGNING_KEY } from '../support/env.js';
import { DEPARTMENTS, startKit, WORKING_MORNING, type Kit } from './requests-kit.js';

/** Who sees what: groups and feeds, ticket lists and details, and never across tenants. */
let kit: Kit;
/** tickets raised in beforeAll: owner-01 (key), owner-03 (南山镇, materials), owner-04 (西城街道, chemicals) */
let t01: Ticket;
let t03: Ticket;
let t04: Ticket;
const MINUTE = 60_000;

beforeAll(async () => {
  kit = await startKit();
  t01 = await kit.raise('owner-01', { title: '一号企业的诉求' });
  kit.advance(MINUTE);
  t03 = await kit.raise('owner-03', { title: '三号企业的诉求' });
  kit.advance(MINUTE);
  t04 = await kit.raise('owner-04', { title: '四号企业的诉求' });
  kit.advance(MINUTE);
});
afterAll(async () => {
  await kit.close();
});
beforeEach(() => {
  kit.advance(MINUTE);
});

const get = async (userId: string, path: string) => kit.api.call('GET', path, { token: await kit.token(userId) });
const ids = (items: Array<{ id?: string; ticketId?: string }>) => items.map((i) => i.ticketId ?? i.id);

describe('groups', () => {
  it('shows an officer the groups of their unit only', async () => {
    const groupsOf = async (userId: string) => ((await get(userId, '/api/groups')).body.items as Group[]).map((g) => g.id).sort();
    // the economy commission sits in every industry group, every township group and the key group
    expect(await groupsOf('officer-jxw')).toHaveLength(7 + 3 + 1);
    expect(await groupsOf('officer-rsj')).toEqual(['ind-electronics', 'ind-equipment', 'ind-food', 'ind-textiles', 'key']);
    expect(await groupsOf('lead-xcjd')).toEqual(['town-xcjd']);
    expect(await groupsOf('grid-g03')).toEqual(['town-nsz']);
    expect(await groupsOf('leader-li')).toEqual(['key']);
    expect(await groupsOf('owner-01')).toEqual([]);
    expect(await groupsOf('agent-1')).toEqual([]);
    expect(await groupsOf('supervisor')).toHaveLength(11);
    expect(await groupsOf('admin')).toHaveLength(11);
  });

  it('keeps feeds of other units’ groups closed (404)', async () => {
    expect((await get('officer-xcjd', '/api/groups/town-nsz/feed')).status).toBe(404);
    expect((await get('owner-01', '/api/groups/key/feed')).status).toBe(404);
    expect((await get('officer-rsj', '/api/groups/ind-materials/feed')).status).toBe(404);
    expect((await get('officer-rsj', '/api/groups/no-such-group/feed')).status).toBe(404);
    expect((await get('officer-rsj', '/api/groups/ind-equipment/feed')).status).toBe(200);
  });
});

describe('feeds', () => {
  it('lists cards newest first and pages with the cursor', async () => {
    // four more requests in 西城街道's township group
    const raised: Ticket[] = [t04];
    for (let i = 0; i < 4; i++) {
      kit.advance(MINUTE);
      raised.push(await kit.raise('owner-10', { title: `西城第${i + 1}件` })); // owner-10: grid g04 (西城街道)
    }
    const newestFirst = raised.map((t) => t.id).reverse();
    const all = (await get('officer-xcjd', '/api/groups/town-xcjd/feed')).body as FeedResponse;
    expect(ids(all.items)).toEqual(newestFirst);
    expect(all.items[0]).toMatchObject({ groupId: 'town-xcjd', status: 'published', title: '西城第4件' });

    const seen: string[] = [];
    let cursor: string | undefined;
    let pages = 0;
    do {
      const res = await get('officer-xcjd', `/api/groups/town-xcjd/feed?limit=2${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`);
      expect(res.status).toBe(200);
      const page = res.body as FeedResponse;
      expect(page.items.length).toBeLessThanOrEqual(2);
      seen.push(...ids(page.items).map(String));
      cursor = page.cursor;
      pages++;
    } while (cursor && pages < 10);
    expect(seen).toEqual(newestFirst);
  });

  it('answers `since` with only the cards that changed, e.g. one that was claimed', async () => {
    const first = (await get('officer-fgw', '/api/groups/key/feed')).body as FeedResponse;
    expect(ids(first.items)).toContain(t01.id);
    kit.advance(MINUTE);
    const quiet = (await get('officer-fgw', `/api/groups/key/feed?since=${encodeURIComponent(first.since)}`)).body as FeedResponse;
    expect(quiet.items).toEqual([]);

    kit.advance(MINUTE);
    expect((await kit.post('officer-jxw', `/api/tickets/${t01.id}/claim`)).status).toBe(200);
    const changed = (await get('officer-fgw', `/api/groups/key/feed?since=${encodeURIComponent(quiet.since)}`)).body as FeedResponse;
    expect(changed.items).toHaveLength(1);
    expect(changed.items[0]).toMatchObject({ ticketId: t01.id, status: 'claimed', handlingUnitId: 'jxw', handlingUnitName: '区经济和信息化委员会' });
    // the other groups of the ticket show the change too
    const town = (await get('officer-dgjd', `/api/groups/town-dgjd/feed?since=${encodeURIComponent(quiet.since)}`)).body as FeedResponse;
    expect(ids(town.items)).toEqual([t01.id]);
  });

  it('misses no change when more cards changed than one answer holds', async () => {
    const start = ((await get('officer-nsz', '/api/groups/town-nsz/feed')).body as FeedResponse).since;
    kit.advance(MINUTE);
    const raised: string[] = [];
    for (let i = 0; i < 5; i++) {
      kit.advance(MINUTE);
      raised.push((await kit.raise('owner-09', { title: `南山第${i + 1}件` })).id); // owner-09: grid g03 (南山镇)
    }
    // poll with a small page until nothing new comes: every change arrives
    const got = new Set<string>();
    let since = start;
    for (let i = 0; i < 6; i++) {
      const res = (await get('officer-nsz', `/api/groups/town-nsz/feed?limit=2&since=${encodeURIComponent(since)}`)).body as FeedResponse;
      for (const c of res.items) got.add(c.ticketId);
      since = res.since;
      kit.advance(10_000);
    }
    for (const id of raised) expect(got.has(id), id).toBe(true);
  });
});

describe('ticket lists and details', () => {
  it('shows an owner only their own enterprise’s tickets; another’s is "not found", never "forbidden"', async () => {
    const mine = await get('owner-03', '/api/tickets');
    expect(mine.status).toBe(200);
    expect(ids(mine.body.items)).toEqual([t03.id]);
    expect(ids((await get('owner-03', '/api/tickets?view=mine')).body.items)).toEqual([t03.id]);
    for (const id of [t01.id, t04.id]) {
      const res = await get('owner-03', `/api/tickets/${id}`);
      expect(res.status).toBe(404);
      expect(res.body.error.code).toBe('NOT_FOUND');
      for (const [action, body] of [
        ['messages', { text: '你好' }],
        ['rating', { score: 'satisfied' }],
        ['reopen', { reason: '重开' }],
        ['claim', undefined],
      ] as const) {
        expect((await kit.post('owner-03', `/api/tickets/${id}/${action}`, body)).status, action).toBe(404);
      }
    }
    for (const view of ['unit', 'supervision', 'leader']) {
      expect((await get('owner-03', `/api/tickets?view=${view}`)).status, view).toBe(403);
    }
    expect(ids((await get('owner-03', '/api/enterprises')).body.items)).toEqual([kit.enterpriseOf('owner-03')]);
    expect((await get('owner-03', '/api/units')).status).toBe(403);
  });

  it('shows an officer what is published to their groups and what their unit handles', async () => {
    // 南山镇 is in t03's township group; not in t01's or t04's
    expect((await get('officer-nsz', `/api/tickets/${t03.id}`)).status).toBe(200);
    expect((await get('officer-nsz', `/api/tickets/${t01.id}`)).status).toBe(404);
    expect((await get('officer-nsz', `/api/tickets/${t04.id}`)).status).toBe(404);
    // the unit list holds what the unit handles
    const before = ids((await get('officer-nsz', '/api/tickets')).body.items);
    expect(before).not.toContain(t03.id);
    expect((await kit.post('officer-nsz', `/api/tickets/${t03.id}/claim`)).status).toBe(200);
    const after = ids((await get('lead-nsz', '/api/tickets?view=unit')).body.items);
    expect(after).toContain(t03.id);
    expect(ids((await get('officer-nsz', '/api/tickets?view=unit&status=claimed')).body.items)).toContain(t03.id);
    expect(ids((await get('officer-nsz', '/api/tickets?view=unit&status=resolved')).body.items)).not.toContain(t03.id);
    // a unit that handles it sees it even outside its groups (assigned by the supervisor)
    const t = await kit.raise('owner-04');
    expect((await get('officer-swj', `/api/tickets/${t.id}`)).status).toBe(404);
    expect((await kit.post('supervisor', `/api/tickets/${t.id}/assign`, { unitId: 'swj' })).status).toBe(200);
    expect((await get('officer-swj', `/api/tickets/${t.id}`)).status).toBe(200);
    expect(ids((await get('officer-swj', '/api/tickets')).body.items)).toContain(t.id);
    expect((await get('officer-swj', '/api/tickets?view=supervision')).status).toBe(403);
  });

  it('shows the supervisor the whole tenant', async () => {
    const res = await get('supervisor', '/api/tickets?view=supervision&limit=100');
    expect(res.status).toBe(200);
    const listed = ids(res.body.items);
    for (const t of [t01, t03, t04]) expect(listed).toContain(t.id);
    expect(ids((await get('supervisor', '/api/tickets?limit=100')).body.items)).toEqual(listed);
    for (const t of [t01, t03, t04]) expect((await get('supervisor', `/api/tickets/${t.id}`)).status).toBe(200);
    // ordered newest first
    const created = (res.body.items as Ticket[]).map((t) => t.createdAt);
    expect([...created].sort().reverse()).toEqual(created);
  });

  it('pages every list with its cursor: the pages add up to the whole list, without repeats', async () => {
    const whole = ids((await get('supervisor', '/api/tickets?view=supervision&limit=100')).body.items);
    expect(whole.length).toBeGreaterThan(5);
    const paged: string[] = [];
    let cursor: string | undefined;
    for (let i = 0; i < 50; i++) {
      const res = await get('supervisor', `/api/tickets?view=supervision&limit=2${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`);
      expect(res.status).toBe(200);
      paged.push(...ids(res.body.items).map(String));
      cursor = res.body.cursor;
      if (!cursor) break;
    }
    expect(paged).toEqual(whole);
    // with a status filter a page may come back short, but following the cursor finds them all
    const published = ids((await get('supervisor', '/api/tickets?view=supervision&status=published&limit=100')).body.items);
    const filtered: string[] = [];
    cursor = undefined;
    for (let i = 0; i < 50; i++) {
      const res = await get('supervisor', `/api/tickets?view=supervision&status=published&limit=3${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`);
      filtered.push(...ids(res.body.items).map(String));
      cursor = res.body.cursor;
      if (!cursor) break;
    }
    expect(filtered).toEqual(published);
  });

  it('shows an agent the desk tickets, not others', async () => {
    expect((await get('agent-1', `/api/tickets/${t01.id}`)).status).toBe(404);
    const saved = kit.now().getTime();
    kit.setNow(Date.parse('2026-11-24T14:00:00.000Z')); // 22:00
    const night = await kit.raise('owner-05');
    kit.setNow(saved);
    expect(night.desk?.state).toBe('waiting');
    expect((await get('agent-1', `/api/tickets/${night.id}`)).status).toBe(200);
    expect(ids((await get('agent-1', '/api/tickets')).body.items)).toContain(night.id);
  });

  it('filters lists by status, including open and overdue', async () => {
    const open = ids((await get('supervisor', '/api/tickets?view=supervision&status=open&limit=100')).body.items);
    expect(open).toContain(t04.id);
    const published = (await get('supervisor', '/api/tickets?view=supervision&status=published&limit=100')).body.items as Ticket[];
    expect(published.every((t) => t.status === 'published')).toBe(true);
    // the claim clock of t04 (2 working hours) has run out a day later
    const saved = kit.now().getTime();
    kit.setNow(WORKING_MORNING + 24 * 3600_000);
    const overdue = ids((await get('supervisor', '/api/tickets?view=supervision&status=overdue&limit=100')).body.items);
    kit.setNow(saved);
    expect(overdue).toContain(t04.id);
    expect((await get('supervisor', '/api/tickets?status=late')).status).toBe(400);
  });
});

describe('tenants', () => {
  it('keeps every tenant to itself, even with the same ids', async () => {
    const other = demoTenant(`${kit.tenantId}x`, '另一个区');
    await seedTenant(kit.env.deps.store, kit.env.deps.refs, other);
    const signer = new TokenSigner(TEST_SIGNING_KEY);
    const as = async (userId: string) => (await signer.sign({ sub: userId, ten: other.tenant.id, roles: ['supervisor'] }, Date.now(), 3600)).token;
    const supervisor = await as('supervisor');
    const officer = await as('officer-jxw');
    const call = (token: string, method: string, path: string, body?: unknown) =>
      kit.api.call(method, path, { token, ...(body !== undefined ? { body } : {}) });

    // the other tenant's supervisor sees the whole of their tenant: not ours
    expect((await call(supervisor, 'GET', '/api/me')).body.user.tenantId).toBe(other.tenant.id);
    expect((await call(supervisor, 'GET', `/api/tickets/${t01.id}`)).status).toBe(404);
    expect((await call(supervisor, 'GET', '/api/tickets?view=supervision')).body.items).toEqual([]);
    expect((await call(supervisor, 'POST', `/api/tickets/${t04.id}/assign`, { unitId: 'jxw' })).status).toBe(404);
    expect((await call(officer, 'POST', `/api/tickets/${t04.id}/claim`)).status).toBe(404);
    // same group ids, their own (empty) feed
    const feed = (await call(officer, 'GET', '/api/groups/key/feed')).body as FeedResponse;
    expect(feed.items).toEqual([]);
    // an enterprise of ours cannot be raised for from there
    const res = await kit.api.call('POST', '/api/tickets', {
      token: officer,
      headers: { 'idempotency-key': 'cross-tenant-1' },
      body: { title: '跨区', description: '跨区提交', category: 'other', channel: 'visit', enterpriseId: kit.enterpriseOf('owner-01') },
    });
    // the demo district's enterprise ids repeat in every tenant: this one is the other tenant's own enterprise
    expect(res.status).toBe(201);
    expect(res.body.ticket.tenantId).toBe(other.tenant.id);
    expect((await get('supervisor', `/api/tickets/${res.body.ticket.id}`)).status).toBe(404);
    expect(ids((await get('supervisor', '/api/tickets?view=supervision&limit=100')).body.items)).not.toContain(res.body.ticket.id);
    // and a token naming our tenant for their user id still resolves to our user of that id, never theirs
    expect((await get('officer-jxw', '/api/me')).body.user.tenantId).toBe(kit.tenantId);
    expect(DEPARTMENTS).toContain('jxw');
  });
});
