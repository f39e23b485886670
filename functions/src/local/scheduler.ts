import { randomUUID } from 'node:crypto';
import type { ScheduledEvent } from 'aws-lambda';

type ScheduledHandler = (event: ScheduledEvent) => Promise<unknown>;

export interface Schedule {
  name: string;
  everyMinutes: number;
  handler: () => Promise<ScheduledHandler>;
}

/** The EventBridge "Scheduled Event" a rule sends, with its time taken from the (settable) clock. */
export function scheduledEvent(name: string, at: Date): ScheduledEvent {
  return {
    version: '0',
    id: randomUUID(),
    'detail-type': 'Scheduled Event',
    source: 'aws.events',
    account: '000000000000',
    time: at.toISOString().replace(/\.\d{3}Z$/, 'Z'),
    region: 'us-east-1',
    resources: [`arn:aws:events:us-east-1:000000000000:rule/${name}`],
    detail: {},
  };
}

/** The local stand-in for EventBridge schedules: a timer per rule, never overlapping itself. */
export class LocalScheduler {
  private timers: NodeJS.Timeout[] = [];
  private inFlight = new Map<string, Promise<unknown>>();

  constructor(
    private readonly schedules: Schedule[],
    private readonly now: () => Date,
    private readonly onError: (name: string, e: unknown) => void,
  ) {}

  start(): void {
    for (const s of this.schedules) {
      this.timers.push(setInterval(() => void this.run(s).catch((e: unknown) => this.onError(s.name, e)), s.everyMinutes * 60_000));
    }
  }

  async run(s: Schedule): Promise<unknown> {
    const running = this.inFlight.get(s.name);
    if (running) return running;
    const p = (async () => (await s.handler())(scheduledEvent(s.name, this.now())))().finally(() => this.inFlight.delete(s.name));
    this.inFlight.set(s.name, p);
    return p;
  }

  async runAll(): Promise<string[]> {
    for (const s of this.schedules) await this.run(s);
    return this.schedules.map((s) => s.name);
  }

  async stop(): Promise<void> {
    for (const t of this.timers) clearInterval(t);
    this.timers = [];
    await Promise.allSettled([...this.inFlight.values()]);
  }
}
