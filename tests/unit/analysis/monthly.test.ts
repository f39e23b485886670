import { describe, expect, it } from 'vitest';
import {
  analysisSheets,
  defaultCalendar,
  monthlyAnalysis,
  monthsBefore,
  type AnalysisDirectory,
  type Category,
  type Clock,
  type MonthFigures,
  type Ticket,
} from '@whistle/shared';

/** Shanghai wall time → UTC ISO. */
const at = (local: string): string => new Date(`${local.replace(' ', 'T')}:00+08:00`).toISOString();
const cal = defaultCalendar();

const E = { food: '91500108MA60000001', electronics: '91500108MA60000002', equipment: '91500108MA60000003' };
const directory: AnalysisDirectory = {
  grids: [
    { id: 'g01', townUnitId: 'dgjd' },
    { id: 'g02', townUnitId: 'xcjd' },
    { id: 'g03', townUnitId: 'nsz' },
  ],
  units: [
    { id: 'jxw', name: '区经济和信息化委员会', track: 'department' },
    { id: 'rsj', name: '区人力资源和社会保障局', track: 'department' },
    { id: 'dgjd', name: '东关街道', track: 'township' },
    { id: 'xcjd', name: '西城街道', track: 'township' },
    { id: 'nsz', name: '南山镇', track: 'township' },
  ],
  enterprises: [
    { id: E.food, industry: 'food' },
    { id: E.electronics, industry: 'electronics' },
    { id: E.equipment, industry: 'equipment' },
  ],
};

interface Spec {
  created: string;
  category: Category;
  grid: string;
  enterprise: string;
  unit?: string;
  /** claim clock met (local) */
  claimed?: string;
  /** resolve clock due (local) */
  due?: string;
  resolved?: string;
  rating?: { score: 'satisfied' | 'fair' | 'unsatisfied'; at: string };
}

let seq = 0;
function ticket(s: Spec): Ticket {
  const id = `tk${++seq}`;
  const createdAt = at(s.created);
  const clock = (kind: Clock['kind'], startedAt: string, dueAt: string, metAt?: string): Clock => ({
    id: kind,
    kind,
    basis: 'working',
    durationMinutes: 120,
    startedAt,
    dueAt,
    escalations: 0,
    ...(metAt ? { metAt } : {}),
  });
  const clocks: Clock[] = [clock('claim', createdAt, at(s.created.slice(0, 10) + ' 17:00'), s.claimed ? at(s.claimed) : undefined)];
  if (s.claimed && s.due) clocks.push(clock('resolve', at(s.claimed), at(s.due), s.resolved ? at(s.resolved) : undefined));
  return {
    id,
    tenantId: 'ten',
    number: `2026-${String(seq).padStart(6, '0')}`,
    enterpriseId: s.enterprise,
    enterpriseName: '企业',
    gridId: s.grid,
    channel: 'miniapp',
    category: s.category,
    priority: 'normal',
    title: '诉求',
    description: '诉求',
    status: s.resolved ? 'resolved' : s.unit ? 'claimed' : 'published',
    groupIds: [],
    declinedUnitIds: [],
    difficult: false,
    reopenCount: 0,
    clocks,
    createdBy: { userId: 'owner-01', name: '业主', role: 'owner' },
    createdAt,
    updatedAt: createdAt,
    version: 1,
    ...(s.unit ? { handlingUnitId: s.unit, handlingUnitName: s.unit } : {}),
    ...(s.claimed ? { claimedAt: at(s.claimed) } : {}),
    ...(s.resolved ? { resolution: { kind: 'answered' as const, summary: '已答复', at: at(s.resolved), by: 'officer' } } : {}),
    ...(s.rating ? { rating: { score: s.rating.score, at: at(s.rating.at) } } : {}),
  };
}

const jxw = { category: 'finance', grid: 'g01', enterprise: E.food, unit: 'jxw' } as const;
const xcjd = { category: 'land', grid: 'g02', enterprise: E.electronics, unit: 'xcjd' } as const;
const rsj = { category: 'talent', grid: 'g03', enterprise: E.equipment, unit: 'rsj' } as const;

