import chineseDays from 'chinese-days';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  addWorkingMinutes,
  dayInfo,
  defaultCalendar,
  isWorkingTime,
  localDate,
  localDateTime,
  nextWorkingStart,
  SHIPPED_YEARS,
  validateCalendarYear,
  workingMinutesBetween,
  workingMinutesPerDay,
} from '@whistle/shared';

const cal = defaultCalendar();
/** A Shanghai wall time as a UTC instant string. */
const sh = (local: string) => new Date(`${local}+08:00`).toISOString();

describe('shipped calendar data', () => {
  it('agrees with chinese-days on every day of 2024–2026', () => {
    let days = 0;
    const disagreements: string[] = [];
    for (let d = new Date(Date.UTC(2024, 0, 1)); d.getUTCFullYear() <= 2026; d.setUTCDate(d.getUTCDate() + 1)) {
      const date = d.toISOString().slice(0, 10);
      const info = dayInfo(cal, date);
      if (!info.known) disagreements.push(`${date} unknown`);
      if (info.working !== chineseDays.isWorkday(date)) disagreements.push(date);
      days++;
    }
    expect(days).toBe(366 + 365 + 365);
    expect(disagreements).toEqual([]);
  });

  it('ships 2024, 2025 and 2026 and nothing later', () => {
    expect(Object.keys(SHIPPED_YEARS).map(Number)).toEqual([2024, 2025, 2026]);
    expect(dayInfo(cal, '2027-01-01')).toEqual({ working: true, known: false });
  });

  it('knows the 2026 National Day holiday and its make-up working days', () => {
    for (const d of ['2026-10-01', '2026-10-02', '2026-10-05', '2026-10-06', '2026-10-07']) {
      expect(dayInfo(cal, d)).toEqual({ working: false, known: true });
    }
    // 2026-10-10 is a Saturday, and a working day (调休); 2026-09-20 a working Sunday
    expect(new Date('2026-10-10T00:00:00Z').getUTCDay()).toBe(6);
    expect(dayInfo(cal, '2026-10-10')).toEqual({ working: true, known: true });
    expect(dayInfo(cal, '2026-09-20')).toEqual({ working: true, known: true });
    expect(dayInfo(cal, '2026-10-17').working).toBe(false);
  });
});

