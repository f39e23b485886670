import {
  ChangeMessageVisibilityBatchCommand,
  DeleteMessageBatchCommand,
  GetQueueAttributesCommand,
  PurgeQueueCommand,
  ReceiveMessageCommand,
  type Message,
} from '@aws-sdk/client-sqs';
import type { APIGatewayProxyEventV2, APIGatewayProxyStructuredResultV2, SQSBatchResponse, SQSEvent, SQSRecord } from 'aws-lambda';
import type { Principal, Ticket } from '@whistle/shared';
import { pinClock } from '../../functions/src/adapters/time.js';
import { toSqsRecord } from '../../functions/src/local/sqs-poller.js';
import { intake, runCommand } from '../../functions/src/services/tickets.js';
import { checkAnswer } from '../support/api.js';
import type { TestEnv } from '../support/env.js';

/** Helpers the clocks-and-supervision integration tests share (issue 4). */

export function principal(env: TestEnv, userId: string): Principal {
  const user = env.data.users.find((u) => u.id === userId);
  if (!user) throw new Error(`no demo user ${userId}`);
  const unit = user.unitId ? env.data.units.find((u) => u.id === user.unitId) : undefined;
  return {
    userId: user.id,
    tenantId: env.tenantId,
    name: user.name,
    roles: user.roles,
    ...(user.unitId ? { unitId: user.unitId } : {}),
    ...(unit ? { unitName: unit.name } : {}),
    ...(user.enterpriseId ? { enterpriseId: user.enterpriseId } : {}),
  };
}

/** Raises a ticket as an owner with the clock pinned at `at` (Shanghai wall time accepted via sh()). */
export async function raise(env: TestEnv, ownerId: string, at: string, opts: { title?: string; priority?: 'normal' | 'urgent'; key?: string } = {}): Promise<Ticket> {
  pinClock(new Date(at));
  const { ticket } = await intake(
    env.deps,
    principal(env, ownerId),
    { title: opts.title ?? '融资对接需求', description: '企业希望了解贷款贴息政策并对接银行', category: 'finance', priority: opts.priority ?? 'normal' },
    opts.key ?? `k-${ownerId}-${at.replace(/[^0-9]/g, '')}-${Math.random().toString(36).slice(2, 8)}`,
  );
  return ticket;
}

export const sh = (local: string) => new Date(`${local}+08:00`).toISOString();
export const plusMinutes = (iso: string, m: number) => new Date(Date.parse(iso) + m * 60_000).toISOString();

type HttpHandler = (event: APIGatewayProxyEventV2) => Promise<APIGatewayProxyStructuredResultV2>;

export interface CallResult<T = Record<string, unknown>> {
  status: number;
  body: T;
}

/** Invokes an HTTP handler as API Gateway would, signed in as `userId` (or anonymous). */
export async function call<T = Record<string, unknown>>(
  env: TestEnv,
  handler: HttpHandler,
  method: string,
  path: string,
  opts: { user?: string; body?: unknown; query?: Record<string, string> } = {},
): Promise<CallResult<T>> {
  const headers: Record<string, string> = { 'content-type': 'application/json' };
  if (opts.user) {
    const user = env.data.users.find((u) => u.id === opts.user);
    if (!user) throw new Error(`no demo user ${opts.user}`);
    const { token } = await (await env.deps.signer()).sign({ sub: user.id, ten: env.tenantId, roles: user.roles }, Date.now(), 3600);
    headers.authorization = `Bearer ${token}`;
  }
  const [rawPath, qs] = path.split('?');
  const query = { ...(qs ? Object.fromEntries(new URLSearchParams(qs)) : {}), ...(opts.query ?? {}) };
  const event = {
    version: '2.0',
    routeKey: '$default',
    rawPath,
    rawQueryString: new URLSearchParams(query).toString(),
    headers,
    ...(Object.keys(query).length > 0 ? { queryStringParameters: query } : {}),
    requestContext: { http: { method, path: rawPath }, requestId: `req-${Math.random().toString(36).slice(2)}` },
    ...(opts.body !== undefined ? { body: JSON.stringify(opts.body) } : {}),
    isBase64Encoded: false,
  } as unknown as APIGatewayProxyEventV2;
  const res = await handler(event);
  // a file comes base64-encoded (API Gateway decodes it): its bytes
  const body = res.isBase64Encoded ? Buffer.from(res.body ?? '', 'base64') : JSON.parse(res.body ?? '{}');
  const out = { status: res.statusCode ?? 200, body: body as T };
  const contentType = (res.headers as Record<string, string> | undefined)?.['content-type'];
  checkAnswer(method, path, out.status, out.body, contentType); // as the API documents it, like every call through the gateway
  return out;
}

