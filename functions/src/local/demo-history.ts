import { numberingYear, type OutboxMessage } from '@whistle/shared';
import type { NoticeRepository, OutboxPort, Ports, StoredTicket, TicketRepository } from '../ports.js';
import { eachLimited } from '../services/each-limited.js';
import { tenantContext } from '../services/tenant-context.js';
import type { Store } from '../store/dynamo.js';
import { keys } from '../store/keys.js';
import type { TenantData } from './demo-data.js';
import { planDemoHistory, type HistoryNumbers, type HistoryPlan, type HistoryShape, type PlannedTicket } from './demo-history-plan.js';

export { DEMO_DISTRICT_SHAPE, HISTORY_WEEKS, planDemoHistory, UNIT_DILIGENCE, type HistoryShape, type HistoryNumbers, type HistoryPlan, type PlannedTicket } from './demo-history-plan.js';

/**
 * Loads the demo district's history (demo-history-plan.ts) once, through the
 * ports, so the store holds exactly what the live system writes: each ticket's
 * intake (`tickets.create`) and every commit (`tickets.commit`, conditional on
 * the version read), its effects applied (`applyEffects`: timeline, index
 * rows, outbox records) and settled, each notice created before the commit
 * that records it (`notices.create`) and signed where the unit signed it
 * (`notices.acknowledge`). The history is past: its messages are not sent to
 * the queue; their outbox records are marked delivered (`outbox.delivered`),
 * so the sweep does not send three months of notifications.
 *
 * On dynalite, some 2,400 commits one by one take ~45 s (every commit
 * rewrites the ticket item and its index rows, and writes and deletes outbox
 * records); the local stack therefore passes write-behind ports
 * (staged-writes.ts: the same calls, the same item builders and conditions, on
 * a buffer) and their `flush`, which writes the items the calls leave, in
 * batches: the same table (tests/unit/demo-history.test.ts compares the two)
 * in a few seconds.
 *
 * Readable numbers come from the tenant's counters (`tickets.nextNumber`,
 * `notices.nextNumber`), drawn once and kept in the marker, so the live system
 * numbers on after the history.
 *
 * Once only, and safe across restarts: a marker item (keys.demoHistory) says
 * `numbering` (anchor chosen), `loading` (anchor and numbers fixed: the plan
 * is the same on every attempt) or `done`. A start that finds `loading` (the
 * last one stopped half way) plans the same history again and writes only
 * what is missing: a ticket already there continues from its stored version.
 */
export type HistoryState = 'numbering' | 'loading' | 'done';

export interface HistoryMarker {
  state: HistoryState;
  /** the instant the history ends at */
  anchor: string;
  numbers?: HistoryNumbers;
  tickets?: number;
  notices?: number;
}

/** Where the loader keeps its marker. */
export interface HistoryMarkerStore {
  read(tenantId: string): Promise<HistoryMarker | undefined>;
  /** writes the marker unless one is there (false then) */
  create(tenantId: string, marker: HistoryMarker): Promise<boolean>;
  write(tenantId: string, marker: HistoryMarker): Promise<void>;
}

/**
 * What the loader writes through: the ticket, notice and outbox ports (the
 * methods the live services call on a commit and a notice), the settings and
 * reference data for the tenant's calendar, policy and groups, and its marker.
 * The local stack gives it write-behind ports over the table (staged-writes.ts)
 * and their `flush`; tests give it the in-memory ports.
 */
export interface HistoryDeps extends Pick<Ports, 'settings' | 'refs'> {
  tickets: Pick<TicketRepository, 'get' | 'create' | 'commit' | 'applyEffects' | 'settle' | 'nextNumber'>;
  notices: Pick<NoticeRepository, 'create' | 'acknowledge' | 'nextNumber'>;
  outbox: Pick<OutboxPort, 'delivered'>;
  historyMarker: HistoryMarkerStore;
  /** writes what write-behind ports kept back, before the history is marked done */
  flush?: () => Promise<void>;
}

