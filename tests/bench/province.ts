import '../../functions/src/wiring/queue.js';
import '../../functions/src/wiring/tokens.js';
import '../../functions/src/wiring/holders.js';
/**
 * Province scale bench (issue 15, "Going live": Scale): a province of 100
 * districts on the local stack, compressed.
 *
 * A year's volume (≈ 500,000 requests, 100 districts × ~5,000) through
 * dynalite on this 2-core machine would take hours, so the bench drives a
 * real SAMPLE through the real handlers (the local gateway over HTTP, callers
 * in a worker thread; the notifier and escalation consumers invoked with SQS
 * batches as the event source mappings do; the sweep running in the
 * background) and counts every store call and every write by partition key
 * (province-meter.ts). What is measured and what is extrapolated is said on
 * every line of the printout:
 *
 *   1. sweep time per shard as tenants grow (10, 50, 100 tenants, the due
 *      index populated): measured; printed as a ratio to the 10-tenant figure
 *      (target flat);
 *   2. a ticket's life in every district (intake, feed read, claim, detail,
 *      message, progress, resolve, rating, lists, inbox, feed poll): store
 *      calls, write and read units per request by route, measured;
 *   3. two bursts of 100 claims on 100 different tickets fired at once (across
 *      100 districts, and inside one district), with the notifier's work that
 *      follows: writes per partition key measured, scaled to 100 claims/s;
 *      the hottest keys (table and GSI partitions) and their share, flagged
 *      over DynamoDB's 1,000 write units/s per partition;
 *   4. the same per-key rates scaled to the year's peak hour (extrapolated
 *      from the sample with the stated peak factors);
 *   5. the monthly AWS bill on paper (cost.ts, prices stated with their date
 *      and source), per request and per district.
 *
 * Figures only: no assertions.
 *
 *   npx tsx tests/bench/province.ts     (BENCH_TENANTS=100 BENCH_PER_TENANT=2; smoke: BENCH_TENANTS=6 BENCH_PER_TENANT=1)
 */
import { GetQueueAttributesCommand, PurgeQueueCommand } from '@aws-sdk/client-sqs';
import { ScanCommand } from '@aws-sdk/lib-dynamodb';
import type { SQSEvent } from 'aws-lambda';
import {
  DUE_SHARDS,
  TABLE_DEFINITION,
  type Ticket,
} from '@whistle/shared';
import { pinClock } from '../../functions/src/adapters/time.js';
import { TokenSigner } from '../../functions/src/adapters/tokens.js';
import { resetConfig } from '../../functions/src/config.js';
import { demoTenant, type TenantData } from '../../functions/src/local/demo-data.js';
import { startGateway } from '../../functions/src/local/gateway.js';
import { seedTenant } from '../../functions/src/local/seed.js';
import { ensureQueues, ensureTable, LOCAL_REGION, localDocumentClient, localSqsClient, startLocalServices } from '../../functions/src/local/services.js';
import { SqsPoller } from '../../functions/src/local/sqs-poller.js';
import { sweepAll } from '../../functions/src/services/sweep.js';
import { FUNCTIONS, type FunctionName } from '../../functions/src/topology.js';
import { resetWiring, wire, type Deps } from '../../functions/src/wiring.js';
import { dynamoItemSize, monthlyCost, PRICES, type Usage } from './cost.js';
import { writeAll } from './disk-stack.js';
import { startHttpLoad, type HttpAnswer, type HttpCall } from './http-load.js';
import { keyPattern, Meter, type Bucket, type Tally } from './province-meter.js';
import { BENCH_RATE_LIMITS } from './store.js';
import { sweepTicket as benchSweepTicket, ticketItem, type SweepKind } from './sweep-tickets.js';

const TENANTS = Number(process.env.BENCH_TENANTS ?? 100);
const PER_TENANT = Number(process.env.BENCH_PER_TENANT ?? 2);
const BURST = Number(process.env.BENCH_BURST ?? 100);
const CONCURRENCY = 4;
const SWEEP_STEPS = [...new Set([10, 50, 100].map((n) => Math.min(n, TENANTS)))];
const DUE_PER_TENANT = 10;
const RUNNING_PER_TENANT = 40;
const SWEEP_RUNS = 3;
const NOW = '2026-11-24T02:00:00.000Z'; // Tuesday 10:00 in Shanghai: office hours
const TABLE = 'whistle-bench';
const BENCH_KEY = 'bench-signing-key-0123456789abcdef0123456789';

/* ---- the province's volume and the stated assumptions (extrapolation, not measurement) ---- */
const PROVINCE = {
  districts: 100,
  ticketsPerDistrictPerYear: 5_000,
  /** working hours a year (≈ 250 working days × 8 h): intake follows office hours */
  workingHoursPerYear: 2_000,
  /** the year's peak hour against the mean working hour */
  peakHourFactor: 4,
  /** the busiest district's share of the province's peak hour (5× its mean 1 %) */
  busiestDistrictShare: 0.05,
  /** claims per second in a burst (the issue's figure) */
  burstClaimsPerSecond: 100,
};
/** reads per ticket in its life beyond those the sample makes once each (stated read mix) */
const READ_MIX: Record<string, number> = {
  'GET ticket detail': 9, // owner and officer open it ~3 times, and the open page polls every 10 s (~6 polls)
  'GET my tickets': 2,
  'GET unit tickets': 2,
  'GET inbox': 3,
  'GET feed (first page)': 1,
  'GET supervision list': 0.2,
};
/** group pages open in a district (officer-hours per working day) × polls every 4 s (miniapp POLL_MS) */
const FEED_POLL_OFFICER_HOURS_PER_DAY = 20;
const WORKING_DAYS_PER_MONTH = 21.75;
/** escalation jobs (督办单 steps) per ticket: most tickets are claimed and resolved in time (003: 接哨率 100 %) */
const ESCALATIONS_PER_TICKET = 0.3;
/** the Lambda event source mapping's long polls of an idle queue: 5 pollers × one 20 s receive each, per queue */
const ESM_IDLE_RECEIVES_PER_MONTH = 2 * 5 * 3 * 60 * 24 * 30;
const SWEEPS_PER_MONTH = 60 * 24 * 30;

