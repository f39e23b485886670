/**
 * Store baseline (issue 3): what the local DynamoDB (dynalite, in this
 * process, over HTTP with the real SDK) does on its own, so the claim and
 * intake benches can say how much the API adds on top.
 *
 * Prints PutItem, GetItem and conditional UpdateItem throughput at
 * concurrency 16 (ops/s) with p50/p99 latency. Figures only: no assertions.
 *
 *   npx tsx tests/bench/store.ts          (BENCH_OPS=5000 for longer runs)
 *
 * The other benches import the measuring helpers from here.
 */
import '../../functions/src/wiring/queue.js';
import '../../functions/src/wiring/tokens.js';
import { pathToFileURL } from 'node:url';
import { GetCommand, PutCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { pinClock } from '../../functions/src/adapters/time.js';
import { TokenSigner } from '../../functions/src/adapters/tokens.js';
import { resetConfig } from '../../functions/src/config.js';
import { demoTenant, type TenantData } from '../../functions/src/local/demo-data.js';
import type { RateLimits } from '@whistle/shared';
import { startGateway } from '../../functions/src/local/gateway.js';
import { seedTenant } from '../../functions/src/local/seed.js';
import { ensureQueues, ensureTable, localDocumentClient, LOCAL_REGION, startLocalServices } from '../../functions/src/local/services.js';
import { resetWiring, wire, type Deps } from '../../functions/src/wiring.js';
import { httpCall, startHttpLoad, type HttpLoad } from './http-load.js';

export const CONCURRENCY = 16;

export interface Figures {
  ops: number;
  seconds: number;
  opsPerSec: number;
  p50: number;
  p99: number;
  max: number;
}

export const quantile = (sorted: readonly number[], q: number): number =>
  sorted.length === 0 ? 0 : (sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil(q * sorted.length) - 1))] ?? 0);

export function figures(latencies: number[], seconds: number): Figures {
  const sorted = [...latencies].sort((a, b) => a - b);
  return {
    ops: sorted.length,
    seconds,
    opsPerSec: sorted.length / seconds,
    p50: quantile(sorted, 0.5),
    p99: quantile(sorted, 0.99),
    max: sorted.at(-1) ?? 0,
  };
}

/** Runs `total` operations with `concurrency` workers; every latency in ms. */
export async function measure(total: number, concurrency: number, op: (i: number) => Promise<unknown>): Promise<Figures> {
  const latencies: number[] = [];
  let next = 0;
  const t0 = performance.now();
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      for (let i = next++; i < total; i = next++) {
        const s = performance.now();
        await op(i);
        latencies.push(performance.now() - s);
      }
    }),
  );
  return figures(latencies, (performance.now() - t0) / 1000);
}

/** Fires all `n` at once (a burst), every latency in ms. */
export async function burst<T>(n: number, op: (i: number) => Promise<T>): Promise<{ results: T[]; latencies: number[] }> {
  const latencies: number[] = new Array<number>(n).fill(0);
  const results = await Promise.all(
    Array.from({ length: n }, async (_, i) => {
      const s = performance.now();
      const r = await op(i);
      latencies[i] = performance.now() - s;
      return r;
    }),
  );
  return { results, latencies };
}

export const fmt = (f: Figures): string =>
  `${f.opsPerSec.toFixed(0).padStart(6)} ops/s   p50 ${f.p50.toFixed(1).padStart(6)} ms   p99 ${f.p99.toFixed(1).padStart(6)} ms   (${f.ops} ops in ${f.seconds.toFixed(2)} s)`;

/** An item about the size of a stored ticket (~1.5 KB). */
export function ticketLikeItem(pk: string, i: number): Record<string, unknown> {
  return {
    pk,
    sk: 'TICKET',
    entity: 'TICKET',
    id: `tk${i}`,
    tenantId: 'bench',
    number: `2026-${String(i).padStart(6, '0')}`,
    title: '新厂房用电增容审批进度查询',
    description: '新厂房需要增容到 2000 kVA，已提交材料两周，审批进度不明，影响设备进场调试。'.repeat(4),
    status: 'published',
    groupIds: ['ind-equipment', 'town-dgjd', 'key'],
    declinedUnitIds: [],
    clocks: [{ id: 'claim', kind: 'claim', basis: 'working', durationMinutes: 120, startedAt: '2026-11-24T02:00:00.000Z', dueAt: '2026-11-24T04:00:00.000Z', escalations: 0 }],
    createdBy: { userId: 'owner-01', name: '王建国', role: 'owner' },
    createdAt: '2026-11-24T02:00:00.000Z',
    updatedAt: '2026-11-24T02:00:00.000Z',
    version: 1,
    gsi1pk: 'T#bench#ENT#x',
    gsi1sk: `2026-11-24T02:00:00.000Z#tk${i}`,
    gsi3pk: 'T#bench#TICKETS',
    gsi3sk: `2026-11-24T02:00:00.000Z#tk${i}`,
  };
}

