import { ConflictError, ForbiddenError, ValidationError, type AuditEntry } from '@whistle/shared';
import { describe, expect, it } from 'vitest';
import { auditTrail } from '../../../functions/src/services/audit-trail.js';
import { deleteDirectory, listDirectory, officeHours, putDirectory, putOfficeHours, readDirectory } from '../../../functions/src/services/directory-admin.js';
import { putClockPolicy, putRateLimits } from '../../../functions/src/services/settings-admin.js';
import { failure, kit } from './kit.js';

const month = '2026-11';
const entries = async (k: Awaited<ReturnType<typeof kit>>): Promise<AuditEntry[]> => (await auditTrail(k.ports, await k.as('admin'), { month })).items;

describe('the directory an admin keeps (services on memory ports)', () => {
  it('creates a unit, then updates it on the revision read; the audit says what changed, before and after', async () => {
    const k = await kit();
    const admin = await k.as('admin');
    const created = await putDirectory(k.ports, admin, 'UNIT', 'swu', { name: '商务委', track: 'department' });
    expect(created).toMatchObject({ changed: true, created: true, record: { id: 'swu', name: '商务委', rev: 1 } });
    k.ports.clock.advance(60_000);
    const updated = await putDirectory(k.ports, admin, 'UNIT', 'swu', { name: '区商务委员会', track: 'department', rev: 1 });
    expect(updated.record.rev).toBe(2);
    const trail = await entries(k);
    expect(trail.map((e) => e.summary)).toEqual(['修改单位「区商务委员会」：名称', '新增单位「商务委」']);
    expect(trail[0]).toMatchObject({ action: 'update', target: 'UNIT', targetId: 'swu', before: { name: '商务委' }, after: { name: '区商务委员会' }, actor: { userId: 'admin' } });
  });

  it('a stale revision is 409 with the current record, and nothing is written or recorded', async () => {
    const k = await kit();
    const admin = await k.as('admin');
    await putDirectory(k.ports, admin, 'UNIT', 'swu', { name: '商务委', track: 'department' });
    await putDirectory(k.ports, admin, 'UNIT', 'swu', { name: '区商务委', track: 'department', rev: 1 });
    const e = await failure(() => putDirectory(k.ports, admin, 'UNIT', 'swu', { name: '商务局', track: 'department', rev: 1 }));
    expect(e).toBeInstanceOf(ConflictError);
    expect((e as ConflictError).details).toMatchObject({ current: { name: '区商务委', rev: 2 } });
    expect((await readDirectory(k.ports, admin, 'UNIT', 'swu')).name).toBe('区商务委');
    expect(await entries(k)).toHaveLength(2);
    // a create of a record that exists is refused the same way
    expect(await failure(() => putDirectory(k.ports, admin, 'UNIT', 'swu', { name: '另一个', track: 'department' }))).toBeInstanceOf(ConflictError);
  });

  it('re-putting the identical record changes nothing and records nothing; a retry of the same change records its entry once', async () => {
    const k = await kit();
    const admin = await k.as('admin');
    await putDirectory(k.ports, admin, 'UNIT', 'swu', { name: '商务委', track: 'department' });
    const again = await putDirectory(k.ports, admin, 'UNIT', 'swu', { name: '商务委', track: 'department' });
    expect(again).toMatchObject({ changed: false, created: false, record: { rev: 1 } });
    const update = { name: '区商务委', track: 'department', rev: 1 };
    await putDirectory(k.ports, admin, 'UNIT', 'swu', update);
    const retry = await putDirectory(k.ports, admin, 'UNIT', 'swu', update);
    expect(retry).toMatchObject({ changed: false, record: { rev: 2 } });
    expect((await entries(k)).length).toBe(2);
    // the seeded units (never written through the API) are at revision 0 and update from there
    const jxw = await readDirectory(k.ports, admin, 'UNIT', 'jxw');
    expect(jxw.rev).toBe(0);
    expect((await putDirectory(k.ports, admin, 'UNIT', 'jxw', { ...jxw, name: '经信委', rev: 0, id: undefined, tenantId: undefined } as never)).record.rev).toBe(1);
  });

  it('refuses what the rules refuse, naming the field, and writes nothing', async () => {
    const k = await kit();
    const admin = await k.as('admin');
    const e = await failure(() =>
      putDirectory(k.ports, admin, 'GROUP', 'commerce', { kind: 'key', name: '商贸群', memberUnitIds: ['scjg'], leadUnitId: 'swu' }),
    );
    expect(e).toBeInstanceOf(ValidationError);
    expect((e as ValidationError).details).toEqual([{ field: 'leadUnitId', message: '单位 swu 不存在' }]);
    expect(await k.ports.refs.get('GROUP', k.tenantId, 'commerce')).toBeUndefined();
    const self = await failure(() => putDirectory(k.ports, admin, 'USER', 'admin', { name: '管理员', roles: ['supervisor'], rev: 0 }));
    expect((self as ValidationError).details).toEqual([{ field: 'roles', message: '不能取消自己的管理员角色' }]);
    expect(await entries(k)).toEqual([]);
  });

  it('a user keeps their WeChat binding across an admin edit, and the admin never sees the openid', async () => {
    const k = await kit();
    const admin = await k.as('admin');
    const u = await k.ports.refs.get('USER', k.tenantId, 'officer-jxw');
    await k.ports.refs.put('USER', { ...u!, wechatOpenId: 'o-abc' });
    const read = await readDirectory(k.ports, admin, 'USER', 'officer-jxw');
    expect(read).toMatchObject({ wechatBound: true });
    expect(read).not.toHaveProperty('wechatOpenId');
    const { rev: _r, wechatBound: _w, id: _i, tenantId: _t, ...body } = read as Record<string, unknown>;
    await putDirectory(k.ports, admin, 'USER', 'officer-jxw', { ...body, title: '科长', rev: 0 });
    expect((await k.ports.refs.get('USER', k.tenantId, 'officer-jxw'))?.wechatOpenId).toBe('o-abc');
    const [entry] = await entries(k);
    expect(JSON.stringify(entry)).not.toContain('o-abc');
    expect(entry?.summary).toBe(`修改用户「${u!.name}」：职务`);
  });

  it('a delete is refused while something refers to the record, and recorded when it goes', async () => {
    const k = await kit();
    const admin = await k.as('admin');
    const e = await failure(() => deleteDirectory(k.ports, admin, 'GRID', 'g01'));
    expect(e).toBeInstanceOf(ConflictError);
    expect(e.message).toMatch(/^不能删除网格「东港一网格」：仍有5 个企业引用它/);
    expect(await k.ports.refs.get('GRID', k.tenantId, 'g01')).toBeDefined();
    await putDirectory(k.ports, admin, 'UNIT', 'swu', { name: '商务委', track: 'department' });
    expect(await failure(() => deleteDirectory(k.ports, admin, 'UNIT', 'swu', 0))).toBeInstanceOf(ConflictError);
    k.ports.clock.advance(1000);
    expect(await deleteDirectory(k.ports, admin, 'UNIT', 'swu', 1)).toEqual({ type: 'UNIT', id: 'swu', deleted: true });
    expect(await k.ports.refs.get('UNIT', k.tenantId, 'swu')).toBeUndefined();
    const [entry] = await entries(k);
    expect(entry).toMatchObject({ action: 'delete', summary: '删除单位「商务委」', before: { name: '商务委' } });
    expect(entry).not.toHaveProperty('after');
  });

  it('lists filter and page by id with a cursor', async () => {
    const k = await kit();
    const sup = await k.as('supervisor');
    const first = await listDirectory(k.ports, sup, 'USER', { role: 'officer', limit: 10 });
    const second = await listDirectory(k.ports, sup, 'USER', { role: 'officer', limit: 10, ...(first.cursor ? { cursor: first.cursor } : {}) });
    expect(first.total).toBe(second.total);
    expect(first.items).toHaveLength(10);
    const ids = [...first.items, ...second.items].map((u) => u.id);
    expect(new Set(ids).size).toBe(ids.length);
    expect(ids).toEqual([...ids].sort());
    const jxw = await listDirectory(k.ports, sup, 'USER', { unitId: 'jxw', limit: 50 });
    // the grid chief (网格总负责人) of the demo is an officer of 经信委
    expect(jxw.items.map((u) => u.id)).toEqual(['grid-chief', 'lead-jxw', 'officer-jxw']);
    expect(jxw.cursor).toBeUndefined();
    const owner = (await k.ports.refs.get('USER', k.tenantId, 'owner-01'))!;
    const byPhone = await listDirectory(k.ports, sup, 'ENT', { q: owner.phone!.slice(-6), limit: 50 });
    expect(byPhone.items.map((e) => e.id)).toContain(owner.enterpriseId);
    const g01 = await listDirectory(k.ports, sup, 'ENT', { gridId: 'g01', limit: 50 });
    expect(g01.total).toBe(5);
  });

  it('only the admin writes; the supervisor reads; everyone else is refused', async () => {
    const k = await kit();
    const sup = await k.as('supervisor');
    expect(await failure(() => putDirectory(k.ports, sup, 'UNIT', 'swu', { name: '商务委', track: 'department' }))).toBeInstanceOf(ForbiddenError);
    expect(await failure(() => deleteDirectory(k.ports, sup, 'GROUP', 'key'))).toBeInstanceOf(ForbiddenError);
    const officer = await k.as('officer-jxw');
    expect(await failure(() => listDirectory(k.ports, officer, 'UNIT', { limit: 10 }))).toBeInstanceOf(ForbiddenError);
    expect(await failure(() => auditTrail(k.ports, officer, {}))).toBeInstanceOf(ForbiddenError);
  });

  it('office hours: conditional on the revision, checked, recorded; the working calendar sees them at once', async () => {
    const k = await kit();
    const admin = await k.as('admin');
    const before = await officeHours(k.ports, admin);
    const hours = [{ start: '08:30', end: '12:00' }, { start: '14:00', end: '18:00' }];
    const set = await putOfficeHours(k.ports, admin, { officeHours: hours, rev: before.rev });
    expect(set).toEqual({ officeHours: hours, rev: before.rev + 1 });
    expect((await k.ports.settings.calendar(k.tenantId)).officeHours).toEqual(hours);
    expect(await failure(() => putOfficeHours(k.ports, admin, { officeHours: [{ start: '09:00', end: '17:00' }], rev: before.rev }))).toBeInstanceOf(ConflictError);
    expect(await failure(() => putOfficeHours(k.ports, admin, { officeHours: [{ start: '09:00', end: '08:00' }] }))).toBeInstanceOf(ValidationError);
    expect((await entries(k)).map((e) => e.summary)).toEqual(['修改办公时间：办公时间']);
  });

  it('the settings routes record their changes too, once per change', async () => {
    const k = await kit();
    const admin = await k.as('admin');
    const limits = { intakePerEnterprise: { max: 10, windowSeconds: 3600 }, claimsPerOfficer: { max: 30, windowSeconds: 60 } };
    await putRateLimits(k.ports, admin, limits);
    await putRateLimits(k.ports, admin, limits);
    const policy = (await k.ports.settings.policy(k.tenantId)) as unknown as Record<string, unknown>;
    await putClockPolicy(k.ports, admin, policy);
    const trail = await entries(k);
    expect(trail.map((e) => e.summary)).toEqual(['修改频率限制']);
    expect(trail[0]).toMatchObject({ target: 'SETTINGS', targetId: 'RATE_LIMITS', after: { value: limits } });
  });
});