export interface HistoryLoad {
  state: 'loaded' | 'present';
  anchor: string;
  tickets: number;
  notices: number;
}

/** Tickets written at once (each ticket's own writes go one after another, as its commits did). */
const CONCURRENCY = 12;

const MARKER_ENTITY = 'DEMO_HISTORY';

/** A marker item's fields (anything else: no marker). */
export function parseMarker(item: Record<string, unknown> | undefined): HistoryMarker | undefined {
  if (!item || typeof item.anchor !== 'string' || !['numbering', 'loading', 'done'].includes(String(item.state))) return undefined;
  const numbers = item.numbers as HistoryNumbers | undefined;
  return {
    state: item.state as HistoryState,
    anchor: item.anchor,
    ...(numbers && typeof numbers.tickets === 'object' && typeof numbers.notices === 'object' ? { numbers } : {}),
    ...(typeof item.tickets === 'number' ? { tickets: item.tickets } : {}),
    ...(typeof item.notices === 'number' ? { notices: item.notices } : {}),
  };
}

export const markerItem = (tenantId: string, marker: HistoryMarker) => ({ ...keys.demoHistory(tenantId), entity: MARKER_ENTITY, ...marker });

/** The marker in the table (the local stack). */
export function storeHistoryMarker(store: Pick<Store, 'get' | 'put'>): HistoryMarkerStore {
  return {
    async read(tenantId) {
      return parseMarker(await store.get(keys.demoHistory(tenantId), true));
    },
    create: (tenantId, marker) => store.put(markerItem(tenantId, marker), { expression: 'attribute_not_exists(pk)' }),
    async write(tenantId, marker) {
      await store.put(markerItem(tenantId, marker));
    },
  };
}

/**
 * Loads the history of `data`'s tenant ending at `now` (13 weeks of it), once.
 * `present` when it was loaded before (by this or an earlier start).
 */
export async function loadDemoHistory(deps: HistoryDeps, data: TenantData, now: Date | string, shape?: HistoryShape): Promise<HistoryLoad> {
  const tenantId = data.tenant.id;
  let marker = await deps.historyMarker.read(tenantId);
  if (!marker) {
    const fresh: HistoryMarker = { state: 'numbering', anchor: new Date(now).toISOString() };
    marker = (await deps.historyMarker.create(tenantId, fresh)) ? fresh : await deps.historyMarker.read(tenantId);
    if (!marker) throw new Error('demo history: the marker could not be written');
  }
  if (marker.state === 'done') return { state: 'present', anchor: marker.anchor, tickets: marker.tickets ?? 0, notices: marker.notices ?? 0 };

  const ctx = await tenantContext(deps, tenantId);
  // tickets may be there already only once the numbers were fixed (an earlier start stopped while loading)
  const resuming = marker.state === 'loading' && marker.numbers !== undefined;
  let numbers = resuming ? marker.numbers : undefined;
  if (!numbers) {
    numbers = await drawNumbers(deps, tenantId, planDemoHistory(data, ctx, marker.anchor, undefined, shape));
    await deps.historyMarker.write(tenantId, { state: 'loading', anchor: marker.anchor, numbers });
  }
  const plan = planDemoHistory(data, ctx, marker.anchor, numbers, shape);
  await writeHistory(deps, tenantId, plan.tickets, { resuming });
  const done: HistoryMarker = { state: 'done', anchor: marker.anchor, tickets: plan.tickets.length, notices: plan.notices.length };
  await deps.historyMarker.write(tenantId, done);
  return { state: 'loaded', anchor: marker.anchor, tickets: plan.tickets.length, notices: plan.notices.length };
}

/**
 * Draws the history's readable numbers from the tenant's counters: as many as
 * it has tickets (notices) in each year, in any order (concurrent draws), then
 * given out in time order, so numbers rise with time as they do live.
 */