describe('working-time maths, worked examples', () => {
  it('has 7 working hours a day by default (09:00–12:00, 13:30–17:30)', () => {
    expect(workingMinutesPerDay(cal)).toBe(420);
  });

  it('a ticket at 22:00 on a Friday is due for claim (2 working hours) at 11:00 on Monday', () => {
    const at = sh('2026-03-06T22:00:00'); // Friday
    expect(isWorkingTime(cal, at)).toBe(false);
    expect(addWorkingMinutes(cal, at, 120)).toEqual({ dueAt: sh('2026-03-09T11:00:00'), calendarMissing: false });
  });

  it('a ticket at 12:10 (lunch) starts counting at 13:30', () => {
    expect(addWorkingMinutes(cal, sh('2026-03-10T12:10:00'), 60).dueAt).toBe(sh('2026-03-10T14:30:00'));
  });

  it('skips the lunch break and the evening', () => {
    expect(addWorkingMinutes(cal, sh('2026-03-10T11:30:00'), 60).dueAt).toBe(sh('2026-03-10T14:00:00'));
    expect(addWorkingMinutes(cal, sh('2026-03-10T17:00:00'), 60).dueAt).toBe(sh('2026-03-11T09:30:00'));
  });

  it('a ticket at 03:00 on a Tuesday starts at 09:00 that day', () => {
    expect(nextWorkingStart(cal, sh('2026-03-10T03:00:00')).dueAt).toBe(sh('2026-03-10T09:00:00'));
  });

  it('crosses the National Day holiday (Oct 1–7) to Thursday Oct 8', () => {
    // Wednesday Sep 30, 17:00: 30 minutes that day, 30 more after the holiday
    expect(addWorkingMinutes(cal, sh('2026-09-30T17:00:00'), 60).dueAt).toBe(sh('2026-10-08T09:30:00'));
  });

  it('counts the make-up Saturday Oct 10: 3 working days from Sep 30 16:30 end Oct 10 16:30', () => {
    // Sep 30: 60 min; Oct 8: 420; Oct 9: 420; Oct 10 (Saturday, working): 360 of 420 → 16:30
    expect(addWorkingMinutes(cal, sh('2026-09-30T16:30:00'), 3 * 420)).toEqual({
      dueAt: sh('2026-10-10T16:30:00'),
      calendarMissing: false,
    });
  });

  it('a ticket on a holiday afternoon starts at the next working period', () => {
    expect(nextWorkingStart(cal, sh('2026-10-03T15:00:00')).dueAt).toBe(sh('2026-10-08T09:00:00'));
    expect(addWorkingMinutes(cal, sh('2026-10-09T17:00:00'), 120).dueAt).toBe(sh('2026-10-10T10:30:00'));
  });

  it('flags a deadline that runs into a year without data and uses the weekday rule', () => {
    // Dec 30 16:00 + 3 days: Dec 30 90, Dec 31 420, 2027-01-01 (Friday, unknown: counted) 420, Jan 4 330
    expect(addWorkingMinutes(cal, sh('2026-12-30T16:00:00'), 3 * 420)).toEqual({
      dueAt: sh('2027-01-04T16:00:00'),
      calendarMissing: true,
    });
    // once 2027 is loaded (New Year's Day off) the same deadline moves a day later and is not flagged
    const with2027 = defaultCalendar({ 2027: { holidays: ['2027-01-01'], workdays: [] } });
    expect(addWorkingMinutes(with2027, sh('2026-12-30T16:00:00'), 3 * 420)).toEqual({
      dueAt: sh('2027-01-05T16:00:00'),
      calendarMissing: false,
    });
  });

  it('does not flag a deadline inside known years', () => {
    expect(addWorkingMinutes(cal, sh('2026-12-29T09:00:00'), 420).calendarMissing).toBe(false);
  });

  it('formats local wall time', () => {
    expect(localDateTime('2026-10-10T08:30:00.000Z')).toBe('2026-10-10 16:30');
  });
});

// instants between 2024-01-01 and 2026-12-10 (Shanghai), millisecond precision
const instant = fc.integer({ min: Date.parse('2024-01-01T00:00:00+08:00'), max: Date.parse('2026-12-10T00:00:00+08:00') });
const minutes = fc.integer({ min: 0, max: 420 * 15 });

