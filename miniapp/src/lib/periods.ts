import { periodAt, periodKind, periodsUpTo, type PeriodKind } from '@whistle/shared';

/**
 * Assessment periods in the UI: the kinds to pick from, the current period of
 * a kind (Asia/Shanghai, from the device clock), the ones before it, and their
 * names in Chinese.
 */
export const PERIOD_KINDS: ReadonlyArray<{ value: PeriodKind; label: string }> = [
  { value: 'month', label: '月度' },
  { value: 'quarter', label: '季度' },
  { value: 'year', label: '年度' },
];

/** How many periods a picker offers and a trend shows (the unit API's trend: 6 months, else 4). */
export const TREND_LENGTH: Record<PeriodKind, number> = { month: 6, quarter: 4, year: 4 };
const PICKABLE: Record<PeriodKind, number> = { month: 6, quarter: 4, year: 3 };

export const currentPeriod = (kind: PeriodKind, now: number = Date.now()): string => periodAt(new Date(now).toISOString(), kind);

/** The current period of a kind and the ones before it, newest first. */
export const recentPeriods = (kind: PeriodKind, now: number = Date.now()): string[] =>
  periodsUpTo(currentPeriod(kind, now), PICKABLE[kind]).reverse();

/** `p` and the periods before it, oldest first (the x axis of a trend). */
export const trendPeriods = (p: string): string[] => periodsUpTo(p, TREND_LENGTH[periodKind(p)]);

export const isPeriod = (p: string | undefined): p is string => {
  if (!p) return false;
  try {
    periodKind(p);
    return true;
  } catch {
    return false;
  }
};

const QUARTER_NAMES = ['一', '二', '三', '四'];

/** `2026年11月`, `2026年第四季度`, `2026年度`. */
export function periodLabel(p: string): string {
  const year = p.slice(0, 4);
  switch (periodKind(p)) {
    case 'month':
      return `${year}年${Number(p.slice(5, 7))}月`;
    case 'quarter':
      return `${year}年第${QUARTER_NAMES[Number(p.slice(6)) - 1] ?? p.slice(6)}季度`;
    case 'year':
      return `${year}年度`;
  }
}

/** A short name for a chart's axis: `11月`, `26Q4`, `2026`. */
export function periodShort(p: string): string {
  switch (periodKind(p)) {
    case 'month':
      return `${Number(p.slice(5, 7))}月`;
    case 'quarter':
      return `${p.slice(2, 4)}Q${p.slice(6)}`;
    case 'year':
      return p;
  }
}
