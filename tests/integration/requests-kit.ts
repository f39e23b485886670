import { randomBytes } from 'node:crypto';
import { GetQueueAttributesCommand } from '@aws-sdk/client-sqs';
import { ScanCommand } from '@aws-sdk/lib-dynamodb';
import type { APIGatewayProxyEventV2 } from 'aws-lambda';
import type { Ticket, TicketDetailResponse } from '@whistle/shared';
import { resetConfig } from '../../functions/src/config.js';
import { pinClock } from '../../functions/src/adapters/time.js';
import { handler as notifierHandler } from '../../functions/src/handlers/notifier.js';
import { SqsPoller } from '../../functions/src/local/sqs-poller.js';
import { startApi, type ApiClient } from '../support/api.js';
import { useIntegrationEnv, type TestEnv } from '../support/env.js';
import { resetWiring } from '../../functions/src/wiring.js';

/**
 * Shared set-up of the issue-3 ("Requests end to end") integration files:
 * a tenant of their own, the gateway over real HTTP, a pinned clock (tests
 * must not depend on the hour they run at), token and intake helpers.
 */

/** Tuesday 2026-11-24 10:00 in Shanghai: a working day, in office hours. */
export const WORKING_MORNING = Date.parse('2026-11-24T02:00:00.000Z');

export interface Kit {
  env: TestEnv;
  api: ApiClient;
  tenantId: string;
  /** a cached dev-login token per user */
  token(userId: string): Promise<string>;
  /** the pinned "now" */
  now(): Date;
  setNow(ms: number): void;
  /** advances the pinned clock */
  advance(ms: number): void;
  /** POST as `userId` (a body only when given) */
  post(userId: string, path: string, body?: unknown): ReturnType<ApiClient['call']>;
  /** the ticket detail as `userId` (default the supervisor); throws unless 200 */
  detail(id: string, userId?: string): Promise<TicketDetailResponse>;
  /** raises a ticket as `userId`; throws unless 201 */
  raise(userId: string, body?: Partial<RaiseBody>, key?: string): Promise<Ticket>;
  /** the users' enterprise ids, by owner user id */
  enterpriseOf(ownerId: string): string;
  close(): Promise<void>;
}

export interface RaiseBody {
  title: string;
  description: string;
  category: string;
  priority?: string;
  channel?: string;
  enterpriseId?: string;
  /** a policy consultation (首问负责制) */
  policyId?: string;
}

export const newKey = (): string => `k-${randomBytes(8).toString('hex')}`;

export async function startKit(): Promise<Kit> {
  const env = await useIntegrationEnv();
  const api = await startApi();
  let now = WORKING_MORNING;
  pinClock(new Date(now));
  const tokens = new Map<string, Promise<string>>();
  const token = (userId: string) => {
    let t = tokens.get(userId);
    if (!t) {
      t = api.login(userId);
      tokens.set(userId, t);
    }
    return t;
  };
  const kit: Kit = {
    env,
    api,
    tenantId: env.tenantId,
    token,
    now: () => new Date(now),
    setNow(ms) {
      now = ms;
      pinClock(new Date(now));
    },
    advance(ms) {
      kit.setNow(now + ms);
    },
    async post(userId, path, body) {
      return api.call('POST', path, { token: await token(userId), ...(body !== undefined ? { body } : {}) });
    },
    async detail(id, userId = 'supervisor') {
      const res = await api.call('GET', `/api/tickets/${id}`, { token: await token(userId) });
      if (res.status !== 200) throw new Error(`detail of ${id} as ${userId}: ${res.status} ${JSON.stringify(res.body)}`);
      return res.body as TicketDetailResponse;
    },
    async raise(userId, body = {}, key = newKey()) {
      const res = await api.call('POST', '/api/tickets', {
        token: await token(userId),
        headers: { 'idempotency-key': key },
        body: { title: '用电增容审批', description: '新厂房需要增容到 2000 kVA，审批进度不明。', category: 'utilities', ...body },
      });
      if (res.status !== 201) throw new Error(`raise as ${userId}: ${res.status} ${JSON.stringify(res.body)}`);
      return (res.body as { ticket: Ticket }).ticket;
    },
    enterpriseOf(ownerId) {
      const id = env.data.users.find((u) => u.id === ownerId)?.enterpriseId;
      if (!id) throw new Error(`${ownerId} owns no enterprise`);
      return id;
    },
    async close() {
      pinClock(undefined);
      await api.close();
    },
  };
  return kit;
}

/** The outbox consumer, as the event source mapping runs it. */
export async function outboxPoller(env: TestEnv): Promise<SqsPoller> {
  const arn = await env.sqs.send(
    new GetQueueAttributesCommand({ QueueUrl: env.queueUrls.outbox, AttributeNames: ['QueueArn'] }),
  );
  return new SqsPoller(env.sqs, env.queueUrls.outbox, arn.Attributes?.QueueArn ?? '', () => Promise.resolve(notifierHandler), {
    batchSize: 10,
  });
}

