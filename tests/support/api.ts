import type { APIGatewayProxyEventV2, APIGatewayProxyStructuredResultV2 } from 'aws-lambda';
import { startGateway } from '../../functions/src/local/gateway.js';

/**
 * The API over real HTTP: the local gateway (the one `npm start` runs) in
 * front of the real handlers, wired to the integration services.
 */
export interface ApiClient {
  url: string;
  // eslint-disable-next-line @typescript-eslint/no-explicit-any -- tests read response bodies field by field and assert on them
  call(method: string, path: string, opts?: { token?: string; body?: unknown; headers?: Record<string, string>; rawBody?: string }): Promise<{ status: number; body: any }>;
  login(userId: string): Promise<string>;
  close(): Promise<void>;
}

export async function startApi(): Promise<ApiClient> {
  const { server, url } = await startGateway({ port: 0 });
  const call: ApiClient['call'] = async (method, path, opts = {}) => {
    const res = await fetch(`${url}${path}`, {
      method,
      headers: {
        ...(opts.body !== undefined || opts.rawBody !== undefined ? { 'content-type': 'application/json' } : {}),
        ...(opts.token ? { authorization: `Bearer ${opts.token}` } : {}),
        ...opts.headers,
      },
      ...(opts.rawBody !== undefined ? { body: opts.rawBody } : opts.body !== undefined ? { body: JSON.stringify(opts.body) } : {}),
    });
    const text = await res.text();
    let body: unknown = text;
    try {
      body = text ? JSON.parse(text) : undefined;
    } catch {
      // not JSON: keep the text
    }
    return { status: res.status, body };
  };
  return {
    url,
    call,
    async login(userId) {
      const res = await call('POST', '/api/auth/dev-login', { body: { userId } });
      if (res.status !== 200) throw new Error(`login ${userId}: ${res.status} ${JSON.stringify(res.body)}`);
      return (res.body as { token: string }).token;
    },
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

export type { APIGatewayProxyEventV2, APIGatewayProxyStructuredResultV2 };
