import {
  completeCreditCode,
  IMPORT_COLUMNS,
  importSummary,
  LABELS,
  locateTable,
  parseRows,
  templateSheets,
  directoryRows,
  type ImportCell,
  type ImportDirectory,
  type ImportKind,
  type ImportSheet,
} from '@whistle/shared';
import { describe, expect, it } from 'vitest';
import { demoTenant } from '../../../functions/src/local/demo-data.js';

/** The pure import: the table found by its Chinese headers, each row parsed, checked and diffed against the directory. */
const data = demoTenant('t1', '清溪区');
const dir: ImportDirectory = { tenantId: 't1', units: data.units, groups: data.groups, areas: data.areas, grids: data.grids, enterprises: data.enterprises, users: data.users };

/** a sheet with a title row, the headers (in the order given) and rows of cells by header */
function sheet(kind: ImportKind, rows: Array<Record<string, ImportCell>>, headers = IMPORT_COLUMNS[kind].map((c) => c.header), name = '企业'): ImportSheet {
  return { name, data: [['标题'], headers, ...rows.map((r) => headers.map((h) => r[h] ?? null))] };
}
/** who imports: the demo district's admin */
const ACTOR = 'admin';
const parse = (kind: ImportKind, rows: Array<Record<string, ImportCell>>, headers?: string[], actor = ACTOR) => parseRows(kind, locateTable(kind, [sheet(kind, rows, headers)]), dir, actor);

const code = (n: number) => completeCreditCode(`91500236MA${String(7000000 + n).padStart(7, '0')}`);
const ent = (n: number, over: Record<string, ImportCell> = {}) => ({
  统一社会信用代码: code(n),
  企业名称: `奉节测试企业${n}有限公司`,
  行业: '食品加工',
  企业类型: '成长型企业',
  所属网格: '东港一网格',
  重点企业: '否',
  ...over,
});

describe('locating the table', () => {
  it('matches headers by name in any column order, with the required mark, under a title row', () => {
    const headers = [...IMPORT_COLUMNS.enterprises.map((c) => (c.required ? `${c.header}*` : c.header))].reverse();
    const starred = Object.fromEntries(Object.entries(ent(1)).map(([h, v]) => [IMPORT_COLUMNS.enterprises.find((c) => c.header === h)?.required ? `${h}*` : h, v]));
    const rows = parse('enterprises', [starred], headers);
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({ row: 3, outcome: 'create', id: code(1) });
    expect(rows[0]?.writes[0]?.after).toMatchObject({ industry: 'food', tier: 'growth', gridId: 'g01', key: false });
  });

  it('names the missing columns, or the template to use', () => {
    const headers = IMPORT_COLUMNS.enterprises.filter((c) => c.key !== 'industry' && c.key !== 'tier').map((c) => c.header);
    expect(() => locateTable('enterprises', [sheet('enterprises', [ent(1)], headers)])).toThrow('缺少列：行业、企业类型');
    expect(() => locateTable('enterprises', [{ name: 'Sheet1', data: [['a', 'b'], [1, 2]] }])).toThrow('请使用企业导入模板');
  });

  it("leaves out empty rows and the template's example row, and refuses a table without data", () => {
    const example = Object.fromEntries(IMPORT_COLUMNS.enterprises.map((c) => [c.header, c.example]));
    const table = locateTable('enterprises', [sheet('enterprises', [example, {}, ent(1)])]);
    expect(table.rows.map((r) => r.row)).toEqual([5]);
    expect(() => locateTable('enterprises', [sheet('enterprises', [example])])).toThrow('没有数据行');
  });
});