export interface RawBaseline {
  put: Figures;
  get: Figures;
  update: Figures;
}

/**
 * PutItem, GetItem and conditional UpdateItem (`SET … IF version = :v`, the
 * shape of every ticket commit) at `concurrency`, on distinct items.
 */
export async function rawBaseline(endpoint: string, tableName: string, ops: number, concurrency = CONCURRENCY, prefix = 'RAW'): Promise<RawBaseline> {
  const doc = localDocumentClient(endpoint);
  try {
    const pk = (i: number) => `${prefix}#${i % 1000}#${Math.floor(i / 1000)}`;
    // warm the connection pool and the table
    await measure(200, concurrency, (i) => doc.send(new PutCommand({ TableName: tableName, Item: ticketLikeItem(`${prefix}#warm#${i}`, i) })));
    const put = await measure(ops, concurrency, (i) => doc.send(new PutCommand({ TableName: tableName, Item: ticketLikeItem(pk(i), i) })));
    const get = await measure(ops, concurrency, (i) => doc.send(new GetCommand({ TableName: tableName, Key: { pk: pk(i), sk: 'TICKET' }, ConsistentRead: true })));
    const update = await measure(ops, concurrency, (i) =>
      doc.send(
        new UpdateCommand({
          TableName: tableName,
          Key: { pk: pk(i), sk: 'TICKET' },
          UpdateExpression: 'SET #v = #v + :one, #s = :s, updatedAt = :at',
          ConditionExpression: '#v = :expected',
          ExpressionAttributeNames: { '#v': 'version', '#s': 'status' },
          ExpressionAttributeValues: { ':one': 1, ':expected': 1, ':s': 'claimed', ':at': new Date().toISOString() },
        }),
      ),
    );
    return { put, get, update };
  } finally {
    doc.destroy();
  }
}

/**
 * The raw shape of a claim: `n` conditional UpdateItems on one hot item at
 * once (`IF attribute_not_exists(claimedBy)`): one wins, the rest fail the
 * condition. Latencies in ms; repeated on `items` fresh items.
 */
export async function rawClaimBurst(endpoint: string, tableName: string, n: number, items: number, prefix = 'RAWCLAIM'): Promise<{ latencies: number[]; winners: number[] }> {
  const doc = localDocumentClient(endpoint);
  const latencies: number[] = [];
  const winners: number[] = [];
  try {
    for (let k = 0; k < items; k++) {
      const key = { pk: `${prefix}#${k}#${Date.now()}`, sk: 'TICKET' };
      await doc.send(new PutCommand({ TableName: tableName, Item: ticketLikeItem(key.pk, k) }));
      const out = await burst(n, (i) =>
        doc
          .send(
            new UpdateCommand({
              TableName: tableName,
              Key: key,
              UpdateExpression: 'SET claimedBy = :u, #v = #v + :one',
              ConditionExpression: 'attribute_not_exists(claimedBy)',
              ExpressionAttributeNames: { '#v': 'version' },
              ExpressionAttributeValues: { ':u': `unit-${i % 20}`, ':one': 1 },
            }),
          )
          .then(
            () => true,
            (e: unknown) => {
              if (e instanceof Error && e.name === 'ConditionalCheckFailedException') return false;
              throw e;
            },
          ),
      );
      latencies.push(...out.latencies);
      winners.push(out.results.filter(Boolean).length);
    }
    return { latencies, winners };
  } finally {
    doc.destroy();
  }
}

async function main(): Promise<void> {
  const ops = Number(process.env.BENCH_OPS ?? 2000);
  const services = await startLocalServices();
  try {
    const table = 'whistle-bench';
    await ensureTable(services.dynamodbEndpoint, table);
    console.log(`store baseline: dynalite (in memory, this process), AWS SDK v3 DocumentClient, concurrency ${CONCURRENCY}, ${ops} ops each`);
    const raw = await rawBaseline(services.dynamodbEndpoint, table, ops);
    console.log(`  PutItem                 ${fmt(raw.put)}`);
    console.log(`  GetItem (consistent)    ${fmt(raw.get)}`);
    console.log(`  UpdateItem (if version) ${fmt(raw.update)}`);
    const hot = await rawClaimBurst(services.dynamodbEndpoint, table, 200, 3);
    const f = figures(hot.latencies, 1);
    console.log(`  200 conditional UpdateItems on one item at once: winners ${hot.winners.join(', ')}; p50 ${f.p50.toFixed(1)} ms, p99 ${f.p99.toFixed(1)} ms`);
  } finally {
    await services.stop();
  }
}


/* ---- the API on the same store: shared by the claim and intake benches ---- */

