/**
 * Similar requests at intake (issue 14) on the real adapters: the demo district on dynalite + fauxqs in this
 * process, the local gateway in front of the real handlers, and 10,000 open requests of 2,000 other
 * enterprises in the tenant (synthesised from the labelled set's sentences: tests/fixtures/similar/synthetic.ts),
 * written as TicketStore writes them, so the `changed` index holds them as it would.
 *
 * 1. A cold container: its first intake is answered without waiting for the index (no `similar`: not looked
 *    for); the load it starts after its commit, in the background: time, Query pages read.
 * 2. 500 intakes over HTTP, one after another, the clock moving 5 s each (a busy tenant), while another
 *    container changes a ticket every third intake (a claim, a resolution: what the refresh reads back).
 *    Prints, counted with a middleware on the functions' own DynamoDB client, the store reads the intake adds
 *    per request (Queries of the `changed` index; target ≤ 2), and the similar step's p50 and p99 (target
 *    ≤ 50 ms) as reported by the service (`SimilarLookupMs`: its read and the match; `SimilarMatchMs`: the
 *    refresh applied and `similar()` in memory), each as a ratio to a floor measured on the same requests in
 *    the same run: segmenting the request alone (`termCounts`, work any matching must do).
 * Figures only: no assertions.
 *
 *   npm run bench -- intake-similar          (BENCH_OPEN=10000, BENCH_INTAKES=500 by default)
 */
import '../../functions/src/wiring/queue.js';
import '../../functions/src/wiring/tokens.js';
import { completeCreditCode, termCounts, type SimilarRequest, type Ticket } from '@whistle/shared';
import { pinClock } from '../../functions/src/adapters/time.js';
import { warmSimilarIndex } from '../../functions/src/services/similar-requests.js';
import { effectsOf } from '@whistle/shared';
import { wire } from '../../functions/src/wiring.js';
import { syntheticRequests } from '../fixtures/similar/synthetic.js';
import { startBenchApi } from './store.js';
import { sweepTicket, ticketItem } from './sweep-tickets.js';

const OPEN = Number(process.env.BENCH_OPEN ?? 10_000);
const INTAKES = Number(process.env.BENCH_INTAKES ?? 500);
const WARMUP = 50;
const NOW = Date.parse('2026-11-24T02:00:00.000Z');

const percentile = (xs: readonly number[], p: number) => {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.ceil(p * s.length) - 1)] ?? 0;
};
const ms = (x: number) => `${x.toFixed(2)} ms`;

