import * as shared from '@whistle/shared';
import { errorStatuses, okStatuses, ROUTES, type HttpFunctionName, type RouteDef } from '@whistle/shared';
import * as z from 'zod/mini';
import type { OpenApiDocuments } from './openapi-unpack.js';

type Json = Record<string, unknown>;

const isSchema = (v: unknown): v is z.ZodMiniType => typeof v === 'object' && v !== null && '_zod' in v;

/** The error statuses' names, for the shared responses under components/responses. */
const ERROR_RESPONSES: Record<number, { name: string; description: string }> = {
  400: { name: 'BadRequest', description: 'The request is malformed: body, query, path or header (VALIDATION; `details` lists the fields)' },
  401: { name: 'Unauthorized', description: 'The bearer token is missing, invalid or expired, or its user is gone (UNAUTHENTICATED)' },
  403: { name: 'Forbidden', description: 'The caller may not do this (FORBIDDEN)' },
  404: { name: 'NotFound', description: 'The resource is not there or not visible to the caller, or the route is off here (NOT_FOUND)' },
  409: {
    name: 'Conflict',
    description:
      'The ticket is not in a state that allows this, was claimed first, or changed concurrently (INVALID_TRANSITION, ALREADY_CLAIMED, CONFLICT); a race: the quarter has one already, the voter has voted, or the vote has ended (CONFLICT)',
  },
  413: { name: 'PayloadTooLarge', description: 'The request body is over the limit of 64 KB (PAYLOAD_TOO_LARGE; `details.limitBytes`)' },
  422: { name: 'IdempotencyMismatch', description: 'The Idempotency-Key was already used for a different request (IDEMPOTENCY_MISMATCH)' },
  429: {
    name: 'RateLimited',
    description:
      'Too many requests, for one of two reasons. Over a per-caller rate limit: RATE_LIMITED in the error envelope (below), `details.retryAfterSeconds` and the Retry-After header say when to retry, and nothing was written. Or throttled by the API stage before reaching the function: API Gateway\'s own body `{"message": "Too Many Requests"}` (GatewayMessage), without Retry-After.',
  },
  500: { name: 'InternalError', description: 'An unexpected failure (INTERNAL)' },
  501: { name: 'NotConfigured', description: 'What this needs is not configured here (NOT_CONFIGURED)' },
  503: { name: 'Unavailable', description: 'The store or a queue does not answer; retry later (STORE_UNAVAILABLE, QUEUE_UNAVAILABLE)' },
};

/** One tag per HTTP function (Lambda), in the route table's order. */
const TAGS: Record<HttpFunctionName, string> = {
  system: 'Health',
  docs: 'This description of the API',
  auth: 'Signing in, and who the caller is',
  directory: 'Groups and their feeds, units, leaders, enterprises, grids',
  intake: 'Raising requests (企业吹哨)',
  claim: 'Claiming a request for a unit (部门报到)',
  tickets: 'Tickets: lists, detail, and the commands that move them',
  inbox: "The caller's notifications",
  desk: 'The after-hours desk',
  supervision: 'Supervision notices (督办单) and the overview',
  races: 'The quarterly race (赛马比拼): five-star units and best-practice cases, voted by enterprises and units',
  admin: 'Tenant settings: working calendar, clock policy, duty roster, rate limits',
  assessment: 'The assessment (助企服务指数): ranking by track, drill-down, disputes, entered scores, the scheme',
  exports: 'Excel exports of a period, ready to print: the ticket ledger (台账)',
  dev: 'Local stack only: the clock and the schedules',
  imports: 'Onboarding from Excel: validated uploads with a per-row report, import jobs written in the background',
  importTemplates: 'Onboarding from Excel: the templates, empty or filled with the directory as it is',
  wechat: 'WeChat: invitation codes to bind WeChat, bindings, subscribe-message templates and consents',
  platform: 'The platform: tenants created by an operator, and the province view of its districts',
  policies: 'The policy supermarket (政策超市): the catalogue, 我的政策 matched to each enterprise, pushes, suggestions while typing, and the enterprise profile',
  visits: "Grid visits (走访): logging, a finding turned into a ticket, the enterprise's ledger (问题困难动态台账) and visit coverage (走访全覆盖)",
  retrospectives: 'Retrospectives (典型问题复盘) on a ticket or a common issue: causes, findings, recommendations, rectification tasks',
  retrospectiveDocs: 'A retrospective (典型问题复盘) as a Word document, ready to print and sign',
  commonIssues: 'Common issues (共性问题): proposed clusters of requests, one fix for many enterprises, the ledger by category',
};

