/**
 * Lambda bundle size and cold-start benchmark: `npx tsx tests/bench/lambda.ts`
 * (`--runs N` cold starts per function, default 5, taken round robin across
 * the functions, median and best reported;
 * `--only a,b` some functions; `--strict` exits 1 when a target is missed or
 * an entry is missing; `--cpu-prof <dir>` writes a V8 CPU profile of each cold
 * start there (open it in Chrome DevTools; it slows the start a little); `--against <dir>` measures another checkout, e.g.
 * `git worktree add /tmp/before <commit>`, alternately with this one).
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
 * Targets: bundle ≤ 500 KB minified; import + first invoke ≤ 150 ms.
 * Bundles land in node_modules/.cache/whistle-bench/lambda/<fn>/: ignored by
 * git and eslint, and bundles that leave the SDK external still resolve it
 * from the repo's node_modules.
 */
import { spawn } from 'node:child_process';
import { actorOf, ROUTES, type RouteDef } from '@whistle/shared';
import { pinClock } from '../../functions/src/adapters/time.js';
import { TokenSigner } from '../../functions/src/adapters/tokens.js';
import { resetConfig } from '../../functions/src/config.js';
import type { EscalationJob, OutboxMessage } from '../../functions/src/ports.js';
import { dueJobs, effectsOf } from '@whistle/shared';
import { principalOf } from '../../functions/src/services/principal.js';
import { intake } from '../../functions/src/services/tickets.js';
import { resetWiring, wire } from '../../functions/src/wiring.js';
import { demoTenant } from '../../functions/src/local/demo-data.js';
import { seedTenant } from '../../functions/src/local/seed.js';
import { toSqsRecord } from '../../functions/src/local/sqs-poller.js';
import { ensureQueues, ensureTable, LOCAL_REGION, startLocalServices } from '../../functions/src/local/services.js';
import { existsSync, mkdirSync, rmSync, statSync, writeFileSync, readFileSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { gzipSync } from 'node:zlib';
import { build, type Metafile } from 'esbuild';
import { esbuildOptions, LAMBDA_BUNDLING, externalModules } from '../../infra/lib/bundling.js';
import { FUNCTIONS, REPO_ROOT, entryPath, isHttpFunction, type FunctionName } from '../../infra/lib/topology.js';

const SIZE_TARGET_KB = 500;
const COLD_TARGET_MS = 150;
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
  /** a published ticket per cold start of `claim` (each run claims its own) */
  claimable: [] as string[],
  /** an escalation job that is due (a ticket raised days ago, never claimed) */
  escalationJob: undefined as EscalationJob | undefined,
  /** the notification intake sent for that ticket */
  outboxMessage: undefined as OutboxMessage | undefined,
};
const TABLE = 'whistle-bench';
const SIGNING_KEY = 'bench-signing-key-not-a-secret-0123456789abcdef';

// ── arguments ───────────────────────────────────────────────────────────────
const args = process.argv.slice(2);
const argValue = (name: string): string | undefined => {
  const i = args.indexOf(name);
  return i >= 0 ? args[i + 1] : undefined;
};
const runs = Math.max(1, Number(argValue('--runs') ?? 5));
const only = argValue('--only')?.split(',').map((s) => s.trim());
const strict = args.includes('--strict');
/**
 * `--against <dir>`: another checkout of this repo (e.g. `git worktree add /tmp/before <commit>`),
 * bundled with its own bundling settings and measured alternately with this one: on a VM whose speed
 * drifts, only runs taken side by side compare two versions.
 */
const againstArg = argValue('--against');
const NAME_WIDTH = againstArg ? 22 : 12;
const cpuProfDir = argValue('--cpu-prof');

// ── events ──────────────────────────────────────────────────────────────────
const ACCOUNT = '000000000000';
const REGION = 'ap-southeast-1';

/**
 * The request a function's cold start serves: one that succeeds, as a real
 * first request would, from the persona who would send it.
 */
const BENCH_REQUESTS: Partial<Record<FunctionName, { route: string; user: string; body?: (run: number) => unknown; params?: (run: number) => Record<string, string>; headers?: (run: number) => Record<string, string> }>> = {
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
  admin: { route: 'GET /api/admin/calendar/{year}', user: 'admin', params: () => ({ year: '2026' }) },
  // deployed only where dev routes are on (BENCH runs it so)
  dev: { route: 'POST /api/dev/clock', user: 'admin', body: () => ({ now: null }) },
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
    rawQueryString: '',
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
  if (spec.schedule) return { event: scheduledEvent(spec.schedule.name), label: 'Scheduled Event' };
  return { event: {}, label: '{}' };
}

