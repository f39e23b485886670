import Taro from '@tarojs/taro';
import type * as z from 'zod/mini';
import { getToken, redirectToLogin } from '../lib/session';

/** The API origin: '' on H5 (same origin, `/api`), a build-time constant on weapp. */
export const apiBase = (): string => (typeof API_BASE === 'string' ? API_BASE : '');

export type ClientErrorCode = 'NETWORK' | 'SCHEMA_DRIFT' | 'HTTP';

/**
 * An API failure. `code` is the server's error code (ALREADY_CLAIMED, VALIDATION…)
 * or one of the client's own: NETWORK (no answer), SCHEMA_DRIFT (the answer does
 * not match the shared schema), HTTP (an answer without the error envelope).
 */
export class ApiError extends Error {
  readonly status: number;
  readonly code: string;
  readonly details?: unknown;
  constructor(status: number, code: string, message: string, details?: unknown) {
    super(message);
    this.name = 'ApiError';
    this.status = status;
    this.code = code;
    this.details = details;
  }
  /** no answer from the server: worth retrying when the network is back */
  get offline(): boolean {
    return this.status === 0;
  }
  /** a retry with the same request may succeed */
  get retryable(): boolean {
    return this.status === 0 || this.status === 429 || this.status >= 500 || this.status === 401;
  }
}

export const isApiError = (e: unknown): e is ApiError => e instanceof ApiError;

export type Query = Record<string, string | number | boolean | undefined>;

export interface RequestOptions<S extends z.ZodMiniType> {
  method: 'GET' | 'POST' | 'PUT' | 'DELETE';
  path: string;
  schema: S;
  query?: Query;
  body?: unknown;
  headers?: Record<string, string>;
  /** send the bearer token (default true) */
  auth?: boolean;
  timeoutMs?: number;
}

export const buildQuery = (query: Query | undefined): string => {
  if (!query) return '';
  const parts = Object.entries(query)
    .filter(([, v]) => v !== undefined && v !== '')
    .map(([k, v]) => `${encodeURIComponent(k)}=${encodeURIComponent(String(v))}`);
  return parts.length ? `?${parts.join('&')}` : '';
};

interface ErrorEnvelopeShape {
  error?: { code?: unknown; message?: unknown; details?: unknown };
}

const statusMessage = (status: number): string =>
  status >= 500
    ? `服务暂时不可用（${status}），请稍后重试`
    : status === 404
      ? '请求的内容不存在，请返回刷新后重试'
      : `请求失败（${status}），请稍后重试`;

/** Issues a request and validates the answer against the shared zod schema. */
export async function request<S extends z.ZodMiniType>(opts: RequestOptions<S>): Promise<z.infer<S>> {
  const header: Record<string, string> = { 'Content-Type': 'application/json', ...opts.headers };
  const token = opts.auth === false ? undefined : getToken();
  if (token) header.Authorization = `Bearer ${token}`;
  const url = `${apiBase()}${opts.path}${buildQuery(opts.query)}`;

  let res: { statusCode: number; data: unknown };
  try {
    res = await Taro.request({
      url,
      method: opts.method,
      header,
      ...(opts.body === undefined ? {} : { data: opts.body as Record<string, unknown> }),
      dataType: 'json',
      timeout: opts.timeoutMs ?? 15_000,
    });
  } catch (e) {
    throw new ApiError(0, 'NETWORK', '网络连接失败，请检查网络后重试', e);
  }
  const status = Number(res.statusCode);
  if (!status) throw new ApiError(0, 'NETWORK', '网络连接失败，请检查网络后重试');

  if (status >= 400) {
    const env = (res.data ?? {}) as ErrorEnvelopeShape;
    const code = typeof env.error?.code === 'string' ? env.error.code : 'HTTP';
    const message = typeof env.error?.message === 'string' && env.error.message ? env.error.message : statusMessage(status);
    const err = new ApiError(status, code, message, env.error?.details);
    if (status === 401 && opts.auth !== false) redirectToLogin();
    throw err;
  }

  const parsed = opts.schema.safeParse(res.data);
  if (!parsed.success) {
    const issues = parsed.error.issues.slice(0, 5).map((i) => `${i.path.join('.') || '(root)'}: ${i.message}`);
    console.error(`[whistle] schema drift on ${opts.method} ${opts.path}`, issues);
    throw new ApiError(
      status,
      'SCHEMA_DRIFT',
      `服务器返回的数据与小程序版本不一致，请更新小程序或联系管理员（${opts.method} ${opts.path}）`,
      issues,
    );
  }
  return parsed.data;
}