export async function queueDepth(env: TestEnv, url: string): Promise<number> {
  const out = await env.sqs.send(
    new GetQueueAttributesCommand({ QueueUrl: url, AttributeNames: ['ApproximateNumberOfMessages', 'ApproximateNumberOfMessagesNotVisible'] }),
  );
  return Number(out.Attributes?.ApproximateNumberOfMessages ?? 0) + Number(out.Attributes?.ApproximateNumberOfMessagesNotVisible ?? 0);
}

export async function purge(env: TestEnv, url: string): Promise<void> {
  await env.sqs.send(new PurgeQueueCommand({ QueueUrl: url }));
}

/** Receives what is visible now (without consuming it for long: a short visibility timeout). */
export async function receive(env: TestEnv, url: string, max = 10, visibility = 30): Promise<Message[]> {
  const out = await env.sqs.send(
    new ReceiveMessageCommand({ QueueUrl: url, MaxNumberOfMessages: max, WaitTimeSeconds: 0, VisibilityTimeout: visibility, MessageSystemAttributeNames: ['All'] }),
  );
  return out.Messages ?? [];
}

export const toRecord = (m: Message, arn = 'arn:aws:sqs:us-east-1:000000000000:escalation'): SQSRecord => toSqsRecord(m, arn);

type SqsHandler = (event: SQSEvent) => Promise<SQSBatchResponse>;

export interface DrainReport {
  invocations: number;
  processed: number;
  failures: number;
}

/**
 * Event source mapping semantics with a zero backoff: receive a batch, invoke,
 * delete what succeeded, make the reported failures visible again at once.
 * Stops when the queue is empty or after `maxRounds`.
 */
export async function drain(env: TestEnv, url: string, handler: SqsHandler, opts: { maxRounds?: number; batch?: number } = {}): Promise<DrainReport> {
  const report: DrainReport = { invocations: 0, processed: 0, failures: 0 };
  for (let round = 0; round < (opts.maxRounds ?? 50); round++) {
    const messages = await receive(env, url, opts.batch ?? 10);
    if (messages.length === 0) break;
    const res = await handler({ Records: messages.map((m) => toRecord(m)) });
    report.invocations++;
    const failed = new Set(res.batchItemFailures.map((f) => f.itemIdentifier));
    report.failures += failed.size;
    const done = messages.filter((m) => !failed.has(m.MessageId ?? ''));
    report.processed += done.length;
    if (done.length > 0) {
      await env.sqs.send(
        new DeleteMessageBatchCommand({ QueueUrl: url, Entries: done.map((m, i) => ({ Id: String(i), ReceiptHandle: m.ReceiptHandle ?? '' })) }),
      );
    }
    const retry = messages.filter((m) => failed.has(m.MessageId ?? ''));
    if (retry.length > 0) {
      await env.sqs.send(
        new ChangeMessageVisibilityBatchCommand({
          QueueUrl: url,
          Entries: retry.map((m, i) => ({ Id: String(i), ReceiptHandle: m.ReceiptHandle ?? '', VisibilityTimeout: 0 })),
        }),
      );
    }
  }
  return report;
}

/** Ends tickets a test is done with (claimed by jxw, a member of every industry group, then resolved), so later sweeps skip them. */
export async function settle(env: TestEnv, ticketIds: string[]): Promise<void> {
  const jxw = principal(env, 'officer-jxw');
  for (const id of ticketIds) {
    const stored = await env.deps.tickets.get(env.tenantId, id);
    if (!stored) continue;
    let t = stored.ticket;
    if (t.status === 'published') t = await runCommand(env.deps, principal(env, 'supervisor'), id, { type: 'assign', unit: { id: 'jxw', name: '区经济和信息化委员会' } });
    if (t.status === 'claimed' || t.status === 'waitingEnterprise') {
      const handler = t.handlingUnitId === 'jxw' ? jxw : principal(env, `officer-${t.handlingUnitId ?? 'jxw'}`);
      await runCommand(env.deps, handler, id, { type: 'resolve', kind: 'answered', summary: '测试结束' });
    }
  }
}
