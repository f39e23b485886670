import { LABELS, type MonthFigures, type MonthlyAnalysis } from '@whistle/shared';
import { currentPeriod, periodLabel } from '../../lib/periods';
import type { ChartData } from './chart';

/**
 * The monthly analysis page's pure parts: the months to pick, the headline
 * figures with their change from the month before, and the charts' data.
 */

/** The current month and the eleven before it, newest first. */
export const pickableMonths = (now: number = Date.now()): string[] => monthsBack(currentPeriod('month', now), 12);

function monthsBack(month: string, count: number): string[] {
  const out: string[] = [];
  let [y, m] = [Number(month.slice(0, 4)), Number(month.slice(5, 7))];
  for (let i = 0; i < count; i++) {
    out.push(`${y}-${String(m).padStart(2, '0')}`);
    [y, m] = m === 1 ? [y - 1, 12] : [y, m - 1];
  }
  return out;
}

export const monthLabel = (month: string): string => periodLabel(month);

export interface Headline {
  key: string;
  label: string;
  value: string;
  /** the change from the month before: `+3`, `-4.3 个百分点`; undefined without a month before */
  change?: string;
  /** whether the change is good news (fewer open, more satisfied), bad news, or neither */
  tone?: 'good' | 'bad' | 'flat';
}

const pct = (v: number | null): string => (v === null ? '—' : `${(v * 100).toFixed(1)}%`);

function delta(now: number | null, before: number | null | undefined, lowerIsBetter: boolean | undefined, points = false): Pick<Headline, 'change' | 'tone'> {
  if (now === null || before === null || before === undefined) return {};
  const d = points ? Number(((now - before) * 100).toFixed(1)) : now - before;
  const text = `${d > 0 ? '+' : ''}${d}${points ? ' 个百分点' : ''}`;
  if (d === 0 || lowerIsBetter === undefined) return { change: text, tone: 'flat' };
  return { change: text, tone: (d < 0) === lowerIsBetter ? 'good' : 'bad' };
}

/** The headline figures: volume, open at month end, overdue, satisfaction, each with its change. */
export function headlines(a: Pick<MonthlyAnalysis, 'figures' | 'previous' | 'complete'>): Headline[] {
  const f: MonthFigures = a.figures;
  const p = a.previous;
  return [
    { key: 'total', label: '诉求总量', value: String(f.total), ...delta(f.total, p?.total, undefined) },
    { key: 'open', label: a.complete ? '月末未办结' : '未办结', value: String(f.openAtEnd), ...delta(f.openAtEnd, p?.openAtEnd, true) },
    { key: 'overdue', label: '办结超期', value: String(f.overdue), ...delta(f.overdue, p?.overdue, true) },
    { key: 'satisfaction', label: '满意度', value: pct(f.satisfactionRate), ...delta(f.satisfactionRate, p?.satisfactionRate, false, true) },
  ];
}

/**
 * A y-axis top at or above the highest value, a multiple of the axis' four
 * divisions (whole numbers on every line; uCharts' default range is 0–100).
 */
export const axisTop = (values: readonly number[]): number => {
  const max = Math.max(0, ...values);
  const unit = max <= 20 ? 1 : 10 ** Math.floor(Math.log10(max / 4));
  return Math.max(4, Math.ceil(max / (4 * unit)) * 4 * unit);
};

/** A category's name on a narrow axis: its first two characters (融资, 人才, 水电…, all distinct). */
const shortLabel = (label: string): string => label.slice(0, 2);

/** The month's requests by category: a column each. */
export function categoryChart(a: Pick<MonthlyAnalysis, 'byCategory'>): ChartData {
  const values = a.byCategory.map((c) => c.count);
  return { type: 'column', categories: a.byCategory.map((c) => shortLabel(c.label)), series: [{ name: '诉求数', data: values }], min: 0, max: axisTop(values) };
}

/** The trend: the total per month, and the month's three largest categories. */
export function trendChart(a: Pick<MonthlyAnalysis, 'trend' | 'byCategory'>): ChartData {
  const top = [...a.byCategory].sort((x, y) => y.count - x.count).filter((c) => c.count > 0).slice(0, 3);
  const series = [
    { name: '合计', data: a.trend.map((m) => m.total) },
    ...top.map((c) => ({ name: LABELS.category[c.category], data: a.trend.map((m) => m.byCategory.find((x) => x.category === c.category)?.count ?? 0) })),
  ];
  return { type: 'line', categories: a.trend.map((m) => `${Number(m.month.slice(5, 7))}月`), series, min: 0, max: axisTop(series.flatMap((s) => s.data)) };
}
