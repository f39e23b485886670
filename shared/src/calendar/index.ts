import type { OfficePeriod } from '../schemas/reference.js';
import { CN_CALENDAR_YEARS } from './cn-years.js';

/**
 * Working-time maths on mainland China's calendar, in Asia/Shanghai.
 * China has had no daylight saving since 1991, so local time is UTC+8 exactly:
 * the maths shifts instants by a fixed offset instead of consulting tz data.
 */
export const SHANGHAI_OFFSET_MS = 8 * 60 * 60 * 1000;
const DAY_MS = 24 * 60 * 60 * 1000;
const MINUTE_MS = 60 * 1000;

export interface CalendarYearData {
  /** statutory days off that fall on weekdays (YYYY-MM-DD, local) */
  holidays: string[];
  /** make-up working days (调休) that fall on weekends */
  workdays: string[];
  source?: string;
}

export interface WorkingCalendar {
  officeHours: OfficePeriod[];
  years: Readonly<Record<number, CalendarYearData>>;
}

export const DEFAULT_OFFICE_HOURS: OfficePeriod[] = [
  { start: '09:00', end: '12:00' },
  { start: '13:30', end: '17:30' },
];

/** The calendar that ships with the product (years from the maintained `chinese-days` data). */
export const SHIPPED_YEARS: Readonly<Record<number, CalendarYearData>> = Object.fromEntries(
  Object.entries(CN_CALENDAR_YEARS).map(([y, d]) => [Number(y), { ...d, source: 'chinese-days 1.5.7' }]),
);

export const defaultCalendar = (overrides: Record<number, CalendarYearData> = {}): WorkingCalendar => ({
  officeHours: DEFAULT_OFFICE_HOURS,
  years: { ...SHIPPED_YEARS, ...overrides },
});

const toMs = (t: Date | string | number): number => (typeof t === 'number' ? t : new Date(t).getTime());
const iso = (ms: number): string => new Date(ms).toISOString();

/** Local (Shanghai) date string of an instant. */
export const localDate = (t: Date | string | number): string => iso(toMs(t) + SHANGHAI_OFFSET_MS).slice(0, 10);

/** UTC ms of local midnight for a local date. */
const localMidnight = (date: string): number => Date.parse(`${date}T00:00:00Z`) - SHANGHAI_OFFSET_MS;

const hm = (s: string): number => {
  const [h = '0', m = '0'] = s.split(':');
  return (Number(h) * 60 + Number(m)) * MINUTE_MS;
};

interface YearSets {
  holidays: Set<string>;
  workdays: Set<string>;
}
const setCache = new WeakMap<CalendarYearData, YearSets>();
const setsOf = (data: CalendarYearData): YearSets => {
  let s = setCache.get(data);
  if (!s) {
    s = { holidays: new Set(data.holidays), workdays: new Set(data.workdays) };
    setCache.set(data, s);
  }
  return s;
};

export interface DayInfo {
  working: boolean;
  /** false when the year has no calendar data: the weekday rule was used */
  known: boolean;
}

export function dayInfo(cal: WorkingCalendar, date: string): DayInfo {
  const weekday = new Date(`${date}T00:00:00Z`).getUTCDay();
  const weekend = weekday === 0 || weekday === 6;
  const data = cal.years[Number(date.slice(0, 4))];
  if (!data) return { working: !weekend, known: false };
  const sets = setsOf(data);
  if (sets.holidays.has(date)) return { working: false, known: true };
  if (sets.workdays.has(date)) return { working: true, known: true };
  return { working: !weekend, known: true };
}

export const hasYear = (cal: WorkingCalendar, year: number): boolean => cal.years[year] !== undefined;

/** Working periods of a local date, as UTC ms intervals. */
function periodsOf(cal: WorkingCalendar, date: string): Array<[number, number]> {
  const midnight = localMidnight(date);
  return cal.officeHours.map((p) => [midnight + hm(p.start), midnight + hm(p.end)] as [number, number]);
}

const nextDate = (date: string): string => iso(Date.parse(`${date}T00:00:00Z`) + DAY_MS).slice(0, 10);

/** Minutes of working time in one full working day. */
export const workingMinutesPerDay = (cal: WorkingCalendar): number =>
  cal.officeHours.reduce((sum, p) => sum + (hm(p.end) - hm(p.start)) / MINUTE_MS, 0);

export function isWorkingTime(cal: WorkingCalendar, t: Date | string | number): boolean {
  const ms = toMs(t);
  const date = localDate(ms);
  if (!dayInfo(cal, date).working) return false;
  return periodsOf(cal, date).some(([s, e]) => ms >= s && ms < e);
}

export interface Deadline {
  dueAt: string;
  /** some day on the way fell in a year without calendar data */
  calendarMissing: boolean;
}

/** Guard against a calendar with no working days at all (bad admin data). */
const MAX_DAYS = 3 * 366;

/**
 * Adds working minutes to an instant. Time outside office hours, weekends and
 * holidays does not count; make-up Saturdays do. A start out of hours begins at
 * the next working period.
 */
