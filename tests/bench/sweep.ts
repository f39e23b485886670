/**
 * Sweep benchmark (issue 4): does the sweep's cost follow the number of due
 * clocks rather than the number of tickets?
 *
 * On the local services (dynalite on LevelDB under .bench/, fauxqs), it writes
 * 1,000 tickets, 100 of them due, sweeps, then grows the table to 100,000
 * tickets (the same 100 due; most of the rest closed, some with clocks running
 * but not yet due) and sweeps again. It prints the items the sweep read per due
 * clock (ScannedCount / jobs; target ≤ 1.2) and the ratio of sweep time at
 * 100k to 1k (target ≤ 1.5). Figures only: no timed assertions.
 *
 *   npx tsx tests/bench/sweep.ts            (BENCH_TICKETS=20000 for a quicker run)
 */
// the sweep reads the ladder's holders too (an optional port, as in the sweeper's handler)
import '../../functions/src/wiring/holders.js';
import { PurgeQueueCommand } from '@aws-sdk/client-sqs';
import type { Ticket } from '@whistle/shared';
import { localSqsClient } from '../../functions/src/local/services.js';
import { DueStore } from '../../functions/src/store/due-store.js';
import { sweepTenant } from '../../functions/src/services/sweep.js';
import type { Deps } from '../../functions/src/wiring.js';
import { startDiskBench, writeAll } from './disk-stack.js';
import { sweepTicket, ticketItem, type SweepKind } from './sweep-tickets.js';

const TOTAL = Number(process.env.BENCH_TICKETS ?? 100_000);
const SMALL = 1_000;
const DUE = 100;
/** share of the non-due tickets with a clock running but not yet due (in the index, outside the range) */
const RUNNING_SHARE = 0.05;
const RUNS = 5;
const TENANT = 'bench';
const NOW = '2026-06-10T06:00:00.000Z'; // Wednesday 14:00 in Shanghai


/** the sweep's tickets: raised the day before (due), this morning (running), a month ago (closed) */
const CREATED = { due: '2026-06-09T01:00:00.000Z', running: '2026-06-10T01:00:00.000Z', closed: '2026-05-11T01:00:00.000Z' } as const;
const ticket = (i: number, kind: SweepKind): Ticket =>
  sweepTicket({ tenantId: TENANT, id: `tk${String(i).padStart(8, '0')}`, number: `2026-${String(i).padStart(6, '0')}`, i, created: CREATED }, kind);
const itemOf = ticketItem;

function kindOf(i: number): 'due' | 'running' | 'closed' {
  if (i < DUE) return 'due';
  return (i * 2654435761) % 1000 < RUNNING_SHARE * 1000 ? 'running' : 'closed';
}

async function measure(deps: Deps, label: string, tickets: number) {
  const sqs = localSqsClient(deps.config.endpoints.sqs ?? '');
  const dueItems = Array.from({ length: DUE }, (_, i) => itemOf(ticket(i, 'due')));
  const times: number[] = [];
  let scanned = 0;
  let jobs = 0;
  for (let run = -1; run < RUNS; run++) {
    // put the same 100 due tickets back (the previous run leased them) and empty the queue
    await writeAll(deps, dueItems);
    await sqs.send(new PurgeQueueCommand({ QueueUrl: deps.config.queueUrls.escalation }));
    const t0 = performance.now();
    const r = await sweepTenant(deps, TENANT, NOW);
    // run -1 warms the process (connections, JIT) and is not counted
    if (run >= 0) times.push(performance.now() - t0);
    scanned = r.scanned;
    jobs = r.jobs;
    if (r.jobs !== DUE) throw new Error(`expected ${DUE} jobs, got ${r.jobs}`);
  }
  // the read alone (the 4 shard queries of the due range), with the 100 due entries in place
  await writeAll(deps, dueItems);
  const due = new DueStore(deps.store);
  const reads: number[] = [];
  for (let run = -1; run < RUNS * 2; run++) {
    const t0 = performance.now();
    const pages = await Promise.all([0, 1, 2, 3].map((shard) => due.due(TENANT, shard, NOW, 100)));
    if (run >= 0) reads.push(performance.now() - t0);
    const n = pages.reduce((sum, p) => sum + p.entries.length, 0);
    if (n !== DUE) throw new Error(`expected ${DUE} due entries, read ${n}`);
  }
  const med = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] ?? 0;
  const median = med(times);
  const readMedian = med(reads);
  console.log(
    `${label.padEnd(8)} tickets ${String(tickets).padStart(7)}  due clocks ${jobs}  items read ${scanned}  ` +
      `read/due ${(scanned / jobs).toFixed(2)}  sweep median ${median.toFixed(0)} ms (runs: ${times.map((t) => t.toFixed(0)).join(', ')})  ` +
      `due-range read median ${readMedian.toFixed(1)} ms`,
  );
  sqs.destroy();
  return { median, readMedian, perDue: scanned / jobs };
}

async function main() {
  const { deps, stop } = await startDiskBench('sweep');
  try {
    await new DueStore(deps.store).registerTenant(TENANT, NOW);

    const t0 = performance.now();
    await writeAll(deps, Array.from({ length: SMALL }, (_, i) => itemOf(ticket(i, kindOf(i)))));
    console.log(`wrote ${SMALL} tickets in ${((performance.now() - t0) / 1000).toFixed(1)} s`);
    const small = await measure(deps, '1k', SMALL);

    const t1 = performance.now();
    const BATCH = 5_000;
    for (let from = SMALL; from < TOTAL; from += BATCH) {
      const to = Math.min(TOTAL, from + BATCH);
      await writeAll(deps, Array.from({ length: to - from }, (_, k) => itemOf(ticket(from + k, kindOf(from + k)))));
      process.stdout.write(`\rwriting… ${to} tickets (${((performance.now() - t1) / 1000).toFixed(0)} s)`);
    }
    const secs = (performance.now() - t1) / 1000;
    console.log(`\rwrote ${TOTAL - SMALL} more tickets in ${secs.toFixed(1)} s (${((TOTAL - SMALL) / secs).toFixed(0)} items/s)`);
    const running = Array.from({ length: TOTAL }, (_, i) => kindOf(i)).filter((k) => k === 'running').length;
    console.log(`of ${TOTAL}: ${DUE} due, ${running} with clocks running (in the due index, not yet due), ${TOTAL - DUE - running} closed`);
    const large = await measure(deps, `${Math.round(TOTAL / 1000)}k`, TOTAL);

    console.log('');
    console.log(`items read per due clock: ${large.perDue.toFixed(2)} (target ≤ 1.2)`);
    console.log(`sweep time ratio ${Math.round(TOTAL / 1000)}k / 1k: ${(large.median / small.median).toFixed(2)} (target ≤ 1.5)`);
    console.log(`due-range read time ratio ${Math.round(TOTAL / 1000)}k / 1k: ${(large.readMedian / small.readMedian).toFixed(2)}`);
  } finally {
    await stop();
  }
}

main().catch((e: unknown) => {
  console.error(e);
  process.exit(1);
});
