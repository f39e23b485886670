// the local stack serves every function: every optional port wired
import '../wiring/assessment.js';
import '../wiring/races.js';
import '../wiring/visits.js';
import '../wiring/retrospectives.js';
import '../wiring/common-issues.js';
import '../wiring/holders.js';
import '../wiring/policies.js';
import '../wiring/imports.js';
import '../wiring/import-queue.js';
import '../wiring/queue.js';
import '../wiring/tokens.js';
import '../wiring/wechat.js';
import '../wiring/tenants.js';
import '../wiring/secrets.js';
import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { randomBytes } from 'node:crypto';
import { join } from 'node:path';
import { GetQueueAttributesCommand } from '@aws-sdk/client-sqs';
import type { Server } from 'node:http';
import { resetConfig } from '../config.js';
import { FUNCTIONS, QUEUES, type FunctionName, type QueueName } from '../topology.js';
import { resetWiring, wire } from '../wiring.js';
import { demoDutyRoster, demoTenant } from './demo-data.js';
import { HISTORY_WEEKS, loadDemoHistory, storeHistoryMarker } from './demo-history.js';
import { startGateway } from './gateway.js';
import { registerLocalRuntime } from '../dev-controls.js';
import { LocalScheduler, type Schedule } from './scheduler.js';
import { seedDemoRaces } from './race-seed.js';
import { seedDemoVisits, storeVisitMarker } from './visit-seed.js';
import { seedDemoCommonIssueRetrospective, seedDemoRetrospective, storeCommonIssueRetrospectiveMarker, storeRetrospectiveMarker } from './retrospective-seed.js';
import { seedDemoCommonIssues, storeCommonIssueMarker } from './common-issue-seed.js';
import { seedDemoPolicies, storePolicyMarker } from './policy-seed.js';
import { seedDemoAudit } from './audit-seed.js';
import { seedDemoInvitations } from './invitation-seed.js';
import { seedDemoImports, storeImportMarker } from './import-seed.js';
import { loadDemoAssessment, storeMarker } from './demo-assessment.js';
import { seedTenant } from './seed.js';
import { secondDistrict, SECOND_DISTRICT_SHAPE, seedTenancy } from './demo-tenancy.js';
import { StagedWrites } from './staged-writes.js';
import { ensureQueues, ensureTable, LOCAL_REGION, localSqsClient, startLocalServices } from './services.js';
import { SqsPoller } from './sqs-poller.js';
import { startWechatDouble } from './wechat-double.js';

export interface LocalStackOptions {
  port: number;
  /** where dynalite keeps its LevelDB files and the stack its signing key */
  dataDir: string;
  host?: string;
  seed?: boolean;
  /** with the seed, ~3 months of the demo district's history (default true; loaded once) */
  history?: boolean;
  /** the H5 build to serve at `/` */
  h5Dir?: string;
  /** run the schedules on their timers (tests drive them through the dev route instead) */
  timers?: boolean;
  log?: (line: string) => void;
}

export interface LocalStack {
  url: string;
  stop(): Promise<void>;
}

export class PortInUseError extends Error {
  readonly code = 'PORT_IN_USE';
  constructor(readonly port: number, cause: unknown) {
    super(`port ${port} is already in use`, { cause });
    this.name = 'PortInUseError';
  }
}

const TABLE_NAME = 'whistle';
/** the local table's name (scripts/create-tenant.ts writes to it) */
export const LOCAL_TABLE_NAME = TABLE_NAME;
/** where a running stack leaves its dynalite endpoint, so the CLI (scripts/create-tenant.ts) writes through it */
export const localEndpointFile = (dataDir: string): string => join(dataDir, 'dynamodb.endpoint');

/** The signing key of local tokens: made once per data folder, so sign-ins survive a restart. */
function localSigningKey(dataDir: string): string {
  const file = join(dataDir, 'token-signing-key');
  if (existsSync(file)) return readFileSync(file, 'utf8').trim();
  const key = randomBytes(32).toString('hex');
  writeFileSync(file, key, { mode: 0o600 });
  return key;
}

const importHandler = <T>(fn: FunctionName) => () =>
  import(`../handlers/${FUNCTIONS[fn].entry}.ts`).then((m: { handler: T }) => m.handler);

