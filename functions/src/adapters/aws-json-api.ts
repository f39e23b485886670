import { Agent as HttpAgent, request as httpRequest } from 'node:http';
import { Agent as HttpsAgent, request as httpsRequest } from 'node:https';
import { signJsonPost, type AwsCredentials } from './aws-signing.js';

/**
 * A signed call to an AWS service that speaks the JSON protocol (DynamoDB and
 * SQS: `POST /` with `X-Amz-Target`), over Node's HTTP client, with keep-alive.
 *
 * Why not the SDK clients: at a county's volume nearly every request meets a
 * cold function, so its start-up is the latency users feel. The DynamoDB
 * client (with @smithy/core, its middleware stack, endpoint rules and schema
 * serde) was ~210 KB of every bundle and most of a cold start: ~40 ms to load
 * and ~40 ms more on its first call, +~5 ms for each new operation
 * (tests/bench/lambda.ts). The protocol these functions use is small and
 * stable; the marshalling is the SDK's own (@aws-sdk/util-dynamodb), and the
 * local stack and the tests still read and check with the SDK clients.
 *
 * Retries as the SDK's standard mode does: three attempts, exponential
 * back-off with full jitter, on 5xx, throttling, transient and connection
 * errors; any other 4xx is the caller's to handle, by its code.
 */
export class AwsCallError extends Error {
  override readonly name = 'AwsCallError';
  constructor(
    /** the service's error code without its namespace, e.g. `ConditionalCheckFailedException` */
    readonly code: string,
    readonly status: number,
    message: string,
    readonly retryable: boolean,
  ) {
    super(message);
  }
}

/** Error codes the SDK's standard retry mode treats as throttling or transient. */
const RETRYABLE_CODES = new Set([
  'ThrottlingException',
  'Throttling',
  'ThrottledException',
  'RequestThrottledException',
  'RequestThrottled',
  'TooManyRequestsException',
  'ProvisionedThroughputExceededException',
  'RequestLimitExceeded',
  'TransactionInProgressException',
  'BandwidthLimitExceeded',
  'SlowDown',
  'PriorRequestNotComplete',
  'RequestTimeout',
  'RequestTimeoutException',
  'TimeoutError',
]);

export interface AwsJsonApiOptions {
  endpoint: string;
  region: string;
  /** the signing name, e.g. `dynamodb`, `sqs` */
  service: string;
  /** the `X-Amz-Target` prefix, e.g. `DynamoDB_20120810`, `AmazonSQS` */
  targetPrefix: string;
  credentials: () => AwsCredentials;
  maxAttempts?: number;
  /** back-off before retry `n` (1-based), ms; the SDK's standard mode by default */
  backoffMs?: (retry: number) => number;
  /** per attempt, ms */
  timeoutMs?: number;
}

export class AwsJsonApi {
  private readonly url: URL;
  // keep-alive, as the SDK's handler: one connection serves a function's calls
  private readonly agent: HttpAgent | HttpsAgent;

  constructor(private readonly opts: AwsJsonApiOptions) {
    this.url = new URL(opts.endpoint);
    this.agent = this.url.protocol === 'http:' ? new HttpAgent({ keepAlive: true }) : new HttpsAgent({ keepAlive: true });
  }

  /** One operation, retried as the SDK would; resolves to the parsed response body. */
  async call(action: string, input: unknown): Promise<unknown> {
    const maxAttempts = this.opts.maxAttempts ?? 3;
    const backoff = this.opts.backoffMs ?? ((retry: number) => Math.random() * Math.min(20_000, 100 * 2 ** retry));
    const body = JSON.stringify(input);
    for (let attempt = 1; ; attempt++) {
      try {
        return await this.once(action, body);
      } catch (e) {
        const retryable = e instanceof AwsCallError ? e.retryable : true; // connection errors retry, as in the SDK
        if (!retryable || attempt >= maxAttempts) throw e;
        await new Promise((r) => setTimeout(r, backoff(attempt)));
      }
    }
  }

  private once(action: string, body: string): Promise<unknown> {
    const { service } = this.opts;
    const signed = signJsonPost({
      host: this.url.host,
      region: this.opts.region,
      service,
      target: `${this.opts.targetPrefix}.${action}`,
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
          timeout: this.opts.timeoutMs ?? 10_000,
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
            reject(
              new AwsCallError(code, status, `${service} ${action}: ${status} ${code} ${message}`.trim(), status >= 500 || status === 429 || RETRYABLE_CODES.has(code)),
            );
          });
        },
      );
      req.on('timeout', () => req.destroy(new Error(`${service} ${action}: timed out`)));
      req.on('error', reject);
      req.end(body);
    });
  }
}
