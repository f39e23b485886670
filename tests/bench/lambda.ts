/**
 * Lambda bundle size and cold-start benchmark: `npx tsx tests/bench/lambda.ts`
 * (`--runs N` cold starts per function, default 5, taken round robin across
 * the functions and the floor, median and best reported; `--only a,b` some
 * functions; `--strict` exits 1 when a target is missed or an entry is
 * missing; `--cpu-prof <dir>` writes a V8 CPU profile of each cold start
 * there (open it in Chrome DevTools; it slows the start a little);
 * `--trace` prints each cold start's store and queue calls with their times).
 *
 * For each FUNCTIONS entry: bundle functions/src/handlers/<entry>.ts with
 * esbuild exactly as the stack does (infra/lib/bundling.ts: minified ESM for
 * node22, the AWS SDK bundled), then, in a fresh Node process per run, import
 * the bundle and serve one event, timing import and first invoke. The events
 * are real first requests that succeed (a claim of a published ticket, an
 * intake with its Idempotency-Key, a due escalation job, a notification),
 * served against dynalite and fauxqs running in this process with the demo
 * district: a closed port would time the SDK's retries, and an event that
 * fails early skips the work a real one does.
 *
 * The reference is the floor: a minimal function bundled the same way with
 * the same SDK clients (DynamoDBDocumentClient, SQSClient) that serves one
 * GetItem against the same dynalite. It is measured in the same rounds as the
 * functions (round robin: this VM's speed drifts over minutes, by a third
 * between runs of the bench), between every four of them, and each function's
 * ratio is the median over its runs of that run divided by the floor's run
 * just before it: a slow minute slows both sides of a pair. The stack floor
 * (below) is a second reference row, printed, not a base.
 *
 * Targets: bundle ≤ 500 KB minified; import + first invoke ≤ 1.5 × the floor's.
 * Bundles land in node_modules/.cache/whistle-bench/lambda/<fn>/: ignored by
 * git and eslint.
 */
