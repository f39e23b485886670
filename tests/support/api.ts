import type { APIGatewayProxyEventV2, APIGatewayProxyStructuredResultV2 } from 'aws-lambda';
import { errorStatuses, ErrorResponse, matchRoute, okStatuses, routeKey, type RouteDef } from '@whistle/shared';
import { Ajv2020, type ValidateFunction } from 'ajv/dist/2020.js';
import * as z from 'zod/mini';
import { openApiDocument } from '../../functions/src/http/openapi.js';
import { startGateway } from '../../functions/src/local/gateway.js';

/**
 * Holds an answer to what the API documents: a status the route lists, its
 * success body parsing with the route's `ok.schema` (the route table, which the
 * OpenAPI document is generated from), any other status with the error
 * envelope; then the same body against the JSON Schema the served document
 * gives for that status (which also refuses fields the schemas do not name). A
 * path no route matches must answer the envelope. Throws with the route, the
 * status and the issues, so a test that receives an undocumented answer fails
 * however little it asserts itself. Paths outside /api/ (the H5 app) are not
 * the API's.
 */
export function checkAnswer(method: string, path: string, status: number, body: unknown, contentType?: string): void {
  const { pathname } = new URL(path, 'http://localhost'); // as the gateway reads it
  if (!pathname.startsWith('/api/')) return;
  const matched = matchRoute(method, pathname);
  const route = matched?.route;
  const where = route ? `${routeKey(route)}${routeKey(route) === `${method} ${path}` ? '' : ` (${method} ${path})`}` : `${method} ${path} (no route)`;
  const file = route?.ok.mediaType;
  if (route && file && okStatuses(route).includes(status)) {
    // a file: bytes, of the route's media type, as the document says (its errors are the JSON envelope, below)
    if (!(body instanceof Uint8Array) || body.length === 0) throw new Error(`API drift: ${where} answered ${status} without the file it documents (${file}): ${excerpt(body)}`);
    const type = contentType?.split(';')[0]?.trim().toLowerCase();
    if (contentType !== undefined && type !== file) throw new Error(`API drift: ${where} answered ${status} as ${contentType}, not ${file}`);
    documentedFile(route, status, file);
    return;
  }
  if (body instanceof Uint8Array) throw new Error(`API drift: ${where} answered ${status} with ${body.length} bytes (${contentType ?? 'no content type'}) where it documents JSON`);
  let schema: z.ZodMiniType = ErrorResponse;
  let what = 'the error envelope';
  if (route && okStatuses(route).includes(status)) {
    schema = route.ok.schema;
    what = 'its documented body (route.ok.schema)';
  } else if (route && !errorStatuses(route).includes(status)) {
    throw new Error(
      `API drift: ${where} answered ${status}, which the route does not document ` +
        `(success ${okStatuses(route).join('/')}, errors ${errorStatuses(route).join('/')}): ${excerpt(body)}`,
    );
  }
  const parsed = z.safeParse(schema, body);
  if (!parsed.success) {
    throw new Error(`API drift: ${where} answered ${status} with a body that is not ${what}:\n${z.prettifyError(parsed.error)}\nbody: ${excerpt(body)}`);
  }
  const validate = documented(route, status);
  if (!validate(body)) {
    const issues = (validate.errors ?? []).map((e) => `✖ ${e.message ?? ''} ${e.params ? JSON.stringify(e.params) : ''}\n  → at ${e.instancePath || '/'}`);
    throw new Error(`API drift: ${where} answered ${status} with a body the OpenAPI document does not allow:\n${issues.join('\n')}\nbody: ${excerpt(body)}`);
  }
}

/** The OpenAPI document as the local stack serves it (dev routes on), for JSON Schema validation. */
const DOC_ID = 'whistle-openapi.json';
let ajv: Ajv2020 | undefined;
const validators = new Map<string, ValidateFunction>();

