import { completeCreditCode, noticeId, periodAt, type FeedResponse, type Group, type SupervisionNotice, type Ticket } from '@whistle/shared';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { TokenSigner } from '../../functions/src/adapters/tokens.js';
import { demoTenant } from '../../functions/src/local/demo-data.js';
import { seedTenant } from '../../functions/src/local/seed.js';
import { TEST_SIGNING_KEY } from '../support/env.js';
import { DEPARTMENTS, newKey, startKit, WORKING_MORNING, type Kit } from './requests-kit.js';
import { setUpTenancy, type Tenancy } from './tenancy-kit.js';
import { dataRows, readWorkbook } from '../support/xlsx.js';

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

/**
 * Two districts side by side on one deployment, a province above them, an
 * operator who created the second: every route called by the second
 * district's people with the first's ids answers 404 or 403 and never the
 * first's data; the province reads figures only, of its own districts; the
 * operator creates tenants and reads no district's tickets.
 */
describe('two districts side by side', () => {
  let ten: Tenancy;
  let b: string;
  let aNotice: SupervisionNotice;
  const quarter = periodAt(new Date(WORKING_MORNING).toISOString(), 'quarter');
  const tokenB = (userId: string) => ten.login(b, userId);
  const callB = async (userId: string, method: string, path: string, body?: unknown) =>
    kit.api.call(method, path, { token: await tokenB(userId), ...(body !== undefined ? { body } : {}) });
  /** none of district A's tickets, titles or ids anywhere in an answer */
  const noneOfA = (body: unknown) => {
    const text = JSON.stringify(body);
    for (const t of [t01, t03, t04]) {
      expect(text).not.toContain(t.id);
      expect(text).not.toContain(t.title);
    }
    expect(text).not.toContain(`"${kit.tenantId}"`);
  };

  beforeAll(async () => {
    ten = await setUpTenancy(kit.env, kit.api);
    b = `${kit.tenantId}b`;
    const created = await kit.api.call('POST', '/api/platform/tenants', {
      token: await ten.operator(),
      headers: { 'idempotency-key': newKey() },
      body: { id: b, name: '乙县', provinceId: ten.provinceId, admin: { name: '乙管理员', phone: '13900000000' } },
    });
    expect(created.status).toBe(201);
    // district B's directory, ids of its own (written through the store: the directory CRUD lands from another branch)
    const { refs } = kit.env.deps;
    const ent = completeCreditCode('91500237MA7000009');
    await refs.put('UNIT', { id: 'b-dept', tenantId: b, name: '乙县经信局', track: 'department' });
    await refs.put('UNIT', { id: 'b-town', tenantId: b, name: '乙镇', track: 'township' });
    await refs.put('AREA', { id: 'b-area', tenantId: b, name: '乙片区', lead: { name: '片区长', phone: '13900000001' } });
    await refs.put('GRID', { id: 'b-grid', tenantId: b, areaId: 'b-area', name: '乙网格', townUnitId: 'b-town', officer: { name: '网格员', phone: '13900000002' }, areaLead: { name: '片区长', phone: '13900000001' }, chief: { name: '总网格长', phone: '13900000003' } });
    await refs.put('GROUP', { id: 'b-group', tenantId: b, kind: 'industry', name: '乙行业群', industry: 'equipment', memberUnitIds: ['b-dept'], leadUnitId: 'b-dept' });
    await refs.put('ENT', { id: ent, tenantId: b, name: '乙县机械有限公司', industry: 'equipment', tier: 'growth', gridId: 'b-grid', key: false, ownerUserIds: ['b-owner'] });
    await refs.put('USER', { id: 'b-owner', tenantId: b, name: '乙老板', roles: ['owner'], enterpriseId: ent });
    await refs.put('USER', { id: 'b-officer', tenantId: b, name: '乙干部', roles: ['officer', 'unitLead'], unitId: 'b-dept' });
    await refs.put('USER', { id: 'b-supervisor', tenantId: b, name: '乙督办', roles: ['supervisor'] });
    // district A has a notice and a race of its own to be probed for
    const n = { tenantId: kit.tenantId, number: 'DB2026-999999', ticketId: t04.id, ticketNumber: t04.number, unitId: 'xcjd', addressees: ['unit:xcjd'], level: 'reminder' as const, clockId: 'claim', clockKind: 'claim' as const, issuedAt: kit.now().toISOString() };
    aNotice = { ...n, id: noticeId(t04.id, 'claim', 0, 'reminder') };
    await kit.env.deps.notices.create(aNotice, 0);
    expect((await kit.post('supervisor', '/api/races', { quarter })).status).toBe(201);
  });

  it("answers B's people on A's tickets, groups and feeds with 404 and lists only B's", async () => {
    for (const user of ['admin', 'b-supervisor', 'b-officer', 'b-owner']) {
      expect((await callB(user, 'GET', `/api/tickets/${t01.id}`)).status).toBe(404);
    }
    expect((await callB('b-officer', 'POST', `/api/tickets/${t04.id}/claim`)).status).toBe(404);
    expect((await callB('b-supervisor', 'POST', `/api/tickets/${t04.id}/assign`, { unitId: 'b-dept' })).status).toBe(404);
    expect((await callB('b-supervisor', 'POST', `/api/tickets/${t03.id}/messages`, { text: '跨区留言' })).status).toBe(404);
    expect((await callB('b-owner', 'POST', `/api/tickets/${t01.id}/rating`, { score: 'satisfied' })).status).toBe(404);
    for (const g of ['key', 'ind-equipment', 'town-xcjd']) expect((await callB('b-supervisor', 'GET', `/api/groups/${g}/feed`)).status).toBe(404);
    const lists = await Promise.all([
      callB('b-supervisor', 'GET', '/api/tickets?view=supervision&limit=100'),
      callB('b-supervisor', 'GET', '/api/groups'),
      callB('b-supervisor', 'GET', '/api/units'),
      callB('b-supervisor', 'GET', '/api/enterprises'),
      callB('b-supervisor', 'GET', '/api/leaders'),
      callB('b-supervisor', 'GET', '/api/supervision/overview'),
      callB('b-officer', 'GET', '/api/tickets?view=unit'),
      callB('b-owner', 'GET', '/api/tickets'),
    ]);
    for (const res of lists) {
      expect(res.status).toBe(200);
      noneOfA(res.body);
    }
    expect((lists[1].body.items as Group[]).map((g) => g.id)).toEqual(['b-group']);
    expect(lists[2].body.items.map((u: { id: string }) => u.id).sort()).toEqual(['b-dept', 'b-town']);
    // an officer cannot raise for A's enterprise from B (not B's: 400, nothing written)
    const cross = await kit.api.call('POST', '/api/tickets', {
      token: await tokenB('b-officer'),
      headers: { 'idempotency-key': newKey() },
      body: { title: '跨区', description: '跨区提交', category: 'other', channel: 'visit', enterpriseId: kit.enterpriseOf('owner-01') },
    });
    expect([400, 404]).toContain(cross.status);
  });

  it("keeps A's notices, races, assessment, exports and settings from B", async () => {
    expect((await callB('b-supervisor', 'POST', `/api/supervision/notices/${encodeURIComponent(aNotice.id)}/ack`)).status).toBe(404);
    const notices = await callB('b-supervisor', 'GET', `/api/supervision/notices?ticketId=${t04.id}`);
    expect(notices.body.items).toEqual([]);
    noneOfA((await callB('b-supervisor', 'GET', '/api/supervision/notices')).body);
    expect((await callB('b-supervisor', 'GET', `/api/races/${quarter}`)).status).toBe(404);
    expect((await callB('b-owner', 'GET', '/api/races')).body.items).toEqual([]);
    expect((await callB('b-supervisor', 'POST', `/api/races/${quarter}/close`)).status).toBe(404);
    // A's units are not B's: 404 for a unit's figures; the ranking and the drill-down hold B's units only
    expect((await callB('b-supervisor', 'GET', `/api/assessment/units/jxw?period=${quarter}`)).status).toBe(404);
    const drill = await callB('b-supervisor', 'GET', `/api/assessment/units/jxw/tickets?period=${quarter}&indicator=claimRate`);
    expect(drill.body.items ?? []).toEqual([]);
    const ranking = await callB('b-supervisor', 'GET', `/api/assessment?period=${quarter}`);
    expect(ranking.body.tracks.flatMap((t: { units: Array<{ unitId: string }> }) => t.units.map((u) => u.unitId)).sort()).toEqual(['b-dept', 'b-town']);
    expect((await callB('b-supervisor', 'POST', `/api/assessment/disputes/${t04.id}-d1/decide`, { accept: true, reason: '跨区' })).status).toBe(404);
    noneOfA((await callB('b-supervisor', 'GET', '/api/assessment/disputes')).body);
    // B's ledger holds none of A's requests
    const ledger = await callB('b-supervisor', 'GET', `/api/assessment/export?period=${quarter}&sheet=ledger`);
    expect(ledger.status).toBe(200);
    const wb = await readWorkbook(ledger.body as Buffer);
    for (const ws of wb.worksheets) noneOfA(dataRows(ws));
    // B's admin sets B's clock policy: A's is untouched
    const before = (await get('admin', '/api/admin/clock-policy')).body;
    const policy = (await callB('admin', 'GET', '/api/admin/clock-policy')).body.policy;
    expect((await callB('admin', 'PUT', '/api/admin/clock-policy', { ...policy, urgent: { ...policy.urgent, claim: { ...policy.urgent.claim, duration: 31 } } })).status).toBe(200);
    expect((await get('admin', '/api/admin/clock-policy')).body).toEqual(before);
    // B's admin cannot create tenants
    expect((await callB('admin', 'GET', '/api/platform/tenants')).status).toBe(403);
  });

  it('shows the province only its own districts, as figures, and no ticket', async () => {
    const province = await ten.province();
    const other = await ten.otherProvince();
    const overview = await kit.api.call('GET', `/api/province/overview?period=${quarter}`, { token: province });
    expect(overview.status).toBe(200);
    expect(overview.body.districts.map((d: { tenantId: string }) => d.tenantId).sort()).toEqual([b, kit.tenantId].sort());
    const text = JSON.stringify(overview.body);
    for (const t of [t01, t03, t04]) expect(text).not.toContain(t.title);
    expect((await kit.api.call('GET', `/api/province/districts/${other.districtId}?period=${quarter}`, { token: province })).status).toBe(404);
    expect((await kit.api.call('GET', `/api/province/districts/${kit.tenantId}?period=${quarter}`, { token: other.token })).status).toBe(404);
    expect((await kit.api.call('GET', `/api/province/overview?period=${quarter}`, { token: other.token })).body.districts.map((d: { tenantId: string }) => d.tenantId)).toEqual([other.districtId]);
    // no ticket route answers the province anything
    expect((await kit.api.call('GET', `/api/tickets/${t01.id}`, { token: province })).status).toBe(404);
    expect((await kit.api.call('GET', '/api/tickets', { token: province })).body.items).toEqual([]);
    expect((await kit.api.call('GET', '/api/tickets?view=supervision', { token: province })).status).toBe(403);
    expect((await kit.api.call('GET', `/api/groups/key/feed`, { token: province })).status).toBe(404);
    expect((await kit.api.call('GET', `/api/assessment?period=${quarter}`, { token: province })).status).toBe(403);
    expect((await kit.api.call('GET', `/api/assessment/export?period=${quarter}&sheet=ledger`, { token: province })).status).toBe(403);
    // district people are not province readers
    expect((await get('supervisor', `/api/province/overview?period=${quarter}`)).status).toBe(403);
  });

  it("lets the operator create tenants but read no district's tickets", async () => {
    const operator = await ten.operator();
    expect((await kit.api.call('GET', `/api/tickets/${t01.id}`, { token: operator })).status).toBe(404);
    expect((await kit.api.call('GET', '/api/tickets', { token: operator })).body.items).toEqual([]);
    expect((await kit.api.call('GET', '/api/tickets?view=supervision', { token: operator })).status).toBe(403);
    expect((await kit.api.call('GET', `/api/groups/key/feed`, { token: operator })).status).toBe(404);
    expect((await kit.api.call('GET', `/api/province/overview?period=${quarter}`, { token: operator })).status).toBe(403);
    expect((await kit.api.call('GET', `/api/assessment?period=${quarter}`, { token: operator })).status).toBe(403);
    const list = await kit.api.call('GET', '/api/platform/tenants', { token: operator });
    expect(list.status).toBe(200);
    noneOfA(list.body.items.filter((i: { tenant: { id: string } }) => i.tenant.id === b));
    expect(JSON.stringify(list.body)).not.toContain(t01.title);
  });
});