/**
 * The whole system on one machine: dynalite (persisted), fauxqs, the local
 * gateway in front of the real handlers, SQS pollers for the consumers, a timer
 * for the schedules, and the demo district loaded once.
 */
export async function startLocalStack(opts: LocalStackOptions): Promise<LocalStack> {
  const log = opts.log ?? (() => undefined);
  mkdirSync(opts.dataDir, { recursive: true });
  const services = await startLocalServices({ dataDir: join(opts.dataDir, 'dynamodb') });
  const cleanup: Array<() => Promise<void>> = [() => services.stop()];
  const stop = async () => {
    registerLocalRuntime(undefined);
    for (const f of cleanup.reverse()) await f();
  };
  try {
    await ensureTable(services.dynamodbEndpoint, TABLE_NAME);
    writeFileSync(localEndpointFile(opts.dataDir), services.dynamodbEndpoint);
    cleanup.push(async () => rmSync(localEndpointFile(opts.dataDir), { force: true }));
    const queues = await ensureQueues(services.sqsEndpoint);
    // WeChat without an AppID: the double answers sign-in and subscribe messages as WeChat does (consents counted),
    // and `POST /api/dev/wechat-code` hands the H5 login page a code for a test openid
    const wechat = await startWechatDouble({ appId: 'wx-local-double', secret: randomBytes(16).toString('hex'), enforceConsents: true });
    cleanup.push(() => wechat.close());
    Object.assign(process.env, {
      STAGE: 'local',
      AWS_REGION: LOCAL_REGION,
      TABLE_NAME,
      DYNAMODB_ENDPOINT: services.dynamodbEndpoint,
      SQS_ENDPOINT: services.sqsEndpoint,
      ESCALATION_QUEUE_URL: queues.escalation,
      OUTBOX_QUEUE_URL: queues.outbox,
      IMPORTER_QUEUE_URL: queues.importer,
      TOKEN_SIGNING_KEY: localSigningKey(opts.dataDir),
      DEV_ROUTES: 'true',
      // explicitly local: the dev routes are on only where the stack says so (config.ts devRoutesOn)
      WHISTLE_LOCAL: 'true',
      POWERTOOLS_METRICS_DISABLED: 'true',
      WECHAT_APP_ID: wechat.appId,
      WECHAT_APP_SECRET: wechat.secret,
      WECHAT_API_BASE_URL: wechat.baseUrl,
      // the deployment's default templates (an admin may set the tenant's own: PUT /api/wechat/templates)
      WECHAT_TEMPLATES: JSON.stringify({ claimed: 'local-tmpl-claimed', replied: 'local-tmpl-replied', resolved: 'local-tmpl-resolved', rated: 'local-tmpl-rated' }),
    });
    resetConfig();
    resetWiring();
    const deps = wire();
    if (opts.seed !== false) {
      const district = demoTenant();
      const seeded = await seedTenant(deps.store, deps.refs, district);
      log(seeded === 'seeded' ? 'demo district loaded (清溪区)' : 'demo district already present');
      if (opts.history !== false) {
        // the weeks before now, lived through the domain code: a newcomer finds every page with something on it
        const t0 = Date.now();
        try {
          // written behind, then flushed in batches: the same items as commit by commit, a fraction of the writes
          const staged = new StagedWrites(deps.store, deps);
          const history = await loadDemoHistory(
            { tickets: staged.tickets, notices: staged.notices, outbox: staged.outbox, settings: deps.settings, refs: deps.refs, historyMarker: storeHistoryMarker(deps.store), flush: () => staged.flush() },
            district,
            deps.clock.now(),
          );
          log(
            history.state === 'loaded'
              ? `demo history loaded: ${history.tickets} requests and ${history.notices} supervision notices over the ${HISTORY_WEEKS} weeks before ${history.anchor} (${((Date.now() - t0) / 1000).toFixed(1)} s)`
              : 'demo history already present',
          );
        } catch (e) {
          // the district works without it: say so and go on
          log(`demo history not loaded: ${e instanceof Error ? e.message : String(e)}`);
        }
      }
      // many tenants: the platform and a province with their personas, and a second, smaller district under the province
      const second = secondDistrict();
      await seedTenant(deps.store, deps.refs, second);
      await seedTenancy(deps.refs, deps.tenants, district.tenant, second.tenant, deps.clock.now());
      // the quarterly race: last quarter's closed with its tally, this quarter's open (once; a data folder seeded before races existed gets them on its next start)
      if ((await seedDemoRaces(deps.races, deps.store, district)) === 'seeded') log('demo races loaded (2026-Q3 closed, 2026-Q4 open)');
      // two months of grid visits before the history's anchor, the requests grid officers raised linked to their visits (once)
      if (opts.history !== false) {
        try {
          const history = await storeHistoryMarker(deps.store).read(district.tenant.id);
          if (history?.state === 'done') {
            const visits = await seedDemoVisits(deps, storeVisitMarker(deps.store, district.tenant.id), district, history.anchor);
            if (visits.state === 'seeded') log(`demo visits loaded (${visits.visits} visits over the two months before ${history.anchor})`);
            // a retrospective (典型问题复盘) on a late, resolved request of the history
            if ((await seedDemoRetrospective(deps, storeRetrospectiveMarker(deps.store, district.tenant.id), district.tenant.id, history.anchor)) === 'seeded') {
              log('demo retrospective opened (典型问题复盘 on a late, resolved request)');
            }
            // common issues (共性问题) from the history's own clusters: one solved, one in progress, the rest waiting as suggestions
            if ((await seedDemoCommonIssues(deps, storeCommonIssueMarker(deps.store, district.tenant.id), district.tenant.id)) === 'seeded') {
              log('demo common issues loaded (共性问题: one solved, one in progress, suggestions waiting)');
            }
            // a retrospective on the solved common issue (after the common issues: it needs one solved)
            if ((await seedDemoCommonIssueRetrospective(deps, storeCommonIssueRetrospectiveMarker(deps.store, district.tenant.id), district.tenant.id)) === 'seeded') {
              log('demo retrospective on the solved common issue opened (典型问题复盘 on 共性问题)');
            }
          }
        } catch (e) {
          log(`demo visits not loaded: ${e instanceof Error ? e.message : String(e)}`);
        }
      }
      // the policy supermarket: ~40 policies, their pushes in the owners' inboxes, two consultations (once)
      try {
        if ((await seedDemoPolicies(deps, storePolicyMarker(deps.store, district.tenant.id), district, deps.clock.now())) === 'seeded') log('demo policies loaded (政策超市: 41 policies, pushed to the owners)');
      } catch (e) {
        log(`demo policies not loaded: ${e instanceof Error ? e.message : String(e)}`);
      }
      // the admin's audit trail: a few changes before the first start, so the trail opens on something
      await seedDemoAudit(deps.audit, deps.store, district, deps.clock.now());
      // a few people invited and not bound yet: the invitations page opens on them
      if ((await seedDemoInvitations(deps, deps.store, district)) === 'seeded') log('demo invitations issued (4 people, pending)');
      // an import job the admin ran (three township officers from the users template): the imports list is not empty
      try {
        if ((await seedDemoImports(deps, storeImportMarker(deps.store, district.tenant.id), district)) === 'seeded') log('demo import started (3 officers from the users template)');
      } catch (e) {
        log(`demo import not loaded: ${e instanceof Error ? e.message : String(e)}`);
      }
      // the assessment of what is there: aggregates, entered scores, a few disputes (once). In the background:
      // the stack answers at once and the ranking fills within seconds (a stop cuts it short; the next start redoes it)
      const stopAssessment = new AbortController();
      const t1 = Date.now();
      const assessing = loadDemoAssessment(deps, storeMarker(deps.store, district.tenant.id), district.tenant.id, deps.clock.now().toISOString(), stopAssessment.signal)
        .then((state) => {
          if (state === 'seeded') log(`demo assessment loaded (${((Date.now() - t1) / 1000).toFixed(1)} s)`);
        })
        .catch((e: unknown) => log(`demo assessment not loaded: ${e instanceof Error ? e.message : String(e)}`));
      // the second district's history, then its assessment, after the demo district's (in the background; skipped once stopping)
      const loadSecondHistory = async () => {
        if (opts.history === false) return;
        const staged = new StagedWrites(deps.store, deps);
        const history = await loadDemoHistory(
          { tickets: staged.tickets, notices: staged.notices, outbox: staged.outbox, settings: deps.settings, refs: deps.refs, historyMarker: storeHistoryMarker(deps.store), flush: () => staged.flush() },
          second,
          deps.clock.now(),
          SECOND_DISTRICT_SHAPE,
        );
        if (history.state === 'loaded') log(`second district loaded (${second.tenant.name}: ${history.tickets} requests)`);
      };
      const assessingSecond = assessing
        .then(async () => {
          if (stopAssessment.signal.aborted) return;
          await loadSecondHistory();
          if (stopAssessment.signal.aborted) return;
          await loadDemoAssessment(deps, storeMarker(deps.store, second.tenant.id), second.tenant.id, deps.clock.now().toISOString(), stopAssessment.signal);
        })
        .catch((e: unknown) => log(`second district's history or assessment not loaded: ${e instanceof Error ? e.message : String(e)}`));
      cleanup.push(async () => {
        stopAssessment.abort();
        await Promise.all([assessing, assessingSecond]);
      });
      // the desk's demo roster: renewed when it has run out, never over one an admin set
      const roster = await deps.settings.dutyRoster(deps.config.devTenant);
      const now = new Date();
      if (!roster.some((s) => Date.parse(s.to) > now.getTime())) {
        await deps.settings.putDutyRoster(deps.config.devTenant, demoDutyRoster(now));
      }
    }

    const sqs = localSqsClient(services.sqsEndpoint);
    cleanup.push(async () => sqs.destroy());
    const pollers = new Map<QueueName, SqsPoller>();
    for (const [fn, spec] of Object.entries(FUNCTIONS) as Array<[FunctionName, (typeof FUNCTIONS)[FunctionName]]>) {
      if (!spec.consumes) continue;
      const url = queues[spec.consumes];
      const arn = await sqs.send(new GetQueueAttributesCommand({ QueueUrl: url, AttributeNames: ['QueueArn'] }));
      const poller = new SqsPoller(sqs, url, arn.Attributes?.QueueArn ?? '', importHandler(fn), {
        batchSize: QUEUES[spec.consumes].batchSize,
        visibilityTimeoutSeconds: QUEUES[spec.consumes].visibilityTimeoutSeconds,
        onError: (e) => log(`consumer ${fn}: ${e instanceof Error ? e.message : String(e)}`),
      });
      poller.start();
      pollers.set(spec.consumes, poller);
      cleanup.push(() => poller.stop());
    }

    const schedules: Schedule[] = (Object.entries(FUNCTIONS) as Array<[FunctionName, (typeof FUNCTIONS)[FunctionName]]>).flatMap(
      ([fn, spec]) => (spec.schedule ? [{ ...spec.schedule, handler: importHandler(fn) }] : []),
    );
    const scheduler = new LocalScheduler(schedules, () => deps.clock.now(), (name, e) =>
      log(`schedule ${name}: ${e instanceof Error ? e.message : String(e)}`),
    );
    if (opts.timers !== false) scheduler.start();
    cleanup.push(() => scheduler.stop());

    registerLocalRuntime({
      async runSchedules() {
        const names = await scheduler.runAll();
        const delivered: Record<string, number> = {};
        const undrained: string[] = [];
        // escalation jobs feed the outbox: drain in that order. A sweep after a
        // crash re-sends every undelivered message, so the wait is generous.
        for (const q of ['escalation', 'outbox'] as QueueName[]) {
          const poller = pollers.get(q);
          if (!poller) continue;
          const before = poller.delivered;
          if (!(await poller.drain(60_000))) undrained.push(q);
          delivered[q] = poller.delivered - before;
        }
        return { schedules: names, delivered, undrained };
      },
      wechatCode: (openId) => wechat.issueCode(openId),
    });

    let gateway: { server: Server; url: string };
    try {
      gateway = await startGateway({ port: opts.port, ...(opts.host ? { host: opts.host } : {}), ...(opts.h5Dir ? { h5Dir: opts.h5Dir } : {}), onError: (e) => log(`gateway: ${String(e)}`) });
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code === 'EADDRINUSE') throw new PortInUseError(opts.port, e);
      throw e;
    }
    cleanup.push(
      () =>
        new Promise<void>((resolve) => {
          gateway.server.closeAllConnections();
          gateway.server.close(() => resolve());
        }),
    );
    return { url: gateway.url, stop };
  } catch (e) {
    await stop();
    throw e;
  }
}
