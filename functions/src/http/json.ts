import type { APIGatewayProxyStructuredResultV2 } from 'aws-lambda';

/** Every JSON answer of the API: UTF-8, never cached, never sniffed as anything but JSON. */
export const json = (status: number, body: unknown, headers: Record<string, string> = {}): APIGatewayProxyStructuredResultV2 => ({
  statusCode: status,
  headers: { 'content-type': 'application/json; charset=utf-8', 'cache-control': 'no-store', 'x-content-type-options': 'nosniff', ...headers },
  body: JSON.stringify(body),
});

/** A file a route answers (RouteOk.mediaType): its bytes, its type, and the names it is saved under. */
export interface FileBody {
  bytes: Uint8Array;
  mediaType: string;
  /** the name people see (UTF-8: 清溪区-诉求台账-2026-Q4.xlsx) */
  filename: string;
  /** an ASCII name for clients that do not read RFC 5987's `filename*` */
  fallbackFilename: string;
}

/** RFC 5987 / 8187 `ext-value` characters: percent-encode everything else (encodeURIComponent leaves '()* alone). */
const rfc5987 = (s: string): string => encodeURIComponent(s).replace(/['()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);
/** A quoted-string of printable ASCII, without quotes or backslashes. */
const asciiName = (s: string): string => s.replace(/[^\x20-\x7e]|["\\]/g, '_');

/** `Content-Disposition: attachment` naming the file in UTF-8 (RFC 6266 with RFC 5987's `filename*`), with an ASCII fallback. */
export const attachment = (filename: string, fallback: string): string =>
  `attachment; filename="${asciiName(fallback)}"; filename*=UTF-8''${rfc5987(filename)}`;

/**
 * A file answer: API Gateway's HTTP API (payload 2.0) decodes a body marked
 * `isBase64Encoded` and sends the bytes. Never cached; saved, not shown.
 * Lambda's answer is at most 6 MB, base64 included: a route keeps its files under ~4 MB.
 */
export const fileAnswer = (status: number, file: FileBody, headers: Record<string, string> = {}): APIGatewayProxyStructuredResultV2 => ({
  statusCode: status,
  headers: {
    'content-type': file.mediaType,
    'content-disposition': attachment(file.filename, file.fallbackFilename),
    'cache-control': 'no-store',
    'x-content-type-options': 'nosniff',
    ...headers,
  },
  body: Buffer.from(file.bytes.buffer, file.bytes.byteOffset, file.bytes.byteLength).toString('base64'),
  isBase64Encoded: true,
});
