import type { Context, SQSEvent } from 'aws-lambda';
import { beforeAll, describe, expect, it, vi } from 'vitest';
import { handler as escalation } from '../../functions/src/handlers/escalation.js';
import { handler as notifier } from '../../functions/src/handlers/notifier.js';
import { useIntegrationEnv, type TestEnv } from '../support/env.js';

/**
 * The functions log through Powertools Logger with the invocation's Lambda
 * context in every line. Tests run with the logger silent
 * (POWERTOOLS_LOG_LEVEL=SILENT, vitest.config.ts); this one turns it on and
 * captures what it writes.
 */
let env: TestEnv;
beforeAll(async () => {
  env = await useIntegrationEnv({ seed: false });
});

const context = (name: string, requestId: string): Context =>
  ({
    functionName: name,
    functionVersion: '$LATEST',
    invokedFunctionArn: `arn:aws:lambda:us-east-1:000000000000:function:${name}`,
    memoryLimitInMB: '256',
    awsRequestId: requestId,
    logGroupName: `/aws/lambda/${name}`,
    logStreamName: 'test',
    callbackWaitsForEmptyEventLoop: true,
    getRemainingTimeInMillis: () => 10_000,
    done: () => undefined,
    fail: () => undefined,
    succeed: () => undefined,
  }) as Context;

const poison = (messageId: string): SQSEvent => ({
  Records: [{ messageId, receiptHandle: messageId, body: 'not json', attributes: { ApproximateReceiveCount: '1' } as SQSEvent['Records'][number]['attributes'], messageAttributes: {}, md5OfBody: '', eventSource: 'aws:sqs', eventSourceARN: 'arn:local', awsRegion: 'us-east-1' }],
});

async function captured(run: () => Promise<unknown>): Promise<Array<Record<string, unknown>>> {
  const lines: string[] = [];
  const capture = (chunk: string | Uint8Array) => {
    lines.push(String(chunk));
    return true;
  };
  const out = vi.spyOn(process.stdout, 'write').mockImplementation(capture);
  const err = vi.spyOn(process.stderr, 'write').mockImplementation(capture);
  env.deps.logger.setLogLevel('INFO');
  try {
    await run();
  } finally {
    env.deps.logger.setLogLevel('SILENT');
    out.mockRestore();
    err.mockRestore();
  }
  return lines.flatMap((l) => l.split('\n')).filter((l) => l.startsWith('{')).map((l) => JSON.parse(l) as Record<string, unknown>);
}

describe('logs', () => {
  it('carry the Lambda context of the invocation that wrote them', async () => {
    const notifierLogs = await captured(async () => {
      expect((await notifier(poison('n-1'), context('whistle-test-notifier', 'req-notifier-1'))).batchItemFailures).toEqual([{ itemIdentifier: 'n-1' }]);
    });
    expect(notifierLogs).toContainEqual(
      expect.objectContaining({ level: 'ERROR', message: 'notification failed', messageId: 'n-1', function_name: 'whistle-test-notifier', function_request_id: 'req-notifier-1' }),
    );
    const escalationLogs = await captured(async () => {
      expect((await escalation(poison('e-1'), context('whistle-test-escalation', 'req-escalation-1'))).batchItemFailures).toEqual([{ itemIdentifier: 'e-1' }]);
    });
    expect(escalationLogs).toContainEqual(
      expect.objectContaining({ level: 'ERROR', message: 'unreadable escalation job', messageId: 'e-1', function_request_id: 'req-escalation-1' }),
    );
  });

  it('are silent in tests unless a test turns them on', async () => {
    expect(await captured(async () => undefined)).toEqual([]);
    const lines: string[] = [];
    const capture = (c: string | Uint8Array) => lines.push(String(c)) > 0;
    const out = vi.spyOn(process.stdout, 'write').mockImplementation(capture);
    const err = vi.spyOn(process.stderr, 'write').mockImplementation(capture);
    try {
      await notifier(poison('n-2'));
    } finally {
      out.mockRestore();
      err.mockRestore();
    }
    expect(lines.filter((l) => l.includes('notification failed'))).toEqual([]);
  });
});