describe('resident commissioners (亲清特使), area leads and the grid chief', () => {
  // owner-03's enterprise (grid g03, 东港片区; 新材料 and 南山镇 groups) is served by qq-jrb of 金融办, a unit in none of its
  // groups; owner-04's (g04, 西城片区) by nobody; leader-zhang serves owner-15's (a leading, key enterprise)
  const detail = async (userId: string, id: string) => get(userId, `/api/tickets/${id}`);

  it('a commissioner sees their enterprise’s tickets, may message, and claims or resolves nothing their unit does not handle', async () => {
    const t = await kit.raise('owner-03', { title: '新材料企业的用地问题' });
    const seen = await detail('qq-jrb', t.id);
    expect(seen.status).toBe(200);
    expect(seen.body.actions).toEqual(['message']);
    expect(ids((await get('qq-jrb', '/api/tickets?view=commissioned')).body.items)).toContain(t.id);
    const msg = await kit.post('qq-jrb', `/api/tickets/${t.id}/messages`, { text: '我是贵企业的亲清特使，已关注此事' });
    expect(msg.status).toBe(200);
    expect((await kit.detail(t.id)).timeline.at(-1)).toMatchObject({ kind: 'message', actor: { userId: 'qq-jrb' }, data: { commissioner: true } });
    // not a member of its groups: no claim, no decline (403, it is seen)
    expect((await kit.post('qq-jrb', `/api/tickets/${t.id}/claim`)).status).toBe(403);
    expect((await kit.post('qq-jrb', `/api/tickets/${t.id}/decline`, { reason: '不属本单位' })).status).toBe(403);
    expect((await kit.post('officer-nsz', `/api/tickets/${t.id}/claim`)).status).toBe(200);
    expect((await kit.post('qq-jrb', `/api/tickets/${t.id}/resolve`, { kind: 'answered', summary: '已答复' })).status).toBe(403);
    expect((await kit.post('qq-jrb', `/api/tickets/${t.id}/request-info`, { text: '请补充' })).status).toBe(403);
    expect((await detail('qq-jrb', t.id)).body.actions).toEqual(['message']);
  });

  it('refuses the others: a commissioner of another enterprise and an unpaired official of the same unit see nothing (404)', async () => {
    const t = await kit.raise('owner-03', { title: '三号企业的第二件事' });
    for (const who of ['officer-jrb', 'lead-jrb', 'qq-swj']) {
      expect((await detail(who, t.id)).status, who).toBe(404);
      expect((await kit.post(who, `/api/tickets/${t.id}/messages`, { text: '你好' })).status, who).toBe(404);
    }
    expect((await detail('qq-jrb', t04.id)).status).toBe(404);
    expect(ids((await get('qq-jrb', '/api/tickets?view=commissioned&limit=100')).body.items)).not.toContain(t04.id);
    // an official who serves nobody: an empty list; anyone else: 403
    expect((await get('officer-jrb', '/api/tickets?view=commissioned')).body.items).toEqual([]);
    for (const who of ['owner-03', 'agent-1', 'supervisor']) expect((await get(who, '/api/tickets?view=commissioned')).status, who).toBe(403);
  });

  it('pages the commissioned list newest first across their enterprises', async () => {
    const mine = kit.env.data.enterprises.filter((e) => e.commissionerUserIds?.includes('qq-jrb')).map((e) => e.id);
    const owners = kit.env.data.users.filter((u) => u.enterpriseId && mine.includes(u.enterpriseId)).map((u) => u.id);
    for (const owner of owners) {
      kit.advance(MINUTE);
      await kit.raise(owner, { title: `${owner} 的诉求` });
    }
    const whole = (await get('qq-jrb', '/api/tickets?view=commissioned&limit=100')).body.items as Ticket[];
    expect(new Set(whole.map((t) => t.enterpriseId))).toEqual(new Set(mine));
    expect(whole.map((t) => t.createdAt)).toEqual([...whole.map((t) => t.createdAt)].sort().reverse());
    const paged: string[] = [];
    let cursor: string | undefined;
    for (let i = 0; i < 20; i++) {
      const res = await get('qq-jrb', `/api/tickets?view=commissioned&limit=2${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`);
      paged.push(...ids(res.body.items).map(String));
      cursor = res.body.cursor;
      if (!cursor) break;
    }
    expect(paged).toEqual(ids(whole));
    expect((await get('qq-jrb', '/api/tickets?view=commissioned&cursor=bm90LWEtY3Vyc29y')).status).toBe(400);
  });

  it('a commissioner raises on behalf of their enterprise; a county leader only for the enterprises they serve', async () => {
    const raise = async (userId: string, enterpriseId: string) =>
      kit.api.call('POST', '/api/tickets', {
        token: await kit.token(userId),
        headers: { 'idempotency-key': newKey() },
        body: { title: '走访发现的问题', description: '走访时企业反映融资困难', category: 'finance', enterpriseId },
      });
    const byQq = await raise('qq-jrb', kit.enterpriseOf('owner-03'));
    expect(byQq.status).toBe(201);
    expect(byQq.body.ticket).toMatchObject({ channel: 'visit', createdBy: { userId: 'qq-jrb' } });
    const byLeader = await raise('leader-zhang', kit.enterpriseOf('owner-15'));
    expect(byLeader.status).toBe(201);
    expect((await detail('leader-zhang', byLeader.body.ticket.id)).body.actions).toContain('message');
    expect((await raise('leader-zhang', kit.enterpriseOf('owner-03'))).status).toBe(403);
    expect((await raise('leader-li', kit.enterpriseOf('owner-15'))).status).toBe(403);
  });

  it('an area lead and the grid chief see their grids’ tickets, read-only; another area’s lead does not', async () => {
    const east = await kit.raise('owner-03', { title: '东港片区的诉求' }); // g03
    const west = await kit.raise('owner-04', { title: '西城片区的诉求' }); // g04
    const seen = await detail('area-east', east.id);
    expect(seen.status).toBe(200);
    expect(seen.body.actions).toEqual([]);
    expect((await kit.post('area-east', `/api/tickets/${east.id}/messages`, { text: '片区关注' })).status).toBe(403);
    expect((await detail('area-east', west.id)).status).toBe(404);
    expect((await detail('area-west', east.id)).status).toBe(404);
    expect((await detail('area-west', west.id)).status).toBe(200);
    const area = ids((await get('area-east', '/api/tickets?view=area&limit=100')).body.items);
    expect(area).toContain(east.id);
    expect(area).not.toContain(west.id);
    const chief = ids((await get('grid-chief', '/api/tickets?view=area&limit=100')).body.items);
    expect(chief).toEqual(expect.arrayContaining([east.id, west.id]));
    for (const who of ['officer-jrb', 'owner-03', 'supervisor']) expect((await get(who, '/api/tickets?view=area')).status, who).toBe(403);
  });
});