export interface BenchApi {
  url: string;
  endpoint: string;
  tableName: string;
  tenantId: string;
  data: TenantData;
  /** store calls (GetItem, PutItem, …) and queue calls (`SQS SendMessageBatch`) the handlers made since the last reset */
  storeCalls(reset?: boolean): Record<string, number>;
  /** a token for a user of the bench tenant (signed directly: no login round trip) */
  token(userId: string): string;
  /** one request from this thread (set-up: raising the ticket to claim, warming) */
  post(path: string, token: string, body?: unknown, headers?: Record<string, string>): Promise<{ status: number; body: unknown; ms: number }>;
  /** the measured callers: requests from a worker thread (see http-load.ts) */
  load: HttpLoad;
  stop(): Promise<void>;
}

const BENCH_KEY = 'bench-signing-key-0123456789abcdef0123456789';

/**
 * The bench tenant's rate limits: the benches fire hundreds of intakes and claims in seconds from a few
 * owners and officers, far past the demo district's (20 intakes per enterprise per hour, 30 claims per
 * officer per minute). Still counted (one conditional write per request), so the figures include the check.
 */
export const BENCH_RATE_LIMITS: RateLimits = {
  intakePerEnterprise: { max: 100_000, windowSeconds: 3600 },
  claimsPerOfficer: { max: 100_000, windowSeconds: 60 },
};

/**
 * dynalite + fauxqs in this process, the handlers wired to them as the local
 * stack wires them, the demo district seeded, and the local gateway on a free
 * port (real HTTP). `extra` may add reference data (units, groups, users).
 */
export async function startBenchApi(extra?: (deps: Deps, data: TenantData) => Promise<void>): Promise<BenchApi> {
  const services = await startLocalServices();
  const tableName = 'whistle-bench';
  await ensureTable(services.dynamodbEndpoint, tableName);
  const queues = await ensureQueues(services.sqsEndpoint);
  const tenantId = 'bench';
  Object.assign(process.env, {
    STAGE: 'bench',
    AWS_REGION: LOCAL_REGION,
    TABLE_NAME: tableName,
    DYNAMODB_ENDPOINT: services.dynamodbEndpoint,
    SQS_ENDPOINT: services.sqsEndpoint,
    ESCALATION_QUEUE_URL: queues.escalation,
    OUTBOX_QUEUE_URL: queues.outbox,
    TOKEN_SIGNING_KEY: BENCH_KEY,
    DEV_ROUTES: 'true',
    WHISTLE_LOCAL: 'true',
    DEV_TENANT: tenantId,
    POWERTOOLS_METRICS_DISABLED: 'true',
  });
  resetConfig();
  resetWiring();
  const deps = wire();
  // count the store calls the handlers make (the same wired instance serves every request)
  let calls: Record<string, number> = {};
  deps.store['doc'].middlewareStack.add(
    (next, context) => (args) => {
      const action = context.commandName?.replace(/Command$/, '') ?? '?';
      calls[action] = (calls[action] ?? 0) + 1;
      return next(args);
    },
    { step: 'initialize', name: 'benchCountCalls' },
  );
  // and the queue sends (SendMessageBatch), under their own name
  deps.sqs.middlewareStack.add(
    (next, context) => (args) => {
      const action = `SQS ${context.commandName?.replace(/Command$/, '') ?? '?'}`;
      calls[action] = (calls[action] ?? 0) + 1;
      return next(args);
    },
    { step: 'initialize', name: 'benchCountSends' },
  );
  const data = { ...demoTenant(tenantId, '基准区'), rateLimits: BENCH_RATE_LIMITS };
  await seedTenant(deps.store, deps.refs, data);
  if (extra) await extra(deps, data);
  // Tuesday 10:00 in Shanghai: office hours, so nothing lands in the desk
  pinClock(new Date('2026-11-24T02:00:00.000Z'));
  const gateway = await startGateway({ port: 0 });
  const signer = new TokenSigner(BENCH_KEY);
  // every user's token signed up front (no login round trip; the callers take them as they are)
  const tokens = new Map<string, string>();
  for (const user of await deps.refs.list('USER', tenantId)) {
    tokens.set(user.id, (await signer.signFor(user, Date.now(), 3600)).token);
  }
  const load = startHttpLoad(gateway.url);
  return {
    load,
    url: gateway.url,
    endpoint: services.dynamodbEndpoint,
    tableName,
    tenantId,
    data,
    storeCalls(reset = false) {
      const out = calls;
      if (reset) calls = {};
      return out;
    },
    token: (userId) => {
      const token = tokens.get(userId);
      if (!token) throw new Error(`no bench user ${userId}`);
      return token;
    },
    post: (path, token, body, headers = {}) =>
      httpCall(gateway.url, { method: 'POST', path, token, headers, ...(body !== undefined ? { body } : {}) }),
    async stop() {
      await load.close();
      pinClock(undefined);
      gateway.server.closeAllConnections();
      await new Promise<void>((r) => gateway.server.close(() => r()));
      await services.stop();
    },
  };
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  main().catch((e: unknown) => {
    console.error(e);
    process.exit(1);
  });
}
