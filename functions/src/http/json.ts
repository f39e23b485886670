import type { APIGatewayProxyStructuredResultV2 } from 'aws-lambda';

/** Every JSON answer of the API: UTF-8, never cached, never sniffed as anything but JSON. */
export const json = (status: number, body: unknown, headers: Record<string, string> = {}): APIGatewayProxyStructuredResultV2 => ({
  statusCode: status,
  headers: { 'content-type': 'application/json; charset=utf-8', 'cache-control': 'no-store', 'x-content-type-options': 'nosniff', ...headers },
  body: JSON.stringify(body),
});
