/**
 * Hooks the local stack registers so the dev routes can drive it: run the
 * scheduled handlers now and wait until the queues they fed are drained.
 * On AWS nothing registers them (and the dev routes answer 404 there anyway).
 */
export interface LocalRuntime {
  /** runs every scheduled handler once, then waits until their queues are empty */
  runSchedules(): Promise<{ schedules: string[]; delivered: Record<string, number> }>;
}

let runtime: LocalRuntime | undefined;

export const registerLocalRuntime = (r: LocalRuntime | undefined): void => {
  runtime = r;
};

export const localRuntime = (): LocalRuntime | undefined => runtime;