// ── bundling, as the stack does ─────────────────────────────────────────────
interface BundleSettings {
  settings: typeof LAMBDA_BUNDLING;
  /** modules left to the runtime */
  external: string[];
  /** NODE_OPTIONS its functions run with (older checkouts set --enable-source-maps) */
  nodeOptions: string;
  aliases: Record<string, string>;
  /** where bare imports resolve from (a worktree has no node_modules of its own) */
  nodePaths: string[];
  suffix: string;
}

const thisCheckout = (): BundleSettings => ({ settings: LAMBDA_BUNDLING, external: externalModules(), nodeOptions: '', aliases: {}, nodePaths: [], suffix: '' });

async function otherCheckout(root: string): Promise<BundleSettings> {
  const mod = (await import(pathToFileURL(join(root, 'infra/lib/bundling.ts')).href)) as {
    LAMBDA_BUNDLING: typeof LAMBDA_BUNDLING;
    externalModules: typeof externalModules;
    /** older checkouts aliased modules too */
    bundleAliases?: (root: string) => Record<string, string>;
    LAMBDA_NODE_OPTIONS?: string;
  };
  return {
    settings: mod.LAMBDA_BUNDLING,
    external: mod.externalModules(),
    nodeOptions: mod.LAMBDA_NODE_OPTIONS ?? '',
    // its own shared package, not this checkout's (which the workspace link in node_modules points to)
    aliases: { ...mod.bundleAliases?.(root), '@whistle/shared': join(root, 'shared/src/index.ts') },
    nodePaths: [join(REPO_ROOT, 'node_modules')],
    suffix: '@against',
  };
}

async function bundle(name: FunctionName, entry: string, checkout: BundleSettings = thisCheckout()) {
  const b = checkout.settings;
  const dir = join(OUT_DIR, `${name}${checkout.suffix}`);
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(dir, { recursive: true });
  const outfile = join(dir, b.outFile);
  const result = await build({
    ...esbuildOptions(b),
    entryPoints: [entry],
    outfile,
    external: checkout.external,
    alias: checkout.aliases,
    nodePaths: checkout.nodePaths,
    absWorkingDir: REPO_ROOT,
    metafile: true,
    logLevel: 'error',
  });
  const code = readFileSync(outfile);
  return { outfile, bytes: statSync(outfile).size, gzipBytes: gzipSync(code).length, top: topInputs(result.metafile) };
}

