import { eachLimited } from './each-limited.js';
import { DUE_SHARDS, dueJobs, holderDueJobs, holderLeaseDueAt, isOpen, leaseDueAt, nextSweepAt } from '@whistle/shared';
import { outboxRedeliveryAt, type DueIndex, type EscalationJob, type LadderHolders, type OutboxMessage, type Ports, type UndeliveredEntry } from '../ports.js';
import { finishEffects, publish } from './effects.js';

/**
 * The deadline sweep (scheduled every minute). Per tenant and shard it reads
 * the sparse `due` index up to now (only tickets with a step due are in that
 * range, so the cost follows the number of due clocks, not of tickets), takes
 * a lease on each due ticket so that a concurrent sweep skips it, and puts one
 * escalation job per due clock and level on the escalation queue. An intake
 * left half done for INTAKE_RECOVERY_MS is in that range too: it is finished.
 */
export interface SweepOptions {
  /** how long a leased ticket stays out of the due range (the worker's time to apply its jobs) */
  leaseMs?: number;
  /** due tickets read per query page */
  pageSize?: number;
  /** stop paging after this long (the Lambda has 55 s); the rest is due next minute */
  budgetMs?: number;
}

export interface SweepReport {
  now: string;
  tenants: number;
  /** items the due queries read (ScannedCount) */
  scanned: number;
  /** tickets found due */
  dueTickets: number;
  /** jobs enqueued (one per due clock and level) */
  jobs: number;
  /** tickets another sweep had leased first */
  contended: number;
  /** tickets whose index entry was stale and was put right */
  repaired: number;
  /** intakes left half done (their caller never retried) that the sweep finished */
  intakesFinished: number;
  /** commits whose writer died before applying their effects, finished */
  effectsFinished: number;
  /** outbox records the undelivered queries read */
  outboxScanned: number;
  /** outbox messages not delivered in time, sent again */
  outboxResent: number;
  /** outbox messages given up on (parked for an operator) */
  outboxParked: number;
  /** pages left for the next run because the time budget ran out */
  truncated: boolean;
  ms: number;
}

export const DEFAULT_LEASE_MS = 5 * 60_000;

const emptyReport = (now: string): SweepReport => ({
  now,
  tenants: 0,
  scanned: 0,
  dueTickets: 0,
  jobs: 0,
  contended: 0,
  repaired: 0,
  intakesFinished: 0,
  effectsFinished: 0,
  outboxScanned: 0,
  outboxResent: 0,
  outboxParked: 0,
  truncated: false,
  ms: 0,
});

function add(into: SweepReport, r: SweepReport): void {
  into.scanned += r.scanned;
  into.dueTickets += r.dueTickets;
  into.jobs += r.jobs;
  into.contended += r.contended;
  into.repaired += r.repaired;
  into.intakesFinished += r.intakesFinished;
  into.effectsFinished += r.effectsFinished;
  into.outboxScanned += r.outboxScanned;
  into.outboxResent += r.outboxResent;
  into.outboxParked += r.outboxParked;
  into.truncated ||= r.truncated;
}

/** After this many sends an undelivered message is parked (an operator looks: the OutboxParked alarm). */
export const MAX_OUTBOX_ATTEMPTS = 8;

/**
 * An outbox message still undelivered when its time came: sent again, with
 * the next look further off each time, or parked after MAX_OUTBOX_ATTEMPTS
 * (logged with its ticket; the metric raises the alarm). Moved conditionally
 * on the position read, so of two sweeps one sends it.
 */
async function redeliver(deps: Ports, entry: UndeliveredEntry, now: string, report: SweepReport, resend: OutboxMessage[]): Promise<void> {
  const { message, attempts } = entry;
  if (attempts >= MAX_OUTBOX_ATTEMPTS) {
    if (await deps.outbox.park(message, entry.dueSk, now, `not delivered after ${attempts} sends`)) {
      report.outboxParked++;
      deps.metrics.addMetric('OutboxParked', 'Count', 1);
      deps.logger.error('outbox message parked: never delivered', { ticketId: entry.ticketId, ticketNumber: message.ticketNumber, messageId: message.id, event: message.event, attempts });
    }
    return;
  }
  // moved by another sweep first: that one sends it
  if (await deps.outbox.retry(message, entry.dueSk, outboxRedeliveryAt(now, attempts + 1), attempts + 1)) resend.push(message);
}