/** The validator of the body the document gives `route` (or, unmatched, the envelope) for `status`. */
function documented(route: RouteDef | undefined, status: number): ValidateFunction {
  const key = route ? `${routeKey(route)} ${status}` : 'envelope';
  let validate = validators.get(key);
  if (validate) return validate;
  if (!ajv) {
    // formats are checked by the schemas' patterns (zod writes both); the document itself is linted by redocly
    ajv = new Ajv2020({ strict: false, validateFormats: false, allErrors: true });
    ajv.addSchema({ ...openApiDocument({ devRoutes: true }), $id: DOC_ID });
  }
  let ref = '#/components/schemas/ErrorResponse';
  if (route) {
    type Res = { $ref?: string; content?: Record<string, { schema?: { $ref?: string } }> };
    const doc = openApiDocument({ devRoutes: true }) as { paths: Record<string, Record<string, { responses: Record<string, Res> }>>; components: { responses: Record<string, Res> } };
    let res = doc.paths[route.path]?.[route.method.toLowerCase()]?.responses[String(status)];
    if (res?.$ref) res = doc.components.responses[res.$ref.replace('#/components/responses/', '')];
    const schemaRef = res?.content?.['application/json']?.schema?.$ref;
    if (!schemaRef) throw new Error(`API drift: the OpenAPI document gives ${routeKey(route)} no JSON body schema for ${status}`);
    ref = schemaRef;
  }
  validate = ajv.compile({ $ref: `${DOC_ID}${ref}` });
  validators.set(key, validate);
  return validate;
}

/** The document gives `route` a binary body of `mediaType` for `status`. */
function documentedFile(route: RouteDef, status: number, mediaType: string): void {
  type Res = { content?: Record<string, { schema?: { type?: string; format?: string } }> };
  const doc = openApiDocument({ devRoutes: true }) as { paths: Record<string, Record<string, { responses: Record<string, Res> }>> };
  const schema = doc.paths[route.path]?.[route.method.toLowerCase()]?.responses[String(status)]?.content?.[mediaType]?.schema;
  if (schema?.type !== 'string' || schema.format !== 'binary') {
    throw new Error(`API drift: the OpenAPI document gives ${routeKey(route)} no binary ${mediaType} body for ${status}`);
  }
}

const excerpt = (body: unknown): string => {
  if (body instanceof Uint8Array) return `(${body.length} bytes)`;
  const text = typeof body === 'string' ? body : JSON.stringify(body);
  return text === undefined ? '(empty)' : text.length > 600 ? `${text.slice(0, 600)}…` : text;
};

/**
 * The API over real HTTP: the local gateway (the one `npm start` runs) in
 * front of the real handlers, wired to the integration services.
 */
export interface ApiClient {
  url: string;
  /**
   * One request; `body` is the parsed JSON (or the text when it is not JSON),
   * or, for a file (any other content type), its bytes as a Buffer
   */
  // eslint-disable-next-line @typescript-eslint/no-explicit-any -- tests read response bodies field by field and assert on them
  call(method: string, path: string, opts?: { token?: string; body?: unknown; headers?: Record<string, string>; rawBody?: string }): Promise<{ status: number; body: any; headers: Headers }>;
  login(userId: string): Promise<string>;
  close(): Promise<void>;
}

/** Not JSON nor text: a file, read as bytes. */
const isFileType = (contentType: string): boolean => contentType !== '' && !/json|^text\//i.test(contentType);

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
    const contentType = res.headers.get('content-type') ?? '';
    let body: unknown;
    if (isFileType(contentType)) body = Buffer.from(await res.arrayBuffer());
    else {
      const text = await res.text();
      body = text;
      try {
        body = text ? JSON.parse(text) : undefined;
      } catch {
        // not JSON: keep the text
      }
    }
    checkAnswer(method, path, res.status, body, contentType || undefined);
    return { status: res.status, body, headers: res.headers };
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
