/**
 * A failed AWS SDK call, normalized for callers that answer by code: the
 * service's error code (or the transport error's), the HTTP status (0 when
 * no response came) and whether the SDK counts it as retryable. The SDK's
 * own exception is the cause.
 */
export class AwsCallError extends Error {
  override readonly name = 'AwsCallError';
  constructor(
    /** the service's error code, e.g. `ConditionalCheckFailedException`; a transport error's code, e.g. `ECONNREFUSED` */
    readonly code: string,
    readonly status: number,
    message: string,
    readonly retryable: boolean,
    cause: unknown,
  ) {
    super(message, { cause });
  }

  static from(e: unknown, what: string): AwsCallError {
    if (e instanceof AwsCallError) return e;
    const err = (e ?? {}) as {
      name?: string;
      code?: string;
      message?: string;
      $retryable?: unknown;
      $fault?: string;
      $metadata?: { httpStatusCode?: number };
    };
    const status = err.$metadata?.httpStatusCode ?? 0;
    const code = err.$metadata?.httpStatusCode !== undefined ? (err.name ?? `HTTP${status}`) : (err.code ?? err.name ?? 'Error');
    const retryable = err.$retryable !== undefined || status >= 500 || status === 429 || status === 0;
    return new AwsCallError(code, status, `${what}: ${status || ''} ${code} ${err.message ?? ''}`.replace(/\s+/g, ' ').trim(), retryable, e);
  }
}
