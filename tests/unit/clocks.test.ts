import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  addRule,
  DEFAULT_CLOCK_POLICY,
  defaultCalendar,
  meetClock,
  nextSweepAt,
  pauseClock,
  resumeClock,
  ruleMinutes,
  startClock,
  viewClock,
  workingMinutesBetween,
} from '@whistle/shared';

const cal = defaultCalendar();
const sh = (local: string) => new Date(`${local}+08:00`).toISOString();
const rules = DEFAULT_CLOCK_POLICY.normal;

describe('clock rules', () => {
  it('a working day is the tenant’s office day; a calendar day is 24 hours', () => {
    expect(ruleMinutes(cal, rules.resolve)).toBe(3 * 420);
    expect(ruleMinutes(cal, rules.progress)).toBe(7 * 24 * 60);
    expect(ruleMinutes(cal, { duration: 30, unit: 'minute', basis: 'calendar' })).toBe(30);
    const short = { ...cal, officeHours: [{ start: '09:00', end: '12:00' }] };
    expect(ruleMinutes(short, rules.resolve)).toBe(3 * 180);
  });

  it('the escalation interval of one working day from a Friday reminder lands on Monday', () => {
    expect(addRule(cal, sh('2026-03-13T17:00:00'), DEFAULT_CLOCK_POLICY.escalationInterval).dueAt).toBe(sh('2026-03-16T17:00:00'));
  });
});

describe('pausing and resuming (waiting for the enterprise)', () => {
  it('keeps the working time left at the pause, whenever the enterprise answers', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 3 * 420 - 1 }),
        fc.integer({ min: Date.parse('2026-03-20T00:00:00+08:00'), max: Date.parse('2026-11-30T00:00:00+08:00') }),
        (usedMinutes, resumeAt) => {
          const start = sh('2026-03-10T09:00:00');
          const clock = startClock(cal, { kind: 'resolve', rule: rules.resolve, start });
          const pauseAt = addRule(cal, start, { duration: usedMinutes, unit: 'minute', basis: 'working' }).dueAt;
          const paused = pauseClock(clock, pauseAt);
          expect(paused.nextEscalationAt).toBeUndefined();
          expect(nextSweepAt([paused])).toBeUndefined();
          const resumed = resumeClock(cal, paused, new Date(resumeAt).toISOString());
          const left = workingMinutesBetween(cal, pauseAt, clock.dueAt);
          expect(left).toBe(3 * 420 - usedMinutes);
          expect(workingMinutesBetween(cal, new Date(resumeAt).toISOString(), resumed.dueAt)).toBe(left);
          expect(resumed.pausedAt).toBeUndefined();
          expect(resumed.nextEscalationAt).toBe(resumed.dueAt);
        },
      ),
    );
  });

  it('a clock already escalated resumes with its next step due at once', () => {
    const clock = { ...startClock(cal, { kind: 'resolve', rule: rules.resolve, start: sh('2026-03-10T09:00:00') }), escalations: 1 };
    const resumed = resumeClock(cal, pauseClock(clock, sh('2026-03-12T10:00:00')), sh('2026-03-20T10:00:00'));
    expect(resumed.nextEscalationAt).toBe(sh('2026-03-20T10:00:00'));
  });
});

describe('the sweep instant and the view', () => {
  it('nextSweepAt is the earliest pending step of unmet, unpaused clocks', () => {
    const a = startClock(cal, { kind: 'contact', rule: rules.contact, start: sh('2026-03-10T09:00:00') });
    const b = startClock(cal, { kind: 'resolve', rule: rules.resolve, start: sh('2026-03-10T09:00:00') });
    expect(nextSweepAt([a, b])).toBe(a.dueAt < b.dueAt ? a.dueAt : b.dueAt);
    expect(nextSweepAt([meetClock(a, sh('2026-03-10T10:00:00')), b])).toBe(b.dueAt);
    expect(nextSweepAt([meetClock(a, sh('2026-03-10T10:00:00')), pauseClock(b, sh('2026-03-10T10:00:00'))])).toBeUndefined();
  });

  it('viewClock says running, missed, met or met late, with working minutes left', () => {
    const c = startClock(cal, { kind: 'resolve', rule: rules.resolve, start: sh('2026-03-10T09:00:00') });
    // Tuesday 09:00 + 3 × 7 working hours: the end of Thursday
    expect(c.dueAt).toBe(sh('2026-03-12T17:30:00'));
    expect(viewClock(cal, c, sh('2026-03-12T17:00:00'))).toMatchObject({ state: 'running', minutesLeft: 30 });
    expect(viewClock(cal, c, sh('2026-03-13T10:00:00'))).toMatchObject({ state: 'missed', minutesLeft: -60 });
    expect(viewClock(cal, meetClock(c, sh('2026-03-12T17:00:00')), sh('2026-03-20T10:00:00')).state).toBe('met');
    expect(viewClock(cal, meetClock(c, sh('2026-03-16T09:00:00')), sh('2026-03-20T10:00:00')).state).toBe('metLate');
  });
});
