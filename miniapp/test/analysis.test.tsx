import { fireEvent, render, screen } from '@testing-library/react';
import { CATEGORIES, type MonthFigures, type MonthlyAnalysis, type Role } from '@whistle/shared';
import { describe, expect, it, vi } from 'vitest';
import { CommonIssuesCard } from '../src/assess/components/analysis/CommonIssuesCard';
import { Headlines } from '../src/assess/components/analysis/Headlines';
import { MonthPicker } from '../src/assess/components/analysis/MonthPicker';
import { SatisfactionCard } from '../src/assess/components/analysis/SatisfactionCard';
import { SlowUnits } from '../src/assess/components/analysis/SlowUnits';
import { TownshipTable } from '../src/assess/components/analysis/TownshipTable';
import { seesAnalysis } from '../src/assess/lib/access';
import { axisTop, categoryChart, headlines, pickableMonths, trendChart } from '../src/assess/lib/analysis';
import { staffTiles } from '../src/lib/home-tiles';
import { calls } from './taro';
import { TUESDAY_10 } from './fixtures';

/** The monthly analysis page's parts other than the charts' canvas: the figures people read. */
const texts = (selector: string) => [...document.querySelectorAll(selector)].map((e) => e.textContent);
const counts = (c: Partial<Record<(typeof CATEGORIES)[number], number>>) => CATEGORIES.map((category) => ({ category, count: c[category] ?? 0 }));
const figures = (month: string, f: Partial<MonthFigures>): MonthFigures => ({
  month,
  total: 0,
  resolved: 0,
  openAtEnd: 0,
  overdue: 0,
  rated: 0,
  satisfiedOrFair: 0,
  satisfactionRate: null,
  byCategory: counts({}),
  cells: [],
  ...f,
});
const analysis: MonthlyAnalysis = {
  month: '2026-10',
  label: '2026年10月',
  asOf: '2026-10-31T16:00:00.000Z',
  complete: true,
  computedAt: '2026-11-02T02:00:00.000Z',
  figures: figures('2026-10', { total: 12, resolved: 9, openAtEnd: 3, overdue: 2, rated: 8, satisfiedOrFair: 7, satisfactionRate: 0.875, byCategory: counts({ land: 6, finance: 4, talent: 2 }) }),
  previous: figures('2026-09', { total: 9, openAtEnd: 4, overdue: 2, satisfactionRate: 0.9 }),
  medianClaimHours: 0.5,
  medianResolveHours: 6.5,
  byCategory: counts({ land: 6, finance: 4, talent: 2 }).map((c) => ({ ...c, label: c.category, share: c.count / 12 })),
  byIndustry: [],
  byTownship: [
    { unitId: 'xcjd', name: '西城街道', count: 7, share: 0.5833, byCategory: [{ category: 'finance', count: 1 }, { category: 'land', count: 6 }], hot: ['land'] },
    { unitId: 'dgjd', name: '东关街道', count: 5, share: 0.4167, byCategory: [{ category: 'finance', count: 3 }, { category: 'talent', count: 2 }], hot: [] },
  ],
  trend: [
    { month: '2026-09', total: 9, byCategory: counts({ finance: 5, land: 1, talent: 3 }) },
    { month: '2026-10', total: 12, byCategory: counts({ land: 6, finance: 4, talent: 2 }) },
  ],
  hotSpots: [{ category: 'land', categoryLabel: '用地建设', unitId: 'xcjd', townName: '西城街道', count: 6, share: 0.5, usualShare: 0.1111, lift: 4.5 }],
  slowestUnits: [
    { unitId: 'ghzy', name: '区规划和自然资源局', tickets: 6, claimed: 6, resolved: 4, medianClaimHours: 1.5, medianResolveHours: 20.3 },
    { unitId: 'rsj', name: '区人力资源和社会保障局', tickets: 5, claimed: 5, resolved: 5, medianClaimHours: 0.3, medianResolveHours: null },
  ],
  satisfaction: { resolved: 9, rated: 8, ratedShare: 0.8889, satisfied: 5, fair: 2, unsatisfied: 1, rate: 0.875 },
  commonIssues: null,
};

describe('the headline figures', () => {
  it('show each figure with its change from the month before, good news green and bad news red', () => {
    render(<Headlines items={headlines(analysis)} previousLabel="9月" />);
    expect(texts('.headline__value')).toEqual(['12', '3', '2', '87.5%']);
    expect(texts('.headline__label')).toEqual(['诉求总量', '月末未办结', '办结超期', '满意度']);
    expect(texts('.headline__change')).toEqual(['较9月 +3', '较9月 -1', '较9月 0', '较9月 -2.5 个百分点']);
    expect(document.querySelector('[data-key="open"] .headline__change--good')).toBeTruthy();
    expect(document.querySelector('[data-key="satisfaction"] .headline__change--bad')).toBeTruthy();
  });

  it('say so when there is no month before', () => {
    render(<Headlines items={headlines({ ...analysis, previous: null, complete: false })} />);
    expect(texts('.headline__label')[1]).toBe('未办结');
    expect(screen.getAllByText('无上月数据')).toHaveLength(4);
  });
});

