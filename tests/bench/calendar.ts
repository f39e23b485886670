/**
 * Calendar benchmark (issue 4): deadline computations per second on the
 * shipped calendar (Asia/Shanghai office hours, 2024–2026 holidays and 调休).
 * Prints figures only.
 *
 *   npx tsx tests/bench/calendar.ts
 */
import {
  addWorkingMinutes,
  DEFAULT_CLOCK_POLICY,
  defaultCalendar,
  nextSweepAt,
  startClock,
  viewClock,
  workingMinutesBetween,
} from '@whistle/shared';

const cal = defaultCalendar();
const FROM = Date.parse('2024-01-01T00:00:00+08:00');
const SPAN = Date.parse('2026-12-01T00:00:00+08:00') - FROM;

// a fixed pseudo-random sequence (xorshift), so runs compare
let seed = 0x2545f491;
const rnd = () => {
  seed ^= seed << 13;
  seed ^= seed >>> 17;
  seed ^= seed << 5;
  return (seed >>> 0) / 0x100000000;
};
const starts = Array.from({ length: 10_000 }, () => new Date(FROM + Math.floor(rnd() * SPAN)).toISOString());

function bench(label: string, f: (i: number) => unknown, ms = 1_500): void {
  for (let i = 0; i < 2_000; i++) f(i); // warm up
  let n = 0;
  let kept: unknown;
  const t0 = performance.now();
  let t = t0;
  while (t - t0 < ms) {
    for (let k = 0; k < 500; k++, n++) kept = f(n);
    t = performance.now();
  }
  const perSec = n / ((t - t0) / 1000);
  console.log(`${label.padEnd(52)} ${Math.round(perSec).toLocaleString('en-US').padStart(12)} /s  (${(1e6 / perSec).toFixed(2)} µs each)`);
  if (kept === undefined) throw new Error('benchmark produced nothing');
}

const at = (i: number) => starts[i % starts.length] ?? '2026-03-10T01:00:00.000Z';
const rules = DEFAULT_CLOCK_POLICY.normal;

console.log(`working calendar: office hours ${cal.officeHours.map((p) => `${p.start}–${p.end}`).join(', ')}; years ${Object.keys(cal.years).join(', ')}`);
bench('addWorkingMinutes, claim (2 working hours)', (i) => addWorkingMinutes(cal, at(i), 120));
bench('addWorkingMinutes, resolve (3 working days)', (i) => addWorkingMinutes(cal, at(i), 3 * 420));
bench('addWorkingMinutes, 30 working days', (i) => addWorkingMinutes(cal, at(i), 30 * 420));
bench('workingMinutesBetween, start .. start + 3 days', (i) => workingMinutesBetween(cal, at(i), Date.parse(at(i)) + 3 * 86_400_000));
bench('startClock (claim + contact + resolve of a ticket)', (i) => [
  startClock(cal, { kind: 'claim', rule: rules.claim, start: at(i) }),
  startClock(cal, { kind: 'contact', rule: rules.contact, start: at(i) }),
  startClock(cal, { kind: 'resolve', rule: rules.resolve, start: at(i) }),
]);
const clocks = starts.slice(0, 100).map((s) => startClock(cal, { kind: 'resolve', rule: rules.resolve, start: s }));
const clockAt = (i: number) => clocks[i % clocks.length] ?? startClock(cal, { kind: 'resolve', rule: rules.resolve, start: at(i) });
// looked at some time between its start and two days after its deadline
const lookedAt = (i: number) => new Date(Date.parse(clockAt(i).startedAt) + ((i * 7919) % 100) * 0.05 * 86_400_000).toISOString();
bench('viewClock (the ticket view: time left on a clock)', (i) => viewClock(cal, clockAt(i), lookedAt(i)));
bench('nextSweepAt (3 clocks)', (i) => nextSweepAt(clocks.slice(i % 97, (i % 97) + 3)));
