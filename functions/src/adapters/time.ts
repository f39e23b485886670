import type { ClockPort } from '../ports.js';

/**
 * The system clock. The local stack (and only it: the dev routes are 404 on
 * AWS) may pin "now" so a person or a test can watch a ticket age.
 */
let pinned: number | undefined;

export const systemClock: ClockPort = {
  now: () => new Date(pinned ?? Date.now()),
};

export function pinClock(at: Date | undefined): void {
  pinned = at?.getTime();
}

export const isClockPinned = (): boolean => pinned !== undefined;