/** Every item of the table whose keys mention the tenant (its partitions, index rows, the tenant registry). */
export async function tenantItems(env: TestEnv): Promise<Array<Record<string, unknown>>> {
  const out: Array<Record<string, unknown>> = [];
  let start: Record<string, unknown> | undefined;
  do {
    const page = await env.doc.send(
      new ScanCommand({
        TableName: env.deps.store.tableName,
        FilterExpression: 'contains(pk, :t) OR sk = :id',
        ExpressionAttributeValues: { ':t': `T#${env.tenantId}#`, ':id': env.tenantId },
        ...(start ? { ExclusiveStartKey: start } : {}),
      }),
    );
    out.push(...(page.Items ?? []));
    start = page.LastEvaluatedKey;
  } while (start);
  return out;
}

/** A fingerprint of the tenant's data: every item's key and its content. */
export async function tenantSnapshot(env: TestEnv): Promise<Map<string, string>> {
  const items = await tenantItems(env);
  return new Map(items.map((i) => [`${String(i.pk)}|${String(i.sk)}`, canonical(i)]));
}

/** JSON with sorted keys at every level (DynamoDB returns attributes in no fixed order). */
export function canonical(v: unknown): string {
  if (Array.isArray(v)) return `[${v.map(canonical).join(',')}]`;
  if (v instanceof Set) return canonical([...(v as Set<unknown>)].sort());
  if (v && typeof v === 'object') {
    const o = v as Record<string, unknown>;
    return `{${Object.keys(o)
      .sort()
      .map((k) => `${JSON.stringify(k)}:${canonical(o[k])}`)
      .join(',')}}`;
  }
  return JSON.stringify(v) ?? 'undefined';
}

/** The keys of items that differ between two snapshots. */
export function snapshotDiff(before: Map<string, string>, after: Map<string, string>): string[] {
  const changed: string[] = [];
  for (const [k, v] of after) if (before.get(k) !== v) changed.push(k);
  for (const k of before.keys()) if (!after.has(k)) changed.push(`-${k}`);
  return changed;
}

/** The error envelope's shape, for assertions. */
export const isEnvelope = (body: unknown): body is { error: { code: string; message: string; details?: unknown } } =>
  typeof body === 'object' &&
  body !== null &&
  typeof (body as { error?: { code?: unknown } }).error?.code === 'string' &&
  typeof (body as { error: { message?: unknown } }).error.message === 'string';

/** The department and township units of the demo district. */
export const DEPARTMENTS = ['jxw', 'fgw', 'rsj', 'ghzy', 'zjw', 'scjg', 'jrb', 'swj'] as const;
export const TOWNSHIPS = ['dgjd', 'xcjd', 'nsz'] as const;

/** An API Gateway HTTP API (payload 2.0) event, for invoking a handler module directly. */
export function httpEvent(
  method: string,
  path: string,
  opts: { headers?: Record<string, string>; body?: unknown; query?: Record<string, string> } = {},
): APIGatewayProxyEventV2 {
  return {
    version: '2.0',
    routeKey: `${method} ${path}`,
    rawPath: path,
    rawQueryString: new URLSearchParams(opts.query ?? {}).toString(),
    headers: { ...(opts.body !== undefined ? { 'content-type': 'application/json' } : {}), ...opts.headers },
    ...(opts.query ? { queryStringParameters: opts.query } : {}),
    requestContext: {
      accountId: '000000000000',
      apiId: 'test',
      domainName: 'localhost',
      domainPrefix: 'test',
      http: { method, path, protocol: 'HTTP/1.1', sourceIp: '127.0.0.1', userAgent: 'vitest' },
      requestId: randomBytes(8).toString('hex'),
      routeKey: `${method} ${path}`,
      stage: '$default',
      time: new Date().toUTCString(),
      timeEpoch: Date.now(),
    },
    ...(opts.body !== undefined ? { body: typeof opts.body === 'string' ? opts.body : JSON.stringify(opts.body) } : {}),
    isBase64Encoded: false,
  };
}

/** Runs `f` with some environment variables changed and the configuration re-read; restores both after. */
export async function withEnv<T>(changes: Record<string, string | undefined>, f: () => Promise<T>): Promise<T> {
  const saved = Object.fromEntries(Object.keys(changes).map((k) => [k, process.env[k]]));
  const apply = (vars: Record<string, string | undefined>) => {
    for (const [k, v] of Object.entries(vars)) {
      if (v === undefined) delete process.env[k];
      else process.env[k] = v;
    }
    resetConfig();
    resetWiring();
  };
  apply(changes);
  try {
    return await f();
  } finally {
    apply(saved);
  }
}