const tenantId = (i: number) => `p${String(i + 1).padStart(3, '0')}`;
const pad2 = (n: number) => String(n).padStart(2, '0');
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] ?? 0;
const fmtN = (n: number, d = 2) => n.toLocaleString('en-US', { minimumFractionDigits: d, maximumFractionDigits: d });

/** the sweep's population: raised the day before (due), this morning (running), five weeks ago (closed) */
const SWEEP_CREATED = { due: '2026-11-23T01:00:00.000Z', running: '2026-11-24T01:00:00.000Z', closed: '2026-10-20T01:00:00.000Z' } as const;
const sweepTicket = (tenant: string, i: number, kind: SweepKind): Ticket =>
  benchSweepTicket({ tenantId: tenant, id: `sw${tenant}x${String(i).padStart(5, '0')}`, number: `2026-9${String(i).padStart(5, '0')}`, i, created: SWEEP_CREATED }, kind);
const itemOf = ticketItem;

/** Sums buckets (a phase and the consumers' work it caused). */
function merge(buckets: Array<Bucket | undefined>): Bucket {
  const out: Bucket = { calls: {}, writes: new Map(), indexWrites: new Map(), writeUnits: 0, indexWriteUnits: 0, readUnits: 0, failedWrites: 0 };
  const add = (into: Map<string, Tally>, from: Map<string, Tally>) => {
    for (const [k, t] of from) {
      const x = into.get(k) ?? { n: 0, units: 0 };
      x.n += t.n;
      x.units += t.units;
      into.set(k, x);
    }
  };
  for (const b of buckets) {
    if (!b) continue;
    for (const [k, v] of Object.entries(b.calls)) out.calls[k] = (out.calls[k] ?? 0) + v;
    add(out.writes, b.writes);
    add(out.indexWrites, b.indexWrites);
    out.writeUnits += b.writeUnits;
    out.indexWriteUnits += b.indexWriteUnits;
    out.readUnits += b.readUnits;
    out.failedWrites += b.failedWrites;
  }
  return out;
}

const storeCalls = (b: Bucket) => Object.entries(b.calls).filter(([k]) => !k.startsWith('SQS ')).reduce((n, [, v]) => n + v, 0);
const sqsCalls = (b: Bucket) => Object.entries(b.calls).filter(([k]) => k.startsWith('SQS ') && k !== 'SQS GetQueueAttributes' && k !== 'SQS PurgeQueue').reduce((n, [, v]) => n + v, 0);

/** Every partition written (table and GSI), with its writes and units, hottest first. */
function partitions(b: Bucket): Array<{ where: string; pk: string; n: number; units: number }> {
  return [
    ...[...b.writes].map(([pk, t]) => ({ where: 'table', pk, ...t })),
    ...[...b.indexWrites].map(([k, t]) => ({ where: k.slice(0, k.indexOf(' ')), pk: k.slice(k.indexOf(' ') + 1), ...t })),
  ].sort((a, b2) => b2.units - a.units);
}

