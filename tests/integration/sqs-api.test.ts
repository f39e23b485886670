import { createHash } from 'node:crypto';
import { GetQueueAttributesCommand, ReceiveMessageCommand, SQSClient } from '@aws-sdk/client-sqs';
import { QueueUnavailableError } from '@whistle/shared';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AwsCallError } from '../../functions/src/adapters/aws-errors.js';
import { encodeBody, SqsQueue } from '../../functions/src/adapters/sqs-queue.js';
import type { OutboxMessage } from '../../functions/src/ports.js';
import { useIntegrationEnv, type TestEnv } from '../support/env.js';
import { startFakeAws, type FakeAws } from '../support/fake-aws.js';

/** The functions' SQS adapter (SqsQueue on the SDK's SQSClient): on fauxqs over HTTP (read back with the AWS SDK), and against a misbehaving endpoint. */
let env: TestEnv;
beforeAll(async () => {
  env = await useIntegrationEnv({ seed: false });
});
afterAll(() => {
  env.sqs.destroy();
});

const credentials = { accessKeyId: 'local', secretAccessKey: 'local' };
const client = (endpoint: string) => new SQSClient({ endpoint, region: 'us-east-1', credentials, useQueueUrlAsEndpoint: false, maxAttempts: 3 });
const message = (id: string, title: string): OutboxMessage => ({ id, tenantId: 't', event: 'published', audience: [], title, body: '', at: '2026-11-24T02:00:00.000Z' });
const md5 = (s: string) => createHash('md5').update(s, 'utf8').digest('hex');

describe('SqsQueue on fauxqs', () => {
  it('sends a batch the SDK then receives, and reads queue attributes', async () => {
    const queue = new SqsQueue(env.deps.sqs, env.queueUrls);
    await queue.sendOutbox([message('m0', '催办'), message('m1', '督办')]);
    const got = await env.sqs.send(new ReceiveMessageCommand({ QueueUrl: env.queueUrls.outbox, MaxNumberOfMessages: 10, WaitTimeSeconds: 1 }));
    expect((got.Messages ?? []).map((m) => JSON.parse(m.Body ?? '{}') as { title: string }).map((b) => b.title).sort()).toEqual(['催办', '督办']);
    const attrs = await env.deps.sqs.send(new GetQueueAttributesCommand({ QueueUrl: env.queueUrls.outbox, AttributeNames: ['ApproximateNumberOfMessages'] }));
    expect(attrs.Attributes?.ApproximateNumberOfMessages).toMatch(/^\d+$/);
  });

  it('sends characters outside the Basic Multilingual Plane as JSON escapes the consumer reads back unchanged', async () => {
    const text = '收到👍 𠀀𡈼';
    expect(encodeBody({ text })).toBe('{"text":"收到\\ud83d\\udc4d \\ud840\\udc00\\ud844\\ude3c"}');
    const queue = new SqsQueue(env.deps.sqs, env.queueUrls);
    await queue.sendEscalations([{ tenantId: 't', ticketId: 'x', clockId: text, level: 1, cycle: 0, dueAt: '2026-11-24T02:00:00.000Z' }]);
    const got = await env.sqs.send(new ReceiveMessageCommand({ QueueUrl: env.queueUrls.escalation, MaxNumberOfMessages: 10, WaitTimeSeconds: 1 }));
    expect((got.Messages ?? []).map((m) => (JSON.parse(m.Body ?? '{}') as { clockId: string }).clockId)).toEqual([text]);
  });

  it('names the error of a queue that does not exist, without retrying it', async () => {
    const missing = env.queueUrls.outbox.replace(/[^/]+$/, 'no-such-queue');
    const queue = new SqsQueue(env.deps.sqs, { escalation: missing, outbox: missing });
    const err = await queue.sendOutbox([message('m', '{}')]).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(QueueUnavailableError);
    const cause = (err as QueueUnavailableError).cause as AwsCallError;
    expect(cause).toBeInstanceOf(AwsCallError);
    expect(cause.status).toBeGreaterThanOrEqual(400);
    expect(cause.status).toBeLessThan(500);
    expect(cause.retryable).toBe(false);
  });
});

describe('SqsQueue against a misbehaving endpoint', () => {
  let fake: FakeAws;
  beforeAll(async () => {
    fake = await startFakeAws();
  });
  afterAll(() => fake.close());
  const urls = { escalation: 'http://q/1/escalation', outbox: 'http://q/1/outbox' };
  const queue = () => new SqsQueue(client(fake.endpoint), urls);
  type Entries = Array<{ Id: string; MessageBody: string }>;
  const entries = (b: Record<string, unknown>) => (b.Entries ?? []) as Entries;
  const ok = (b: Record<string, unknown>) => ({ status: 200, body: { Successful: entries(b).map((e) => ({ Id: e.Id, MessageId: `m${e.Id}`, MD5OfMessageBody: md5(e.MessageBody) })) } });

  it('retries a 5xx and throttling, then succeeds', async () => {
    fake.script(() => ({ status: 503, body: { __type: 'ServiceUnavailable' } }), () => ({ status: 400, body: { __type: 'com.amazonaws.sqs#RequestThrottled', message: 'slow down' } }), ok);
    await queue().sendOutbox([message('m0', 'x')]);
    expect(fake.calls).toEqual(['SendMessageBatch', 'SendMessageBatch', 'SendMessageBatch']);
  });

  it('gives up after three attempts with QueueUnavailableError, the last error its cause', async () => {
    fake.script();
    const err = await queue().sendOutbox([message('m0', 'x')]).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(QueueUnavailableError);
    expect((err as QueueUnavailableError).cause).toMatchObject({ code: 'InternalError', status: 500 });
    expect(fake.calls).toHaveLength(3);
  });

  it('re-sends only the entries SQS failed, and fails when one keeps failing', async () => {
    const failOne = (b: Record<string, unknown>) => {
      const [first, ...rest] = entries(b);
      return { status: 200, body: { ...ok({ Entries: rest }).body, Failed: first ? [{ Id: first.Id, SenderFault: false, Code: 'InternalError' }] : [] } };
    };
    fake.script(failOne, ok);
    await queue().sendOutbox([message('m0', 'a'), message('m1', 'b')]);
    expect(fake.calls).toEqual(['SendMessageBatch', 'SendMessageBatch']);
    expect(entries(fake.bodies[1] ?? {}).map((e) => e.Id)).toEqual(['0']);

    fake.script(failOne, failOne, failOne);
    await expect(queue().sendOutbox([message('m0', 'a')])).rejects.toBeInstanceOf(QueueUnavailableError);
    expect(fake.calls).toHaveLength(3);
  });

  it('sends in batches of ten', async () => {
    fake.script(ok, ok);
    await queue().sendOutbox(Array.from({ length: 13 }, (_, i) => message(`m${i}`, String(i))));
    expect(fake.bodies.map((b) => entries(b).length)).toEqual([10, 3]);
  });

  it('treats an entry whose stored body has another checksum as not sent', async () => {
    fake.script((b) => ({ status: 200, body: { Successful: entries(b).map((e) => ({ Id: e.Id, MessageId: `m${e.Id}`, MD5OfMessageBody: e.Id === '1' ? '00000000000000000000000000000000' : md5(e.MessageBody) })) } }));
    await expect(queue().sendOutbox([message('m0', 'a'), message('m1', 'b')])).rejects.toBeInstanceOf(QueueUnavailableError);
  });
});