/** the three largest contributors to the bundle, by package (or repo folder) */
function topInputs(meta: Metafile): string {
  const by = new Map<string, number>();
  for (const output of Object.values(meta.outputs)) {
    for (const [input, { bytesInOutput }] of Object.entries(output.inputs)) {
      // a checkout outside this repo (`--against`) shows as repo paths too
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
process.stderr.write('\\n__BENCH__' + JSON.stringify({ importMs: t1 - t0, invokeMs: t2 - t1, outcome }) + '\\n');
process.exit(0);
`;

interface Run {
  importMs: number;
  invokeMs: number;
  outcome: string;
  processMs: number;
}

function coldStart(name: FunctionName, outfile: string, eventFile: string, nodeOptions: string): Promise<Run> {
  const spec = FUNCTIONS[name];
  const env: NodeJS.ProcessEnv = {
    PATH: process.env.PATH,
    HOME: process.env.HOME,
    NODE_OPTIONS: nodeOptions,
    AWS_REGION: REGION,
    AWS_DEFAULT_REGION: REGION,
    AWS_ACCESS_KEY_ID: 'bench',
    AWS_SECRET_ACCESS_KEY: 'bench',
    AWS_EC2_METADATA_DISABLED: 'true',
    AWS_LAMBDA_FUNCTION_NAME: `whistle-bench-${name}`,
    AWS_LAMBDA_FUNCTION_MEMORY_SIZE: String(spec.memoryMb),
    STAGE: 'bench',
    TABLE_NAME: TABLE,
    ESCALATION_QUEUE_URL: live.escalation,
    OUTBOX_QUEUE_URL: live.outbox,
    DYNAMODB_ENDPOINT: live.dynamodb,
    SQS_ENDPOINT: live.sqs,
    // the dev function is deployed only where dev routes are on
    DEV_ROUTES: name === 'dev' ? 'true' : 'false',
    // locally (never on AWS) the key comes from the environment instead of SSM
    TOKEN_SIGNING_KEY: SIGNING_KEY,
    WECHAT_APP_ID: 'wx0000000000000000',
    LOG_LEVEL: 'WARN',
    POWERTOOLS_SERVICE_NAME: 'whistle',
    POWERTOOLS_METRICS_NAMESPACE: 'Whistle/bench',
    POWERTOOLS_DEV: 'false',
  };
  const profile = cpuProfDir ? ['--cpu-prof', '--cpu-prof-dir', resolve(cpuProfDir), '--cpu-prof-name', `${name}-${Date.now()}.cpuprofile`] : [];
  return new Promise((resolve, reject) => {
    const started = performance.now();
    const child = spawn(process.execPath, [...profile, RUNNER, outfile, eventFile, name], { env, stdio: ['ignore', 'ignore', 'pipe'] });
    let stderr = '';
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    const timer = setTimeout(() => child.kill('SIGKILL'), 30_000);
    child.on('error', reject);
    child.on('close', (code) => {
      clearTimeout(timer);
      const line = stderr.split('\n').find((l) => l.startsWith('__BENCH__'));
      if (!line) {
        reject(new Error(`exit ${code}: ${stderr.trim().split('\n').slice(-5).join(' | ')}`));
        return;
      }
      const r = JSON.parse(line.slice('__BENCH__'.length)) as Omit<Run, 'processMs'>;
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
  const data = demoTenant();
  await seedTenant(deps.store, deps.refs, data);
  live.tenantId = data.tenant.id;
  const signer = new TokenSigner(SIGNING_KEY);
  for (const user of data.users) live.tokens[user.id] = signer.sign({ sub: user.id, ten: data.tenant.id, roles: user.roles }, Date.now(), 3600).token;
  const owner = await principalOf(deps, { sub: 'owner-01', ten: data.tenant.id });
  const raise = (title: string) => intake(deps, owner, { title, description: '冷启动基准用的诉求。', category: 'permits', priority: 'normal' }, `bench-live-${title}-${Date.now()}`);
  // one per measured run of each version compared, and one for the discarded warm-up start
  for (let i = 0; i <= (againstArg ? 2 : 1) * runs; i++) live.claimable.push((await raise(`待认领 ${i}`)).ticket.id);
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
  const names = (Object.keys(FUNCTIONS) as FunctionName[]).filter((n) => !only || only.includes(n));
  console.log(
    `Lambda bench: ${names.length} functions, ${runs} cold start(s) each (median, min); ` +
      `node ${process.version} here, nodejs22.x on Lambda; ` +
      `targets ≤ ${SIZE_TARGET_KB} KB minified, ≤ ${COLD_TARGET_MS} ms import + first invoke`,
  );
  console.log(
    `${'function'.padEnd(NAME_WIDTH)} ${'bundle'.padStart(9)} ${'gzip'.padStart(8)} ${'import'.padStart(8)} ${'invoke'.padStart(8)} ${'total'.padStart(8)} ${'min'.padStart(8)} ${'process'.padStart(8)}  event → outcome; largest inputs`,
  );
  // bundle every function first, so no build runs beside a cold start; then one discarded cold start, so
  // the first function measured does not also pay for this process settling (its GC, the services' warm-up)
  type Built = Awaited<ReturnType<typeof bundle>> | { missing: string } | { error: string };
  const variants: Array<{ label: string; root: string; checkout: BundleSettings; bundles: Map<FunctionName, Built> }> = [
    { label: '', root: REPO_ROOT, checkout: thisCheckout(), bundles: new Map() },
  ];
  if (againstArg) {
    const root = resolve(againstArg);
    variants.push({ label: ' (against)', root, checkout: await otherCheckout(root), bundles: new Map() });
    console.log(`against ${root}: each function's runs alternate with this checkout's`);
  }
  for (const v of variants) {
    for (const name of names) {
      const entry = entryPath(FUNCTIONS[name], join(v.root, 'functions/src/handlers'));
      if (!existsSync(entry)) v.bundles.set(name, { missing: relative(v.root, entry) });
      else v.bundles.set(name, await bundle(name, entry, v.checkout).catch((e: unknown) => ({ error: e instanceof Error ? e.message : String(e) })));
    }
  }
  const first = names.find((n) => { const b = variants[0]?.bundles.get(n); return b !== undefined && 'outfile' in b; });
  const firstBundle = first ? variants[0]?.bundles.get(first) : undefined;
  if (first && firstBundle && 'outfile' in firstBundle) {
    const warmEvent = join(OUT_DIR, first, 'event-warm.json');
    // event index past every measured one (its own claimable ticket, its own Idempotency-Key)
    writeFileSync(warmEvent, JSON.stringify(eventFor(first, variants.length * runs).event));
    await coldStart(first, firstBundle.outfile, warmEvent, variants[0]?.checkout.nodeOptions ?? '').catch(() => undefined);
  }

  // round robin: run i of every function, then run i + 1. This VM's speed drifts over minutes, and taking
  // one function's runs back to back would hand a slow minute to whichever function it fell on. With
  // `--against`, the two versions of a function alternate, in turn first
  const results = new Map<string, Run[]>();
  const startFailed = new Map<string, string>();
  for (let i = 0; i < runs; i++) {
    for (const name of names) {
      const order = i % 2 === 0 ? variants : [...variants].reverse();
      for (const v of order) {
        const key = `${name}${v.label}`;
        const b = v.bundles.get(name);
        if (!b || !('outfile' in b) || startFailed.has(key)) continue;
        const eventIndex = variants.indexOf(v) * runs + i;
        try {
          const eventFile = join(OUT_DIR, `${name}${v.checkout.suffix}`, `event-${i}.json`);
          writeFileSync(eventFile, JSON.stringify(eventFor(name, eventIndex).event));
          results.set(key, [...(results.get(key) ?? []), await coldStart(name, b.outfile, eventFile, v.checkout.nodeOptions)]);
        } catch (e) {
          startFailed.set(key, e instanceof Error ? e.message : String(e));
        }
      }
    }
  }

  const rows: Row[] = [];
  for (const name of names) {
    for (const v of variants) {
      const key = `${name}${v.label}`;
      const b = v.bundles.get(name);
      if (!b || 'missing' in b) {
        const missing = b && 'missing' in b ? b.missing : name;
        console.log(`${key.padEnd(NAME_WIDTH)} MISSING entry ${missing}`);
        if (v.label === '') rows.push({ name, missing });
        continue;
      }
      const error = 'error' in b ? b.error : startFailed.get(key);
      const runsOf = results.get(key) ?? [];
      if (error !== undefined || !('outfile' in b) || runsOf.length === 0) {
        console.log(`${key.padEnd(NAME_WIDTH)} ERROR ${error ?? 'no run'}`);
        if (v.label === '') rows.push({ name, error: error ?? 'no run' });
        continue;
      }
      const imp = median(runsOf.map((r) => r.importMs));
      const inv = median(runsOf.map((r) => r.invokeMs));
      const total = median(runsOf.map((r) => r.importMs + r.invokeMs));
      const best = Math.min(...runsOf.map((r) => r.importMs + r.invokeMs));
      const proc = median(runsOf.map((r) => r.processMs));
      const kb = b.bytes / 1024;
      const flag = (kb > SIZE_TARGET_KB ? ' SIZE>' : '') + (total > COLD_TARGET_MS ? ' SLOW>' : '');
      console.log(
        `${key.padEnd(NAME_WIDTH)} ${`${kb.toFixed(0)} KB`.padStart(9)} ${`${(b.gzipBytes / 1024).toFixed(0)} KB`.padStart(8)} ` +
          `${`${imp.toFixed(0)} ms`.padStart(8)} ${`${inv.toFixed(0)} ms`.padStart(8)} ${`${total.toFixed(0)} ms`.padStart(8)} ` +
          `${`${best.toFixed(0)} ms`.padStart(8)} ${`${proc.toFixed(0)} ms`.padStart(8)}  ${eventFor(name, 0).label} → ${[...new Set(runsOf.map((r) => r.outcome))].join(' / ')}; ${b.top}${flag}`,
      );
      // the targets are judged on this checkout
      if (v.label === '') rows.push({ name, kb, total });
    }
  }

  const measured = rows.filter((r) => r.kb !== undefined && r.total !== undefined);
  const missing = rows.filter((r) => r.missing);
  const errors = rows.filter((r) => r.error);
  const overSize = measured.filter((r) => (r.kb ?? 0) > SIZE_TARGET_KB);
  const slow = measured.filter((r) => (r.total ?? 0) > COLD_TARGET_MS);
  const max = (f: (r: Row) => number) => measured.reduce((m, r) => Math.max(m, f(r)), 0);
  console.log(
    `summary: ${measured.length}/${rows.length} measured; largest bundle ${max((r) => r.kb ?? 0).toFixed(0)} KB` +
      ` (${overSize.length} over ${SIZE_TARGET_KB} KB${overSize.length ? `: ${overSize.map((r) => r.name).join(', ')}` : ''});` +
      ` slowest cold start ${max((r) => r.total ?? 0).toFixed(0)} ms` +
      ` (${slow.length} over ${COLD_TARGET_MS} ms${slow.length ? `: ${slow.map((r) => r.name).join(', ')}` : ''})` +
      (missing.length ? `; MISSING entries: ${missing.map((r) => r.missing).join(', ')}` : '') +
      (errors.length ? `; ERRORS: ${errors.map((r) => r.name).join(', ')}` : ''),
  );
  const failed = overSize.length + slow.length + missing.length + errors.length > 0;
  return strict && failed ? 1 : errors.length > 0 ? 1 : 0;
}

process.exitCode = await main();