async function drawNumbers(deps: HistoryDeps, tenantId: string, draft: HistoryPlan): Promise<HistoryNumbers> {
  const byYear = <T>(items: T[], year: (x: T) => number) => {
    const out = new Map<number, T[]>();
    for (const x of items) out.set(year(x), [...(out.get(year(x)) ?? []), x]);
    return out;
  };
  const draw = async (count: number, next: () => Promise<string>) => {
    const drawn: string[] = [];
    await eachLimited(Array.from({ length: count }, (_, i) => i), 32, async () => {
      drawn.push(await next());
    });
    return drawn.sort();
  };
  const numbers: HistoryNumbers = { tickets: {}, notices: {} };
  // plans list tickets in creation order and notices in issue order
  for (const [year, tickets] of byYear(draft.tickets, (t) => numberingYear(t.createdAt))) {
    const drawn = await draw(tickets.length, () => deps.tickets.nextNumber(tenantId, year));
    tickets.forEach((t, i) => (numbers.tickets[t.id] = drawn[i] ?? ''));
  }
  for (const [, notices] of byYear(draft.notices, (n) => numberingYear(n.issuedAt))) {
    const at = notices[0]?.issuedAt ?? draft.anchor;
    const drawn = await draw(notices.length, () => deps.notices.nextNumber(tenantId, at));
    notices.forEach((n, i) => (numbers.notices[n.id] = drawn[i] ?? ''));
  }
  return numbers;
}

/**
 * Writes planned tickets through the ports, a few tickets at once, each
 * ticket's writes in the order the live system made them, and flushes what
 * write-behind ports kept back. `resuming`: some may be there already (a load
 * that stopped half way): each continues from its stored version.
 */
export async function writeHistory(
  deps: Pick<HistoryDeps, 'tickets' | 'notices' | 'outbox' | 'flush'>,
  tenantId: string,
  tickets: readonly PlannedTicket[],
  opts: { resuming: boolean },
): Promise<void> {
  await eachLimited(tickets, CONCURRENCY, (t) => writeTicket(deps, tenantId, t, opts.resuming));
  await deps.flush?.();
}

async function writeTicket(deps: Pick<HistoryDeps, 'tickets' | 'notices' | 'outbox'>, tenantId: string, planned: PlannedTicket, resuming: boolean): Promise<void> {
  let stored = 0;
  if (resuming) {
    const current = await deps.tickets.get(tenantId, planned.id, true);
    if (current) {
      // a commit written but not finished when the last start stopped: finish it as any reader would
      if (current.intakePending || current.pending) {
        await deps.tickets.applyEffects(current);
        await deps.tickets.settle(current);
      }
      stored = current.ticket.version;
    }
  }
  for (const step of planned.steps) {
    if (step.ticket.version <= stored) {
      // written before; its signatures may not be (acknowledging is idempotent)
      for (const ack of step.acks) await deps.notices.acknowledge(tenantId, ack.noticeId, ack.userId, ack.at);
      continue;
    }
    if (step.notice) await deps.notices.create(step.notice.notice, step.notice.cycle);
    const written = step.read
      ? await deps.tickets.commit(step.read, step.ticket, step.effects, step.claimLock ? { claimLock: step.claimLock } : {})
      : await deps.tickets.create(step.ticket, step.effects, planned.requestHash);
    if (!written) throw new Error(`demo history: ticket ${planned.id} version ${step.ticket.version} was not written (the store holds another version)`);
    const finished: StoredTicket = step.read
      ? { ticket: step.ticket, pending: step.effects }
      : { ticket: step.ticket, pending: step.effects, intakePending: true, requestHash: planned.requestHash };
    await deps.tickets.applyEffects(finished);
    await deps.tickets.settle(finished);
    for (const ack of step.acks) await deps.notices.acknowledge(tenantId, ack.noticeId, ack.userId, ack.at);
  }
  const messages: OutboxMessage[] = planned.steps.flatMap((s) => s.effects.notifications);
  if (messages.length > 0) await deps.outbox.delivered(messages);
}