async function main(): Promise<void> {
  const api = await startBenchApi();
  try {
    const deps = wire();
    const tenantId = api.tenantId;

    // the functions' store calls, with the index each Query reads
    let counting = false;
    const calls: Array<{ command: string; index?: string }> = [];
    deps.store['doc'].middlewareStack.add(
      (next, context) => (args) => {
        if (counting) calls.push({ command: (context.commandName ?? '?').replace(/Command$/, ''), ...((args.input as { IndexName?: string }).IndexName ? { index: (args.input as { IndexName: string }).IndexName } : {}) });
        return next(args);
      },
      { step: 'initialize', name: 'benchCountSimilar' },
    );
    const changedReads = () => calls.filter((c) => c.command === 'Query' && c.index === 'changed').length;
    // what the service reports of the similar step (the metrics are off here: the values are kept)
    const reported: Record<string, number[]> = {};
    const addMetric = deps.metrics.addMetric.bind(deps.metrics);
    deps.metrics.addMetric = ((name: string, unit: never, value: number) => {
      (reported[name] ??= []).push(value);
      return addMetric(name, unit, value);
    }) as typeof deps.metrics.addMetric;

    // ── the tenant's 10,000 open requests, as TicketStore writes them ───────────────────────────
    const codes = new Map<string, string>();
    const codeOf = (synthetic: string) => {
      let c = codes.get(synthetic);
      if (!c) codes.set(synthetic, (c = completeCreditCode(`91500108MB${String(codes.size).padStart(7, '0')}`)));
      return c;
    };
    const open = syntheticRequests(1, OPEN, 'open-');
    const t0 = performance.now();
    const items = open.map((r, i) => {
      const created = new Date(NOW - (OPEN - i) * 9 * 60_000).toISOString();
      const base = sweepTicket({ tenantId, id: `tksim${String(i).padStart(8, '0')}`, number: `2026-${String(100_000 + i).padStart(6, '0')}`, i, created: { due: created, running: created, closed: created } }, 'running');
      const t: Ticket = { ...base, enterpriseId: codeOf(r.enterpriseId), enterpriseName: `相似企业${r.enterpriseId.slice(3)}`, category: r.category, title: r.title, description: r.description };
      const { duePk: _p, dueSk: _s, ...item } = ticketItem(t) as Record<string, unknown>;
      return item;
    });
    for (let i = 0; i < items.length; i += 1000) await Promise.all(Array.from({ length: 40 }, (_, k) => items.slice(i + k * 25, i + k * 25 + 25)).filter((b) => b.length).map((b) => deps.store.batchWrite(b)));
    console.log(`intake-similar: ${OPEN.toLocaleString('en')} open requests of ${codes.size.toLocaleString('en')} enterprises written in ${((performance.now() - t0) / 1000).toFixed(1)} s (dynalite in this process)`);

    // ── 1. the cold container ────────────────────────────────────────────────────────────────────
    const owners = api.data.users.filter((u) => u.roles.includes('owner')).map((u) => u.id);
    const asks = syntheticRequests(2, WARMUP + INTAKES + 1, 'ask-');
    let clock = NOW;
    const raise = async (r: SimilarRequest, i: number) => {
      clock += 5_000;
      pinClock(new Date(clock));
      const res = await api.post('/api/tickets', api.token(owners[i % owners.length] ?? 'owner-01'), { title: r.title, description: r.description, category: r.category }, { 'idempotency-key': `sim-${i}-${clock}` });
      if (res.status !== 201) throw new Error(`intake: ${res.status} ${JSON.stringify(res.body)}`);
      return { ms: res.ms, id: (res.body as { ticket: Ticket }).ticket.id };
    };
    // the handler's module and connections warmed by a request refused at the edge (400: it never reaches intake)
    await api.post('/api/tickets', api.token(owners[0] ?? 'owner-01'), { title: '' }, { 'idempotency-key': 'sim-warm' });
    counting = true;
    const cold = await raise(asks[0] as SimilarRequest, 0);
    const coldStored = await deps.tickets.get(tenantId, cold.id);
    const tl = performance.now();
    const loaded = await warmSimilarIndex(deps, tenantId);
    const loadMs = performance.now() - tl;
    counting = false;
    console.log(
      `cold container: its first intake answered in ${ms(cold.ms)} without waiting (similar ${coldStored?.ticket.similar === undefined ? 'absent: not looked for' : 'PRESENT'}); ` +
        `the load it started ${loaded ? 'finished' : 'FAILED'} ${(loadMs / 1000).toFixed(2)} s later (${((reported.SimilarIndexLoadMs?.[0] ?? NaN) / 1000).toFixed(2)} s in all), ${changedReads()} Query pages of the changed index`,
    );
    calls.length = 0;

    // ── 2. warm intakes, with other containers' changes in between ──────────────────────────────
    const lookup: number[] = [];
    const match: number[] = [];
    const floor: number[] = [];
    const latency: number[] = [];
    let reads = 0;
    let found = 0;
    let changes = 0;
    for (let i = 1; i <= WARMUP + INTAKES; i++) {
      const r = asks[i] as SimilarRequest;
      if (i % 3 === 0) {
        // another container claims or resolves one of the open requests (a commit: the ticket moves in the changed index)
        const id = `tksim${String((i * 7919) % OPEN).padStart(8, '0')}`;
        const stored = await deps.tickets.get(tenantId, id);
        if (stored) {
          const next: Ticket = { ...stored.ticket, status: i % 2 ? 'waitingEnterprise' : 'resolved', version: stored.ticket.version + 1, updatedAt: new Date(clock + 1_000).toISOString() };
          if (await deps.tickets.commit(stored, next, effectsOf(next, next.createdBy, [], []))) await deps.tickets.settle({ ticket: next });
          changes++;
        }
      }
      const before = { lookup: reported.SimilarLookupMs?.length ?? 0, match: reported.SimilarMatchMs?.length ?? 0 };
      counting = i > WARMUP;
      const answered = await raise(r, i);
      counting = false;
      if (i <= WARMUP) continue;
      latency.push(answered.ms);
      lookup.push(...(reported.SimilarLookupMs ?? []).slice(before.lookup));
      match.push(...(reported.SimilarMatchMs ?? []).slice(before.match));
      const f0 = performance.now();
      termCounts(r);
      floor.push(performance.now() - f0);
      found += (await deps.tickets.get(tenantId, answered.id))?.ticket.similar?.length ?? 0;
    }
    reads = changedReads();
    const perIntake = calls.length / INTAKES;
    console.log(`${INTAKES} warm intakes over HTTP (after ${WARMUP} warm-up), the clock moving 5 s each, another container changing a ticket every third (${changes} changes):`);
    console.log(`  store reads the intake adds: ${(reads / INTAKES).toFixed(2)} per request (Queries of the changed index, counted; target ≤ 2); all store calls per intake ${perIntake.toFixed(2)}`);
    console.log(`  ${(found / INTAKES).toFixed(1)} similar requests stored per ticket (≤ 10, score ≥ 0.25)`);
    const [l50, l99, m50, m99, f50, f99] = [percentile(lookup, 0.5), percentile(lookup, 0.99), percentile(match, 0.5), percentile(match, 0.99), percentile(floor, 0.5), percentile(floor, 0.99)];
    console.log(`  similar step with its read (SimilarLookupMs): p50 ${ms(l50)}, p99 ${ms(l99)} (target ≤ 50 ms)`);
    console.log(`  similar step in memory (refresh applied + similar(), SimilarMatchMs): p50 ${ms(m50)}, p99 ${ms(m99)}`);
    console.log(`  floor, segmenting the same request alone: p50 ${ms(f50)}, p99 ${ms(f99)}; ratio p99 step / p99 floor: with its read ${(l99 / f99).toFixed(1)}, in memory ${(m99 / f99).toFixed(1)} (p50: ${(l50 / f50).toFixed(1)}, ${(m50 / f50).toFixed(1)})`);
    console.log(`  the whole intake over HTTP: p50 ${ms(percentile(latency, 0.5))}, p99 ${ms(percentile(latency, 0.99))}`);
  } finally {
    await api.stop();
  }
}

main().catch((e: unknown) => {
  console.error(e);
  process.exit(1);
});
