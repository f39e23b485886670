import {
  checkArea,
  checkEnterprise,
  checkGrid,
  checkGroup,
  checkOfficeHours,
  checkRecord,
  checkUnit,
  checkUser,
  completeCreditCode,
  describeReferences,
  directoryContext,
  isPhone,
  lastCommissionerRefusal,
  matchesText,
  pairedWith,
  pairings,
  referencesTo,
  type DirectoryContext,
  type Enterprise,
  type Group,
  type User,
} from '@whistle/shared';
import { describe, expect, it } from 'vitest';
import { demoTenant } from '../../functions/src/local/demo-data.js';

const data = demoTenant();
const T = data.tenant.id;
const ctx: DirectoryContext = directoryContext(T, data);
const fields = (issues: Array<{ field: string }>) => issues.map((i) => i.field);

describe('the directory rules', () => {
  it('accept the demo district as it is, every record of every type', () => {
    const all = [
      ...data.units.map((r) => checkRecord('UNIT', r, ctx)),
      ...data.groups.map((r) => checkRecord('GROUP', r, ctx)),
      ...data.areas.map((r) => checkRecord('AREA', r, ctx)),
      ...data.grids.map((r) => checkRecord('GRID', r, ctx)),
      ...data.enterprises.map((r) => checkRecord('ENT', r, ctx)),
      ...data.users.map((r) => checkRecord('USER', r, ctx)),
    ].flat();
    expect(all).toEqual([]);
  });

  it('a new commerce unit and a group it leads pass; a lead unit outside the members does not', () => {
    const swu = { id: 'swu', tenantId: T, name: '商务委', track: 'department' as const };
    expect(checkUnit(swu, ctx)).toEqual([]);
    const withUnit = directoryContext(T, { ...data, units: [...data.units, swu] });
    const group: Group = { id: 'commerce', tenantId: T, kind: 'key', name: '商贸企业服务群', memberUnitIds: ['swu', 'scjg'], leadUnitId: 'swu' };
    expect(checkGroup(group, withUnit)).toEqual([]);
    expect(checkGroup(group, ctx).map((i) => i.field)).toEqual(['memberUnitIds.0', 'leadUnitId']);
    const outside = checkGroup({ ...group, leadUnitId: 'jxw' }, withUnit);
    expect(outside).toEqual([{ field: 'leadUnitId', message: '牵头单位应是群的成员单位' }]);
  });

  it('a township group needs a township unit; an industry group its industry; members once', () => {
    const g: Group = { id: 'town-x', tenantId: T, kind: 'township', name: '新镇企业服务群', townUnitId: 'jxw', memberUnitIds: ['jxw', 'jxw'] };
    const issues = checkGroup(g, ctx);
    expect(issues).toContainEqual({ field: 'townUnitId', message: '「区经济和信息化委员会」不是镇街' });
    expect(issues).toContainEqual({ field: 'memberUnitIds.1', message: '「区经济和信息化委员会」重复' });
    expect(fields(checkGroup({ ...g, townUnitId: undefined }, ctx))).toContain('townUnitId');
    expect(fields(checkGroup({ id: 'i', tenantId: T, kind: 'industry', name: '新行业群', memberUnitIds: [] }, ctx))).toEqual(['industry']);
    expect(fields(checkGroup({ id: 'i', tenantId: T, kind: 'industry', name: '新行业群', industry: 'mining' as never, memberUnitIds: [] }, ctx))).toEqual(['industry']);
  });

  it('a unit that a township group or grid belongs to stays a township; names are unique', () => {
    const dgjd = data.units.find((u) => u.id === 'dgjd');
    expect(dgjd).toBeDefined();
    expect(fields(checkUnit({ ...dgjd!, track: 'department' }, ctx))).toEqual(['track']);
    expect(checkUnit({ id: 'other', tenantId: T, name: '区经济和信息化委员会', track: 'department' }, ctx)).toEqual([
      { field: 'name', message: '已有同名单位「区经济和信息化委员会」（jxw）' },
    ]);
    // its own name is not a duplicate of itself
    expect(checkUnit(data.units[0]!, ctx)).toEqual([]);
    expect(fields(checkUnit({ ...data.units[0]!, leadUserId: 'officer-jxw' }, ctx))).toEqual(['leadUserId']);
  });

  it('a grid needs a known area, a township unit and reachable contacts', () => {
    const g = data.grids[0]!;
    const issues = checkGrid({ ...g, areaId: 'north', townUnitId: 'jxw', chief: { name: '王', phone: '12345' } }, ctx);
    expect(fields(issues)).toEqual(['areaId', 'townUnitId', 'chief.phone']);
    expect(issues[0]?.message).toBe('片区 north 不存在');
    expect(fields(checkArea({ ...data.areas[0]!, lead: { name: '王', phone: '13800000000', userId: 'nobody' } }, ctx))).toEqual(['lead.userId']);
  });

  it('an enterprise needs a known grid and a valid credit code; its owners no other enterprise', () => {
    const e: Enterprise = data.enterprises[0]!;
    expect(fields(checkEnterprise({ ...e, gridId: 'g99' }, ctx))).toEqual(['gridId']);
    expect(fields(checkEnterprise({ ...e, id: `${e.id.slice(0, 17)}${e.id.endsWith('0') ? '1' : '0'}` }, ctx))).toContain('id');
    const other = data.enterprises[1]!;
    const issues = checkEnterprise({ ...e, ownerUserIds: [...e.ownerUserIds, other.ownerUserIds[0]!, 'ghost'] }, ctx);
    expect(issues.map((i) => i.field)).toEqual(['ownerUserIds.1', 'ownerUserIds.2']);
    expect(issues[0]?.message).toContain(`已是「${other.name}」的负责人`);
  });

  it('a user: roles an admin may grant, an enterprise for an owner, a unit for an officer, a phone nobody else has', () => {
    const base: User = { id: 'new-user', tenantId: T, name: '新同事', roles: ['officer'], unitId: 'jxw', phone: '139 0000 1111' };
    expect(checkUser(base, ctx)).toEqual([]);
    expect(checkUser({ ...base, roles: ['officer', 'operator', 'province'] }, ctx)).toEqual([
      { field: 'roles.1', message: '管理员不能授予「平台运营」角色' },
      { field: 'roles.2', message: '管理员不能授予「省级查看」角色' },
    ]);
    expect(checkUser({ ...base, roles: ['owner'], unitId: undefined }, ctx)).toEqual([{ field: 'enterpriseId', message: '企业负责人需要关联企业' }]);
    expect(checkUser({ ...base, roles: ['unitLead'], unitId: undefined }, ctx)).toEqual([{ field: 'unitId', message: '单位负责人需要所属单位' }]);
    expect(fields(checkUser({ ...base, unitId: 'nowhere' }, ctx))).toEqual(['unitId']);
    expect(fields(checkUser({ ...base, phone: '12345' }, ctx))).toEqual(['phone']);
    const taken = data.users.find((u) => u.id === 'officer-jxw')!;
    const dup = checkUser({ ...base, phone: `+86 ${taken.phone!}` }, ctx);
    expect(dup).toEqual([{ field: 'phone', message: `手机号已被「${taken.name}」使用` }]);
    // the user's own phone is no duplicate
    expect(checkUser(taken, ctx)).toEqual([]);
    expect(fields(checkUser({ ...base, tenantId: 'elsewhere' }, ctx))).toEqual(['tenantId']);
  });

  it('phones: mobiles and landlines, with spaces, hyphens and +86', () => {
    for (const ok of ['13812345678', '+86 138-1234-5678', '023-56781234', '0371 6543210']) expect(isPhone(ok), ok).toBe(true);
    for (const bad of ['12345678901', '1381234567', '5678123', 'abc13812345678', '']) expect(isPhone(bad), bad).toBe(false);
  });

  it('office hours: in order, each ending after it starts', () => {
    expect(checkOfficeHours([{ start: '09:00', end: '12:00' }, { start: '13:30', end: '17:30' }])).toEqual([]);
    expect(fields(checkOfficeHours([{ start: '09:00', end: '08:00' }]))).toEqual(['officeHours.0.end']);
    expect(fields(checkOfficeHours([{ start: '09:00', end: '12:00' }, { start: '11:00', end: '17:30' }]))).toEqual(['officeHours.1.start']);
    expect(fields(checkOfficeHours([]))).toEqual(['officeHours']);
  });
});

