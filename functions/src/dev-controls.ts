import { isClockPinned, pinClock } from './adapters/time.js';

/**
 * What the dev routes drive (404 wherever DEV_ROUTES is off): the stack's
 * clock, and the scheduled handlers, which the local stack registers so that
 * `POST /api/dev/run-schedules` runs them now and waits until the queues they
 * fed are drained. On AWS nothing registers a runtime.
 */
export interface LocalRuntime {
  /** runs every scheduled handler once, then waits until their queues are empty (undrained: those still busy when the wait ran out) */
  runSchedules(): Promise<{ schedules: string[]; delivered: Record<string, number>; undrained: string[] }>;
  /** a login code the local WeChat double exchanges for this test openid (where the stack runs one) */
  wechatCode?(openId: string): string;
}

export interface DevControls {
  /** pins "now" (undefined: real time again) */
  pinClock(at: Date | undefined): void;
  clockPinned(): boolean;
  /** undefined where no local stack registered itself */
  runtime(): LocalRuntime | undefined;
}

let runtime: LocalRuntime | undefined;

export const registerLocalRuntime = (r: LocalRuntime | undefined): void => {
  runtime = r;
};

export const devControls: DevControls = {
  pinClock,
  clockPinned: isClockPinned,
  runtime: () => runtime,
};
