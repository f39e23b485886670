/**
 * Typed domain errors. Every error has a stable `code` (part of the API
 * contract: clients branch on it) and an optional `cause`.
 */
export const ERROR_CODES = {
  VALIDATION: 400,
  UNAUTHENTICATED: 401,
  FORBIDDEN: 403,
  NOT_FOUND: 404,
  ALREADY_CLAIMED: 409,
  CONFLICT: 409,
  INVALID_TRANSITION: 409,
  PAYLOAD_TOO_LARGE: 413,
  IDEMPOTENCY_MISMATCH: 422,
  RATE_LIMITED: 429,
  NOT_CONFIGURED: 501,
  STORE_UNAVAILABLE: 503,
  QUEUE_UNAVAILABLE: 503,
  INTERNAL: 500,
} as const;

export type ErrorCode = keyof typeof ERROR_CODES;

export interface FieldIssue {
  field: string;
  message: string;
}

/**
 * Every error names itself with a literal (`name = 'ValidationError'`), not
 * from its class: Lambda bundles are minified without keeping class names,
 * which would make logs say `pr`.
 */
export class WhistleError extends Error {
  override readonly name: string = 'WhistleError';
  readonly code: ErrorCode;
  readonly details?: unknown;
  constructor(code: ErrorCode, message: string, options?: { cause?: unknown; details?: unknown }) {
    super(message, options?.cause === undefined ? undefined : { cause: options.cause });
    this.code = code;
    this.details = options?.details;
  }
  get status(): number {
    return ERROR_CODES[this.code];
  }
}

export class ValidationError extends WhistleError {
  override readonly name = 'ValidationError';
  declare readonly details: FieldIssue[];
  constructor(issues: FieldIssue[], cause?: unknown) {
    const first = issues[0];
    const message = first ? `${first.field}：${first.message}` : '请求内容不合法';
    super('VALIDATION', message, { cause, details: issues });
  }
}

export class AuthError extends WhistleError {
  override readonly name = 'AuthError';
  constructor(message = '请先登录', cause?: unknown) {
    super('UNAUTHENTICATED', message, { cause });
  }
}

export class ForbiddenError extends WhistleError {
  override readonly name = 'ForbiddenError';
  constructor(message = '无权执行此操作', cause?: unknown) {
    super('FORBIDDEN', message, { cause });
  }
}

export class NotFoundError extends WhistleError {
  override readonly name = 'NotFoundError';
  constructor(what: string, cause?: unknown) {
    super('NOT_FOUND', `${what}不存在`, { cause });
  }
}

export class AlreadyClaimedError extends WhistleError {
  override readonly name = 'AlreadyClaimedError';
  constructor(
    readonly unitId: string,
    readonly unitName: string,
  ) {
    super('ALREADY_CLAIMED', `已被 ${unitName} 认领`, { details: { unitId, unitName } });
  }
}

export class ConflictError extends WhistleError {
  override readonly name = 'ConflictError';
  constructor(message: string, details?: unknown, cause?: unknown) {
    super('CONFLICT', message, { cause, details });
  }
}

export class TransitionError extends WhistleError {
  override readonly name = 'TransitionError';
  constructor(message: string, details?: unknown) {
    super('INVALID_TRANSITION', message, { details });
  }
}

export class PayloadTooLargeError extends WhistleError {
  override readonly name = 'PayloadTooLargeError';
  constructor(readonly limitBytes: number) {
    super('PAYLOAD_TOO_LARGE', `请求内容过大（最多 ${formatBytes(limitBytes)}）`, { details: { limitBytes } });
  }
}

const formatBytes = (n: number): string => (n >= 1024 * 1024 ? `${n / (1024 * 1024)} MB` : `${n / 1024} KB`);

export class IdempotencyMismatchError extends WhistleError {
  override readonly name = 'IdempotencyMismatchError';
  constructor() {
    super('IDEMPOTENCY_MISMATCH', '同一个 Idempotency-Key 已用于内容不同的请求，请换一个新的键');
  }
}

/**
 * Over a per-caller rate limit (intake per enterprise, claims per officer,
 * logins per user and per source). `retryAfterSeconds` is also the HTTP
 * `Retry-After` header; nothing was written for the refused request.
 */
export class RateLimitedError extends WhistleError {
  override readonly name = 'RateLimitedError';
  declare readonly details: { retryAfterSeconds: number };
  constructor(
    readonly retryAfterSeconds: number = 1,
    what = '请求',
  ) {
    super('RATE_LIMITED', `${what}过于频繁，请 ${retryAfterSeconds} 秒后再试`, { details: { retryAfterSeconds } });
  }
}

export class NotConfiguredError extends WhistleError {
  override readonly name = 'NotConfiguredError';
  constructor(what: string, hint?: string) {
    super('NOT_CONFIGURED', `${what}未配置${hint ? `：${hint}` : ''}`);
  }
}

export class StoreUnavailableError extends WhistleError {
  override readonly name = 'StoreUnavailableError';
  constructor(cause?: unknown) {
    super('STORE_UNAVAILABLE', '数据服务暂时不可用，请稍后重试', { cause });
  }
}

export class QueueUnavailableError extends WhistleError {
  override readonly name = 'QueueUnavailableError';
  constructor(cause?: unknown) {
    super('QUEUE_UNAVAILABLE', '消息队列暂时不可用，请稍后重试', { cause });
  }
}

export const isWhistleError = (e: unknown): e is WhistleError => e instanceof WhistleError;

/** The one error envelope every endpoint answers with. */
export interface ErrorEnvelope {
  error: { code: ErrorCode; message: string; details?: unknown };
}

export const toEnvelope = (e: WhistleError): ErrorEnvelope => ({
  error: { code: e.code, message: e.message, ...(e.details === undefined ? {} : { details: e.details }) },
});