async function main(): Promise<void> {
  const t0 = performance.now();
  const services = await startLocalServices();
  await ensureTable(services.dynamodbEndpoint, TABLE);
  const queues = await ensureQueues(services.sqsEndpoint);
  Object.assign(process.env, {
    STAGE: 'bench',
    AWS_REGION: LOCAL_REGION,
    TABLE_NAME: TABLE,
    DYNAMODB_ENDPOINT: services.dynamodbEndpoint,
    SQS_ENDPOINT: services.sqsEndpoint,
    ESCALATION_QUEUE_URL: queues.escalation,
    OUTBOX_QUEUE_URL: queues.outbox,
    TOKEN_SIGNING_KEY: BENCH_KEY,
    WHISTLE_LOCAL: 'true',
    POWERTOOLS_METRICS_DISABLED: 'true',
  });
  resetConfig();
  resetWiring();
  const deps: Deps = wire();
  const meter = new Meter();
  const raw = localDocumentClient(services.dynamodbEndpoint);
  meter.attachStore(deps.store['doc'], raw, TABLE);
  meter.attachQueue(deps.sqs);
  const pollSqs = localSqsClient(services.sqsEndpoint);
  meter.attachQueue(pollSqs);

  // the consumers, as the event source mappings run them: batches of 10, timed per invocation
  const invocations: Record<'notifier' | 'escalation', number[]> = { notifier: [], escalation: [] };
  const timed = (fn: 'notifier' | 'escalation') => async () => {
    const h = (await import(`../../functions/src/handlers/${fn}.ts`)) as { handler: (e: SQSEvent) => Promise<unknown> };
    return async (e: SQSEvent) => {
      const s = performance.now();
      try {
        return (await h.handler(e)) as never;
      } finally {
        invocations[fn].push(performance.now() - s);
      }
    };
  };
  const arnOf = async (url: string) =>
    (await pollSqs.send(new GetQueueAttributesCommand({ QueueUrl: url, AttributeNames: ['QueueArn'] }))).Attributes?.QueueArn ?? '';
  const outbox = new SqsPoller(pollSqs, queues.outbox, await arnOf(queues.outbox), timed('notifier'), { batchSize: 10 });
  const escalation = new SqsPoller(pollSqs, queues.escalation, await arnOf(queues.escalation), timed('escalation'), { batchSize: 10 });

  pinClock(new Date(NOW));
  const signer = new TokenSigner(BENCH_KEY);
  const tenants: TenantData[] = [];
  const tokens = new Map<string, string>();
  const tokenOf = (tenant: string, user: string) => {
    const t = tokens.get(`${tenant}/${user}`);
    if (!t) throw new Error(`no token for ${tenant}/${user}`);
    return t;
  };
  const addTenants = async (upTo: number) => {
    for (let i = tenants.length; i < upTo; i++) {
      const data: TenantData = { ...demoTenant(tenantId(i), `基准${String(i + 1).padStart(3, '0')}区`), rateLimits: BENCH_RATE_LIMITS };
      await seedTenant(deps.store, deps.refs, data);
      for (const u of data.users) tokens.set(`${data.tenant.id}/${u.id}`, (await signer.sign({ sub: u.id, ten: data.tenant.id, roles: u.roles }, Date.now(), 7200)).token);
      // the sweep's population: due clocks, clocks running (in the due index, not yet due), closed tickets
      await writeAll(deps, [
        ...Array.from({ length: DUE_PER_TENANT }, (_, k) => itemOf(sweepTicket(data.tenant.id, k, 'due'))),
        ...Array.from({ length: RUNNING_PER_TENANT }, (_, k) => itemOf(sweepTicket(data.tenant.id, DUE_PER_TENANT + k, 'running'))),
        ...Array.from({ length: 50 }, (_, k) => itemOf(sweepTicket(data.tenant.id, DUE_PER_TENANT + RUNNING_PER_TENANT + k, 'closed'))),
      ]);
      tenants.push(data);
    }
  };

  console.log(`province: ${TENANTS} districts on dynalite + fauxqs in this process (the handlers behind the local gateway; callers in a worker thread)`);
  console.log(`  sample: ${PER_TENANT} ticket lives per district + bursts of ${BURST} claims; the year (${fmtN(PROVINCE.districts * PROVINCE.ticketsPerDistrictPerYear, 0)} requests) is extrapolated from it`);

  /* ---------- 1. the sweep as tenants grow ---------- */
  console.log('\n1. sweep time per shard as tenants grow (measured; each tenant: 10 due, 40 running, 50 closed tickets)');
  const perShard: Array<{ tenants: number; perShardMs: number; runMs: number; calls: number; readUnits: number }> = [];
  let lastJobs = 0;
  for (const step of SWEEP_STEPS) {
    await addTenants(step);
    const dueItems = tenants.flatMap((d) => Array.from({ length: DUE_PER_TENANT }, (_, k) => itemOf(sweepTicket(d.tenant.id, k, 'due'))));
    const times: number[] = [];
    // runs -2, -1 warm; 0 … SWEEP_RUNS-1 are timed (meter off: its reads would slow the writes); the last one is counted
    for (let run = -2; run <= SWEEP_RUNS; run++) {
      await writeAll(deps, dueItems);
      await pollSqs.send(new PurgeQueueCommand({ QueueUrl: queues.escalation }));
      meter.on = run === SWEEP_RUNS;
      meter.phase = `sweep ${step}`;
      const s = performance.now();
      const report = await sweepAll(deps);
      if (run >= 0 && run < SWEEP_RUNS) times.push(performance.now() - s);
      meter.on = false;
      if (report.jobs !== step * DUE_PER_TENANT) console.log(`   (warning: ${report.jobs} jobs, expected ${step * DUE_PER_TENANT})`);
      lastJobs = report.jobs;
    }
    const b = meter.bucket(`sweep ${step}`);
    const runMs = median(times);
    perShard.push({ tenants: step, perShardMs: runMs / (step * DUE_SHARDS), runMs, calls: storeCalls(b), readUnits: b.readUnits });
  }
  const base = perShard[0]?.perShardMs ?? 1;
  for (const p of perShard) {
    console.log(
      `   ${String(p.tenants).padStart(3)} tenants: sweep run median ${p.runMs.toFixed(0)} ms (${SWEEP_RUNS} runs), per shard ${p.perShardMs.toFixed(2)} ms = ${(p.perShardMs / base).toFixed(2)} × the ${perShard[0]?.tenants}-tenant figure; store calls per tenant ${(p.calls / p.tenants).toFixed(1)}`,
    );
  }
  const lastStep = perShard.at(-1);
  if (lastStep) {
    const perTenantMs = lastStep.runMs / lastStep.tenants;
    console.log(
      `   sweepAll visits four tenants at a time: ${perTenantMs.toFixed(1)} ms per tenant here → the 55 s sweeper timeout is reached at ~${fmtN(55_000 / perTenantMs, 0)} tenants with this many due clocks (extrapolated)`,
    );
  }

  // the escalation jobs of the last sweep run: the worker applies them, the notifier delivers what they caused
  meter.reset();
  meter.on = true;
  meter.phase = 'escalation';
  await escalation.drain(120_000);
  meter.phase = 'escalation → notifier';
  await outbox.drain(120_000);
  meter.on = false;
  const escBucket = merge([meter.buckets.get('escalation'), meter.buckets.get('escalation → notifier')]);
  const escPerJob = {
    wru: (escBucket.writeUnits + escBucket.indexWriteUnits) / Math.max(1, lastJobs),
    rru: escBucket.readUnits / Math.max(1, lastJobs),
    calls: storeCalls(escBucket) / Math.max(1, lastJobs),
    sqs: sqsCalls(escBucket) / Math.max(1, lastJobs),
  };
  const escInvocationsPerJob = invocations.escalation.length / Math.max(1, lastJobs);
  const notifierAfterEscPerJob = invocations.notifier.length / Math.max(1, lastJobs);
  const escMs = median(invocations.escalation);
  console.log(
    `   escalation: ${lastJobs} jobs → per job ${escPerJob.calls.toFixed(1)} store calls, ${escPerJob.wru.toFixed(1)} WRU, ${escPerJob.rru.toFixed(1)} RRU, ${escPerJob.sqs.toFixed(2)} SQS requests (worker + notifier, measured)`,
  );
  invocations.escalation.length = 0;
  invocations.notifier.length = 0;

  /* ---------- 2. a ticket's life in every district, the sweep running ---------- */
  const storedBefore = await tableBytes(raw);
  const gateway = await startGateway({ port: 0 });
  const load = startHttpLoad(gateway.url);
  let sweeping = true;
  let sweeps = 0;
  const sweepTimes: number[] = [];
  const background = (async () => {
    while (sweeping) {
      const s = performance.now();
      await meter.as('sweeper', () => sweepAll(deps));
      sweepTimes.push(performance.now() - s);
      sweeps++;
      // the schedule is a minute; compressed, every 15 s (more often starves the requests on two cores)
      await new Promise((r) => setTimeout(r, 15_000));
    }
  })();
  meter.reset();
  meter.on = true;

  interface PhaseResult {
    name: string;
    fn: FunctionName;
    requests: number;
    ok: number;
    ms: number;
    /** the route and the notifier's work it caused */
    bucket: Bucket;
    /** the route alone */
    own: Bucket;
    answers: HttpAnswer[];
  }
  const phases: PhaseResult[] = [];
  const phase = async (name: string, fn: FunctionName, calls: HttpCall[], opts: { burst?: boolean } = {}): Promise<PhaseResult> => {
    meter.phase = name;
    const out = opts.burst ? { answers: await load.burst(calls) } : await load.run(calls, CONCURRENCY);
    meter.phase = `${name} → notifier`;
    await outbox.drain(120_000);
    meter.phase = 'idle';
    const ok = out.answers.filter((a) => a.status >= 200 && a.status < 300).length;
    if (ok < calls.length) {
      const bad = out.answers.find((a) => a.status >= 300);
      console.log(`   (${name}: ${calls.length - ok} of ${calls.length} answered ${bad?.status}: ${JSON.stringify(bad?.body).slice(0, 200)})`);
    }
    const r: PhaseResult = {
      name,
      fn,
      requests: calls.length,
      ok,
      ms: median(out.answers.map((a) => a.ms)),
      bucket: merge([meter.buckets.get(name), meter.buckets.get(`${name} → notifier`)]),
      own: merge([meter.buckets.get(name)]),
      answers: out.answers,
    };
    return r;
  };

  const lives = tenants.flatMap((d, ti) =>
    Array.from({ length: PER_TENANT }, (_, j) => ({ tenant: d, owner: `owner-${pad2(((ti * 7 + j * 11) % d.enterprises.length) + 1)}`, j })),
  );
  const run = Date.now();
  const categories = ['finance', 'talent', 'land', 'permits', 'policy', 'utilities', 'market', 'other'] as const;
  const intake = await phase(
    'POST intake',
    'intake',
    lives.map((l, i) => ({
      method: 'POST',
      path: '/api/tickets',
      token: tokenOf(l.tenant.tenant.id, l.owner),
      body: { title: `用电增容审批进度查询 ${i}`, description: '新厂房需要增容到 2000 kVA，已提交材料两周，审批进度不明，影响设备进场调试。', category: categories[i % categories.length] },
      headers: { 'idempotency-key': `province-${run}-${i}` },
    })),
  );
  phases.push(intake);
  const tickets = intake.answers.map((a, i) => {
    const t = (a.body as { ticket?: Ticket }).ticket;
    const life = lives[i];
    if (!t || !life) return undefined;
    const group = life.tenant.groups.find((g) => g.id === t.groupIds[0]);
    const unitId = group?.memberUnitIds[i % group.memberUnitIds.length] ?? 'jxw';
    return { t, life, officer: `officer-${unitId}`, group: t.groupIds[0] ?? 'key' };
  });
  const live = tickets.filter((x): x is NonNullable<typeof x> => x !== undefined);
  const officerTok = (x: (typeof live)[number]) => tokenOf(x.life.tenant.tenant.id, x.officer);
  const ownerTok = (x: (typeof live)[number]) => tokenOf(x.life.tenant.tenant.id, x.life.owner);
  const cmd = (x: (typeof live)[number], verb: string, body?: unknown, owner = false): HttpCall => ({
    method: 'POST',
    path: `/api/tickets/${x.t.id}/${verb}`,
    token: owner ? ownerTok(x) : officerTok(x),
    ...(body !== undefined ? { body } : {}),
  });
  const feed = await phase('GET feed (first page)', 'directory', live.map((x) => ({ method: 'GET', path: `/api/groups/${x.group}/feed`, token: officerTok(x) })));
  phases.push(feed);
  phases.push(await phase('POST claim', 'claim', live.map((x) => cmd(x, 'claim'))));
  phases.push(await phase('GET ticket detail', 'tickets', live.map((x) => ({ method: 'GET', path: `/api/tickets/${x.t.id}`, token: officerTok(x) }))));
  phases.push(await phase('POST message', 'tickets', live.map((x) => cmd(x, 'messages', { text: '您好，已收到诉求，我们今天下午联系您核实情况。' }))));
  phases.push(await phase('POST message (owner)', 'tickets', live.map((x) => cmd(x, 'messages', { text: '好的，谢谢，下午有人在厂里。' }, true))));
  phases.push(await phase('POST progress', 'tickets', live.map((x) => cmd(x, 'progress', { text: '已与供电公司对接，正在安排现场勘查。' }))));
  phases.push(await phase('POST resolve', 'tickets', live.map((x) => cmd(x, 'resolve', { kind: 'answered', summary: '已协调供电公司，增容方案本周批复。' }))));
  phases.push(await phase('POST rating', 'tickets', live.map((x) => cmd(x, 'rating', { score: 'satisfied', comment: '响应很快' }, true))));
  phases.push(await phase('GET my tickets', 'tickets', live.map((x) => ({ method: 'GET', path: '/api/tickets?view=mine', token: ownerTok(x) }))));
  phases.push(await phase('GET unit tickets', 'tickets', live.map((x) => ({ method: 'GET', path: '/api/tickets?view=unit', token: officerTok(x) }))));
  phases.push(await phase('GET inbox', 'inbox', live.map((x) => ({ method: 'GET', path: '/api/inbox', token: officerTok(x) }))));
  const catchUp = await phase(
    'GET feed poll (catch-up)',
    'directory',
    live.map((x, i) => ({ method: 'GET', path: `/api/groups/${x.group}/feed?since=${encodeURIComponent((feed.answers[i]?.body as { since?: string } | undefined)?.since ?? '')}`, token: officerTok(x) })),
  );
  phases.push(catchUp);
  // what almost every 4-second poll is: nothing changed since the last answer
  phases.push(
    await phase(
      'GET feed poll (idle)',
      'directory',
      live.map((x, i) => ({ method: 'GET', path: `/api/groups/${x.group}/feed?since=${encodeURIComponent((catchUp.answers[i]?.body as { since?: string } | undefined)?.since ?? '')}`, token: officerTok(x) })),
    ),
  );
  phases.push(await phase('GET supervision list', 'tickets', tenants.map((d) => ({ method: 'GET', path: '/api/tickets?view=supervision', token: tokenOf(d.tenant.id, 'supervisor') }))));
  const notifierMs = median(invocations.notifier);
  const notifierInvocations = invocations.notifier.length;
  invocations.notifier.length = 0;
  const storedAfter = await tableBytes(raw);
  const liveCount = Math.max(1, live.length);

  console.log(`\n2. store calls per request by route (measured: ${live.length} ticket lives in ${tenants.length} districts, concurrency ${CONCURRENCY}; "+notifier" is the outbox consumer's work the route caused)`);
  console.log('   route                         n  store calls/req: the route (by action)                    +notifier  WRU/req  RRU/req  SQS/req  p50 ms');
  for (const p of phases) {
    const n = Math.max(1, p.requests);
    const by = Object.entries(p.own.calls)
      .filter(([k]) => !k.startsWith('SQS '))
      .sort((a, b) => b[1] - a[1])
      .map(([k, v]) => `${k} ${(v / n).toFixed(1)}`)
      .join(', ');
    const own = storeCalls(p.own) / n;
    console.log(
      `   ${p.name.padEnd(26)} ${String(p.requests).padStart(4)}  ${own.toFixed(1).padStart(5)}: ${by.padEnd(50).slice(0, 50)} ${(storeCalls(p.bucket) / n - own).toFixed(1).padStart(6)}  ${((p.bucket.writeUnits + p.bucket.indexWriteUnits) / n).toFixed(1).padStart(7)}  ${(p.bucket.readUnits / n).toFixed(1).padStart(7)}  ${(sqsCalls(p.bucket) / n).toFixed(2).padStart(7)}  ${p.ms.toFixed(0).padStart(6)}`,
    );
  }
  console.log('   (WRU, RRU and SQS requests include the notifier\'s work; WRU = table + GSI write units)');
  const lifeBucket = merge(phases.map((p) => p.bucket));
  const sweeper = meter.buckets.get('sweeper');
  console.log(
    `   one ticket's life (the routes above once each): ${(storeCalls(lifeBucket) / liveCount).toFixed(1)} store calls, ${((lifeBucket.writeUnits + lifeBucket.indexWriteUnits) / liveCount).toFixed(1)} WRU (${(lifeBucket.writeUnits / liveCount).toFixed(1)} table + ${(lifeBucket.indexWriteUnits / liveCount).toFixed(1)} GSI), ${(lifeBucket.readUnits / liveCount).toFixed(1)} RRU, ${lifeBucket.failedWrites} failed conditional writes in all`,
  );
  console.log(
    `   the sweep ran ${sweeps} times meanwhile over ${tenants.length} tenants (median ${median(sweepTimes).toFixed(0)} ms a run, nothing due): ${sweeper ? (storeCalls(sweeper) / Math.max(1, sweeps)).toFixed(0) : 0} store calls and ${sweeper ? (sweeper.readUnits / Math.max(1, sweeps)).toFixed(1) : 0} RRU a run`,
  );

  /* ---------- 3. bursts of claims ---------- */
  // B1: one ticket in each of BURST districts; B2: BURST tickets in one district. Raised first (not counted in the burst).
  const raise = async (label: string, plan: Array<{ tenant: TenantData; owner: string }>) => {
    const r = await phase(`prep ${label}`, 'intake',
      plan.map((p, i) => ({ method: 'POST', path: '/api/tickets', token: tokenOf(p.tenant.tenant.id, p.owner), body: { title: `设备进口报关咨询 ${i}`, description: '进口设备报关需要哪些材料，能否加急？', category: 'permits' }, headers: { 'idempotency-key': `province-${label}-${run}-${i}` } })),
    );
    return r.answers.map((a, i) => {
      const t = (a.body as { ticket?: Ticket }).ticket;
      const p = plan[i];
      if (!t || !p) return undefined;
      const group = p.tenant.groups.find((g) => g.id === t.groupIds[0]);
      const unitId = group?.memberUnitIds[i % group.memberUnitIds.length] ?? 'jxw';
      return { tenant: p.tenant.tenant.id, ticket: t.id, officer: `officer-${unitId}` };
    }).filter((x): x is NonNullable<typeof x> => x !== undefined);
  };
  const across = await raise('across', Array.from({ length: BURST }, (_, i) => ({ tenant: tenants[i % tenants.length] as TenantData, owner: `owner-${pad2((i % 30) + 1)}` })));
  const first = tenants[0] as TenantData;
  const inOne = await raise('one', Array.from({ length: BURST }, (_, i) => ({ tenant: first, owner: `owner-${pad2((i % 30) + 1)}` })));
  const burstOf = (label: string, list: typeof across) =>
    phase(label, 'claim', list.map((x) => ({ method: 'POST', path: `/api/tickets/${x.ticket}/claim`, token: tokenOf(x.tenant, x.officer) })), { burst: true });
  const b1 = await burstOf(`burst: ${BURST} claims across ${Math.min(BURST, tenants.length)} districts`, across);
  const b2 = await burstOf(`burst: ${BURST} claims in one district`, inOne);

  sweeping = false;
  await background;
  meter.on = false;

  const rate = PROVINCE.burstClaimsPerSecond;
  console.log(`\n3. hottest partitions in a burst (measured writes per key for ${BURST} claims fired at once, with the notifier's work after them; scaled to ${rate} claims/s)`);
  const hot: Array<{ label: string; pattern: string; where: string; perSec: number }> = [];
  for (const b of [b1, b2]) {
    const parts = partitions(b.bucket);
    const total = parts.reduce((n, p) => n + p.units, 0);
    const tableTotal = [...b.bucket.writes.values()].reduce((n, t) => n + t.n, 0);
    console.log(`   ${b.name}: ${b.ok} of ${b.requests} claims won, ${tableTotal} table writes, ${fmtN(total, 0)} write units (table + GSI) in all; p50 ${b.ms.toFixed(0)} ms`);
    // by pattern: the hottest single key of each pattern
    const byPattern = new Map<string, { where: string; pk: string; units: number; n: number; keys: number; patternUnits: number }>();
    for (const p of parts) {
      const k = `${p.where} ${keyPattern(p.pk)}`;
      const x = byPattern.get(k);
      if (!x) byPattern.set(k, { where: p.where, pk: p.pk, units: p.units, n: p.n, keys: 1, patternUnits: p.units });
      else {
        x.keys++;
        x.patternUnits += p.units;
      }
    }
    const top = [...byPattern.entries()].sort((a, c) => c[1].units - a[1].units).slice(0, 8);
    console.log('     hottest key of each pattern          where  keys  share of units  units in burst  units/s at 100 claims/s');
    for (const [k, x] of top) {
      const perSec = (x.units / Math.max(1, b.requests)) * rate;
      hot.push({ label: b.name, pattern: k, where: x.where, perSec });
      console.log(
        `     ${k.slice(k.indexOf(' ') + 1).padEnd(36).slice(0, 36)} ${x.where.padEnd(5)} ${String(x.keys).padStart(5)}  ${((x.units / Math.max(1, total)) * 100).toFixed(1).padStart(13)} %  ${String(x.units).padStart(14)}  ${perSec.toFixed(0).padStart(10)}${perSec > 1000 ? '  OVER 1,000/s' : ''}`,
      );
    }
  }
  const over = hot.filter((h) => h.perSec > 1000);
  console.log(over.length === 0 ? '   no partition over 1,000 write units/s at the burst rate' : `   OVER the per-partition limit: ${over.map((h) => `${h.pattern} (${h.perSec.toFixed(0)}/s, ${h.label})`).join('; ')}`);

  /* ---------- 4. the year's peak hour (extrapolated) ---------- */
  const yearTickets = PROVINCE.districts * PROVINCE.ticketsPerDistrictPerYear;
  const provincePeakPerSec = (yearTickets / PROVINCE.workingHoursPerYear) * PROVINCE.peakHourFactor / 3600;
  const districtPeakPerSec = provincePeakPerSec * PROVINCE.busiestDistrictShare;
  console.log(
    `\n4. the year's peak hour (extrapolated: ${fmtN(yearTickets, 0)} requests over ${PROVINCE.workingHoursPerYear} working hours × peak factor ${PROVINCE.peakHourFactor} = ${(provincePeakPerSec * 3600).toFixed(0)} tickets/h in the province, the busiest district ${(PROVINCE.busiestDistrictShare * 100).toFixed(0)} % of it)`,
  );
  const lifeParts = partitions(lifeBucket);
  const perTenantTickets = Math.max(1, PER_TENANT);
  const peak = lifeParts.map((p) => {
    const global = !p.pk.startsWith('T#');
    const perSec = global ? (p.units / liveCount) * provincePeakPerSec : (p.units / perTenantTickets) * districtPeakPerSec;
    return { ...p, global, perSec };
  });
  const peakByPattern = new Map<string, (typeof peak)[number] & { keys: number }>();
  for (const p of peak.sort((a, b) => b.perSec - a.perSec)) {
    const k = `${p.where} ${keyPattern(p.pk)}`;
    const x = peakByPattern.get(k);
    if (!x) peakByPattern.set(k, { ...p, keys: 1 });
    else x.keys++;
  }
  const lifeTotal = lifeParts.reduce((n, p) => n + p.units, 0);
  console.log('     hottest key of each pattern          where  share of a life\'s units  units per ticket  units/s at the peak hour');
  for (const [k, x] of [...peakByPattern].slice(0, 10)) {
    console.log(
      `     ${k.slice(k.indexOf(' ') + 1).padEnd(36).slice(0, 36)} ${x.where.padEnd(5)} ${((x.units / Math.max(1, lifeTotal)) * 100).toFixed(1).padStart(20)} %  ${(x.units / (x.global ? liveCount : perTenantTickets)).toFixed(2).padStart(16)}  ${x.perSec.toFixed(3).padStart(12)}${x.global ? '  (global key)' : ''}`,
    );
  }
  const globals = [...peakByPattern.values()].filter((x) => x.global);
  console.log(globals.length === 0 ? '   no global (tenant-less) partition is written in a ticket\'s life' : `   global partitions written in a ticket's life: ${globals.map((g) => keyPattern(g.pk)).join(', ')}`);

  /* ---------- 5. the cost on paper ---------- */
  const mem = (fn: FunctionName) => FUNCTIONS[fn].memoryMb;
  const phaseUsage = (p: PhaseResult, times: number): Usage => ({
    writeUnits: ((p.bucket.writeUnits + p.bucket.indexWriteUnits) / Math.max(1, p.requests)) * times,
    readUnits: (p.bucket.readUnits / Math.max(1, p.requests)) * times,
    apiRequests: times,
    lambda: [{ fn: p.fn, invocations: times, memoryMb: mem(p.fn), ms: p.ms }],
    sqsRequests: (sqsCalls(p.bucket) / Math.max(1, p.requests)) * times,
  });
  const sum = (us: Usage[]): Usage => ({
    writeUnits: us.reduce((n, u) => n + u.writeUnits, 0),
    readUnits: us.reduce((n, u) => n + u.readUnits, 0),
    apiRequests: us.reduce((n, u) => n + u.apiRequests, 0),
    lambda: us.flatMap((u) => u.lambda),
    sqsRequests: us.reduce((n, u) => n + u.sqsRequests, 0),
  });
  const lifePhases = phases.filter((p) => !p.name.startsWith('prep ') && !p.name.startsWith('burst') && !p.name.startsWith('GET feed poll'));
  const perTicket = sum([
    ...lifePhases.map((p) => phaseUsage(p, p.name in READ_MIX ? (READ_MIX[p.name] ?? 1) : 1)),
    // the notifier's invocations per ticket (its store and queue work is in the phases' buckets already)
    { writeUnits: 0, readUnits: 0, apiRequests: 0, sqsRequests: 0, lambda: [{ fn: 'notifier', invocations: notifierInvocations / liveCount, memoryMb: mem('notifier'), ms: notifierMs }] },
    {
      writeUnits: escPerJob.wru * ESCALATIONS_PER_TICKET,
      readUnits: escPerJob.rru * ESCALATIONS_PER_TICKET,
      apiRequests: 0,
      sqsRequests: escPerJob.sqs * ESCALATIONS_PER_TICKET,
      lambda: [
        { fn: 'escalation', invocations: escInvocationsPerJob * ESCALATIONS_PER_TICKET, memoryMb: mem('escalation'), ms: escMs },
        { fn: 'notifier', invocations: notifierAfterEscPerJob * ESCALATIONS_PER_TICKET, memoryMb: mem('notifier'), ms: notifierMs },
      ],
    },
  ]);
  const pollPhase = phases.find((p) => p.name === 'GET feed poll (idle)');
  const pollsPerMonth = PROVINCE.districts * FEED_POLL_OFFICER_HOURS_PER_DAY * (3600 / 4) * WORKING_DAYS_PER_MONTH;
  const sweepRun = sweeper ? { rru: sweeper.readUnits / Math.max(1, sweeps), wru: (sweeper.writeUnits + sweeper.indexWriteUnits) / Math.max(1, sweeps) } : { rru: 0, wru: 0 };
  // the sweep at 100 districts: what a run cost here, scaled from the districts sampled
  const sweepScale = PROVINCE.districts / tenants.length;
  const fixedNoPoll = sum([
    {
      writeUnits: sweepRun.wru * sweepScale * SWEEPS_PER_MONTH,
      readUnits: sweepRun.rru * sweepScale * SWEEPS_PER_MONTH,
      apiRequests: 0,
      sqsRequests: ESM_IDLE_RECEIVES_PER_MONTH,
      lambda: [{ fn: 'sweeper', invocations: SWEEPS_PER_MONTH, memoryMb: mem('sweeper'), ms: median(sweepTimes) * sweepScale }],
    },
  ]);
  const fixed = sum([pollPhase ? phaseUsage(pollPhase, pollsPerMonth) : sum([]), fixedNoPoll]);
  const storedPerTicket = (storedAfter - storedBefore) / liveCount;
  const bill = monthlyCost(
    { districts: PROVINCE.districts, ticketsPerDistrictPerYear: PROVINCE.ticketsPerDistrictPerYear, perTicket, fixedPerMonth: fixed, storedBytesPerTicket: storedPerTicket, yearsStored: 1 },
    PRICES,
  );
  console.log(`\n5. the monthly AWS bill on paper: ${PROVINCE.districts} districts × ${fmtN(PROVINCE.ticketsPerDistrictPerYear, 0)} requests/year (${fmtN(bill.ticketsPerMonth, 0)} a month), ${PRICES.region}, ${PRICES.currency}, prices read ${PRICES.readOn}`);
  console.log(
    `   per request (measured, with the stated read mix): ${perTicket.writeUnits.toFixed(1)} WRU, ${perTicket.readUnits.toFixed(1)} RRU, ${perTicket.apiRequests.toFixed(1)} API requests, ${perTicket.lambda.reduce((n, l) => n + l.invocations, 0).toFixed(1)} Lambda invocations, ${perTicket.sqsRequests.toFixed(1)} SQS requests, ${fmtN(storedPerTicket, 0)} bytes stored`,
  );
  console.log(
    `   fixed per month (stated): feed polling ${fmtN(pollsPerMonth, 0)} polls (${FEED_POLL_OFFICER_HOURS_PER_DAY} officer-hours/day per district, every 4 s); the sweep ${fmtN(SWEEPS_PER_MONTH, 0)} runs (${(sweepRun.rru * sweepScale).toFixed(1)} RRU, ${(median(sweepTimes) * sweepScale).toFixed(0)} ms a run at ${PROVINCE.districts} districts, scaled from ${tenants.length}); the queues' idle long polls ${fmtN(ESM_IDLE_RECEIVES_PER_MONTH, 0)}`,
  );
  console.log('   service      item                                        quantity/month   unit price          monthly');
  for (const l of bill.lines) {
    console.log(
      `   ${l.service.padEnd(12)} ${l.item.padEnd(44).slice(0, 44)} ${fmtN(l.quantity, 0).padStart(14)} ${l.unit.padEnd(11)} ${String(l.unitPrice).padStart(9)}  ${fmtN(l.monthly, 2).padStart(10)}`,
    );
  }
  console.log(
    `   total ${fmtN(bill.monthly, 2)} ${bill.currency}/month for the province = ${fmtN(bill.perDistrictMonthly, 2)} per district per month = ${fmtN(bill.perTicket, 4)} per request`,
  );
  const substituted = bill.lines.filter((l) => l.service !== 'Lambda').reduce((n, l) => n + l.monthly, 0);
  console.log(`   without the feed polling: ${fmtN(monthlyCost({ districts: PROVINCE.districts, ticketsPerDistrictPerYear: PROVINCE.ticketsPerDistrictPerYear, perTicket, fixedPerMonth: fixedNoPoll, storedBytesPerTicket: storedPerTicket, yearsStored: 1 }, PRICES).perDistrictMonthly, 2)} per district per month`);
  console.log(`   if the substituted (us-east-1) lines cost 1.375 × in Hong Kong, as Lambda does: ${fmtN(bill.monthly + substituted * 0.375, 2)} ${bill.currency}/month, ${fmtN((bill.monthly + substituted * 0.375) / PROVINCE.districts, 2)} per district`);
  for (const c of PRICES.caveats) console.log(`   note: ${c}`);
  for (const src of PRICES.sources) console.log(`   price: ${src}`);

  console.log(`\nprovince bench done in ${((performance.now() - t0) / 1000).toFixed(0)} s`);
  await load.close();
  pinClock(undefined);
  gateway.server.closeAllConnections();
  await new Promise<void>((r) => gateway.server.close(() => r()));
  raw.destroy();
  pollSqs.destroy();
  await services.stop();
}

/** Bytes the table and its GSIs hold (DynamoDB's sizes: each item's size + 100, per index it is in as well), read with the uncounted client. */
async function tableBytes(raw: ReturnType<typeof localDocumentClient>): Promise<number> {
  let bytes = 0;
  let start: Record<string, unknown> | undefined;
  do {
    const out = await raw.send(new ScanCommand({ TableName: TABLE, ...(start ? { ExclusiveStartKey: start } : {}) }));
    for (const item of out.Items ?? []) {
      const size = dynamoItemSize(item) + 100;
      const inIndexes = TABLE_DEFINITION.globalSecondaryIndexes.filter((ix) => item[ix.partitionKey] !== undefined && item[ix.sortKey] !== undefined).length;
      bytes += size * (1 + inIndexes);
    }
    start = out.LastEvaluatedKey;
  } while (start);
  return bytes;
}

main().catch((e: unknown) => {
  console.error(e);
  process.exit(1);
});