const operationId = (route: RouteDef): string =>
  `${route.method.toLowerCase()}${route.path.replace(/[^a-zA-Z0-9]+(.)?/g, (_m, c: string | undefined) => (c ? c.toUpperCase() : ''))}`;

const RETRY_AFTER = {
  'Retry-After': { description: 'Seconds until the request may pass (set on RATE_LIMITED answers)', schema: { type: 'integer', minimum: 1 } },
};

const CONTENT_DISPOSITION = {
  'Content-Disposition': {
    description: "`attachment`, naming the file in UTF-8 (`filename*=UTF-8''…`, RFC 6266 / 5987) with an ASCII `filename` for older clients",
    schema: { type: 'string' },
  },
};

const json = (schema: Json) => ({ 'application/json': { schema } });
const ref = (kind: 'schemas' | 'responses', name: string) => ({ $ref: `#/components/${kind}/${name}` });

/**
 * The response schemas, in output mode, under components/schemas by their
 * export name in @whistle/shared. Every exported schema is registered, so a
 * schema nested in several answers (Ticket, User, Instant…) is written once
 * and referenced; only those the document reaches are kept.
 */
function responseSchemas(roots: readonly z.ZodMiniType[]): { nameOf: (s: z.ZodMiniType) => string; schemas: Record<string, Json> } {
  const registry = z.registry<{ id: string }>();
  const names = new Map<z.ZodMiniType, string>();
  for (const [name, value] of Object.entries(shared)) {
    if (!isSchema(value) || names.has(value)) continue;
    names.set(value, name);
    registry.add(value, { id: name });
  }
  const nameOf = (s: z.ZodMiniType) => {
    const name = names.get(s);
    if (!name) throw new Error('a route answers a schema that @whistle/shared does not export: export it (schemas/responses.ts) so the document can name it');
    return name;
  };
  const all = z.toJSONSchema(registry, {
    io: 'output',
    unrepresentable: 'any',
    uri: (id) => `#/components/schemas/${id}`,
  }).schemas as Record<string, Json>;
  // keep what the roots reach, without the standalone-document keys
  const schemas: Record<string, Json> = {};
  const visit = (name: string) => {
    if (schemas[name]) return;
    const { $schema: _s, $id: _i, ...schema } = all[name] ?? {};
    schemas[name] = schema;
    for (const m of JSON.stringify(schema).matchAll(/"\$ref":"#\/components\/schemas\/([^"]+)"/g)) visit(m[1] ?? '');
  };
  for (const root of roots) visit(nameOf(root));
  return { nameOf, schemas };
}

const sorted = <T>(o: Record<string, T>): Record<string, T> => Object.fromEntries(Object.entries(o).sort(([a], [b]) => a.localeCompare(b)));

