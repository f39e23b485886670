import { localDate } from '../calendar/index.js';
import { ExportPeriod, periodRange, type PeriodRange } from '../exports/period.js';

/**
 * Assessment periods: a month `2026-11`, a quarter `2026-Q4`, a year `2026`,
 * in Asia/Shanghai. A ticket counts in the periods of its creation; a notice
 * in those of its issue.
 */
export type PeriodKind = PeriodRange['kind'];

/** the one period syntax (the exports' and the assessment's): 400 naming the field, in Chinese */
export const Period = ExportPeriod;
export type Period = string;

/** A period's range, read by the exports' one parser (a caller passes a period the edge parsed). */
function rangeOf(p: string): PeriodRange {
  const range = periodRange(p);
  if (!range) throw new Error(`not a period: ${p}`);
  return range;
}

export const periodKind = (p: string): PeriodKind => rangeOf(p).kind;

/** The months a period spans, in order (`2026-Q4` → 2026-10, 2026-11, 2026-12). */
export function monthsOf(p: string): string[] {
  const kind = rangeOf(p).kind;
  if (kind === 'month') return [p];
  const year = p.slice(0, 4);
  const first = kind === 'quarter' ? (Number(p.slice(6)) - 1) * 3 + 1 : 1;
  return Array.from({ length: kind === 'quarter' ? 3 : 12 }, (_, i) => `${year}-${String(first + i).padStart(2, '0')}`);
}

/** The month an instant falls in, in Shanghai. */
export const monthOf = (at: string): string => localDate(at).slice(0, 7);

/** The quarter and year a month belongs to. */
export const quarterOfMonth = (month: string): string => `${month.slice(0, 4)}-Q${Math.floor((Number(month.slice(5, 7)) - 1) / 3) + 1}`;
export const yearOfMonth = (month: string): string => month.slice(0, 4);

/** The month, its quarter and its year: every period an instant's facts count in. */
export const periodsOfMonth = (month: string): [string, string, string] => [month, quarterOfMonth(month), yearOfMonth(month)];

/** The period containing an instant, of a kind. */
export function periodAt(at: string, kind: PeriodKind): string {
  const month = monthOf(at);
  return kind === 'month' ? month : kind === 'quarter' ? quarterOfMonth(month) : yearOfMonth(month);
}

/** Where a period starts and ends (UTC instants of Shanghai midnights): the exports' periodRange. */
export function periodBounds(p: string): { from: string; to: string } {
  const { from, to } = rangeOf(p);
  return { from, to };
}

/** Whether a period has ended at `now` (its figures may still change: a late rating, a dispute). */
export const periodEnded = (p: string, now: string): boolean => periodBounds(p).to <= now;

/** The periods before `p` of its kind, newest last, `count` of them including `p` (a trend). */
export function periodsUpTo(p: string, count: number): string[] {
  const kind = periodKind(p);
  const out = [p];
  let cur = p;
  while (out.length < count) {
    const from = periodBounds(cur).from;
    cur = periodAt(new Date(Date.parse(from) - 1).toISOString(), kind);
    out.unshift(cur);
  }
  return out;
}