describe('the township table', () => {
  it('highlights the hot township and category, and explains the hot spot', () => {
    render(<TownshipTable rows={analysis.byTownship} hotSpots={analysis.hotSpots} />);
    expect(texts('.town-table__row:not(.town-table__row--head) .town-table__name')).toEqual(['西城街道', '东关街道']);
    expect([...document.querySelectorAll('.town-table__row--hot')].map((e) => e.getAttribute('data-unit'))).toEqual(['xcjd']);
    expect(texts('[data-unit="xcjd"] .town-cat')).toEqual(['用地建设 6', '融资金融 1']);
    expect(texts('.town-cat--hot')).toEqual(['用地建设 6']);
    expect(texts('.hot-note')).toEqual(['热点：西城街道「用地建设」6 件，占本月 50%，为以往占比的 4.5 倍']);
  });

  it('says there is no hot spot, and the rule', () => {
    render(<TownshipTable rows={analysis.byTownship} hotSpots={[]} />);
    expect(screen.getByText(/本月无明显热点/)).toBeTruthy();
  });
});

describe('the slowest units and satisfaction', () => {
  it('rank units by median working hours, unmeasured shown as a dash', () => {
    render(<SlowUnits units={analysis.slowestUnits} minTickets={5} />);
    expect(texts('.slow-unit__name')).toEqual(['区规划和自然资源局', '区人力资源和社会保障局']);
    expect(texts('.slow-unit__resolve')).toEqual(['办结 20.3 小时', '办结 —']);
    expect(texts('.slow-unit__meta')[0]).toBe('承办 6 件 · 已办结 4 件');
    render(<SlowUnits units={[]} minTickets={5} />);
    expect(screen.getByText('本月没有承办满 5 件诉求的单位')).toBeTruthy();
  });

  it('shows the rate, the rated share and each answer', () => {
    render(<SatisfactionCard value={analysis.satisfaction} />);
    expect(document.querySelector('.satisfaction__rate')?.textContent).toBe('87.5%');
    expect(screen.getByText('满意度 · 已办结 9 件，已评价 8 件（评价率 88.9%）')).toBeTruthy();
    expect(texts('.satisfaction__item')).toEqual(['满意 5', '基本满意 2', '不满意 1']);
  });

  it('shows the month’s common issues, opening the ledger; a month not counted says so', () => {
    const before = calls.navigations.length;
    render(<CommonIssuesCard value={{ new: 2, open: 3 }} />);
    fireEvent.click(screen.getByText('本月新确认 2 个 · 月末未解决 3 个'));
    expect(calls.navigations.slice(before)).toEqual([{ kind: 'navigateTo', url: '/common-issues/pages/ledger/index' }]);
    render(<CommonIssuesCard value={null} />);
    expect(screen.getByText('本月份的共性问题未统计')).toBeTruthy();
  });
});

describe('the month picker and the charts’ data', () => {
  it('offers this month and the eleven before it, newest first', () => {
    const onChange = vi.fn();
    render(<MonthPicker value="2026-05" onChange={onChange} now={TUESDAY_10} />);
    const months = pickableMonths(TUESDAY_10);
    expect(months).toHaveLength(12);
    expect((months[1] ?? '') < (months[0] ?? '')).toBe(true);
    expect(document.querySelector('.period-chip--on')?.getAttribute('data-month')).toBe('2026-05');
    fireEvent.click(screen.getByText('2026年4月'));
    expect(onChange).toHaveBeenCalledWith('2026-04');
  });

  it('draws a column per category and the trend of the total and the largest categories', () => {
    const bars = categoryChart(analysis);
    expect(bars).toMatchObject({ type: 'column', min: 0, max: 8 });
    expect(bars.categories.slice(0, 3)).toEqual(['fi', 'ta', 'la']);
    expect(bars.series[0]?.data.slice(0, 3)).toEqual([4, 2, 6]);
    const line = trendChart(analysis);
    expect(line.categories).toEqual(['9月', '10月']);
    expect(line.series.map((s) => s.name)).toEqual(['合计', '用地建设', '融资金融', '人才用工']);
    expect(line.series[0]?.data).toEqual([9, 12]);
    expect(line.max).toBe(12);
    expect([axisTop([3]), axisTop([21]), axisTop([55]), axisTop([130])]).toEqual([4, 24, 80, 160]);
  });
});

describe('who opens it', () => {
  const user = (roles: Role[]) => ({ roles, unitId: 'jxw' });
  it('the supervisor, county leaders and admins: a home tile and the page; nobody else', () => {
    for (const r of ['supervisor', 'leader', 'admin'] as Role[]) {
      expect(seesAnalysis(user([r])), r).toBe(true);
      expect(staffTiles({ user: { id: 'u', tenantId: 't', name: '周婷', roles: [r] } }, 0).map((t) => t.key), r).toContain('analysis');
    }
    for (const r of ['officer', 'unitLead', 'agent', 'assessor'] as Role[]) {
      expect(seesAnalysis(user([r])), r).toBe(false);
      expect(staffTiles({ user: { id: 'u', tenantId: 't', name: '周婷', roles: [r], unitId: 'jxw' } }, 0).map((t) => t.key), r).not.toContain('analysis');
    }
  });
});
