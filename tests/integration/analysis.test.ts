import { XLSX_MEDIA_TYPE, type MonthlyAnalysis, type Ticket } from '@whistle/shared';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { keys } from '../../functions/src/store/keys.js';
import { dataRows, readWorkbook, rowValues } from '../support/xlsx.js';
import { sh } from './clocks-support.js';
import { startKit, type Kit } from './requests-kit.js';

/**
 * The monthly analysis (月分析) over HTTP: requests raised in September and
 * October 2026 on the local stack (three owners of one township writing about
 * electricity in October: a hot spot), one claimed, resolved and rated; then
 * GET /api/analysis/monthly and its .xlsx in November, as each role.
 */
let kit: Kit;
let town: { id: string; name: string };
let owners: string[];
let handled: Ticket;

const get = async (userId: string, month: string) => kit.api.call('GET', `/api/analysis/monthly?month=${encodeURIComponent(month)}`, { token: await kit.token(userId) });
const analysisOf = async (month: string, userId = 'supervisor'): Promise<MonthlyAnalysis> => {
  const res = await get(userId, month);
  expect(res.status, JSON.stringify(res.body).slice(0, 300)).toBe(200);
  return res.body as MonthlyAnalysis;
};

beforeAll(async () => {
  kit = await startKit();
  const { data } = kit.env;
  const townOf = (owner: string) => data.grids.find((g) => g.id === data.enterprises.find((e) => e.id === kit.enterpriseOf(owner))?.gridId)?.townUnitId;
  const all = data.users.filter((u) => u.enterpriseId).map((u) => u.id);
  const byTown = new Map<string, string[]>();
  for (const o of all) byTown.set(townOf(o) ?? '', [...(byTown.get(townOf(o) ?? '') ?? []), o]);
  const [townId, its] = [...byTown.entries()].find(([, os]) => os.length >= 3) ?? ['', []];
  town = { id: townId, name: data.units.find((u) => u.id === townId)?.name ?? '' };
  owners = its.slice(0, 3);
  const other = all.find((o) => townOf(o) !== townId) ?? '';

  kit.setNow(Date.parse(sh('2026-09-14T10:00:00')));
  await kit.raise(other, { category: 'finance', title: '贷款贴息' });
  await kit.raise(other, { category: 'permits', title: '许可延续' });
  // October: electricity three times in one township, and a loan question
  kit.setNow(Date.parse(sh('2026-10-12T10:00:00')));
  const first = await kit.raise(owners[0] ?? '', { category: 'utilities' });
  for (const o of owners.slice(1)) await kit.raise(o, { category: 'utilities' });
  await kit.raise(other, { category: 'finance', title: '贷款贴息' });
  // claimed 20 minutes in, resolved two hours later, rated
  kit.advance(20 * 60_000);
  expect((await kit.post(`officer-${townId}`, `/api/tickets/${first.id}/claim`)).status).toBe(200);
  kit.advance(2 * 3600_000);
  expect((await kit.post(`officer-${townId}`, `/api/tickets/${first.id}/resolve`, { kind: 'resolved', summary: '已协调供电公司' })).status).toBe(200);
  const rated = await kit.post(owners[0] ?? '', `/api/tickets/${first.id}/rating`, { score: 'satisfied' });
  expect(rated.status).toBe(200);
  handled = (rated.body as { ticket: Ticket }).ticket;
  kit.setNow(Date.parse(sh('2026-11-24T10:00:00')));
}, 60_000);
afterAll(async () => {
  await kit.close();
});

