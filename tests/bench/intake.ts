/**
 * Intake benchmark (issue 3): 企业吹哨 throughput over real HTTP.
 *
 * The demo district on dynalite + fauxqs in this process, the local gateway in
 * front of the real handlers. 30 owners raise tickets at concurrency 16, each
 * with its own Idempotency-Key; then raw PutItem throughput is measured on the
 * same store at the same concurrency. Prints tickets/s, p50/p99, the store
 * calls one intake makes, and the ratio tickets/s ÷ PutItem/s (target ≥ 0.5).
 * Figures only: no assertions.
 *
 *   npx tsx tests/bench/intake.ts          (BENCH_TICKETS=400 by default)
 */
import { CONCURRENCY, fmt, measure, rawBaseline, startBenchApi } from './store.js';

const TICKETS = Number(process.env.BENCH_TICKETS ?? 400);
const OWNERS = 30;

async function main(): Promise<void> {
  const api = await startBenchApi();
  try {
    const tokens = Array.from({ length: OWNERS }, (_, i) => api.token(`owner-${String(i + 1).padStart(2, '0')}`));
    const run = Date.now();
    const raise = async (i: number, prefix: string) => {
      const res = await api.post(
        '/api/tickets',
        tokens[i % OWNERS] ?? '',
        { title: `基准诉求 ${i}`, description: '用电增容审批进度查询：新厂房需要增容到 2000 kVA。', category: 'utilities' },
        { 'idempotency-key': `${prefix}-${run}-${i}` },
      );
      if (res.status !== 201) throw new Error(`intake ${i}: ${res.status} ${JSON.stringify(res.body)}`);
    };
    // warm: handler modules, reference caches, connections
    await measure(32, CONCURRENCY, (i) => raise(i, 'warm'));

    console.log(`intake: ${TICKETS} tickets over HTTP at concurrency ${CONCURRENCY} (dynalite + fauxqs in this process)`);
    api.storeCalls(true);
    const intake = await measure(TICKETS, CONCURRENCY, (i) => raise(i, 'bench'));
    const calls = api.storeCalls(true);
    console.log(`  intake                  ${fmt(intake)}`);
    console.log(`  store calls per intake: ${Object.entries(calls).map(([k, v]) => `${k.replace('Command', '')} ${(v / TICKETS).toFixed(2)}`).join(', ')}`);
    const raw = await rawBaseline(api.endpoint, api.tableName, Math.max(TICKETS * 2, 1000));
    console.log(`  raw PutItem             ${fmt(raw.put)}`);
    console.log(`  raw GetItem             ${fmt(raw.get)}`);
    console.log(`  tickets/s ÷ PutItem/s: ${(intake.opsPerSec / raw.put.opsPerSec).toFixed(2)} (target ≥ 0.5)`);
  } finally {
    await api.stop();
  }
}

main().catch((e: unknown) => {
  console.error(e);
  process.exit(1);
});