/** November 2026 (no holidays; office hours 09:00–12:00, 13:30–17:30): 17 requests raised, one from October passed in by mistake. */
const november: Ticket[] = [
  // 经信委: claims 20, 40, 10, 60 (Fri 17:00 → Mon 09:30), 30 working minutes; resolves 120, 210 (over lunch), 420 (overnight), 60
  ticket({ ...jxw, created: '2026-11-02 09:00', claimed: '2026-11-02 09:20', due: '2026-11-05 09:20', resolved: '2026-11-02 11:20', rating: { score: 'satisfied', at: '2026-11-03 09:00' } }),
  ticket({ ...jxw, created: '2026-11-03 09:00', claimed: '2026-11-03 09:40', due: '2026-11-06 09:40', resolved: '2026-11-03 14:40', rating: { score: 'fair', at: '2026-11-04 09:00' } }),
  ticket({ ...jxw, created: '2026-11-04 09:00', claimed: '2026-11-04 09:10', due: '2026-11-09 09:10', resolved: '2026-11-05 09:10', rating: { score: 'unsatisfied', at: '2026-11-06 09:00' } }),
  ticket({ ...jxw, created: '2026-11-06 17:00', claimed: '2026-11-09 09:30', due: '2026-11-12 09:30', resolved: '2026-11-09 10:30' }),
  // still in hand, its deadline past: overdue
  ticket({ ...jxw, created: '2026-11-10 09:00', claimed: '2026-11-10 09:30', due: '2026-11-13 09:30' }),
  // 西城街道: claims 120, 60, 180 (across lunch), 30, 60, 30; resolves 840, 840, 840, 60
  ticket({ ...xcjd, created: '2026-11-02 09:00', claimed: '2026-11-02 11:00', due: '2026-11-05 11:00', resolved: '2026-11-04 11:00', rating: { score: 'satisfied', at: '2026-11-05 09:00' } }),
  ticket({ ...xcjd, created: '2026-11-03 09:00', claimed: '2026-11-03 10:00', due: '2026-11-06 10:00', resolved: '2026-11-05 10:00', rating: { score: 'satisfied', at: '2026-11-06 09:00' } }),
  ticket({ ...xcjd, created: '2026-11-04 09:00', claimed: '2026-11-04 13:30', due: '2026-11-09 13:30', resolved: '2026-11-06 13:30', rating: { score: 'fair', at: '2026-11-09 09:00' } }),
  ticket({ ...xcjd, created: '2026-11-05 09:00', claimed: '2026-11-05 09:30', due: '2026-11-10 09:30', resolved: '2026-11-05 10:30' }),
  ticket({ ...xcjd, created: '2026-11-11 09:00', claimed: '2026-11-11 10:00', due: '2026-11-16 10:00' }),
  // resolved after the month's end, rated then: open at month end, not rated, not overdue (due in December)
  ticket({ ...xcjd, created: '2026-11-30 09:00', claimed: '2026-11-30 09:30', due: '2026-12-03 09:30', resolved: '2026-12-01 09:00', rating: { score: 'satisfied', at: '2026-12-01 10:00' } }),
  // 人社局: three slow ones (claims 420, resolves 2,100: five working days), resolved late; too few to be ranked
  ticket({ ...rsj, created: '2026-11-02 09:00', claimed: '2026-11-03 09:00', due: '2026-11-05 09:00', resolved: '2026-11-10 09:00', rating: { score: 'satisfied', at: '2026-11-11 09:00' } }),
  ticket({ ...rsj, created: '2026-11-02 10:00', claimed: '2026-11-03 10:00', due: '2026-11-05 10:00', resolved: '2026-11-10 10:00' }),
  ticket({ ...rsj, created: '2026-11-02 11:00', claimed: '2026-11-03 11:00', due: '2026-11-05 11:00', resolved: '2026-11-10 11:00' }),
  // nobody has claimed these two yet
  ticket({ category: 'talent', grid: 'g03', enterprise: E.equipment, created: '2026-11-20 09:00' }),
  ticket({ category: 'talent', grid: 'g03', enterprise: E.equipment, created: '2026-11-20 10:00' }),
  // the first minute of the month (Shanghai), from a grid and an enterprise the directory no longer has
  ticket({ category: 'other', grid: 'g99', enterprise: '91500108MA60000099', created: '2026-11-01 00:00' }),
  // the last minute of October: not November's
  ticket({ category: 'other', grid: 'g01', enterprise: E.food, created: '2026-10-31 23:59' }),
];