function build(opts: { devRoutes: boolean }): Json {
  const routes = ROUTES.filter((r) => !r.devOnly || opts.devRoutes);
  // a file's bytes are described inline (type string, format binary), not as a component
  const { nameOf, schemas } = responseSchemas([shared.ErrorResponse, ...routes.flatMap((r) => (r.ok.mediaType ? [] : [r.ok.schema]))]);
  const errorsUsed = new Set<number>();
  const paths: Record<string, Record<string, unknown>> = {};
  for (const route of routes) {
    // the path parameters in path order, each with its schema from the route's `params` (refinements are not representable)
    const paramSchemas = (route.params ? (z.toJSONSchema(route.params, { io: 'input', unrepresentable: 'any' }).properties ?? {}) : {}) as Json;
    const params = [...route.path.matchAll(/\{(\w+)\}/g)].map((m) => ({
      name: m[1],
      in: 'path',
      required: true,
      schema: paramSchemas[m[1] ?? ''] ?? { type: 'string' },
    }));
    const querySchema = route.query ? (z.toJSONSchema(route.query, { io: 'input', unrepresentable: 'any' }) as { properties?: Json; required?: string[] }) : {};
    const query = Object.entries(querySchema.properties ?? {}).map(([name, schema]) => ({
      name,
      in: 'query',
      required: querySchema.required?.includes(name) ?? false,
      schema,
    }));
    const headers = Object.entries(route.headers ?? {}).map(([name, schema]) => ({
      name,
      in: 'header',
      required: true,
      schema: z.toJSONSchema(schema, { unrepresentable: 'any' }),
    }));
    const responses: Record<string, unknown> = {};
    const body = route.ok.mediaType ? { [route.ok.mediaType]: { schema: { type: 'string', format: 'binary' } } } : json(ref('schemas', nameOf(route.ok.schema)));
    const okHeaders = route.ok.mediaType ? { headers: CONTENT_DISPOSITION } : {};
    responses[String(route.ok.status)] = { description: route.ok.description ?? (route.ok.status === 201 ? 'Created' : 'OK'), ...okHeaders, content: body };
    for (const status of okStatuses(route).slice(1)) responses[String(status)] = { description: route.ok.also?.[status] ?? 'OK', ...okHeaders, content: body };
    for (const status of errorStatuses(route)) {
      const known = ERROR_RESPONSES[status];
      if (!known) throw new Error(`${route.method} ${route.path}: error status ${status} has no description in ERROR_RESPONSES`);
      errorsUsed.add(status);
      responses[String(status)] = ref('responses', known.name);
    }
    // every route may be throttled by the stage; a rate-limited route's 429 (above) describes both answers
    responses['429'] ??= ref('responses', 'Throttled');
    responses['4XX'] = ref('responses', 'ClientError');
    responses['5XX'] = ref('responses', 'ServerError');
    const op: Json = {
      summary: route.summary,
      operationId: operationId(route),
      tags: [route.fn],
      parameters: [...params, ...query, ...headers],
      security: route.auth === 'user' ? [{ bearer: [] }] : [],
      ...(route.body
        ? { requestBody: { required: true, content: json(z.toJSONSchema(route.body, { io: 'input', unrepresentable: 'any' }) as Json) } }
        : {}),
      responses,
    };
    (paths[route.path] ??= {})[route.method.toLowerCase()] = op;
  }
  const envelope = { content: json(ref('schemas', nameOf(shared.ErrorResponse))) };
  const errorResponses = Object.fromEntries(
    [...errorsUsed].sort((a, b) => a - b).map((s) => {
      const { name, description } = ERROR_RESPONSES[s] ?? { name: String(s), description: '' };
      // the rate limit's envelope with when to retry; the description names the stage's throttling body too
      if (s === 429) return [name, { description, headers: RETRY_AFTER, ...envelope }];
      return [name, { description, ...envelope }];
    }),
  );
  return {
    openapi: '3.1.0',
    info: {
      title: 'Whistle API (企业吹哨 · 部门报到)',
      version: '0.1.0',
      description:
        'Generated from the route table (shared/src/routes.ts) and its zod schemas. Every error answers the one envelope `{error: {code, message, details?}}`.',
    },
    servers: [{ url: '/' }],
    tags: [...new Set(routes.map((r) => r.fn))].map((name) => ({ name, description: TAGS[name] })),
    paths,
    components: {
      securitySchemes: { bearer: { type: 'http', scheme: 'bearer', bearerFormat: 'JWT' } },
      schemas: sorted({
        ...schemas,
        GatewayMessage: { type: 'object', required: ['message'], properties: { message: { type: 'string' } } },
      }),
      responses: {
        ...errorResponses,
        Throttled: {
          description: "Throttled by the API stage: API Gateway's own body, not the envelope",
          content: json(ref('schemas', 'GatewayMessage')),
        },
        ClientError: { description: 'Any other client error, in the error envelope', ...envelope },
        ServerError: { description: 'Any other server error, in the error envelope', ...envelope },
      },
    },
  };
}

const built = new Map<boolean, Json>();

/** The API described from the route table and its zod schemas (OpenAPI 3.1). */
export function openApiDocument(opts: { devRoutes: boolean }): Json {
  let doc = built.get(opts.devRoutes);
  if (!doc) built.set(opts.devRoutes, (doc = build(opts)));
  return doc;
}

/** The document's JSON without and with the dev routes: what the docs function answers (built at bundle time, or on first use from source). */
export const openApiDocuments = (): OpenApiDocuments => [JSON.stringify(openApiDocument({ devRoutes: false })), JSON.stringify(openApiDocument({ devRoutes: true }))];