describe('rows', () => {
  it('reports each problem in Chinese against its column, and duplicates by row number', () => {
    const bad = code(2).slice(0, 17) + (code(2).endsWith('0') ? '1' : '0');
    const rows = parse('enterprises', [
      ent(1),
      ent(2, { 统一社会信用代码: bad }),
      ent(3, { 所属网格: '不存在的网格' }),
      ent(4, { 行业: '挖矿' }),
      ent(1, { 企业名称: '重复的企业' }),
      ent(5, { 重点企业: '也许' }),
      ent(6, { 企业名称: '' }),
    ]);
    const issue = (i: number) => rows[i]?.issues.map((x) => `${x.column}:${x.message}`);
    expect(rows.map((r) => r.outcome)).toEqual(['create', 'error', 'error', 'error', 'error', 'error', 'error']);
    expect(issue(1)).toEqual(['统一社会信用代码:统一社会信用代码校验位不正确']);
    expect(issue(2)).toEqual(['所属网格:网格「不存在的网格」不存在']);
    expect(issue(3)).toEqual(['行业:行业「挖矿」不在列表中']);
    expect(issue(4)).toEqual(['统一社会信用代码:与第 3 行重复']);
    expect(issue(5)).toEqual(['重点企业:重点企业只能填 是 或 否']);
    expect(issue(6)).toEqual(['企业名称:请填写企业名称']);
    expect(rows.slice(1).every((r) => r.writes.length === 0)).toBe(true);
  });

  it('diffs against the directory: identical is unchanged, a change is an update naming its fields, keeping what the template has not', () => {
    const e = data.enterprises[0];
    if (!e) throw new Error('no demo enterprise');
    const same = { 统一社会信用代码: e.id, 企业名称: e.name, 行业: '装备制造', 企业类型: '龙头企业', 所属网格: e.gridId, 重点企业: e.key ? '是' : '否', 地址: e.address ?? '' };
    const [unchanged, updated] = parse('enterprises', [same, { ...same, 统一社会信用代码: data.enterprises[7]?.id, 企业名称: '改名后的企业' }]);
    expect(unchanged).toMatchObject({ outcome: 'unchanged', writes: [] });
    expect(updated?.outcome).toBe('update');
    expect(updated?.changed).toContain('name');
    expect(updated?.writes[0]?.before).toMatchObject({ id: data.enterprises[7]?.id, name: data.enterprises[7]?.name });
    // the owners are the directory's, not the template's
    expect(updated?.writes[0]?.after.ownerUserIds).toEqual(data.enterprises[7]?.ownerUserIds);
  });

  it('the commissioners column (亲清特使) names officials by account or phone; empty keeps the pairings', () => {
    const jrb = data.users.find((u) => u.id === 'qq-jrb')!;
    const row = (e: (typeof data.enterprises)[number], commissioners: string) => ({
      统一社会信用代码: e.id,
      企业名称: e.name,
      行业: LABELS.industry[e.industry],
      企业类型: LABELS.tier[e.tier],
      所属网格: e.gridId,
      重点企业: e.key ? '是' : '否',
      地址: e.address ?? '',
      亲清特使: commissioners,
    });
    // enterprises 4–6 have no commissioner in the demo
    const [paired, unknown, notOfficial] = parse('enterprises', [
      row(data.enterprises[3]!, `${jrb.phone ?? ''}、leader-li`),
      row(data.enterprises[4]!, '13900000000'),
      row(data.enterprises[5]!, 'owner-01'),
    ]);
    expect(paired).toMatchObject({ outcome: 'update', changed: ['commissionerUserIds'] });
    expect(paired?.writes[0]?.after.commissionerUserIds).toEqual(['qq-jrb', 'leader-li']);
    expect(unknown?.issues).toEqual([expect.objectContaining({ column: '亲清特使', message: expect.stringContaining('不存在') })]);
    expect(notOfficial?.issues).toEqual([expect.objectContaining({ column: '亲清特使', message: expect.stringContaining('不能担任亲清特使') })]);
    // a served enterprise with the cell left empty: its commissioners stay
    const served = data.enterprises.find((x) => x.commissionerUserIds?.length)!;
    expect(parse('enterprises', [row(served, '')])[0]).toMatchObject({ outcome: 'unchanged' });
  });

  it('enterprises: the profile (企业标签, 从业人数, 营业收入) by its Chinese names; an empty cell keeps what the enterprise has', () => {
    const e = data.enterprises[0];
    if (!e) throw new Error('no demo enterprise');
    const other = data.enterprises[7];
    if (!other) throw new Error('no demo enterprise');
    const same = { 统一社会信用代码: e.id, 企业名称: e.name, 行业: '装备制造', 企业类型: '龙头企业', 所属网格: e.gridId, 重点企业: e.key ? '是' : '否', 地址: e.address ?? '' };
    const [kept, changed, refused, created] = parse('enterprises', [
      same,
      { ...same, 统一社会信用代码: other.id, 企业名称: other.name, 企业类型: LABELS.tier[other.tier], 行业: LABELS.industry[other.industry], 所属网格: other.gridId, 重点企业: other.key ? '是' : '否', 地址: other.address ?? '', 企业标签: '专精特新、外贸企业', 营业收入: '4 亿元及以上' },
      ent(1, { 企业标签: '独角兽', 从业人数: '五百人' }),
      ent(2, { 企业标签: '初创企业', 从业人数: '20 人以下' }),
    ]);
    expect(kept?.outcome).toBe('unchanged');
    expect(changed?.outcome).toBe('update');
    expect(changed?.changed).toEqual(['revenueBand', 'tags']);
    expect(changed?.writes[0]?.after).toMatchObject({ tags: ['specialized', 'foreignTrade'], revenueBand: 'gte40000', headcountBand: other.headcountBand });
    expect(refused?.issues.map((i) => `${i.column}:${i.message}`)).toEqual(['企业标签:企业标签「独角兽」不在列表中', '从业人数:从业人数「五百人」不在列表中']);
    expect(created?.writes[0]?.after).toMatchObject({ tags: ['startup'], headcountBand: 'lt20' });
  });

  it('grids bring their area: a new area in the file is known to the rows after it, and must read the same on every row', () => {
    const g = (id: string, area: string, lead = '李华') => ({
      网格编号: id,
      网格名称: `${id}网格`,
      片区编号: area,
      片区名称: '北部片区',
      所属镇街: '南山镇',
      网格员: '张明',
      网格员电话: '13800000001',
      片区负责人: lead,
      片区负责人电话: '13800000002',
      网格总负责人: '王强',
      网格总负责人电话: '023-56781234',
    });
    const rows = parseRows('grids', locateTable('grids', [sheet('grids', [g('n1', 'north'), g('n2', 'north'), g('n3', 'north', '赵六'), { ...g('n4', 'north'), 网格员电话: '12' }])]), dir, ACTOR);
    expect(rows.map((r) => r.outcome)).toEqual(['create', 'create', 'error', 'error']);
    expect(rows[0]?.writes.map((w) => w.type)).toEqual(['GRID', 'AREA']);
    expect(rows[1]?.writes.map((w) => w.type)).toEqual(['GRID']);
    expect(rows[2]?.issues[0]?.message).toContain('与第 3 行不一致');
    expect(rows[3]?.issues.map((i) => i.column)).toEqual(['网格员电话']);
    expect(rows[3]?.issues[0]?.message).toContain('电话号码格式不正确');
  });

  it('users: roles by their Chinese names, a unit by name; the directory rules name what is missing', () => {
    const rows = parse('users', [
      { 账号: 'u1', 姓名: '张三', 角色: '部门工作人员、单位负责人', 所属单位: '区发展和改革委员会' },
      { 账号: 'u2', 姓名: '李四', 角色: '部门工作人员' },
      { 账号: 'u3', 姓名: '王五', 角色: '企业负责人' },
      { 账号: 'u4', 姓名: '赵六', 角色: '平台运营' },
    ]);
    const fgw = data.units.find((u) => u.name === '区发展和改革委员会');
    expect(rows[0]).toMatchObject({ outcome: fgw ? 'create' : 'error' });
    if (fgw) expect(rows[0]?.writes[0]?.after).toMatchObject({ roles: ['officer', 'unitLead'], unitId: fgw.id });
    expect(rows[1]?.issues.map((i) => i.column)).toEqual(['所属单位']);
    expect(rows[2]?.issues.map((i) => i.column)).toEqual(['所属企业信用代码']);
    expect(rows[3]?.issues[0]?.message).toBe('角色「平台运营」不在列表中');
    // the template offers only the roles a file may give
    const hint = IMPORT_COLUMNS.users.find((c) => c.key === 'roles')?.format ?? '';
    expect(hint).toContain(LABELS.role.officer);
    for (const platformOnly of [LABELS.role.operator, LABELS.role.province]) expect(hint).not.toContain(platformOnly);
  });

  it('users: an admin cannot take their own admin role away by import, as in the console (another admin may)', () => {
    const row = { 账号: 'admin', 姓名: '管理员', 角色: '部门工作人员', 所属单位: '区发展和改革委员会' };
    const [own] = parse('users', [row]);
    expect(own).toMatchObject({ outcome: 'error', writes: [] });
    expect(own?.issues).toContainEqual(expect.objectContaining({ column: '角色', message: '不能取消自己的管理员角色' }));
    const [other] = parse('users', [row], undefined, 'admin-2');
    expect(other?.issues.map((i) => i.message)).not.toContain('不能取消自己的管理员角色');
  });

  it("users: an enterprise's owners take in the file's owners of it once, in the first row naming it; a row in error adds nobody", () => {
    const e = data.enterprises[0];
    if (!e) throw new Error('demo enterprise missing');
    const rows = parse('users', [
      { 账号: 'own-a', 姓名: '钱一', 角色: '企业负责人', 所属企业信用代码: e.id, 手机号: '13900001001' },
      { 账号: 'own-b', 姓名: '钱二', 角色: '企业负责人', 所属企业信用代码: e.id, 手机号: '13900001002' },
      { 账号: 'own-c', 姓名: '钱三', 角色: '企业负责人、平台运营', 所属企业信用代码: e.id, 手机号: '13900001003' },
    ]);
    expect(rows.map((r) => r.outcome)).toEqual(['create', 'create', 'error']);
    const owners = rows[0]?.writes.find((w) => w.type === 'ENT');
    expect(owners?.after.ownerUserIds).toEqual([...e.ownerUserIds, 'own-a', 'own-b']);
    expect(rows[1]?.writes.map((w) => w.type)).toEqual(['USER']);
    // the same file again, once imported: nothing left to add
    const imported: ImportDirectory = {
      ...dir,
      users: [...dir.users, ...rows.slice(0, 2).map((r) => r.writes[0]?.after as never)],
      enterprises: dir.enterprises.map((x) => (x.id === e.id ? (owners?.after as never) : x)),
    };
    const again = parseRows('users', locateTable('users', [sheet('users', [
      { 账号: 'own-a', 姓名: '钱一', 角色: '企业负责人', 所属企业信用代码: e.id, 手机号: '13900001001' },
    ], undefined, '用户')]), imported, ACTOR);
    expect(again[0]?.outcome).toBe('unchanged');
  });
});

