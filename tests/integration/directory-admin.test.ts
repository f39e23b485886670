import { completeCreditCode, type AuditEntry, type FeedResponse, type Ticket } from '@whistle/shared';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { pinClock } from '../../functions/src/adapters/time.js';
import { handler as adminHandler } from '../../functions/src/handlers/admin.js';
import { handler as claimHandler } from '../../functions/src/handlers/claim.js';
import { handler as directoryHandler } from '../../functions/src/handlers/directory.js';
import { seedDemoAudit } from '../../functions/src/local/audit-seed.js';
import { eachLimited } from '../../functions/src/services/each-limited.js';
import { keys } from '../../functions/src/store/keys.js';
import { useIntegrationEnv, type TestEnv } from '../support/env.js';
import { call, raise, sh } from './clocks-support.js';

/** The directory an admin keeps, over HTTP on dynalite: rules, revisions, deletes, the audit trail, paging, tenants. */
let env: TestEnv;

interface ErrorBody {
  error: { code: string; message: string; details: unknown };
}
interface Rec {
  id: string;
  name: string;
  rev: number;
  [k: string]: unknown;
}
interface PutAnswer {
  record: Rec;
  changed: boolean;
  created: boolean;
}
interface Page {
  items: Rec[];
  total: number;
  cursor?: string;
}

const admin = (method: string, path: string, opts: { user?: string; body?: unknown; query?: Record<string, string> } = {}) =>
  call<Record<string, unknown>>(env, adminHandler, method, path, { user: 'admin', ...opts });
const auditOf = async (target: string, targetId: string): Promise<AuditEntry[]> =>
  ((await admin('GET', '/api/admin/audit', { query: { month: '2026-11', target, targetId } })).body as { items: AuditEntry[] }).items;

beforeAll(async () => {
  env = await useIntegrationEnv();
  pinClock(new Date(sh('2026-11-24T10:00')));
});
afterAll(() => pinClock(undefined));