describe('GET /api/analysis/monthly', () => {
  it('answers a finished month’s figures: volume, township, satisfaction, working hours', async () => {
    const a = await analysisOf('2026-10');
    expect(a).toMatchObject({ month: '2026-10', label: '2026年10月', complete: true, asOf: sh('2026-11-01T00:00:00') });
    expect(a.figures).toMatchObject({ total: 4, resolved: 1, openAtEnd: 3, rated: 1, satisfiedOrFair: 1, satisfactionRate: 1 });
    expect(Object.fromEntries(a.byCategory.filter((c) => c.count).map((c) => [c.category, c.count]))).toEqual({ utilities: 3, finance: 1 });
    expect(a.byTownship.find((t) => t.unitId === town.id)).toMatchObject({ name: town.name, byCategory: expect.arrayContaining([{ category: 'utilities', count: 3 }]) });
    expect(a.byIndustry.reduce((n, i) => n + i.count, 0)).toBe(4);
    expect(a.satisfaction).toMatchObject({ resolved: 1, rated: 1, satisfied: 1, rate: 1 });
    expect(a.medianClaimHours).toBe(0.3);
    // 10:20 → 12:20 on the working calendar: the office closes at 12:00, so 100 working minutes
    expect(a.medianResolveHours).toBe(1.7);
    expect(handled.status).toBe('closed');
  });

  it('shows the six months before and the change from September; electricity in one township is a hot spot', async () => {
    const a = await analysisOf('2026-10');
    expect(a.trend.map((m) => [m.month, m.total])).toEqual([
      ['2026-04', 0],
      ['2026-05', 0],
      ['2026-06', 0],
      ['2026-07', 0],
      ['2026-08', 0],
      ['2026-09', 2],
      ['2026-10', 4],
    ]);
    expect(a.previous).toMatchObject({ month: '2026-09', total: 2 });
    expect(a.hotSpots).toEqual([expect.objectContaining({ category: 'utilities', unitId: town.id, count: 3, usualShare: 0, lift: null })]);
    expect(a.byTownship.find((t) => t.unitId === town.id)?.hot).toEqual(['utilities']);
    // no common issue confirmed in this district yet: none new, none open
    expect(a.commonIssues).toEqual({ new: 0, open: 0 });
  });

  it('keeps a finished month once: a request written into it later does not change what is answered', async () => {
    const item = await kit.env.deps.store.get(keys.analysisMonth(kit.tenantId, '2026-10'));
    expect(item).toMatchObject({ entity: 'ANALYSIS', v: 2 });
    const back = Date.parse(sh('2026-11-24T10:00:00'));
    kit.setNow(Date.parse(sh('2026-10-30T10:00:00')));
    await kit.raise(owners[1] ?? '', { category: 'market', title: '供应链对接' });
    kit.setNow(back);
    expect((await analysisOf('2026-10', 'leader-zhang')).figures.total).toBe(4);
  });

  it('computes the current month on every open', async () => {
    const before = await analysisOf('2026-11', 'admin');
    expect(before).toMatchObject({ complete: false, asOf: kit.now().toISOString() });
    await kit.raise(owners[2] ?? '', { category: 'talent', title: '招工难' });
    const after = await analysisOf('2026-11', 'admin');
    expect(after.figures.total).toBe(before.figures.total + 1);
    expect(await kit.env.deps.store.get(keys.analysisMonth(kit.tenantId, '2026-11'))).toBeUndefined();
  });

  it('refuses owners, officers, unit leads and desk agents (403), and anyone signed out (401)', async () => {
    for (const user of ['owner-01', 'officer-jxw', 'lead-jxw', 'agent-1']) {
      const res = await get(user, '2026-10');
      expect(res.status, user).toBe(403);
      expect(res.body.error.code).toBe('FORBIDDEN');
      const file = await kit.api.call('GET', '/api/analysis/monthly/export?month=2026-10', { token: await kit.token(user) });
      expect(file.status, user).toBe(403);
    }
    expect((await kit.api.call('GET', '/api/analysis/monthly?month=2026-10')).status).toBe(401);
  });

  it('refuses a bad or future month with a 400 naming `month`, in Chinese', async () => {
    for (const month of ['2026-13', '2026-Q4', '26-10', '2026', '1999-01', '']) {
      const res = await get('supervisor', month);
      expect(res.status, month).toBe(400);
      expect(res.body.error.details[0].field, month).toBe('month');
      expect(res.body.error.message, month).toMatch(/[\u4e00-\u9fff]/);
    }
    const future = await get('supervisor', '2026-12');
    expect(future.status).toBe(400);
    expect(future.body.error.details[0]).toEqual({ field: 'month', message: '该月份尚未开始' });
  });
});

describe('GET /api/analysis/monthly/export', () => {
  it('answers the same figures as an .xlsx: summary, category, industry, township, trend, slowest units; printable, header frozen', async () => {
    const res = await kit.api.call('GET', '/api/analysis/monthly/export?month=2026-10', { token: await kit.token('supervisor') });
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe(XLSX_MEDIA_TYPE);
    const tenantName = kit.env.data.tenant.name;
    expect(res.headers.get('content-disposition')).toBe(
      `attachment; filename="analysis-2026-10.xlsx"; filename*=UTF-8''${encodeURIComponent(`${tenantName}-月度分析-2026-10.xlsx`)}`,
    );
    const wb = await readWorkbook(res.body as Buffer);
    expect(wb.worksheets.map((w) => w.name)).toEqual(['概要', '按类别', '按行业', '按镇街', '趋势', '最慢单位']);
    const [summary, byCategory, , byTownship, trend] = wb.worksheets;
    if (!summary || !byCategory || !byTownship || !trend) throw new Error('sheets missing');
    expect(summary.getCell('A1').value).toBe(`${tenantName} 月度分析 · 概要（2026年10月）`);
    expect(rowValues(summary, 2)).toEqual(['指标', '本月', '上月', '变化']);
    expect(dataRows(summary)[0]).toEqual({ 指标: '诉求总量', 本月: '4', 上月: '2', 变化: '+2' });
    expect(summary.pageSetup).toMatchObject({ orientation: 'landscape', fitToWidth: 1, printTitlesRow: '2:2' });
    expect(summary.views[0]).toMatchObject({ state: 'frozen', ySplit: 2 });
    expect(dataRows(byCategory).find((r) => r['类别'] === '水电气网')).toMatchObject({ 诉求数: 3, 占比: 0.75 });
    expect(dataRows(byTownship).find((r) => r['镇街'] === town.name)).toMatchObject({ 热点: '水电气网' });
    expect(dataRows(trend).map((r) => [r['月份'], r['合计']])).toEqual([
      ['2026-04', 0],
      ['2026-05', 0],
      ['2026-06', 0],
      ['2026-07', 0],
      ['2026-08', 0],
      ['2026-09', 2],
      ['2026-10', 4],
    ]);
  });
});
