import * as z from 'zod/mini';
import { CALENDAR_YEAR_MAX, CALENDAR_YEAR_MIN, SHANGHAI_OFFSET_MS } from '../calendar/index.js';

/**
 * A reporting period of the exports and the assessment: a month (`2026-11`),
 * a quarter (`2026-Q4`) or a year (`2026`), in Asia/Shanghai: a period runs
 * from local midnight of its first day to local midnight after its last.
 */
const PERIOD = /^(\d{4})(?:-(0[1-9]|1[0-2])|-Q([1-4]))?$/;
const PERIOD_MESSAGE = '应为月份（如 2026-11）、季度（如 2026-Q4）或年份（如 2026）';

export const ExportPeriod = z.string({ error: PERIOD_MESSAGE }).check(
  z.regex(PERIOD, { error: PERIOD_MESSAGE, abort: true }),
  z.refine((s) => {
    const year = Number(s.slice(0, 4));
    return year >= CALENDAR_YEAR_MIN && year <= CALENDAR_YEAR_MAX;
  }, { error: `年份应在 ${CALENDAR_YEAR_MIN}–${CALENDAR_YEAR_MAX} 之间` }),
);
export type ExportPeriod = z.infer<typeof ExportPeriod>;

export interface PeriodRange {
  period: string;
  kind: 'month' | 'quarter' | 'year';
  /** the first instant of the period (UTC ISO, local midnight of its first day) */
  from: string;
  /** the first instant after it (exclusive) */
  to: string;
  /** for people: 2026年11月, 2026年第四季度, 2026年 */
  label: string;
}

const QUARTERS = ['一', '二', '三', '四'] as const;

/** UTC ISO instant of local (Shanghai) midnight opening month `month` (1-based, may be 13) of `year`. */
const monthStart = (year: number, month: number): string => new Date(Date.UTC(year, month - 1, 1) - SHANGHAI_OFFSET_MS).toISOString();

/** The instants a period covers; undefined when `period` is not one (see ExportPeriod). */
export function periodRange(period: string): PeriodRange | undefined {
  const m = PERIOD.exec(period);
  if (!m) return undefined;
  const year = Number(m[1]);
  if (m[2]) {
    const month = Number(m[2]);
    return { period, kind: 'month', from: monthStart(year, month), to: monthStart(year, month + 1), label: `${year}年${month}月` };
  }
  if (m[3]) {
    const q = Number(m[3]);
    return { period, kind: 'quarter', from: monthStart(year, q * 3 - 2), to: monthStart(year, q * 3 + 1), label: `${year}年第${QUARTERS[q - 1] ?? q}季度` };
  }
  return { period, kind: 'year', from: monthStart(year, 1), to: monthStart(year + 1, 1), label: `${year}年` };
}