describe('what still refers to a record (the delete guard)', () => {
  it('a unit: its users, the groups it is in or leads, the grids of a township', () => {
    const refs = referencesTo('UNIT', 'dgjd', ctx);
    expect(new Set(refs.map((r) => r.type))).toEqual(new Set(['USER', 'GROUP', 'GRID']));
    expect(refs.filter((r) => r.type === 'GRID').map((r) => r.id)).toEqual(['g01', 'g02']);
    expect(describeReferences(refs)).toMatch(/^仍有\d+ 个群、\d+ 个网格、\d+ 个用户引用它（/);
  });

  it('an area its grids, a grid its enterprises, an enterprise its owners, a user the records naming them', () => {
    expect(referencesTo('AREA', 'east', ctx).map((r) => r.id)).toEqual(['g01', 'g02', 'g03']);
    expect(referencesTo('GRID', 'g01', ctx).every((r) => r.type === 'ENT' && r.field === 'gridId')).toBe(true);
    expect(referencesTo('GRID', 'g01', ctx).length).toBe(5);
    const e = data.enterprises[0]!;
    expect(referencesTo('ENT', e.id, ctx)).toEqual([{ type: 'USER', id: e.ownerUserIds[0], name: expect.any(String), field: 'enterpriseId' }]);
    expect(referencesTo('USER', 'lead-jxw', ctx).map((r) => `${r.type}:${r.field}`)).toEqual(['UNIT:leadUserId']);
    expect(referencesTo('USER', 'grid-g01', ctx).map((r) => `${r.type}:${r.id}:${r.field}`)).toEqual(['GRID:g01:officer']);
    expect(referencesTo('GROUP', 'key', ctx)).toEqual([]);
    expect(referencesTo('USER', 'leader-li', ctx)).toEqual([]);
    // a commissioner (亲清特使) is named by the enterprises they serve
    expect(referencesTo('USER', 'leader-zhang', ctx).map((r) => `${r.type}:${r.field}`)).toEqual(['ENT:commissionerUserIds', 'ENT:commissionerUserIds', 'ENT:commissionerUserIds']);
    expect(referencesTo('UNIT', 'swu', directoryContext(T, { units: [{ id: 'swu', tenantId: T, name: '商务委', track: 'department' }] }))).toEqual([]);
  });

  it('search text matches id, name and phone', () => {
    const u = { id: 'officer-jxw', name: '张三', phone: '138-2300-0001' };
    expect(matchesText(u, '张')).toBe(true);
    expect(matchesText(u, 'JXW')).toBe(true);
    expect(matchesText(u, '23000001')).toBe(true);
    expect(matchesText(u, '李')).toBe(false);
    expect(matchesText({ id: completeCreditCode('91500108MA6000000'), name: '清溪' }, '91500108')).toBe(true);
  });
});

