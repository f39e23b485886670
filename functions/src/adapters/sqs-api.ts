import { createHash } from 'node:crypto';
import { Agent as HttpAgent, request as httpRequest } from 'node:http';
import { Agent as HttpsAgent, request as httpsRequest } from 'node:https';
import { signJsonPost, type AwsCredentials } from './aws-signing.js';

/**
 * The two SQS calls the functions make (SendMessageBatch on every command,
 * GetQueueAttributes for the health check), as signed JSON-protocol requests
 * over Node's HTTP client, as the SSM read is. The SQS client added ~25 KB to
 * every bundle and its own first-call set-up to the cold start of every
 * function that sends; the local pollers and the tests still use the SDK.
 * Retries as the SDK's standard mode does: three attempts, exponential back-off
 * with jitter, on 5xx, throttling and connection errors.
 */
export class SqsCallError extends Error {
  override readonly name = 'SqsCallError';
  constructor(
    readonly code: string,
    readonly status: number,
    message: string,
    readonly retryable: boolean,
  ) {
    super(message);
  }
}

export interface SqsBatchEntry {
  Id: string;
  MessageBody: string;
}

export interface SqsBatchResult {
  Successful: Array<{ Id: string; MessageId?: string; MD5OfMessageBody?: string }>;
  Failed: Array<{ Id: string; SenderFault?: boolean; Code?: string; Message?: string }>;
}

const THROTTLING = new Set(['ThrottlingException', 'RequestThrottled', 'Throttling', 'RequestLimitExceeded', 'TooManyRequestsException']);
const md5 = (s: string) => createHash('md5').update(s, 'utf8').digest('hex');

/** The SQS endpoint of a region (China regions are in the aws-cn partition). */
export const sqsEndpoint = (region: string): string => `https://sqs.${region}.amazonaws.com${region.startsWith('cn-') ? '.cn' : ''}`;

export class SqsApi {
  private readonly url: URL;
  // keep-alive, as the SDK's handler: one connection serves the function's sends
  private readonly agent: HttpAgent | HttpsAgent;

  constructor(
    private readonly opts: {
      endpoint: string;
      region: string;
      credentials: () => AwsCredentials;
      maxAttempts?: number;
      /** back-off before attempt `n` (1-based retries), ms; the SDK's standard mode by default */
      backoffMs?: (retry: number) => number;
    },
  ) {
    this.url = new URL(opts.endpoint);
    this.agent = this.url.protocol === 'http:' ? new HttpAgent({ keepAlive: true }) : new HttpsAgent({ keepAlive: true });
  }

  /** SendMessageBatch; entries whose body checksum does not match what SQS stored are reported as failed. */
  async sendMessageBatch(queueUrl: string, entries: SqsBatchEntry[]): Promise<SqsBatchResult> {
    const out = (await this.call('SendMessageBatch', { QueueUrl: queueUrl, Entries: entries })) as Partial<SqsBatchResult>;
    const bodies = new Map(entries.map((e) => [e.Id, e.MessageBody]));
    const successful: SqsBatchResult['Successful'] = [];
    const failed: SqsBatchResult['Failed'] = [...(out.Failed ?? [])];
    for (const s of out.Successful ?? []) {
      const body = bodies.get(s.Id);
      if (s.MD5OfMessageBody !== undefined && body !== undefined && s.MD5OfMessageBody !== md5(body)) {
        failed.push({ Id: s.Id, SenderFault: false, Code: 'ChecksumMismatch', Message: 'MD5 of the stored body does not match' });
      } else successful.push(s);
    }
    return { Successful: successful, Failed: failed };
  }

  async getQueueAttributes(queueUrl: string, names: string[]): Promise<Record<string, string>> {
    const out = (await this.call('GetQueueAttributes', { QueueUrl: queueUrl, AttributeNames: names })) as { Attributes?: Record<string, string> };
    return out.Attributes ?? {};
  }

  private async call(action: string, input: unknown): Promise<unknown> {
    const maxAttempts = this.opts.maxAttempts ?? 3;
    const backoff = this.opts.backoffMs ?? ((retry: number) => Math.random() * Math.min(20_000, 100 * 2 ** retry));
    for (let attempt = 1; ; attempt++) {
      try {
        return await this.once(action, input);
      } catch (e) {
        const retryable = e instanceof SqsCallError ? e.retryable : true; // connection errors retry, as in the SDK
        if (!retryable || attempt >= maxAttempts) throw e;
        await new Promise((r) => setTimeout(r, backoff(attempt)));
      }
    }
  }

  private once(action: string, input: unknown): Promise<unknown> {
    const body = JSON.stringify(input);
    const signed = signJsonPost({
      host: this.url.host,
      region: this.opts.region,
      service: 'sqs',
      target: `AmazonSQS.${action}`,
      body,
      credentials: this.opts.credentials(),
      now: new Date(),
      contentType: 'application/x-amz-json-1.0',
    });
    const send = this.url.protocol === 'http:' ? httpRequest : httpsRequest;
    return new Promise((resolve, reject) => {
      const req = send(
        {
          protocol: this.url.protocol,
          hostname: this.url.hostname,
          port: this.url.port || undefined,
          path: '/',
          method: 'POST',
          agent: this.agent,
          headers: { ...signed.headers, 'content-length': String(Buffer.byteLength(body)) },
          timeout: 10_000,
        },
        (res) => {
          const chunks: Buffer[] = [];
          res.on('data', (c: Buffer) => chunks.push(c));
          res.on('error', reject);
          res.on('end', () => {
            const text = Buffer.concat(chunks).toString('utf8');
            let parsed: { __type?: string; message?: string; Message?: string } & Record<string, unknown> = {};
            try {
              parsed = text ? (JSON.parse(text) as typeof parsed) : {};
            } catch {
              // not JSON (a proxy's error page): judged by the status below
            }
            const status = res.statusCode ?? 0;
            if (status >= 200 && status < 300) return resolve(parsed);
            const code = (parsed.__type ?? `HTTP${status}`).split('#').pop() ?? `HTTP${status}`;
            const message = parsed.message ?? parsed.Message ?? text.slice(0, 200);
            reject(new SqsCallError(code, status, `SQS ${action}: ${status} ${code} ${message}`.trim(), status >= 500 || status === 429 || THROTTLING.has(code)));
          });
        },
      );
      req.on('timeout', () => req.destroy(new Error(`SQS ${action}: timed out`)));
      req.on('error', reject);
      req.end(body);
    });
  }
}