describe('a commerce unit (商务委) and a group it leads, kept by the admin', () => {
  it('adds the unit, its officer and a group with it as lead unit; a request raised then reaches the group and the new unit claims it', async () => {
    const unit = await admin('PUT', '/api/admin/units/swu', { body: { name: '商务委', track: 'department' } });
    expect(unit.status).toBe(200);
    expect(unit.body).toMatchObject({ created: true, changed: true, record: { id: 'swu', name: '商务委', track: 'department', rev: 1, tenantId: env.tenantId } });
    const officer = { name: '商务委工作人员', roles: ['officer'], unitId: 'swu', phone: '13900001111', title: '科员' };
    expect((await admin('PUT', '/api/admin/users/officer-swu', { body: officer })).status).toBe(200);
    const group = { kind: 'key', name: '商贸重点企业服务群', memberUnitIds: ['swu', 'scjg'], leadUnitId: 'swu' };
    const put = await admin('PUT', '/api/admin/groups/key-commerce', { body: group });
    expect(put.status).toBe(200);
    expect((put.body as unknown as PutAnswer).record).toMatchObject({ ...group, rev: 1 });

    // the call helper signs in users of the demo data: the new officer too
    env.data.users.push({ id: 'officer-swu', tenantId: env.tenantId, ...officer, roles: ['officer'] });
    const ticket = await raise(env, 'owner-01', sh('2026-11-24T10:05'));
    expect(ticket.groupIds).toContain('key-commerce');
    const feed = await call<FeedResponse>(env, directoryHandler, 'GET', '/api/groups/key-commerce/feed', { user: 'officer-swu' });
    expect(feed.status).toBe(200);
    expect(feed.body.items.map((c) => c.ticketId)).toContain(ticket.id);
    const claimed = await call<{ ticket: Ticket }>(env, claimHandler, 'POST', `/api/tickets/${ticket.id}/claim`, { user: 'officer-swu' });
    expect(claimed.status).toBe(200);
    expect(claimed.body.ticket).toMatchObject({ status: 'claimed', handlingUnitId: 'swu', handlingUnitName: '商务委' });
  });

  it('a list opened reads what another function wrote since (an import), past this one\'s warm copy; its next pages page through that copy', async () => {
    const first = await admin('GET', '/api/admin/units', { query: { limit: '2' } });
    expect(first.status).toBe(200);
    // written by another function (as the importer does): this process's warm list does not know of it
    await env.deps.store.put({ ...keys.ref(env.tenantId, 'UNIT', 'aaa-imported'), entity: 'UNIT', id: 'aaa-imported', tenantId: env.tenantId, name: '新导入单位', track: 'department' });
    const opened = await admin('GET', '/api/admin/units', { query: { limit: '2' } });
    const ids = (opened.body as unknown as { items: Array<{ id: string }> }).items.map((u) => u.id);
    expect(ids).toContain('aaa-imported');
    await env.deps.store.delete(keys.ref(env.tenantId, 'UNIT', 'aaa-imported'));
  });

  it('a stale rev is 409 with the current record, and nothing is written', async () => {
    expect((await env.deps.refs.unit(env.tenantId, 'swu'))?.name).toBe('商务委');
    const first = await admin('PUT', '/api/admin/units/swu', { body: { name: '区商务委', track: 'department', rev: 1 } });
    expect((first.body as unknown as PutAnswer).record.rev).toBe(2);
    // the warm copy a request just read is forgotten: the next read in this process sees the change
    expect((await env.deps.refs.unit(env.tenantId, 'swu'))?.name).toBe('区商务委');
    const before = await env.deps.store.get(keys.ref(env.tenantId, 'UNIT', 'swu'), true);
    const stale = await admin('PUT', '/api/admin/units/swu', { body: { name: '商务局', track: 'department', rev: 1 } });
    expect(stale.status).toBe(409);
    expect((stale.body as unknown as ErrorBody).error).toMatchObject({ code: 'CONFLICT', details: { current: { name: '区商务委', rev: 2 } } });
    expect(await env.deps.store.get(keys.ref(env.tenantId, 'UNIT', 'swu'), true)).toEqual(before);
    // the same record again: nothing changes, nothing is recorded
    const same = await admin('PUT', '/api/admin/units/swu', { body: { name: '区商务委', track: 'department', rev: 2 } });
    expect(same.body).toMatchObject({ changed: false, record: { rev: 2 } });
    expect((await auditOf('UNIT', 'swu')).map((e) => e.summary)).toEqual(['修改单位「区商务委」：名称', '新增单位「商务委」']);
  });

  it('bad input is a 400 naming the field in Chinese, and nothing is written', async () => {
    const cases: Array<[string, unknown, string, RegExp]> = [
      ['/api/admin/groups/bad-group', { kind: 'township', name: '新镇群', townUnitId: 'jxw', memberUnitIds: ['jxw'] }, 'townUnitId', /不是镇街/],
      ['/api/admin/groups/bad-group', { kind: 'key', name: '新群', memberUnitIds: ['jxw'], leadUnitId: 'swu' }, 'leadUnitId', /牵头单位应是群的成员单位/],
      ['/api/admin/users/bad-user', { name: '某人', roles: ['owner'] }, 'enterpriseId', /企业负责人需要关联企业/],
      ['/api/admin/users/bad-user', { name: '某人', roles: ['officer', 'operator'], unitId: 'jxw' }, 'roles.1', /不能授予/],
      ['/api/admin/users/bad-user', { name: '某人', roles: ['officer'], unitId: 'jxw', phone: '13900001111' }, 'phone', /手机号已被/],
      ['/api/admin/users/bad-user', { name: '', roles: ['officer'], unitId: 'jxw' }, 'name', /不能为空/],
      ['/api/admin/units/bad-unit', { name: '某单位', track: 'county' }, 'track', /[\u4e00-\u9fff]/],
      ['/api/admin/units/bad-unit', { name: '某单位', track: 'department', rev: -1 }, 'rev', /版本号/],
      ['/api/admin/enterprises/91500108MA0000000X', { name: '某公司' }, 'id', /统一社会信用代码/],
    ];
    for (const [path, body, field, message] of cases) {
      const res = await admin('PUT', path, { body });
      expect(res.status, `${path} ${field}`).toBe(400);
      const details = (res.body as unknown as ErrorBody).error.details as Array<{ field: string; message: string }>;
      const named = details.find((d) => d.field === field);
      expect(named?.message, `${path} ${field}: ${JSON.stringify(details)}`).toMatch(message);
    }
    for (const [type, id] of [['GROUP', 'bad-group'], ['USER', 'bad-user'], ['UNIT', 'bad-unit']] as const) {
      expect(await env.deps.store.get(keys.ref(env.tenantId, type, id), true), id).toBeUndefined();
    }
  });

  it('a delete is refused with 409 while anything refers to the record, naming it; then goes, with its audit entry', async () => {
    const refused = await admin('DELETE', '/api/admin/units/swu');
    expect(refused.status).toBe(409);
    const err = (refused.body as unknown as ErrorBody).error;
    expect(err.message).toContain('商贸重点企业服务群');
    expect(err.message).toContain('商务委工作人员');
    expect(await env.deps.store.get(keys.ref(env.tenantId, 'UNIT', 'swu'), true)).toBeDefined();
    // an area with grids, a grid with enterprises
    expect((await admin('DELETE', '/api/admin/areas/east')).status).toBe(409);
    expect((await admin('DELETE', '/api/admin/grids/g01')).status).toBe(409);

    expect((await admin('PUT', '/api/admin/areas/north', { body: { name: '北部片区', lead: { name: '赵六', phone: '023-56781234' } } })).status).toBe(200);
    pinClock(new Date(sh('2026-11-24T10:30')));
    const staleDelete = await admin('DELETE', '/api/admin/areas/north', { query: { rev: '0' } });
    expect(staleDelete.status).toBe(409);
    // the warm copies (15 s) hold it: the delete must forget them, so this process's next read does not see it
    expect((await env.deps.refs.list('AREA', env.tenantId)).map((a) => a.id)).toContain('north');
    expect(await env.deps.refs.area(env.tenantId, 'north')).toBeDefined();
    const gone = await admin('DELETE', '/api/admin/areas/north', { query: { rev: '1' } });
    expect(gone.status).toBe(200);
    expect((await env.deps.refs.list('AREA', env.tenantId)).map((a) => a.id)).not.toContain('north');
    expect(await env.deps.refs.area(env.tenantId, 'north')).toBeUndefined();
    expect(((await admin('GET', '/api/admin/areas')).body as unknown as Page).items.map((a) => a.id)).not.toContain('north');
    expect(gone.body).toEqual({ type: 'AREA', id: 'north', deleted: true });
    expect((await admin('GET', '/api/admin/areas/north')).status).toBe(404);
    expect((await admin('DELETE', '/api/admin/areas/north')).status).toBe(404);
    const trail = await auditOf('AREA', 'north');
    expect(trail.map((e) => [e.action, e.summary])).toEqual([
      ['delete', '删除片区「北部片区」'],
      ['create', '新增片区「北部片区」'],
    ]);
    expect(trail[0]?.before).toMatchObject({ name: '北部片区', lead: { phone: '023-56781234' } });
    expect(trail[1]?.after).toMatchObject({ name: '北部片区' });
  });

  it('the settings routes record their changes with before and after', async () => {
    const limits = { intakePerEnterprise: { max: 12, windowSeconds: 3600 }, claimsPerOfficer: { max: 30, windowSeconds: 60 } };
    expect((await admin('PUT', '/api/admin/rate-limits', { body: limits })).status).toBe(200);
    expect((await admin('PUT', '/api/admin/rate-limits', { body: limits })).status).toBe(200);
    const hours = await admin('GET', '/api/admin/office-hours');
    const put = await admin('PUT', '/api/admin/office-hours', {
      body: { officeHours: [{ start: '08:30', end: '12:00' }, { start: '14:00', end: '17:30' }], rev: hours.body.rev },
    });
    expect(put.status).toBe(200);
    const settings = await auditOf('SETTINGS', 'RATE_LIMITS');
    expect(settings).toHaveLength(1);
    expect(settings[0]).toMatchObject({ summary: '修改频率限制', before: { value: { intakePerEnterprise: { max: 20 } } }, after: { value: limits } });
    expect((await auditOf('TENANT', env.tenantId)).map((e) => e.summary)).toEqual(['修改办公时间：办公时间']);
  });

  it('the supervisor reads the directory and the trail; nobody else; no writes but the admin', async () => {
    expect((await admin('GET', '/api/admin/units', { user: 'supervisor' })).status).toBe(200);
    expect((await admin('GET', '/api/admin/audit', { user: 'supervisor' })).status).toBe(200);
    expect((await admin('PUT', '/api/admin/units/x1', { user: 'supervisor', body: { name: '某单位', track: 'department' } })).status).toBe(403);
    for (const user of ['officer-jxw', 'lead-jxw', 'owner-01', 'leader-zhang', 'agent-1', 'assessor']) {
      expect((await admin('GET', '/api/admin/users', { user })).status, user).toBe(403);
      expect((await admin('GET', '/api/admin/audit', { user })).status, user).toBe(403);
      expect((await admin('PUT', '/api/admin/units/x1', { user, body: { name: '某单位', track: 'department' } })).status, user).toBe(403);
      expect((await admin('DELETE', '/api/admin/groups/key', { user })).status, user).toBe(403);
    }
    expect(await env.deps.store.get(keys.ref(env.tenantId, 'UNIT', 'x1'), true)).toBeUndefined();
  });
});

