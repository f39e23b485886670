import type { ClockPort } from '../../../functions/src/ports.js';

/** A settable clock: time stands still until a test moves it. */
export class FakeClock implements ClockPort {
  private at: number;

  constructor(start: string | Date = '2026-11-30T02:00:00.000Z') {
    this.at = new Date(start).getTime();
  }

  now(): Date {
    return new Date(this.at);
  }

  iso(): string {
    return this.now().toISOString();
  }

  set(at: string | Date): void {
    this.at = new Date(at).getTime();
  }

  advance(ms: number): void {
    this.at += ms;
  }
}