export function addWorkingMinutes(cal: WorkingCalendar, start: Date | string | number, minutes: number): Deadline {
  let t = toMs(start);
  let remaining = Math.max(0, minutes) * MINUTE_MS;
  let date = localDate(t);
  let calendarMissing = false;
  for (let i = 0; i < MAX_DAYS; i++) {
    const info = dayInfo(cal, date);
    if (!info.known) calendarMissing = true;
    if (info.working) {
      for (const [s, e] of periodsOf(cal, date)) {
        if (t >= e) continue;
        const from = Math.max(t, s);
        const available = e - from;
        if (remaining <= available && (remaining > 0 || minutes <= 0)) {
          return { dueAt: iso(from + remaining), calendarMissing };
        }
        remaining -= available;
        t = e;
      }
    }
    date = nextDate(date);
    t = Math.max(t, localMidnight(date));
  }
  throw new RangeError('calendar has no working time within three years');
}

/** The start of the next working period (the instant itself when it is working time). */
export const nextWorkingStart = (cal: WorkingCalendar, t: Date | string | number): Deadline =>
  addWorkingMinutes(cal, t, 0);

/** Working minutes between two instants (0 when b <= a). */
export function workingMinutesBetween(cal: WorkingCalendar, a: Date | string | number, b: Date | string | number): number {
  const from = toMs(a);
  const to = toMs(b);
  if (to <= from) return 0;
  let total = 0;
  let date = localDate(from);
  for (let i = 0; i < MAX_DAYS * 4 && localMidnight(date) < to; i++) {
    if (dayInfo(cal, date).working) {
      for (const [s, e] of periodsOf(cal, date)) {
        const lo = Math.max(s, from);
        const hi = Math.min(e, to);
        if (hi > lo) total += hi - lo;
      }
    }
    date = nextDate(date);
  }
  return Math.round(total / MINUTE_MS);
}

export const addCalendarMinutes = (start: Date | string | number, minutes: number): Deadline => ({
  dueAt: iso(toMs(start) + minutes * MINUTE_MS),
  calendarMissing: false,
});

/** Years an admin may load (the maths needs nothing narrower; this keeps typos like 20277 out). */
export const CALENDAR_YEAR_MIN = 2000;
export const CALENDAR_YEAR_MAX = 2100;

export interface CalendarIssue {
  field: string;
  message: string;
}

const WEEKDAY_NAMES = ['周日', '周一', '周二', '周三', '周四', '周五', '周六'];

/**
 * Checks a year's arrangement as an admin loads it (the State Council notice):
 * every date real and inside the year, holidays are weekdays (weekends are off
 * anyway), make-up working days (调休) are weekends, no date twice and none in
 * both lists. Answers field issues in Chinese, naming the field and index.
 */
export function validateCalendarYear(year: number, data: Pick<CalendarYearData, 'holidays' | 'workdays'>): CalendarIssue[] {
  const issues: CalendarIssue[] = [];
  if (!Number.isInteger(year) || year < CALENDAR_YEAR_MIN || year > CALENDAR_YEAR_MAX) {
    return [{ field: 'year', message: `年份应为 ${CALENDAR_YEAR_MIN}–${CALENDAR_YEAR_MAX} 之间的整数` }];
  }
  const seen = new Map<string, string>();
  const check = (list: readonly string[], name: 'holidays' | 'workdays') => {
    list.forEach((date, i) => {
      const field = `${name}.${i}`;
      const ms = Date.parse(`${date}T00:00:00Z`);
      if (!/^\d{4}-\d{2}-\d{2}$/.test(date) || Number.isNaN(ms) || new Date(ms).toISOString().slice(0, 10) !== date) {
        issues.push({ field, message: `${date} 不是有效日期（格式 YYYY-MM-DD）` });
        return;
      }
      if (Number(date.slice(0, 4)) !== year) {
        issues.push({ field, message: `${date} 不在 ${year} 年内` });
        return;
      }
      const weekday = new Date(ms).getUTCDay();
      const weekend = weekday === 0 || weekday === 6;
      if (name === 'holidays' && weekend) {
        issues.push({ field, message: `${date} 是${WEEKDAY_NAMES[weekday] ?? ''}，本来就休息：holidays 只列放假的工作日` });
      }
      if (name === 'workdays' && !weekend) {
        issues.push({ field, message: `${date} 是${WEEKDAY_NAMES[weekday] ?? ''}，调休上班日（workdays）只能是周六或周日` });
      }
      const before = seen.get(date);
      if (before === name) issues.push({ field, message: `${date} 重复出现` });
      else if (before) issues.push({ field, message: `${date} 同时出现在 holidays 和 workdays 中` });
      else seen.set(date, name);
    });
  };
  check(data.holidays, 'holidays');
  check(data.workdays, 'workdays');
  return issues;
}

/** Local (Shanghai) wall time of an instant, for people: `2026-10-10 16:30`. */
export const localDateTime = (t: Date | string | number): string =>
  iso(toMs(t) + SHANGHAI_OFFSET_MS).slice(0, 16).replace('T', ' ');