describe('resident commissioners (亲清特使)', () => {
  const jrbServed = data.enterprises.filter((e) => e.commissionerUserIds?.includes('qq-jrb'));
  const keyOne = data.enterprises.find((e) => e.key && e.commissionerUserIds?.length === 1)!;

  it('an enterprise’s commissioners are officials of the tenant, each once', () => {
    const e = data.enterprises[3]!;
    expect(checkEnterprise({ ...e, commissionerUserIds: ['qq-jrb', 'lead-zjw', 'leader-li'] }, ctx)).toEqual([]);
    const bad = checkEnterprise({ ...e, commissionerUserIds: ['qq-jrb', 'owner-02', 'agent-1', 'nobody', 'qq-jrb'] }, ctx);
    expect(bad.map((i) => i.field)).toEqual(['commissionerUserIds.1', 'commissionerUserIds.2', 'commissionerUserIds.3', 'commissionerUserIds.4']);
    expect(bad[0]?.message).toContain('不能担任亲清特使');
    expect(bad[2]?.message).toContain('不存在');
  });

  it('a paired user keeps an official’s role; unpaired, any role goes', () => {
    const qq = data.users.find((u) => u.id === 'qq-jrb')!;
    const asAgent: User = { ...qq, roles: ['agent'], unitId: undefined };
    expect(fields(checkUser(asAgent, ctx))).toEqual(['roles']);
    expect(checkUser(asAgent, ctx)[0]?.message).toContain(`${jrbServed.length} 家企业的亲清特使`);
    const alone = directoryContext(T, { ...data, enterprises: data.enterprises.map((e) => pairedWith(e, 'qq-jrb', false)) });
    expect(checkUser(asAgent, alone)).toEqual([]);
  });

  it('a key enterprise keeps at least one: removing the last is refused, naming it; other changes pass', () => {
    const unpaired = pairedWith(keyOne, keyOne.commissionerUserIds![0]!, false);
    expect(unpaired.commissionerUserIds).toBeUndefined();
    expect(lastCommissionerRefusal(keyOne, unpaired)).toContain(`「${keyOne.name}」是重点企业`);
    expect(lastCommissionerRefusal(keyOne, pairedWith(keyOne, 'qq-fgw', true))).toBeUndefined();
    // not key; or never had one (the supervisor's list flags it instead)
    expect(lastCommissionerRefusal(keyOne, { ...unpaired, key: false })).toBeUndefined();
    expect(lastCommissionerRefusal(unpaired, unpaired)).toBeUndefined();
  });

  it('the pairing list: each commissioner with their enterprises, the key enterprises nobody serves, by unit, grid and key', () => {
    const records = { ...data, enterprises: data.enterprises.map((e) => (e.id === keyOne.id ? pairedWith(e, keyOne.commissionerUserIds![0]!, false) : e)) };
    const all = pairings(records);
    expect(all.keyUnpaired.map((e) => e.id)).toEqual([keyOne.id]);
    expect(all.counts).toMatchObject({ enterprises: 30, keyUnpaired: 1 });
    const jrb = all.commissioners.find((c) => c.userId === 'qq-jrb');
    expect(jrb).toMatchObject({ unitId: 'jrb', unitName: '区金融工作办公室' });
    expect(jrb?.enterprises.map((e) => e.id).sort()).toEqual(jrbServed.map((e) => e.id).sort());
    expect(pairings(records, { unitId: 'jrb' }).commissioners.map((c) => c.userId)).toEqual(['qq-jrb']);
    const g03 = pairings(records, { gridId: 'g03' });
    expect(g03.commissioners.flatMap((c) => c.enterprises).every((e) => e.gridId === 'g03')).toBe(true);
    expect(pairings(records, { key: true }).commissioners.flatMap((c) => c.enterprises).every((e) => e.key)).toBe(true);
    expect(pairings(records, { q: jrb?.name ?? '?' }).commissioners.map((c) => c.userId)).toEqual(['qq-jrb']);
  });
});