/** Sweeps one shard of one tenant. */
async function sweepShard(deps: Ports, due: DueIndex, tenantId: string, shard: number, now: string, opts: Required<SweepOptions>, deadline: number): Promise<SweepReport> {
  const report = emptyReport(now);
  const leaseUntil = new Date(Date.parse(now) + opts.leaseMs).toISOString();
  await eachPage(deadline, report, (cursor) => due.due(tenantId, shard, now, opts.pageSize, cursor), async (page) => {
    report.scanned += page.scanned;
    const jobs: EscalationJob[] = [];
    await Promise.all(
      page.entries.map(async (entry) => {
        const readDueSk = entry.dueSk;
        const stored = entry.stored;
        if (!stored) {
          deps.logger.error('due index holds an unreadable ticket', { ticketId: entry.ticketId, error: entry.error ?? '' });
          return;
        }
        if (stored.intakePending) {
          // an intake whose caller got an error after its first write and never retried: finish it
          // (idempotent, and conditional on its version, so a retry racing this changes nothing).
          // A failure stays with this ticket: it is still due, so the next sweep tries again, and the
          // other tickets of the page keep their leases and jobs
          try {
            await finishEffects(deps, stored);
            report.intakesFinished++;
          } catch (e) {
            deps.logger.error('could not finish a half-done intake', { ticketId: entry.ticketId, error: e as Error });
          }
          return;
        }
        if (stored.pending) {
          // a commit whose writer died before applying its effects: apply them (timeline, indexes, outbox);
          // its clocks are looked at again once it is settled
          try {
            await finishEffects(deps, stored);
            report.effectsFinished++;
          } catch (e) {
            deps.logger.error('could not finish a commit’s effects', { ticketId: entry.ticketId, error: e as Error });
          }
          return;
        }
        const t = stored.ticket;
        await takeDue(dueJobs(t, now), isOpen(t) ? nextSweepAt(t.clocks) : undefined, now, report, jobs, {
          repair: (next) => due.repair(tenantId, t.id, readDueSk, next),
          lease: () => due.lease(tenantId, t.id, readDueSk, leaseDueAt(t, now, leaseUntil), leaseUntil),
        });
      }),
    );
    await sendJobs(deps, jobs, report);
  });
  return report;
}

/**
 * Reads a due range page by page, handing each on, to its end or until the run's time is up
 * (`truncated`: the rest is due for the next run).
 */
async function eachPage<P extends { cursor?: string }>(deadline: number, report: SweepReport, read: (cursor: string | undefined) => Promise<P>, onPage: (page: P) => Promise<void>): Promise<void> {
  let cursor: string | undefined;
  do {
    if (Date.now() > deadline) {
      report.truncated = true;
      break;
    }
    const page = await read(cursor);
    cursor = page.cursor;
    await onPage(page);
  } while (cursor);
}

/**
 * One due entry, a ticket's or a holder's: nothing due after all (a lease ran out after the
 * worker dropped its jobs, or the entry is stale) puts its index position right; else it is
 * leased and its jobs kept, unless another sweep leased it first.
 */
async function takeDue(
  found: EscalationJob[],
  next: string | undefined,
  now: string,
  report: SweepReport,
  jobs: EscalationJob[],
  entry: { repair: (next: string | undefined) => Promise<boolean>; lease: () => Promise<boolean> },
): Promise<void> {
  if (found.length === 0) {
    if (await entry.repair(next && next > now ? next : undefined)) report.repaired++;
    return;
  }
  report.dueTickets++;
  if (!(await entry.lease())) {
    report.contended++;
    return;
  }
  jobs.push(...found);
}

/** Leased first, then sent: a failed send leaves the jobs to the sweep after the lease. */
async function sendJobs(deps: Ports, jobs: EscalationJob[], report: SweepReport): Promise<void> {
  if (jobs.length === 0) return;
  await deps.queue.sendEscalations(jobs);
  report.jobs += jobs.length;
}

/**
 * Records of their own on the ladder (a retrospective's tasks, a common issue's target and
 * steps: docs/plan-items.md, step 3): the same lease and jobs as a ticket's, each job naming
 * its holder.
 */
