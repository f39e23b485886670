import { completeCreditCode, periodAt, type DistrictFigures, type ProvinceOverviewResponse, type Ticket } from '@whistle/shared';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { project } from '../../functions/src/services/assessment.js';
import { newKey, startKit, type Kit } from './requests-kit.js';
import { setUpTenancy, type Tenancy } from './tenancy-kit.js';

/**
 * Many districts on one deployment, over HTTP: an operator creates a district
 * (a retry answers the same, another request for its id is refused), its first
 * admin signs in through the dev login, a request is raised and claimed in it,
 * and the province sees both its districts' figures, and nothing of a ticket.
 */
let kit: Kit;
let ten: Tenancy;
let districtB: string;
const admin = { name: '王芳', phone: '13800000000' };
const createBody = () => ({ id: districtB, name: '奉节县', kind: 'district', provinceId: ten.provinceId, admin });

beforeAll(async () => {
  kit = await startKit();
  ten = await setUpTenancy(kit.env, kit.api);
  districtB = `fj${kit.tenantId}`;
});
afterAll(async () => {
  await kit.close();
});

const as = (token: string) => ({ token });
const create = async (token: string, body: unknown, key: string) =>
  kit.api.call('POST', '/api/platform/tenants', { token, body, headers: { 'idempotency-key': key } });

describe('creating a district', () => {
  const key = newKey();
  let firstInvitation = '';

  it('creates the tenant, its settings and its first admin, and records it', async () => {
    const res = await create(await ten.operator(), createBody(), key);
    expect(res.status).toBe(201);
    expect(res.body.tenant).toMatchObject({ id: districtB, name: '奉节县', kind: 'district', provinceId: ten.provinceId });
    expect(res.body.admin).toEqual({ userId: 'admin', ...admin });
    const { deps } = kit.env;
    expect(await deps.refs.user(districtB, 'admin')).toMatchObject({ roles: ['admin'], name: '王芳' });
    expect(await deps.due.tenants()).toContain(districtB);
    expect((await deps.settings.rateLimits(districtB)).isDefault).toBe(false);
    expect((await deps.tenants.districtsOf(ten.provinceId)).map((t) => t.id).sort()).toEqual([districtB, kit.tenantId].sort());
    const month = res.body.createdAt.slice(0, 7);
    const trail = await deps.audit.list(districtB, { month });
    expect(trail.items.map((e) => e.target).sort()).toEqual(['INVITATION', 'TENANT', 'USER']);
    // the first admin's way in: a pending WeChat invitation, its code and the QR code's page
    expect(res.body.invitation).toMatchObject({ userId: 'admin', status: 'pending', path: `pages/login/index?invite=${res.body.invitation.code}` });
    firstInvitation = res.body.invitation.code;
    expect((await deps.audit.list(ten.platformId, { month })).items.map((e) => e.targetId)).toContain(districtB);
  });

  it('answers a retry of the same request the same, writing nothing again', async () => {
    const first = await kit.env.deps.audit.list(districtB, { month: kit.now().toISOString().slice(0, 7) });
    kit.advance(60_000);
    const res = await create(await ten.operator(), createBody(), key);
    expect(res.status).toBe(200);
    expect(res.headers.get('idempotent-replayed')).toBe('true');
    expect(res.body.invitation.code).toBe(firstInvitation);
    const again = await kit.env.deps.audit.list(districtB, { month: kit.now().toISOString().slice(0, 7) });
    expect(again.items).toHaveLength(first.items.length);
  });

  it('refuses another create of the same id (409) and the same key for another body (422), nothing changed', async () => {
    const other = await create(await ten.operator(), { ...createBody(), name: '另一个县' }, newKey());
    expect(other.status).toBe(409);
    expect(other.body.error.code).toBe('CONFLICT');
    const mismatch = await create(await ten.operator(), { ...createBody(), name: '另一个县' }, key);
    expect(mismatch.status).toBe(422);
    expect((await kit.env.deps.refs.tenant(districtB))?.name).toBe('奉节县');
  });

  it('refuses anyone but a platform operator (403), and a district without its province (400 naming it)', async () => {
    for (const token of [await kit.token('admin'), await kit.token('supervisor'), await ten.province()]) {
      expect((await create(token, { ...createBody(), id: `x${districtB}` }, newKey())).status).toBe(403);
      expect((await kit.api.call('GET', '/api/platform/tenants', as(token))).status).toBe(403);
    }
    const noProvince = await create(await ten.operator(), { id: `y${districtB}`, name: '某县', admin }, newKey());
    expect(noProvince.status).toBe(400);
    expect(noProvince.body.error.details[0].field).toBe('provinceId');
    const notAProvince = await create(await ten.operator(), { id: `y${districtB}`, name: '某县', provinceId: kit.tenantId, admin }, newKey());
    expect(notAProvince.status).toBe(400);
    expect(await kit.env.deps.refs.tenant(`y${districtB}`)).toBeUndefined();
  });
});