describe('tenants never meet', () => {
  it("another tenant's records are not there: not read, not listed, not changed, not deleted", async () => {
    const other = `${env.tenantId}x`;
    await env.deps.refs.put('UNIT', { id: 'foreign', tenantId: other, name: '外区单位', track: 'department' });
    expect((await admin('GET', '/api/admin/units/foreign')).status).toBe(404);
    expect((await admin('DELETE', '/api/admin/units/foreign')).status).toBe(404);
    const list = (await admin('GET', '/api/admin/units', { query: { q: '外区' } })).body as unknown as Page;
    expect(list.items).toEqual([]);
    const mine = await admin('PUT', '/api/admin/units/foreign', { body: { name: '本区同号单位', track: 'department', tenantId: other } });
    expect(mine.status).toBe(400);
    const created = await admin('PUT', '/api/admin/units/foreign', { body: { name: '本区同号单位', track: 'department' } });
    expect((created.body as unknown as PutAnswer).record.tenantId).toBe(env.tenantId);
    expect(await env.deps.refs.revised('UNIT', other, 'foreign')).toMatchObject({ value: { name: '外区单位' }, revision: { rev: 0 } });
  });
});

describe('lists cope with a real district', () => {
  it('pages through 1,000 enterprises with a cursor, each once, in order; filters by grid, industry and text', async () => {
    const owners = new Set(env.data.enterprises.map((e) => e.id));
    await eachLimited(Array.from({ length: 1000 }, (_, i) => i), 16, async (i) => {
      await env.deps.refs.put('ENT', {
        id: completeCreditCode(`91500108MB${String(7000000 + i).padStart(7, '0')}`),
        tenantId: env.tenantId,
        name: `测试企业${String(i).padStart(4, '0')}有限公司`,
        industry: i % 2 === 0 ? 'food' : 'logistics',
        tier: 'growth',
        gridId: 'g06',
        key: false,
        ownerUserIds: [],
      });
    });
    const seen: string[] = [];
    let cursor: string | undefined;
    let pages = 0;
    do {
      const res = await admin('GET', '/api/admin/enterprises', { query: { limit: '200', ...(cursor ? { cursor } : {}) } });
      expect(res.status).toBe(200);
      const page = res.body as unknown as Page;
      expect(page.total).toBe(1000 + owners.size);
      seen.push(...page.items.map((e) => e.id));
      cursor = page.cursor;
      pages++;
    } while (cursor && pages < 20);
    expect(pages).toBe(6);
    expect(seen).toHaveLength(1000 + owners.size);
    expect(new Set(seen).size).toBe(seen.length);
    expect(seen).toEqual([...seen].sort());

    const food = (await admin('GET', '/api/admin/enterprises', { query: { gridId: 'g06', industry: 'food', limit: '10' } })).body as unknown as Page;
    expect(food.total).toBe(500 + env.data.enterprises.filter((e) => e.gridId === 'g06' && e.industry === 'food').length);
    expect(food.items.every((e) => e.gridId === 'g06' && e.industry === 'food')).toBe(true);
    const byName = (await admin('GET', '/api/admin/enterprises', { query: { q: '测试企业0999' } })).body as unknown as Page;
    expect(byName.items.map((e) => e.name)).toEqual(['测试企业0999有限公司']);
    const bad = await admin('GET', '/api/admin/enterprises', { query: { industry: 'mining' } });
    expect(bad.status).toBe(400);
    expect(((bad.body as unknown as ErrorBody).error.details as Array<{ field: string }>)[0]?.field).toBe('industry');
  });
});

describe('the demo district', () => {
  it('opens its audit trail on a few changes, recorded once however often the stack starts', async () => {
    await seedDemoAudit(env.deps.audit, env.deps.store, env.data, new Date('2026-12-05T03:00:00.000Z'));
    await seedDemoAudit(env.deps.audit, env.deps.store, env.data, new Date('2026-12-06T03:00:00.000Z'));
    const trail = (await admin('GET', '/api/admin/audit', { user: 'supervisor', query: { month: '2026-12' } })).body as { items: AuditEntry[] };
    expect(trail.items.map((e) => e.id)).toEqual(['demo-4', 'demo-3', 'demo-2', 'demo-1']);
    expect(trail.items.every((e) => e.at < '2026-12-05T03:00:00.000Z' && e.at >= '2026-12-01')).toBe(true);
    expect(trail.items.map((e) => e.summary)).toContain(`修改用户「${env.data.users.find((u) => u.id === 'officer-rsj')?.name ?? ''}」：电话、职务`);
  });
});