async function sweepHolders(deps: Ports, holders: LadderHolders, tenantId: string, now: string, opts: Required<SweepOptions>, deadline: number): Promise<SweepReport> {
  const report = emptyReport(now);
  const leaseUntil = new Date(Date.parse(now) + opts.leaseMs).toISOString();
  await eachPage(deadline, report, (cursor) => holders.holdersDue(tenantId, now, opts.pageSize, cursor), async (page) => {
    report.scanned += page.scanned;
    const jobs: EscalationJob[] = [];
    await Promise.all(
      page.entries.map(async (entry) => {
        const h = entry.holder;
        if (!h) {
          deps.logger.error('due index holds an unreadable record', { ref: entry.ref, error: entry.error ?? '' });
          return;
        }
        await takeDue(holderDueJobs(h, now), h.open ? nextSweepAt(h.clocks) : undefined, now, report, jobs, {
          repair: (next) => holders.repairHolder(entry, next),
          lease: () => holders.leaseHolder(entry, holderLeaseDueAt(h, now, leaseUntil), leaseUntil),
        });
      }),
    );
    await sendJobs(deps, jobs, report);
  });
  return report;
}

/** One shard's undelivered outbox messages: sent again (or parked), a page at a time. */
async function sweepOutboxShard(deps: Ports, tenantId: string, shard: number, now: string, opts: Required<SweepOptions>, deadline: number): Promise<SweepReport> {
  const report = emptyReport(now);
  await eachPage(deadline, report, (cursor) => deps.due.undelivered(tenantId, shard, now, opts.pageSize, cursor), async (page) => {
    report.outboxScanned += page.scanned;
    const resend: OutboxMessage[] = [];
    await Promise.all(page.entries.map((entry) => redeliver(deps, entry, now, report, resend)));
    // moved forward first, then sent: a failed send leaves them to a later sweep
    if (resend.length > 0 && (await publish(deps, resend))) report.outboxResent += resend.length;
  });
  return report;
}

export async function sweepTenant(deps: Ports, tenantId: string, now: string, options: SweepOptions = {}): Promise<SweepReport> {
  const t0 = performance.now();
  const opts: Required<SweepOptions> = { leaseMs: DEFAULT_LEASE_MS, pageSize: 100, budgetMs: 45_000, ...options };
  const due = deps.due;
  // an optional port (functions/src/wiring/holders.ts): resolved before any shard starts, so a function not wired for it fails whole
  const holders = deps.holders;
  const deadline = Date.now() + opts.budgetMs;
  // every shard runs to its end, whatever another's fate: nothing is left running when the sweep answers
  const shards = await Promise.allSettled([
    ...Array.from({ length: DUE_SHARDS }, (_, shard) => sweepShard(deps, due, tenantId, shard, now, opts, deadline)),
    ...Array.from({ length: DUE_SHARDS }, (_, shard) => sweepOutboxShard(deps, tenantId, shard, now, opts, deadline)),
    sweepHolders(deps, holders, tenantId, now, opts, deadline),
  ]);
  const failed = shards.find((s) => s.status === 'rejected');
  if (failed) throw failed.reason;
  const report = emptyReport(now);
  report.tenants = 1;
  for (const r of shards) if (r.status === 'fulfilled') add(report, r.value);
  report.ms = Math.round(performance.now() - t0);
  return report;
}

/** How many tenants one sweep run visits at once (each reads its shards in parallel). */
const TENANTS_AT_ONCE = 4;

/** Sweeps every registered tenant (the scheduled handler). */
export async function sweepAll(deps: Ports, options: SweepOptions = {}): Promise<SweepReport> {
  const t0 = performance.now();
  const now = deps.clock.now().toISOString();
  const tenants = await deps.due.tenants();
  const report = emptyReport(now);
  const failed: string[] = [];
  // a few tenants at a time: a province's hundred districts fit in one run (one after another, ~550 would not)
  await eachLimited(tenants, TENANTS_AT_ONCE, async (tenantId) => {
    try {
      add(report, await sweepTenant(deps, tenantId, now, options));
      report.tenants++;
    } catch (e) {
      // one tenant's failure must not starve the others; its due tickets stay due for the next run
      deps.logger.error('sweep failed for tenant', { tenantId, error: e as Error });
      failed.push(tenantId);
    }
  });
  report.ms = Math.round(performance.now() - t0);
  if (failed.length > 0) throw new Error(`sweep failed for ${failed.length} of ${tenants.length} tenants: ${failed.join(', ')}`);
  return report;
}
