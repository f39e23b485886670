import { ReceiveMessageCommand } from '@aws-sdk/client-sqs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AwsCallError } from '../../functions/src/adapters/aws-json-api.js';
import { SqsApi } from '../../functions/src/adapters/sqs-api.js';
import { useIntegrationEnv, type TestEnv } from '../support/env.js';
import { startFakeAws, type FakeAws } from '../support/fake-aws.js';

/** The functions' SQS adapter: on fauxqs over HTTP (read back with the AWS SDK), and against a misbehaving endpoint. */
let env: TestEnv;
beforeAll(async () => {
  env = await useIntegrationEnv({ seed: false });
});
afterAll(() => {
  env.sqs.destroy();
});

const credentials = () => ({ accessKeyId: 'local', secretAccessKey: 'local' });

describe('SqsApi on fauxqs', () => {
  it('sends a batch the SDK then receives, and reads queue attributes', async () => {
    const api = new SqsApi({ endpoint: env.env.SQS_ENDPOINT ?? '', region: 'us-east-1', credentials });
    const out = await api.sendMessageBatch(env.queueUrls.escalation, [
      { Id: '0', MessageBody: JSON.stringify({ n: 0, text: '催办' }) },
      { Id: '1', MessageBody: JSON.stringify({ n: 1, text: '督办' }) },
    ]);
    expect(out.Failed).toEqual([]);
    expect(out.Successful.map((s) => s.Id).sort()).toEqual(['0', '1']);
    const got = await env.sqs.send(new ReceiveMessageCommand({ QueueUrl: env.queueUrls.escalation, MaxNumberOfMessages: 10, WaitTimeSeconds: 1 }));
    expect((got.Messages ?? []).map((m) => JSON.parse(m.Body ?? '{}') as { text: string }).map((b) => b.text).sort()).toEqual(['催办', '督办']);
    const attrs = await api.getQueueAttributes(env.queueUrls.outbox, ['ApproximateNumberOfMessages']);
    expect(attrs.ApproximateNumberOfMessages).toMatch(/^\d+$/);
  });

  it('names the error of a queue that does not exist, without retrying it', async () => {
    const api = new SqsApi({ endpoint: env.env.SQS_ENDPOINT ?? '', region: 'us-east-1', credentials, backoffMs: () => 0 });
    const missing = env.queueUrls.outbox.replace(/[^/]+$/, 'no-such-queue');
    const err = await api.sendMessageBatch(missing, [{ Id: '0', MessageBody: '{}' }]).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(AwsCallError);
    expect((err as AwsCallError).status).toBeGreaterThanOrEqual(400);
    expect((err as AwsCallError).status).toBeLessThan(500);
    expect((err as AwsCallError).retryable).toBe(false);
  });
});

describe('SqsApi against a misbehaving endpoint', () => {
  let fake: FakeAws;
  beforeAll(async () => {
    fake = await startFakeAws();
  });
  afterAll(() => fake.close());
  const api = () => new SqsApi({ endpoint: fake.endpoint, region: 'us-east-1', credentials, backoffMs: () => 1 });
  type Entries = Array<{ Id: string; MessageBody: string }>;
  const ok = (b: Record<string, unknown>) => ({ status: 200, body: { Successful: ((b.Entries ?? []) as Entries).map((e) => ({ Id: e.Id, MessageId: `m${e.Id}` })) } });

  it('retries a 5xx and throttling, then succeeds', async () => {
    fake.script(() => ({ status: 503, body: { __type: 'ServiceUnavailable' } }), () => ({ status: 400, body: { __type: 'com.amazonaws.sqs#RequestThrottled', message: 'slow down' } }), ok);
    const out = await api().sendMessageBatch('http://q/1/outbox', [{ Id: '0', MessageBody: 'x' }]);
    expect(out.Successful.map((s) => s.Id)).toEqual(['0']);
    expect(fake.calls).toEqual(['SendMessageBatch', 'SendMessageBatch', 'SendMessageBatch']);
  });

  it('gives up after three attempts with the last error', async () => {
    fake.script();
    await expect(api().sendMessageBatch('http://q/1/outbox', [{ Id: '0', MessageBody: 'x' }])).rejects.toMatchObject({ code: 'InternalError', status: 500 });
    expect(fake.calls).toHaveLength(3);
  });

  it('reports an entry whose stored body has another checksum as failed', async () => {
    fake.script((b) => ({ status: 200, body: { Successful: ((b.Entries ?? []) as Entries).map((e) => ({ Id: e.Id, MD5OfMessageBody: e.Id === '1' ? '00000000000000000000000000000000' : undefined })) } }));
    const out = await api().sendMessageBatch('http://q/1/outbox', [{ Id: '0', MessageBody: 'a' }, { Id: '1', MessageBody: 'b' }]);
    expect(out.Successful.map((s) => s.Id)).toEqual(['0']);
    expect(out.Failed).toEqual([expect.objectContaining({ Id: '1', Code: 'ChecksumMismatch' })]);
  });
});
