/**
 * Claim benchmark (issue 3): 发声认领 under contention, over real HTTP.
 *
 * The demo district on dynalite + fauxqs in this process, the local gateway in
 * front of the real handlers. A bench group adds 20 units (one officer each)
 * to the equipment industry, so owner-01's tickets are visible to 20 + 9
 * units. Per round: raise a ticket, fire 200 claims at once, 10 from each
 * of the 20 bench units (from a worker thread: the callers are not the system,
 * see http-load.ts), then the raw operation underneath on the same store
 * (200 conditional UpdateItems on one item at once). Prints winners (must be
 * 1), 409 count (must be 199), claim p50/p99, the store calls per claim, and
 * the ratio of claim p99 to raw p99 (per round, and over all rounds). Both
 * sides are warmed first with one unmeasured round of their own.
 * Target (issue 16): ratio ≤ 2. Figures only: no assertions.
 *
 *   npx tsx tests/bench/claim.ts          (BENCH_ROUNDS=5 by default)
 */
import type { Ticket } from '@whistle/shared';
import { figures, rawClaimBurst, startBenchApi, type BenchApi } from './store.js';

const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 5);
const CLAIMS = 200;
const UNITS = 20;

const unitId = (i: number) => `bu${String(i + 1).padStart(2, '0')}`;

async function main(): Promise<void> {
  const api: BenchApi = await startBenchApi(async (deps, data) => {
    for (let i = 0; i < UNITS; i++) {
      const unit = { id: unitId(i), tenantId: data.tenant.id, name: `基准单位${i + 1}`, track: 'department' as const };
      await deps.refs.put('UNIT', unit);
      const user = { id: `officer-${unit.id}`, tenantId: data.tenant.id, name: `基准${i + 1}`, roles: ['officer' as const], unitId: unit.id };
      await deps.refs.put('USER', user);
      data.units.push(unit);
      data.users.push(user);
    }
    await deps.refs.put('GROUP', {
      id: 'bench-equipment',
      tenantId: data.tenant.id,
      kind: 'industry',
      name: '装备制造基准群',
      industry: 'equipment',
      memberUnitIds: Array.from({ length: UNITS }, (_, i) => unitId(i)),
    });
  });
  try {
    const owner = api.token('owner-01');
    const officers = Array.from({ length: UNITS }, (_, i) => api.token(`officer-${unitId(i)}`));
    // warm, as the raw side is warmed: every officer once (connections, each caller's cached user and
    // unit), then one full round unmeasured (a fresh ticket, 200 claims at once), so the measured rounds
    // time the claim path and not its first compilation
    const warm = await api.post('/api/tickets', owner, { title: '预热', description: '预热', category: 'other' }, { 'idempotency-key': `bench-warm-${Date.now()}` });
    const warmId = (warm.body as { ticket: Ticket }).ticket.id;
    await api.load.burst(officers.map((token) => ({ method: 'POST', path: `/api/tickets/${warmId}/claim`, token })));
    const warmRound = await api.post('/api/tickets', owner, { title: '预热轮', description: '预热', category: 'permits' }, { 'idempotency-key': `bench-warm-round-${Date.now()}` });
    const warmRoundId = (warmRound.body as { ticket: Ticket }).ticket.id;
    await api.load.burst(Array.from({ length: CLAIMS }, (_, i) => ({ method: 'POST', path: `/api/tickets/${warmRoundId}/claim`, token: officers[i % UNITS] ?? '' })));
    await rawClaimBurst(api.endpoint, api.tableName, CLAIMS, 1, 'RAWWARM');

    console.log(`claim: ${CLAIMS} concurrent claims from ${UNITS} units over HTTP, ${ROUNDS} rounds (dynalite + fauxqs in this process)`);
    const all: number[] = [];
    const rawAll: number[] = [];
    const ratios: number[] = [];
    const winnerLatencies: number[] = [];
    let totalWinners = 0;
    let total409 = 0;
    let other = 0;
    for (let r = 0; r < ROUNDS; r++) {
      const raised = await api.post('/api/tickets', owner, { title: `基准认领 ${r + 1}`, description: '并发认领基准', category: 'permits' }, { 'idempotency-key': `bench-claim-${r}-${Date.now()}` });
      const ticket = (raised.body as { ticket: Ticket }).ticket;
      api.storeCalls(true);
      const visibleTo = new Set([...ticket.groupIds]).size;
      const results = await api.load.burst(
        Array.from({ length: CLAIMS }, (_, i) => ({ method: 'POST', path: `/api/tickets/${ticket.id}/claim`, token: officers[i % UNITS] ?? '' })),
      );
      const winners = results.filter((x) => x.status === 200);
      const conflicts = results.filter((x) => x.status === 409 && (x.body as { error?: { code?: string } }).error?.code === 'ALREADY_CLAIMED');
      const rest = results.length - winners.length - conflicts.length;
      totalWinners += winners.length;
      total409 += conflicts.length;
      other += rest;
      all.push(...results.map((x) => x.ms));
      winnerLatencies.push(...winners.map((x) => x.ms));
      const f = figures(results.map((x) => x.ms), 1);
      const calls = api.storeCalls(true);
      // the raw operation right after, on the same store: load on this shared machine drifts between rounds
      const raw = await rawClaimBurst(api.endpoint, api.tableName, CLAIMS, 1, `RAWCLAIM${r}`);
      const rawRound = figures(raw.latencies, 1);
      rawAll.push(...raw.latencies);
      ratios.push(f.p99 / rawRound.p99);
      const perClaim = Object.entries(calls).map(([k, v]) => `${k} ${(v / CLAIMS).toFixed(2)}`).join(', ');
      console.log(
        `  round ${r + 1}: ${ticket.number} in ${visibleTo} groups; winners ${winners.length}, 409 ALREADY_CLAIMED ${conflicts.length}${rest ? `, OTHER ${rest} (${[...new Set(results.filter((x) => x.status !== 200 && x.status !== 409).map((x) => x.status))].join(',')})` : ''}; p50 ${f.p50.toFixed(0)} ms, p99 ${f.p99.toFixed(0)} ms; raw p99 ${rawRound.p99.toFixed(0)} ms; ratio ${(f.p99 / rawRound.p99).toFixed(2)}`,
      );
      console.log(`           store calls per claim: ${perClaim}`);
    }
    const claim = figures(all, 1);
    const rawF = figures(rawAll, 1);
    const medianRatio = [...ratios].sort((a, b) => a - b)[Math.floor(ratios.length / 2)] ?? 0;
    console.log('');
    console.log(`  winners per round: ${totalWinners / ROUNDS} (must be 1); 409 per round: ${total409 / ROUNDS} (must be ${CLAIMS - 1}); other answers: ${other}`);
    console.log(`  claim over HTTP     p50 ${claim.p50.toFixed(1)} ms   p99 ${claim.p99.toFixed(1)} ms   (winner p50 ${figures(winnerLatencies, 1).p50.toFixed(1)} ms)`);
    console.log(`  raw conditional UpdateItem, ${CLAIMS} at once on one item: p50 ${rawF.p50.toFixed(1)} ms   p99 ${rawF.p99.toFixed(1)} ms`);
    console.log(`  claim p99 / raw p99: ${(claim.p99 / rawF.p99).toFixed(2)} over all rounds; median of the rounds ${medianRatio.toFixed(2)} (target ≤ 2)`);
  } finally {
    await api.stop();
  }
}

main().catch((e: unknown) => {
  console.error(e);
  process.exit(1);
});