describe('the new district at work', () => {
  let ticket: Ticket;

  it("lets its first admin in through the dev sign-in (listed among the personas)", async () => {
    const personas = (await kit.api.call('GET', '/api/auth/dev-users')).body as Array<{ userId: string; tenantId?: string; roles: string[] }>;
    expect(personas).toContainEqual(expect.objectContaining({ userId: 'admin', tenantId: districtB, roles: ['admin'] }));
    expect(personas).toContainEqual(expect.objectContaining({ userId: 'operator', tenantId: ten.platformId }));
    // the dev tenant's own personas carry no tenant
    expect(personas.find((p) => p.userId === 'owner-01')?.tenantId).toBeUndefined();
    const me = await kit.api.call('GET', '/api/me', as(await ten.login(districtB, 'admin')));
    expect(me.status).toBe(200);
    expect(me.body.user).toMatchObject({ tenantId: districtB, id: 'admin' });
  });

  it('raises and claims a request once its directory is there', async () => {
    // the directory CRUD lands from another branch: the reference data through the store
    const { refs } = kit.env.deps;
    const t = districtB;
    const ent = completeCreditCode('91500236MA7000001');
    await refs.put('UNIT', { id: 'jxj', tenantId: t, name: '县经信局', track: 'department' });
    await refs.put('UNIT', { id: 'yfz', tenantId: t, name: '永丰镇', track: 'township' });
    await refs.put('AREA', { id: 'a1', tenantId: t, name: '城区片区', lead: { name: '片区长', phone: '13800000001' } });
    await refs.put('GRID', { id: 'g1', tenantId: t, areaId: 'a1', name: '一网格', townUnitId: 'yfz', officer: { name: '网格员', phone: '13800000002' }, areaLead: { name: '片区长', phone: '13800000001' }, chief: { name: '总网格长', phone: '13800000003' } });
    await refs.put('GROUP', { id: 'ind-equipment', tenantId: t, kind: 'industry', name: '装备制造行业群', industry: 'equipment', memberUnitIds: ['jxj'], leadUnitId: 'jxj' });
    await refs.put('ENT', { id: ent, tenantId: t, name: '奉节机械有限公司', industry: 'equipment', tier: 'growth', gridId: 'g1', key: false, ownerUserIds: ['boss'] });
    await refs.put('USER', { id: 'boss', tenantId: t, name: '李老板', roles: ['owner'], enterpriseId: ent });
    await refs.put('USER', { id: 'officer-jxj', tenantId: t, name: '经信干部', roles: ['officer'], unitId: 'jxj' });

    const raised = await kit.api.call('POST', '/api/tickets', {
      ...as(await ten.login(t, 'boss')),
      headers: { 'idempotency-key': newKey() },
      body: { title: '奉节的厂房用电增容', description: '新产线需要增容 800 千伏安', category: 'utilities' },
    });
    expect(raised.status).toBe(201);
    ticket = raised.body.ticket as Ticket;
    expect(ticket.tenantId).toBe(t);
    kit.advance(20 * 60_000);
    const claimed = await kit.api.call('POST', `/api/tickets/${ticket.id}/claim`, as(await ten.login(t, 'officer-jxj')));
    expect(claimed.status).toBe(200);
    expect(claimed.body.ticket.handlingUnitId).toBe('jxj');
    // what the notifier does with the commit's `assess` message
    await project(kit.env.deps, t, ticket.id);
  });

  it("shows the province both districts with the right figures, and nothing of a ticket", async () => {
    const period = periodAt(kit.now().toISOString(), 'quarter');
    const res = await kit.api.call('GET', `/api/province/overview?period=${period}`, as(await ten.province()));
    expect(res.status).toBe(200);
    const body = res.body as ProvinceOverviewResponse;
    expect(body.districts.map((d) => d.tenantId).sort()).toEqual([districtB, kit.tenantId].sort());
    const b = body.districts.find((d) => d.tenantId === districtB) as DistrictFigures;
    expect(b).toMatchObject({ name: '奉节县', raised: 1, claimed: 1, claimInTimeRate: 100, resolved: 0, onTimeRate: null, open: 1, overdue: 0, units: 2, rank: 1 });
    // the file's demo district raised nothing this quarter: no index, last, unranked
    expect(body.districts.at(-1)).toMatchObject({ tenantId: kit.tenantId, raised: 0, index: null, rank: null });
    expect(body.readsPerDistrict).toBe(3);
    const text = JSON.stringify(body);
    expect(text).not.toContain('用电增容');
    expect(text).not.toContain('奉节机械');

    const detail = await kit.api.call('GET', `/api/province/districts/${districtB}?period=${period}`, as(await ten.province()));
    expect(detail.status).toBe(200);
    // its rank is the overview's
    expect(detail.body.district).toMatchObject({ tenantId: districtB, rank: 1 });
    expect(detail.body.tracks.find((x: { track: string }) => x.track === 'department').units[0]).toMatchObject({ unitId: 'jxj', handled: 1, claimInTimeRate: 100, rank: 1 });
    expect(JSON.stringify(detail.body)).not.toContain('用电增容');
    expect((await kit.api.call('GET', `/api/province/overview?period=2026-13`, as(await ten.province()))).status).toBe(400);
  });

  it("lists the tenants with their figures for the operator, who reads no district's tickets", async () => {
    const res = await kit.api.call('GET', '/api/platform/tenants', as(await ten.operator()));
    expect(res.status).toBe(200);
    const b = (res.body.items as Array<{ tenant: { id: string }; figures: unknown }>).find((i) => i.tenant.id === districtB);
    expect(b?.figures).toEqual({ units: 2, enterprises: 1, users: 3, ticketsThisMonth: 1 });
    const operator = await ten.operator();
    expect((await kit.api.call('GET', `/api/tickets/${ticket.id}`, as(operator))).status).toBe(404);
    expect((await kit.api.call('GET', '/api/tickets', as(operator))).body.items).toEqual([]);
    expect((await kit.api.call('GET', `/api/province/overview?period=2026-Q4`, as(operator))).status).toBe(403);
  });
});
