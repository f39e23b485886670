import '../wiring/tokens.js';
import type { APIGatewayProxyEventV2, APIGatewayProxyStructuredResultV2, Context } from 'aws-lambda';
import {
  AuthError,
  isWhistleError,
  matchRouteIn,
  NotFoundError,
  parseOrThrow,
  PayloadTooLargeError,
  RateLimitedError,
  routeKey,
  toEnvelope,
  ValidationError,
  WhistleError,
  type Principal,
  type RouteDef,
} from '@whistle/shared';
import { fileAnswer, json, type FileBody } from './json.js';
import { wire, type Deps } from '../wiring.js';
import { principalOf } from '../services/principal.js';

export interface RouteRequest {
  route: RouteDef;
  /** parsed with the route's `params` schema (every route with a path parameter has one) */
  params: Record<string, string>;
  /** parsed with the route's query schema when it has one */
  query: unknown;
  headers: Record<string, string>;
  /** parsed with the route's body schema when it has one */
  body: unknown;
  requestId: string;
  /** the caller's address as API Gateway saw it (the local gateway: the socket's) */
  sourceIp?: string;
}

export interface RouteContext {
  req: RouteRequest;
  deps: Deps;
  /** present on every route whose auth is `user` */
  principal: Principal;
}

export interface RouteResult {
  status?: number;
  /** a JSON body */
  body?: unknown;
  /** instead of a JSON body, a file (a route whose `ok.mediaType` says so) */
  file?: FileBody;
  headers?: Record<string, string>;
}

export type RouteImpl = (ctx: RouteContext) => Promise<RouteResult>;
export type PublicRouteImpl = (ctx: Omit<RouteContext, 'principal'> & { principal?: Principal }) => Promise<RouteResult>;

const MAX_BODY_BYTES = 64 * 1024;
/** `Bearer <token>`, the scheme in any case */
const BEARER = /^bearer[ \t]+([^\s]+)[ \t]*$/i;

export { json, type FileBody };

function parseBody(event: APIGatewayProxyEventV2, limit = MAX_BODY_BYTES): unknown {
  if (event.body === undefined || event.body === null || event.body === '') return undefined;
  const raw = event.isBase64Encoded ? Buffer.from(event.body, 'base64').toString('utf8') : event.body;
  if (Buffer.byteLength(raw) > limit) {
    throw new PayloadTooLargeError(limit);
  }
  try {
    return JSON.parse(raw) as unknown;
  } catch (cause) {
    throw new ValidationError([{ field: 'body', message: '请求体不是合法的 JSON' }], cause);
  }
}

const lowerHeaders = (h: APIGatewayProxyEventV2['headers'] | undefined): Record<string, string> =>
  Object.fromEntries(Object.entries(h ?? {}).flatMap(([k, v]) => (v === undefined ? [] : [[k.toLowerCase(), v]])));

/** Maps any error to the one envelope; only unknown failures are 500s. */
export function errorResponse(e: unknown, deps?: Deps): APIGatewayProxyStructuredResultV2 {
  if (isWhistleError(e)) {
    if (e.status >= 500) deps?.logger.error('request failed', { code: e.code, error: e, cause: e.cause });
    // a rate limit says when to come back
    return json(e.status, toEnvelope(e), e instanceof RateLimitedError ? { 'retry-after': String(e.retryAfterSeconds) } : undefined);
  }
  deps?.logger.error('unexpected error', { error: e as Error });
  return json(500, toEnvelope(new WhistleError('INTERNAL', '服务内部错误，请稍后重试')));
}

/**
 * Builds the Lambda handler of one HTTP function from its route implementations.
 * Thin by design: match → authenticate → parse (zod) → implementation → response.
 */
export function httpFunction(
  routes: readonly RouteDef[],
  impls: Record<string, RouteImpl | { public: PublicRouteImpl }>,
  opts: {
    /**
     * Starts loading what every route of the function reads of the caller's
     * tenant, as soon as the token names the tenant: those reads then overlap
     * the reads that resolve the caller. Loads are shared (one per key in
     * flight), so the route's own call joins them; a failure surfaces there.
     */
    prefetch?: (deps: Deps, tenantId: string) => Promise<unknown>;
  } = {},
): (event: APIGatewayProxyEventV2, context?: Context) => Promise<APIGatewayProxyStructuredResultV2> {
  // the function's own routes (shared/src/routes/<fn>.ts): its bundle carries only their schemas
  const fn = routes[0]?.fn ?? 'unknown';
  for (const r of routes) {
    if (!impls[routeKey(r)]) throw new Error(`function ${fn} has no implementation for ${routeKey(r)}`);
  }
  return async (event, context) => {
    let deps: Deps | undefined;
    try {
      deps = wire();
      // the invocation's request id, function name and cold start in every log line
      if (context) deps.logger.addContext(context);
      const method = event.requestContext?.http?.method ?? 'GET';
      const path = event.rawPath ?? event.requestContext?.http?.path ?? '/';
      const matched = matchRouteIn(method, path, routes);
      if (!matched) throw new NotFoundError('接口');
      const { route } = matched;
      if (route.devOnly && !deps.config.devRoutes) throw new NotFoundError('接口');
      const headers = lowerHeaders(event.headers);
      const query = Object.fromEntries(
        Object.entries(event.queryStringParameters ?? {}).flatMap(([k, v]) => (v === undefined ? [] : [[k, v]])),
      );
      let principal: Principal | undefined;
      const auth = headers.authorization;
      if (auth) {
        // present, it must be a bearer token that verifies, on public routes too (docs/access.md); the scheme is case-insensitive (RFC 9110)
        const token = BEARER.exec(auth)?.[1];
        if (!token) throw new AuthError('Authorization 请求头格式不正确（应为 Bearer 令牌）');
        const claims = await deps.verifier.verify(token, Date.now());
        opts.prefetch?.(deps, claims.ten).catch(() => undefined);
        principal = await principalOf(deps, claims);
      } else if (route.auth === 'user') {
        throw new AuthError('请先登录（缺少 Authorization: Bearer 令牌）');
      }
      // path parameters first: an id of the wrong shape or length never reaches a service or the store
      const params = route.params ? (parseOrThrow(route.params, matched.params, undefined, 'path') as Record<string, string>) : matched.params;
      const rawBody = parseBody(event, route.maxBodyBytes);
      const body = route.body ? parseOrThrow(route.body, rawBody ?? {}) : rawBody;
      const parsedQuery: unknown = route.query ? parseOrThrow(route.query, query, undefined, 'query') : query;
      for (const [name, schema] of Object.entries(route.headers ?? {})) parseOrThrow(schema, headers[name], name);
      const sourceIp = event.requestContext?.http?.sourceIp;
      const req: RouteRequest = { route, params, query: parsedQuery, headers, body, requestId: event.requestContext?.requestId ?? '', ...(sourceIp ? { sourceIp } : {}) };
      const impl = impls[routeKey(route)];
      if (!impl) throw new NotFoundError('接口');
      const result =
        typeof impl === 'function'
          ? await impl({ req, deps, principal: principal as Principal })
          : await impl.public({ req, deps, ...(principal ? { principal } : {}) });
      if (result.file) return fileAnswer(result.status ?? 200, result.file, result.headers);
      return json(result.status ?? 200, result.body ?? {}, result.headers);
    } catch (e) {
      return errorResponse(e, deps);
    } finally {
      if (deps?.metrics.hasStoredMetrics()) deps.metrics.publishStoredMetrics();
    }
  };
}