describe('Excel out', () => {
  it.each(['units', 'grids', 'enterprises', 'users'] as const)('the %s as they are, in the template, import back with every row unchanged', (kind) => {
    const [table] = templateSheets(kind, '清溪区', directoryRows(kind, dir));
    if (!table) throw new Error('no table');
    const cells: ImportSheet = { name: table.name, data: [[table.title ?? ''], table.columns.map((c) => c.header), ...table.rows.map((r) => table.columns.map((c) => (r[c.key] ?? null) as ImportCell))] };
    const rows = parseRows(kind, locateTable(kind, [cells]), dir, ACTOR);
    expect(rows.length).toBeGreaterThan(2);
    expect(rows.filter((r) => r.outcome !== 'unchanged').map((r) => ({ row: r.row, outcome: r.outcome, changed: r.changed, issues: r.issues }))).toEqual([]);
  });
});

describe('the template and the summary', () => {
  it("the template's table reads back as a table with its example left out", () => {
    const [table, values] = templateSheets('enterprises', '清溪区');
    expect(table?.rows).toHaveLength(1);
    expect(values?.columns.map((c) => c.header)).toContain('行业');
    const cells: ImportSheet = { name: table?.name ?? '', data: [[table?.title ?? ''], (table?.columns ?? []).map((c) => c.header), ...(table?.rows ?? []).map((r) => (table?.columns ?? []).map((c) => r[c.key] ?? null))] };
    expect(() => locateTable('enterprises', [cells])).toThrow('没有数据行');
  });

  it('says what a job did in one line', () => {
    expect(importSummary('enterprises', { create: 8100, update: 90, unchanged: 15, error: 0 })).toBe('导入企业 8,205 行：新增 8,100，更新 90，未变 15');
    expect(importSummary('users', { create: 1, update: 0, unchanged: 0, error: 2 }, { skippedErrors: true })).toBe('导入用户 3 行：新增 1，更新 0，未变 0，跳过错误 2');
  });
});