const cells = (finance: number, land: number, talent: number): MonthFigures['cells'] => [
  { category: 'finance', unitId: 'dgjd', count: finance },
  { category: 'land', unitId: 'xcjd', count: land },
  { category: 'talent', unitId: 'nsz', count: talent },
];
const past = (month: string, total: number, c: MonthFigures['cells']): MonthFigures => ({
  month,
  total,
  resolved: total,
  openAtEnd: 0,
  overdue: 1,
  rated: 10,
  satisfiedOrFair: 9,
  satisfactionRate: 0.9,
  byCategory: c.map((x) => ({ category: x.category, count: x.count })),
  cells: c,
});
// seven months kept: April's is beyond the six the trend shows; September and October: finance 50 %, land 10 %, talent 40 %
const history: MonthFigures[] = [
  past('2026-04', 100, [{ category: 'market', unitId: 'nsz', count: 100 }]),
  ...['2026-05', '2026-06', '2026-07', '2026-08'].map((m) => past(m, 0, [])),
  past('2026-09', 20, cells(10, 2, 8)),
  past('2026-10', 20, cells(10, 2, 8)),
];

const analysis = monthlyAnalysis({ month: '2026-11', tickets: november, history, directory, calendar: cal, now: at('2026-12-05 10:00') });

describe('the monthly analysis of a hand-built November', () => {
  it('is complete, as of the month’s end, and counts the month’s requests only', () => {
    expect(analysis.complete).toBe(true);
    expect(analysis.asOf).toBe('2026-11-30T16:00:00.000Z');
    expect(analysis.label).toBe('2026年11月');
    expect(analysis.figures.total).toBe(17);
  });

  it('counts by category, industry and township (the grid’s township), unknowns named', () => {
    const cat = Object.fromEntries(analysis.byCategory.map((c) => [c.category, c.count]));
    expect(cat).toEqual({ finance: 5, talent: 5, land: 6, permits: 0, policy: 0, utilities: 0, market: 0, other: 1 });
    expect(analysis.byCategory.find((c) => c.category === 'land')).toMatchObject({ label: '用地建设', share: 0.3529 });
    const ind = Object.fromEntries(analysis.byIndustry.map((i) => [i.industry, i.count]));
    expect(ind).toMatchObject({ food: 5, electronics: 6, equipment: 5, unknown: 1, chemicals: 0 });
    expect(analysis.byIndustry.find((i) => i.industry === 'unknown')?.label).toBe('未登记行业');
    const town = Object.fromEntries(analysis.byTownship.map((t) => [t.unitId, t.count]));
    expect(town).toEqual({ xcjd: 6, dgjd: 5, nsz: 5, unknown: 1 });
    expect(analysis.byTownship[0]).toMatchObject({ unitId: 'xcjd', name: '西城街道', byCategory: [{ category: 'land', count: 6 }], hot: ['land'] });
    expect(analysis.byTownship.find((t) => t.unitId === 'unknown')?.name).toBe('未知镇街');
  });

  it('reads resolutions, ratings and deadlines as of the month’s end', () => {
    expect(analysis.figures).toMatchObject({ resolved: 11, openAtEnd: 6, overdue: 5, rated: 7, satisfiedOrFair: 6, satisfactionRate: 0.8571 });
    expect(analysis.satisfaction).toEqual({ resolved: 11, rated: 7, ratedShare: 0.6364, satisfied: 4, fair: 2, unsatisfied: 1, rate: 0.8571 });
  });

  it('times claims and resolutions in working hours on the calendar (medians)', () => {
    expect(analysis.medianClaimHours).toBe(1);
    expect(analysis.medianResolveHours).toBe(14);
  });

  it('ranks the slowest units with enough requests, by median resolve time', () => {
    expect(analysis.slowestUnits).toEqual([
      { unitId: 'xcjd', name: '西城街道', tickets: 6, claimed: 6, resolved: 4, medianClaimHours: 1, medianResolveHours: 14 },
      { unitId: 'jxw', name: '区经济和信息化委员会', tickets: 5, claimed: 5, resolved: 4, medianClaimHours: 0.5, medianResolveHours: 2.8 },
    ]);
  });

  it('shows six months of trend before the month, and the month before for the change', () => {
    expect(analysis.trend.map((m) => m.month)).toEqual(['2026-05', '2026-06', '2026-07', '2026-08', '2026-09', '2026-10', '2026-11']);
    expect(analysis.trend.map((m) => m.total)).toEqual([0, 0, 0, 0, 20, 20, 17]);
    expect(analysis.trend.at(-1)?.byCategory.find((c) => c.category === 'land')?.count).toBe(6);
    expect(analysis.previous?.month).toBe('2026-10');
    expect(analysis.commonIssues).toBeNull();
  });

  it('finds the cells well above their usual share: land in 西城街道 (35 % against 10 %)', () => {
    expect(analysis.hotSpots).toEqual([
      { category: 'land', categoryLabel: '用地建设', unitId: 'xcjd', townName: '西城街道', count: 6, share: 0.3529, usualShare: 0.1, lift: 3.53 },
    ]);
  });

  it('prints six sheets with the same figures', () => {
    const sheets = analysisSheets(analysis, '清溪区');
    expect(sheets.map((s) => s.name)).toEqual(['概要', '按类别', '按行业', '按镇街', '趋势', '最慢单位']);
    expect(sheets[0]?.rows[0]).toEqual({ item: '诉求总量', value: '17', previous: '20', change: '-3' });
    expect(sheets[0]?.rows.find((r) => r.item === '满意度')).toEqual({ item: '满意度', value: '85.7%', previous: '90.0%', change: '-4.3 个百分点' });
    expect(sheets[3]?.rows[0]).toMatchObject({ name: '西城街道', count: 6, hot: '用地建设' });
    expect(sheets[5]?.rows.map((r) => r.name)).toEqual(['西城街道', '区经济和信息化委员会']);
  });
});