import { spawn } from 'node:child_process';
import { pathToFileURL } from 'node:url';
import { actorOf, localDate, ROUTES, type RouteDef } from '@whistle/shared';
import { pinClock } from '../../functions/src/adapters/time.js';
import { parseKeySet, publicKeysOf, TokenSigner } from '../../functions/src/adapters/tokens.js';
import { resetConfig } from '../../functions/src/config.js';
import type { EscalationJob, OutboxMessage } from '../../functions/src/ports.js';
import { dueJobs, effectsOf, periodAt } from '@whistle/shared';
import { principalOf } from '../../functions/src/services/principal.js';
import { intake } from '../../functions/src/services/tickets.js';
import { createRetrospective } from '../../functions/src/services/retrospectives.js';
import '../../functions/src/wiring/retrospectives.js';
import '../../functions/src/wiring/common-issues.js';
import '../../functions/src/wiring/queue.js';
import '../../functions/src/wiring/tenants.js';
import { resetWiring, wire } from '../../functions/src/wiring.js';
import { demoTenant } from '../../functions/src/local/demo-data.js';
import { demoPlatform, seedTenancy } from '../../functions/src/local/demo-tenancy.js';
import { BENCH_RATE_LIMITS } from './store.js';
import { seedTenant } from '../../functions/src/local/seed.js';
import { toSqsRecord } from '../../functions/src/local/sqs-poller.js';
import { ensureQueues, ensureTable, LOCAL_REGION, startLocalServices } from '../../functions/src/local/services.js';
import { existsSync, mkdirSync, rmSync, statSync, writeFileSync, readFileSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';
import { gzipSync } from 'node:zlib';
import { build, type Metafile } from 'esbuild';
import { bundleAliases, esbuildOptions, LAMBDA_BUNDLING, externalModules } from '../../infra/lib/bundling.js';
import { bundleDefines } from '../../infra/lib/bundle-defines.js';
import { FUNCTIONS, REPO_ROOT, entryPath, isHttpFunction, type FunctionName } from '../../infra/lib/topology.js';

const SIZE_TARGET_KB = 500;
/** a function's cold start (import + first invoke), at most this many times the floor's */
const RATIO_TARGET = 1.5;
/** the floor's name in the tables */
const FLOOR = 'floor';
const OUT_DIR = join(REPO_ROOT, 'node_modules/.cache/whistle-bench/lambda');
/**
 * The functions serve their event against live local services (dynalite and
 * fauxqs, started here with the demo district), as they would against
 * DynamoDB and SQS on AWS: a closed port would measure the SDK's retry back-off
 * instead of the function. HTTP events carry a valid token (the supervisor).
 */
const live = {
  dynamodb: '',
  sqs: '',
  escalation: '',
  outbox: '',
  tenantId: '',
  /** signed tokens of the demo personas the events come from */
  tokens: {} as Record<string, string>,
  /** a ticket with a retrospective (the retrospectives' and the Word document's requests) */
  retro: { ticketId: '', retroId: '' },
  /** owner-01's enterprise (the visits ledger's request) */
  enterpriseId: '',
  /** a published ticket per cold start of `claim` (each run claims its own) */
  claimable: [] as string[],
  /** an escalation job that is due (a ticket raised days ago, never claimed) */
  escalationJob: undefined as EscalationJob | undefined,
  /** the notification intake sent for that ticket */
  outboxMessage: undefined as OutboxMessage | undefined,
};
const TABLE = 'whistle-bench';
const SIGNING_KEY = 'bench-signing-key-not-a-secret-0123456789abcdef';
/** TOKEN_PUBLIC_KEYS as the stack gives it to every function: the signing key's public key */
const PUBLIC_KEYS = JSON.stringify(publicKeysOf(parseKeySet(SIGNING_KEY)));

// ── arguments ───────────────────────────────────────────────────────────────
const args = process.argv.slice(2);
const argValue = (name: string): string | undefined => {
  const i = args.indexOf(name);
  return i >= 0 ? args[i + 1] : undefined;
};
const runs = Math.max(1, Number(argValue('--runs') ?? 5));
const only = argValue('--only')?.split(',').map((s) => s.trim());
const strict = args.includes('--strict');
const NAME_WIDTH = 17;
const cpuProfDir = argValue('--cpu-prof');
const trace = args.includes('--trace');

// ── events ──────────────────────────────────────────────────────────────────
const ACCOUNT = '000000000000';
const REGION = 'ap-southeast-1';

/**
 * The request a function's cold start serves: one that succeeds, as a real
 * first request would, from the persona who would send it.
 */
const BENCH_REQUESTS: Partial<
  Record<
    FunctionName,
    {
      route: string;
      user: string;
      body?: (run: number) => unknown;
      params?: (run: number) => Record<string, string>;
      headers?: (run: number) => Record<string, string>;
      query?: Record<string, string>;
    }
  >
> = {
  system: { route: 'GET /api/health', user: 'supervisor' },
  auth: { route: 'GET /api/me', user: 'owner-01' },
  directory: { route: 'GET /api/groups', user: 'officer-jxw' },
  intake: {
    route: 'POST /api/tickets',
    user: 'owner-01',
    body: (run) => ({ title: `冷启动基准诉求 ${run}`, description: '新厂房用电增容审批进度查询。', category: 'utilities' }),
    headers: (run) => ({ 'idempotency-key': `bench-cold-${Date.now()}-${run}` }),
  },
  claim: { route: 'POST /api/tickets/{id}/claim', user: 'officer-jxw', params: (run) => ({ id: live.claimable[run] ?? 'missing' }) },
  tickets: { route: 'GET /api/tickets', user: 'supervisor' },
  inbox: { route: 'GET /api/inbox', user: 'officer-jxw' },
  desk: { route: 'GET /api/desk/queue', user: 'agent-1' },
  supervision: { route: 'GET /api/supervision/notices', user: 'supervisor' },
  races: { route: 'GET /api/races', user: 'owner-01' },
  // the ranking of the current quarter (the aggregates of the bench's tickets)
  assessment: { route: 'GET /api/assessment', user: 'supervisor', query: { period: periodAt(new Date().toISOString(), 'quarter') } },
  admin: { route: 'GET /api/admin/calendar/{year}', user: 'admin', params: () => ({ year: '2026' }) },
  // the district's ledger of the month the bench's tickets were raised in (the workbook written, base64 answered)
  exports: { route: 'GET /api/assessment/export', user: 'supervisor', query: { period: localDate(Date.now()).slice(0, 7), sheet: 'ledger' } },
  // deployed only where dev routes are on (BENCH runs it so)
  dev: { route: 'POST /api/dev/clock', user: 'admin', body: () => ({ now: null }) },
  // the bench's district has no operator: a signed-in caller refused (403) after the caller's and tenant's reads
  platform: { route: 'GET /api/platform/tenants', user: 'operator' },
  retrospectives: { route: 'GET /api/tickets/{id}/retrospectives', user: 'supervisor', params: () => ({ id: live.retro.ticketId }) },
  // the Word document written and answered (base64)
  retrospectiveDocs: {
    route: 'GET /api/tickets/{id}/retrospectives/{retroId}/document',
    user: 'supervisor',
    params: () => ({ id: live.retro.ticketId, retroId: live.retro.retroId }),
  },
  commonIssues: { route: 'GET /api/common-issues', user: 'supervisor' },
  wechat: { route: 'GET /api/me/subscriptions', user: 'owner-01' },
  policies: { route: 'GET /api/policies/mine', user: 'owner-01' },
  visits: { route: 'GET /api/enterprises/{enterpriseId}/ledger', user: 'supervisor', params: () => ({ enterpriseId: live.enterpriseId }) },
  imports: { route: 'GET /api/admin/imports', user: 'admin' },
  // the units' template filled with the directory as it is (the workbook written, base64 answered)
  importTemplates: { route: 'GET /api/admin/import-templates/{kind}', user: 'admin', params: () => ({ kind: 'units' }), query: { filled: '1' } },
};

function benchRoute(name: FunctionName): RouteDef | undefined {
  const wanted = BENCH_REQUESTS[name]?.route;
  return ROUTES.find((r) => r.fn === name && `${r.method} ${r.path}` === wanted);
}

function httpEvent(name: FunctionName, route: RouteDef, run: number): Record<string, unknown> {
  const spec = BENCH_REQUESTS[name];
  const params = spec?.params?.(run) ?? {};
  const pathParameters: Record<string, string> = {};
  const rawPath = route.path.replace(/\{(\w+)\}/g, (_, p: string) => {
    pathParameters[p] = params[p] ?? 'bench';
    return pathParameters[p];
  });
  const body = spec?.body?.(run);
  const now = new Date();
  return {
    version: '2.0',
    routeKey: `${route.method} ${route.path}`,
    rawPath,
    rawQueryString: new URLSearchParams(spec?.query ?? {}).toString(),
    ...(spec?.query ? { queryStringParameters: spec.query } : {}),
    headers: {
      host: 'bench.execute-api.ap-southeast-1.amazonaws.com',
      'content-type': 'application/json',
      'user-agent': 'whistle-bench',
      'x-forwarded-for': '127.0.0.1',
      authorization: `Bearer ${live.tokens[spec?.user ?? 'supervisor'] ?? ''}`,
      ...spec?.headers?.(run),
    },
    requestContext: {
      accountId: ACCOUNT,
      apiId: 'bench',
      domainName: 'bench.execute-api.ap-southeast-1.amazonaws.com',
      domainPrefix: 'bench',
      http: { method: route.method, path: rawPath, protocol: 'HTTP/1.1', sourceIp: '127.0.0.1', userAgent: 'whistle-bench' },
      requestId: `bench-request-${run}`,
      routeKey: `${route.method} ${route.path}`,
      stage: '$default',
      time: now.toUTCString(),
      timeEpoch: now.getTime(),
    },
    ...(Object.keys(pathParameters).length ? { pathParameters } : {}),
    ...(body !== undefined ? { body: JSON.stringify(body) } : {}),
    isBase64Encoded: false,
  };
}

const scheduledEvent = (ruleName: string) => ({
  version: '0',
  id: 'bench-event',
  'detail-type': 'Scheduled Event',
  source: 'aws.events',
  account: ACCOUNT,
  time: new Date().toISOString().replace(/\.\d+Z$/, 'Z'),
  region: REGION,
  resources: [`arn:aws:events:${REGION}:${ACCOUNT}:rule/${ruleName}`],
  detail: {},
});

const sqsEvent = (queue: string, body: unknown, run: number) => ({
  Records: [toSqsRecord({ MessageId: `bench-message-${run}`, ReceiptHandle: 'bench-receipt', Body: JSON.stringify(body) }, `arn:aws:sqs:${REGION}:${ACCOUNT}:${queue}`)],
});

/** The event of one cold start (`run`: which one, for events that must differ per run). */
function eventFor(name: FunctionName, run: number): { event: unknown; label: string } {
  const spec = FUNCTIONS[name];
  if (isHttpFunction(name)) {
    const route = benchRoute(name);
    if (route) return { event: httpEvent(name, route, run), label: `${route.method} ${route.path}` };
  }
  if (spec.consumes === 'escalation') return { event: sqsEvent('escalation', live.escalationJob, run), label: 'SQS escalation job ×1' };
  if (spec.consumes === 'outbox') return { event: sqsEvent('outbox', live.outboxMessage, run), label: 'SQS outbox message ×1' };
  // a chunk of a job that is not there: read, found absent, nothing written (the cold start is what is measured)
  if (spec.consumes === 'importer') return { event: sqsEvent('importer', { tenantId: 'bench', jobId: `none-${run}`, chunk: 0 }, run), label: 'SQS import chunk ×1' };
  if (spec.schedule) return { event: scheduledEvent(spec.schedule.name), label: 'Scheduled Event' };
  return { event: {}, label: '{}' };
}

// ── bundling, as the stack does ─────────────────────────────────────────────
async function bundle(name: string, entry: string) {
  const b = LAMBDA_BUNDLING;
  const dir = join(OUT_DIR, name);
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(dir, { recursive: true });
  const outfile = join(dir, b.outFile);
  const result = await build({
    ...esbuildOptions(b),
    entryPoints: [entry],
    outfile,
    external: externalModules(),
    alias: bundleAliases(REPO_ROOT),
    ...(name in FUNCTIONS ? { define: bundleDefines(name as FunctionName) } : {}),
    nodePaths: [join(REPO_ROOT, 'node_modules')],
    absWorkingDir: REPO_ROOT,
    metafile: true,
    logLevel: 'error',
  });
  const code = readFileSync(outfile);
  return { outfile, bytes: statSync(outfile).size, gzipBytes: gzipSync(code).length, top: topInputs(result.metafile) };
}

/**
 * The floor: what every function pays before doing anything of its own, with
 * the same SDK clients built at module scope as functions/src/wiring.ts builds
 * them, serving one GetItem.
 */
const FLOOR_KEY = { pk: 'BENCH#FLOOR', sk: 'ITEM' };
/** the floor's SDK clients and its read, which the stack floor shares */
const FLOOR_CLIENTS = `import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { SQSClient } from '@aws-sdk/client-sqs';
import { DynamoDBDocumentClient, GetCommand } from '@aws-sdk/lib-dynamodb';

const region = process.env.AWS_REGION;
const credentials = { accessKeyId: 'local', secretAccessKey: 'local' };
const doc = DynamoDBDocumentClient.from(
  new DynamoDBClient({ region, retryMode: 'standard', maxAttempts: 3, endpoint: process.env.DYNAMODB_ENDPOINT, credentials }),
  { marshallOptions: { removeUndefinedValues: true, convertClassInstanceToMap: false } },
);
/** built as the functions build it (they send through it); exported so the bundle keeps it */
export const sqs = new SQSClient({ region, retryMode: 'standard', maxAttempts: 3, endpoint: process.env.SQS_ENDPOINT, credentials, useQueueUrlAsEndpoint: false });
const readFloor = () => doc.send(new GetCommand({ TableName: process.env.TABLE_NAME, Key: ${JSON.stringify(FLOOR_KEY)} }));
`;
const FLOOR_SOURCE = `${FLOOR_CLIENTS}
export const handler = async () => {
  const out = await readFloor();
  return { statusCode: out.Item ? 200 : 404, body: JSON.stringify(out.Item ?? {}) };
};
`;

/**
 * The stack floor, a reference row and not a base: the floor plus what the
 * guide has every HTTP function carry before any code of its own (Powertools
 * Logger and Metrics made at module scope, jose verifying the caller's EdDSA
 * token, zod parsing the claims and the item read), serving the same GetItem
 * with the same bearer token an HTTP function gets. Printed as a ratio to the
 * floor too: how much of the 1.5x budget the libraries alone take.
 */
const STACK_FLOOR = 'stack floor';
const STACK_FLOOR_SOURCE = `import { createPublicKey } from 'node:crypto';
import { Logger } from '@aws-lambda-powertools/logger';
import { Metrics, MetricUnit } from '@aws-lambda-powertools/metrics';
import { jwtVerify } from 'jose';
import * as z from 'zod/mini';
${FLOOR_CLIENTS}
const logger = new Logger({ serviceName: 'whistle', logLevel: 'WARN' });
const metrics = new Metrics({ namespace: 'Whistle', serviceName: 'whistle', defaultDimensions: { stage: 'bench' } });
const keys = new Map(JSON.parse(process.env.TOKEN_PUBLIC_KEYS).map((k) => [k.kid, createPublicKey({ key: { kty: 'OKP', crv: 'Ed25519', x: k.x }, format: 'jwk' })]));
const Claims = z.object({ sub: z.string().check(z.minLength(1)), ten: z.optional(z.string()), exp: z.int() });
const Item = z.object({ pk: z.string(), sk: z.string(), note: z.optional(z.string()) });

export const handler = async (event, context) => {
  logger.addContext(context);
  const token = String(event.headers?.authorization ?? '').replace(/^Bearer /, '');
  const { payload } = await jwtVerify(token, (h) => keys.get(h.kid), { algorithms: ['EdDSA'] });
  const claims = Claims.parse(payload);
  const out = await readFloor();
  const item = Item.parse(out.Item);
  metrics.addMetric('read', MetricUnit.Count, 1);
  metrics.publishStoredMetrics();
  logger.info('read', { sub: claims.sub });
  return { statusCode: 200, body: JSON.stringify(item) };
};
`;

/** the three largest contributors to the bundle, by package (or repo folder) */
function topInputs(meta: Metafile): string {
  const by = new Map<string, number>();
  for (const output of Object.values(meta.outputs)) {
    for (const [input, { bytesInOutput }] of Object.entries(output.inputs)) {
      const local = input.replace(/^(\.\.\/)+(?:[^/]+\/)*?(?=(?:functions|shared|infra)\/)/, '');
      const pkg = /node_modules\/((?:@[^/]+\/)?[^/]+)/.exec(local)?.[1] ?? local.split('/').slice(0, 3).join('/');
      by.set(pkg, (by.get(pkg) ?? 0) + bytesInOutput);
    }
  }
  return [...by.entries()]
    .sort((a, b) => b[1] - a[1])
    .slice(0, 3)
    .map(([k, v]) => `${k} ${(v / 1024).toFixed(0)}K`)
    .join(', ');
}

// ── cold start in a fresh process ───────────────────────────────────────────
const RUNNER = join(OUT_DIR, 'runner.mjs');
/**
 * `--trace`: loaded before the runner, it prints every HTTP request the cold start makes (the
 * store's and the queue's calls, by their X-Amz-Target) with when it started and ended, in ms
 * from the process start: which calls a first request waits for, and the gaps between them.
 */
const TRACER = join(OUT_DIR, 'tracer.mjs');
const TRACER_SOURCE = `
import http from 'node:http';
const request = http.request;
http.request = function (...args) {
  const options = args[0] && typeof args[0] === 'object' ? args[0] : {};
  const target = String(options.headers?.['x-amz-target'] ?? options.path ?? '').replace(/^.*\\./, '');
  const started = performance.now();
  const req = request.apply(this, args);
  req.on('response', (res) => res.on('end', () => process.stderr.write('__TRACE__' + target.padEnd(22) + ' ' + started.toFixed(1).padStart(7) + ' → ' + performance.now().toFixed(1).padStart(7) + ' ms\\n')));
  return req;
};
`;
const RUNNER_SOURCE = `
import { pathToFileURL } from 'node:url';
const [bundle, eventFile, name] = process.argv.slice(2);
const { readFileSync } = await import('node:fs');
const event = JSON.parse(readFileSync(eventFile, 'utf8'));
const context = {
  functionName: name, functionVersion: '$LATEST', memoryLimitInMB: '512',
  invokedFunctionArn: 'arn:aws:lambda:${REGION}:${ACCOUNT}:function:' + name,
  awsRequestId: 'bench-request', logGroupName: '/aws/lambda/' + name, logStreamName: 'bench',
  callbackWaitsForEmptyEventLoop: true, getRemainingTimeInMillis: () => 10000,
};
const t0 = performance.now();
const mod = await import(pathToFileURL(bundle).href);
const t1 = performance.now();
let outcome;
try {
  const result = await mod.handler(event, context);
  outcome = result && typeof result === 'object'
    ? ('statusCode' in result ? 'HTTP ' + result.statusCode : 'batchItemFailures' in result ? result.batchItemFailures.length + ' failed' : 'ok')
    : 'ok';
} catch (e) {
  outcome = 'threw ' + (e && e.name ? e.name + ' (' + String(e.message).slice(0, 40) + ')' : String(e));
}
const t2 = performance.now();
process.stderr.write('\\n__BENCH__' + JSON.stringify({ importMs: t1 - t0, invokeMs: t2 - t1, outcome, at: [t0, t1, t2] }) + '\\n');
process.exit(0);
`;

interface Run {
  importMs: number;
  invokeMs: number;
  outcome: string;
  processMs: number;
}

function coldStart(name: string, outfile: string, eventFile: string): Promise<Run> {
  const memoryMb = name in FUNCTIONS ? FUNCTIONS[name as FunctionName].memoryMb : 256;
  const env: NodeJS.ProcessEnv = {
    PATH: process.env.PATH,
    HOME: process.env.HOME,
    AWS_REGION: REGION,
    AWS_DEFAULT_REGION: REGION,
    AWS_ACCESS_KEY_ID: 'bench',
    AWS_SECRET_ACCESS_KEY: 'bench',
    AWS_EC2_METADATA_DISABLED: 'true',
    AWS_LAMBDA_FUNCTION_NAME: `whistle-bench-${name}`,
    AWS_LAMBDA_FUNCTION_MEMORY_SIZE: String(memoryMb),
    AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: 'true',
    STAGE: 'bench',
    TABLE_NAME: TABLE,
    ESCALATION_QUEUE_URL: live.escalation,
    OUTBOX_QUEUE_URL: live.outbox,
    DYNAMODB_ENDPOINT: live.dynamodb,
    SQS_ENDPOINT: live.sqs,
    // the dev function is deployed only where dev routes are on
    DEV_ROUTES: name === 'dev' ? 'true' : 'false',
    // as the CDK stack passes it: the stages where dev routes may be on
    DEV_ROUTE_STAGES: 'bench',
    // as on AWS: every function verifies with the public keys; only a signer (auth) has the key itself, here
    // from the environment instead of SSM
    TOKEN_PUBLIC_KEYS: PUBLIC_KEYS,
    ...(name in FUNCTIONS && FUNCTIONS[name as FunctionName].signsTokens ? { TOKEN_SIGNING_KEY: SIGNING_KEY } : {}),
    WECHAT_APP_ID: 'wx0000000000000000',
    LOG_LEVEL: 'WARN',
    POWERTOOLS_SERVICE_NAME: 'whistle',
    POWERTOOLS_DEV: 'false',
  };
  const profile = cpuProfDir ? ['--cpu-prof', '--cpu-prof-interval', '100', '--cpu-prof-dir', resolve(cpuProfDir), '--cpu-prof-name', `${name}-${Date.now()}.cpuprofile`] : [];
  return new Promise((resolve, reject) => {
    const started = performance.now();
    const child = spawn(process.execPath, [...profile, ...(trace ? ['--import', pathToFileURL(TRACER).href] : []), RUNNER, outfile, eventFile, name], { env, stdio: ['ignore', 'ignore', 'pipe'] });
    let stderr = '';
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    const timer = setTimeout(() => child.kill('SIGKILL'), 30_000);
    child.on('error', reject);
    child.on('close', (code) => {
      clearTimeout(timer);
      const calls = stderr.split('\n').filter((l) => l.startsWith('__TRACE__'));
      const line = stderr.split('\n').find((l) => l.startsWith('__BENCH__'));
      if (!line) {
        reject(new Error(`exit ${code}: ${stderr.trim().split('\n').slice(-5).join(' | ')}`));
        return;
      }
      const { at, ...r } = JSON.parse(line.slice('__BENCH__'.length)) as Omit<Run, 'processMs'> & { at: [number, number, number] };
      if (trace) {
        const [t0, t1, t2] = at.map((t) => t.toFixed(1));
        console.log(`  trace of ${name}: import ${t0} → ${t1}, first invoke → ${t2} ms; ${calls.length} calls\n${calls.map((l) => `    ${l.slice('__TRACE__'.length)}`).join('\n')}`);
      }
      resolve({ ...r, processMs: performance.now() - started });
    });
  });
}

const median = (xs: number[]): number => {
  const s = [...xs].sort((a, b) => a - b);
  const m = Math.floor(s.length / 2);
  return s.length % 2 ? s[m]! : (s[m - 1]! + s[m]!) / 2;
};

// ── main ────────────────────────────────────────────────────────────────────
interface Row {
  name: FunctionName;
  missing?: string;
  error?: string;
  kb?: number;
  total?: number;
  ratio?: number;
}

/**
 * dynalite and fauxqs with the demo district, and what the events need: the
 * personas' tokens, published tickets to claim, and an overdue ticket for the
 * escalation job (raised through the intake service, as the API would).
 */
async function startLive(): Promise<() => Promise<void>> {
  const services = await startLocalServices();
  await ensureTable(services.dynamodbEndpoint, TABLE);
  const queues = await ensureQueues(services.sqsEndpoint);
  Object.assign(live, { dynamodb: services.dynamodbEndpoint, sqs: services.sqsEndpoint, escalation: queues.escalation, outbox: queues.outbox });
  Object.assign(process.env, {
    STAGE: 'bench',
    AWS_REGION: LOCAL_REGION,
    TABLE_NAME: TABLE,
    DYNAMODB_ENDPOINT: services.dynamodbEndpoint,
    SQS_ENDPOINT: services.sqsEndpoint,
    ESCALATION_QUEUE_URL: queues.escalation,
    OUTBOX_QUEUE_URL: queues.outbox,
    TOKEN_SIGNING_KEY: SIGNING_KEY,
    POWERTOOLS_METRICS_DISABLED: 'true',
    LOG_LEVEL: 'WARN',
  });
  resetConfig();
  resetWiring();
  const deps = wire();
  const data = { ...demoTenant(), rateLimits: BENCH_RATE_LIMITS };
  await seedTenant(deps.store, deps.refs, data);
  await deps.store.put({ ...FLOOR_KEY, entity: 'BENCH', note: '冷启动基准' });
  live.tenantId = data.tenant.id;
  const signer = new TokenSigner(SIGNING_KEY);
  // the platform with its operator (the platform function's persona), the district registered under it
  await seedTenancy(deps.refs, deps.tenants, data.tenant, data.tenant, new Date());
  for (const user of [...data.users, ...demoPlatform().users]) live.tokens[user.id] = (await signer.signFor(user, Date.now(), 3600)).token;
  const owner = await principalOf(deps, { sub: 'owner-01', ten: data.tenant.id });
  const raise = (title: string) => intake(deps, owner, { title, description: '冷启动基准用的诉求。', category: 'permits', priority: 'normal' }, `bench-live-${title}-${Date.now()}`);
  // one per measured run of each version compared, and one for the discarded warm-up start
  for (let i = 0; i <= runs; i++) live.claimable.push((await raise(`待认领 ${i}`)).ticket.id);
  live.enterpriseId = owner.enterpriseId ?? '';
  const retroTicket = (await raise('复盘用的诉求')).ticket;
  const supervisor = await principalOf(deps, { sub: 'supervisor', ten: data.tenant.id });
  const { retrospective } = await createRetrospective(deps, supervisor, { kind: 'ticket', ticketId: retroTicket.id }, {
    title: '冷启动基准复盘',
    happened: '诉求办理超时，复盘原因。',
    causes: ['流转环节多'],
    findings: [],
    recommendations: [],
    tasks: [],
    unitIds: retroTicket.groupIds.length ? [data.units[0]?.id ?? ''] : [],
  });
  live.retro = { ticketId: retroTicket.id, retroId: retrospective.id };
  // a Tuesday morning days ago: its 2-hour claim clock is long overdue
  pinClock(new Date('2026-11-17T02:00:00.000Z'));
  try {
    const { ticket } = await raise('逾期未认领');
    const job = dueJobs(ticket, new Date().toISOString())[0];
    if (!job) throw new Error('the overdue bench ticket has no due clock');
    live.escalationJob = job;
    live.outboxMessage = effectsOf(ticket, actorOf(owner), [], [
      { event: 'published', audience: ticket.groupIds.map((id) => ({ kind: 'group' as const, id })), title: '新的企业吹哨', body: ticket.title },
    ]).notifications[0];
  } finally {
    pinClock(undefined);
  }
  return async () => {
    resetWiring();
    await services.stop();
  };
}

async function main(): Promise<number> {
  process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= 'true';
  mkdirSync(OUT_DIR, { recursive: true });
  const stopLive = await startLive();
  try {
    return await measureAll();
  } finally {
    await stopLive();
  }
}

async function measureAll(): Promise<number> {
  writeFileSync(RUNNER, RUNNER_SOURCE);
  writeFileSync(TRACER, TRACER_SOURCE);
  const names = (Object.keys(FUNCTIONS) as FunctionName[]).filter((n) => !only || only.includes(n));
  console.log(
    `Lambda bench: ${names.length} functions and the floor, ${runs} cold start(s) each, round robin (median, min); ` +
      `node ${process.version} here, nodejs22.x on Lambda; ` +
      `targets ≤ ${SIZE_TARGET_KB} KB minified, import + first invoke ≤ ${RATIO_TARGET} × the floor's`,
  );
  console.log(
    `${'function'.padEnd(NAME_WIDTH)} ${'bundle'.padStart(9)} ${'gzip'.padStart(8)} ${'import'.padStart(8)} ${'invoke'.padStart(8)} ${'total'.padStart(8)} ${'min'.padStart(8)} ${'÷ floor'.padStart(8)} ${'process'.padStart(8)}  event → outcome; largest inputs`,
  );
  // bundle the floor and every function first, so no build runs beside a cold start; then one discarded cold
  // start, so the first one measured does not also pay for this process settling (its GC, the services' warm-up)
  type Built = Awaited<ReturnType<typeof bundle>> | { missing: string } | { error: string };
  const bundles = new Map<string, Built>();
  const floorEntry = join(OUT_DIR, 'floor-src', 'handler.ts');
  mkdirSync(join(OUT_DIR, 'floor-src'), { recursive: true });
  writeFileSync(floorEntry, FLOOR_SOURCE);
  bundles.set(FLOOR, await bundle(FLOOR, floorEntry).catch((e: unknown) => ({ error: e instanceof Error ? e.message : String(e) })));
  const stackEntry = join(OUT_DIR, 'stack-floor-src', 'handler.ts');
  mkdirSync(join(OUT_DIR, 'stack-floor-src'), { recursive: true });
  writeFileSync(stackEntry, STACK_FLOOR_SOURCE);
  bundles.set(STACK_FLOOR, await bundle('stack-floor', stackEntry).catch((e: unknown) => ({ error: e instanceof Error ? e.message : String(e) })));
  for (const name of names) {
    const entry = entryPath(FUNCTIONS[name], join(REPO_ROOT, 'functions/src/handlers'));
    if (!existsSync(entry)) bundles.set(name, { missing: relative(REPO_ROOT, entry) });
    else bundles.set(name, await bundle(name, entry).catch((e: unknown) => ({ error: e instanceof Error ? e.message : String(e) })));
  }
  const eventOf = (name: string, run: number) =>
    name === FLOOR
      ? { event: {}, label: `GetItem ${FLOOR_KEY.pk}` }
      : name === STACK_FLOOR
        ? { event: { headers: { authorization: `Bearer ${live.tokens.supervisor}` } }, label: `token, GetItem ${FLOOR_KEY.pk}` }
        : eventFor(name as FunctionName, run);
  const first = names.find((n) => { const b = bundles.get(n); return b !== undefined && 'outfile' in b; });
  const firstBundle = first ? bundles.get(first) : undefined;
  if (first && firstBundle && 'outfile' in firstBundle) {
    const warmEvent = join(OUT_DIR, first, 'event-warm.json');
    // event index past every measured one (its own claimable ticket, its own Idempotency-Key)
    writeFileSync(warmEvent, JSON.stringify(eventFor(first, runs).event));
    await coldStart(first, firstBundle.outfile, warmEvent).catch(() => undefined);
  }

  // round robin: run i of the floor and of every function, then run i + 1. This VM's speed drifts over
  // minutes; taking one function's runs back to back would hand a slow minute to whichever function it
  // fell on. The floor goes between every few functions, so each is compared with a floor of its minute
  const results = new Map<string, Run[]>();
  const startFailed = new Map<string, string>();
  const order: string[] = [];
  names.forEach((n, j) => {
    if (j % 4 === 0) order.push(FLOOR);
    order.push(n);
  });
  order.splice(1, 0, STACK_FLOOR);
  // each run of a function is divided by the floor's run just before it (at most four cold starts earlier)
  const floorBefore = new Map<string, number[]>();
  let lastFloor: number | undefined;
  for (let i = 0; i < runs; i++) {
    for (const name of order) {
      const b = bundles.get(name);
      if (!b || !('outfile' in b) || startFailed.has(name)) continue;
      try {
        const eventFile = join(OUT_DIR, name === STACK_FLOOR ? 'stack-floor' : name, `event-${i}.json`);
        writeFileSync(eventFile, JSON.stringify(eventOf(name, i).event));
        const run = await coldStart(name, b.outfile, eventFile);
        results.set(name, [...(results.get(name) ?? []), run]);
        if (name === FLOOR) lastFloor = run.importMs + run.invokeMs;
        floorBefore.set(name, [...(floorBefore.get(name) ?? []), lastFloor ?? Number.NaN]);
      } catch (e) {
        startFailed.set(name, e instanceof Error ? e.message : String(e));
      }
    }
  }

  const floorRuns = results.get(FLOOR) ?? [];
  const floorMs = floorRuns.length > 0 ? median(floorRuns.map((r) => r.importMs + r.invokeMs)) : undefined;
  const rows: Row[] = [];
  const reference = (name: string) => name === FLOOR || name === STACK_FLOOR;
  for (const name of [FLOOR, STACK_FLOOR, ...names]) {
    const b = bundles.get(name);
    if (!b || 'missing' in b) {
      const missing = b && 'missing' in b ? b.missing : name;
      console.log(`${name.padEnd(NAME_WIDTH)} MISSING entry ${missing}`);
      if (!reference(name)) rows.push({ name: name as FunctionName, missing });
      continue;
    }
    const error = 'error' in b ? b.error : startFailed.get(name);
    const runsOf = results.get(name) ?? [];
    if (error !== undefined || !('outfile' in b) || runsOf.length === 0) {
      console.log(`${name.padEnd(NAME_WIDTH)} ERROR ${error ?? 'no run'}`);
      if (!reference(name)) rows.push({ name: name as FunctionName, error: error ?? 'no run' });
      continue;
    }
    const imp = median(runsOf.map((r) => r.importMs));
    const inv = median(runsOf.map((r) => r.invokeMs));
    const total = median(runsOf.map((r) => r.importMs + r.invokeMs));
    const best = Math.min(...runsOf.map((r) => r.importMs + r.invokeMs));
    const proc = median(runsOf.map((r) => r.processMs));
    // paired: the median over the runs of (this run ÷ the floor's run beside it), so a slow minute of the VM slows both
    const pairs = runsOf.map((r, k) => (r.importMs + r.invokeMs) / (floorBefore.get(name)?.[k] ?? Number.NaN)).filter((x) => Number.isFinite(x));
    const ratio = pairs.length ? median(pairs) : undefined;
    const kb = b.bytes / 1024;
    const flag = reference(name) ? '' : (kb > SIZE_TARGET_KB ? ' SIZE>' : '') + (ratio !== undefined && ratio > RATIO_TARGET ? ' SLOW>' : '');
    console.log(
      `${name.padEnd(NAME_WIDTH)} ${`${kb.toFixed(0)} KB`.padStart(9)} ${`${(b.gzipBytes / 1024).toFixed(0)} KB`.padStart(8)} ` +
        `${`${imp.toFixed(0)} ms`.padStart(8)} ${`${inv.toFixed(0)} ms`.padStart(8)} ${`${total.toFixed(0)} ms`.padStart(8)} ` +
        `${`${best.toFixed(0)} ms`.padStart(8)} ${(ratio === undefined ? '?' : `${ratio.toFixed(2)}×`).padStart(8)} ${`${proc.toFixed(0)} ms`.padStart(8)}  ` +
        `${eventOf(name, 0).label} → ${[...new Set(runsOf.map((r) => r.outcome))].join(' / ')}; ${b.top}${flag}`,
    );
    if (!reference(name)) rows.push({ name: name as FunctionName, kb, total, ...(ratio !== undefined ? { ratio } : {}) });
  }

  const measured = rows.filter((r) => r.kb !== undefined && r.total !== undefined);
  const missing = rows.filter((r) => r.missing);
  const errors = rows.filter((r) => r.error);
  const overSize = measured.filter((r) => (r.kb ?? 0) > SIZE_TARGET_KB);
  const slow = measured.filter((r) => r.ratio === undefined || r.ratio > RATIO_TARGET);
  const max = (f: (r: Row) => number) => measured.reduce((m, r) => Math.max(m, f(r)), 0);
  console.log(
    `summary: floor ${floorMs === undefined ? 'not measured' : `${floorMs.toFixed(0)} ms`}; ${measured.length}/${rows.length} measured; largest bundle ${max((r) => r.kb ?? 0).toFixed(0)} KB` +
      ` (${overSize.length} over ${SIZE_TARGET_KB} KB${overSize.length ? `: ${overSize.map((r) => r.name).join(', ')}` : ''});` +
      ` slowest cold start ${max((r) => r.total ?? 0).toFixed(0)} ms = ${max((r) => r.ratio ?? 0).toFixed(2)}× the floor` +
      ` (${slow.length} over ${RATIO_TARGET}×${slow.length ? `: ${slow.map((r) => r.name).join(', ')}` : ''})` +
      (missing.length ? `; MISSING entries: ${missing.map((r) => r.missing).join(', ')}` : '') +
      (errors.length ? `; ERRORS: ${errors.map((r) => r.name).join(', ')}` : ''),
  );
  const failed = overSize.length + slow.length + missing.length + errors.length > 0 || floorMs === undefined;
  return strict && failed ? 1 : errors.length > 0 || floorMs === undefined ? 1 : 0;
}

process.exitCode = await main();