describe('working-time maths, properties', () => {
  it('a deadline never precedes its start', () => {
    fc.assert(
      fc.property(instant, minutes, (start, m) => {
        expect(Date.parse(addWorkingMinutes(cal, start, m).dueAt)).toBeGreaterThanOrEqual(start);
      }),
      { numRuns: 500 },
    );
  });

  it('is monotonic in the minutes added', () => {
    fc.assert(
      fc.property(instant, minutes, minutes, (start, a, b) => {
        const [lo, hi] = a <= b ? [a, b] : [b, a];
        expect(addWorkingMinutes(cal, start, lo).dueAt <= addWorkingMinutes(cal, start, hi).dueAt).toBe(true);
      }),
    );
  });

  it('is additive: add(a + b) = add(add(a), b) for b ≥ 1', () => {
    fc.assert(
      fc.property(instant, minutes, fc.integer({ min: 1, max: 420 * 10 }), (start, a, b) => {
        const once = addWorkingMinutes(cal, start, a + b).dueAt;
        const twice = addWorkingMinutes(cal, addWorkingMinutes(cal, start, a).dueAt, b).dueAt;
        expect(twice).toBe(once);
      }),
      { numRuns: 400 },
    );
  });

  it('workingMinutesBetween is the inverse of addWorkingMinutes', () => {
    fc.assert(
      fc.property(instant, minutes, (start, m) => {
        expect(workingMinutesBetween(cal, start, addWorkingMinutes(cal, start, m).dueAt)).toBe(m);
      }),
      { numRuns: 400 },
    );
  });

  it('an out-of-hours start counts from the next working period', () => {
    fc.assert(
      fc.property(instant, fc.integer({ min: 1, max: 420 * 5 }), (start, m) => {
        fc.pre(!isWorkingTime(cal, start));
        const next = nextWorkingStart(cal, start).dueAt;
        expect(isWorkingTime(cal, next)).toBe(true);
        expect(workingMinutesBetween(cal, start, next)).toBe(0);
        expect(addWorkingMinutes(cal, start, m).dueAt).toBe(addWorkingMinutes(cal, next, m).dueAt);
      }),
    );
  });

  it('a positive deadline lands inside a working period or at its end, never on a day off', () => {
    fc.assert(
      fc.property(instant, fc.integer({ min: 1, max: 420 * 15 }), (start, m) => {
        const due = addWorkingMinutes(cal, start, m).dueAt;
        const justBefore = Date.parse(due) - 1;
        expect(isWorkingTime(cal, justBefore)).toBe(true);
        expect(dayInfo(cal, localDate(justBefore)).working).toBe(true);
      }),
      { numRuns: 400 },
    );
  });

  it('across National Day 2026: no working time on Oct 1–7, and the make-up Saturday counts fully', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: Date.parse('2026-09-28T00:00:00+08:00'), max: Date.parse('2026-10-09T00:00:00+08:00') }),
        fc.integer({ min: 1, max: 420 * 6 }),
        (start, m) => {
          const due = addWorkingMinutes(cal, start, m).dueAt;
          const day = localDate(Date.parse(due) - 1);
          expect(['2026-10-01', '2026-10-02', '2026-10-03', '2026-10-04', '2026-10-05', '2026-10-06', '2026-10-07']).not.toContain(day);
          // the holiday week contributes nothing
          expect(workingMinutesBetween(cal, sh('2026-10-01T00:00:00'), sh('2026-10-08T00:00:00'))).toBe(0);
          expect(workingMinutesBetween(cal, sh('2026-10-10T00:00:00'), sh('2026-10-11T00:00:00'))).toBe(420);
        },
      ),
    );
  });

  it('a deadline is flagged exactly when a day on the way lies in a year without data', () => {
    const late = fc.integer({ min: Date.parse('2026-12-01T00:00:00+08:00'), max: Date.parse('2027-02-01T00:00:00+08:00') });
    fc.assert(
      fc.property(late, fc.integer({ min: 0, max: 420 * 10 }), (start, m) => {
        const d = addWorkingMinutes(cal, start, m);
        expect(d.calendarMissing).toBe(localDate(d.dueAt) >= '2027-01-01' || localDate(start) >= '2027-01-01');
      }),
    );
  });
});

describe('validating a year an admin loads', () => {
  it('accepts the shipped 2026 arrangement', () => {
    const y = SHIPPED_YEARS[2026];
    expect(y).toBeDefined();
    expect(validateCalendarYear(2026, { holidays: y?.holidays ?? [], workdays: y?.workdays ?? [] })).toEqual([]);
  });

  it('names the field of each problem', () => {
    const issues = validateCalendarYear(2027, {
      holidays: ['2027-01-01', '2026-12-31', '2027-01-02', '2027-02-30', '2027-01-01'],
      workdays: ['2027-01-04', '2027-02-20', '2027-01-01'],
    });
    const byField = Object.fromEntries(issues.map((i) => [i.field, i.message]));
    expect(byField['holidays.0']).toBeUndefined();
    expect(byField['holidays.1']).toContain('不在 2027 年内');
    expect(byField['holidays.2']).toContain('周六');
    expect(byField['holidays.3']).toContain('不是有效日期');
    expect(byField['holidays.4']).toContain('重复');
    expect(byField['workdays.0']).toContain('周一');
    expect(byField['workdays.1']).toBeUndefined();
    expect(byField['workdays.2']).toContain('同时出现');
  });

  it('rejects years out of range', () => {
    expect(validateCalendarYear(1999, { holidays: [], workdays: [] })[0]?.field).toBe('year');
    expect(validateCalendarYear(2101, { holidays: [], workdays: [] })[0]?.field).toBe('year');
  });
});