describe('hot spots and the current month', () => {
  const three = (created: string[]) => created.map((c) => ticket({ category: 'utilities', grid: 'g03', enterprise: E.equipment, created: c }));
  const month = three(['2026-11-02 09:00', '2026-11-03 09:00', '2026-11-04 09:00']);

  it('a cell never seen before with three requests is hot (no lift to show); two are not', () => {
    const a = monthlyAnalysis({ month: '2026-11', tickets: month, history, directory, calendar: cal, now: at('2026-12-01 09:00') });
    expect(a.hotSpots).toMatchObject([{ category: 'utilities', unitId: 'nsz', count: 3, usualShare: 0, lift: null }]);
    const b = monthlyAnalysis({ month: '2026-11', tickets: month.slice(0, 2), history, directory, calendar: cal, now: at('2026-12-01 09:00') });
    expect(b.hotSpots).toEqual([]);
  });

  it('without requests in the months before there are no hot spots', () => {
    const a = monthlyAnalysis({ month: '2026-11', tickets: month, history: [], directory, calendar: cal, now: at('2026-12-01 09:00') });
    expect(a.hotSpots).toEqual([]);
    expect(a.previous).toBeNull();
    expect(a.trend.map((m) => m.month)).toEqual(['2026-11']);
  });

  it('the current month stands as of now, and carries the common issues when given', () => {
    const a = monthlyAnalysis({
      month: '2026-11',
      tickets: november,
      history,
      directory,
      calendar: cal,
      now: at('2026-11-12 09:00'),
      commonIssues: { new: 2, open: 3 },
    });
    expect(a.complete).toBe(false);
    expect(a.asOf).toBe(at('2026-11-12 09:00'));
    expect(a.figures.total).toBe(17);
    // 人社局's three were resolved on the 10th; 经信委's fifth was due on the 13th: not yet overdue
    expect(a.figures.overdue).toBe(3);
    expect(a.commonIssues).toEqual({ new: 2, open: 3 });
  });

  it('lists the months before', () => {
    expect(monthsBefore('2026-02', 3)).toEqual(['2025-11', '2025-12', '2026-01']);
  });
});
