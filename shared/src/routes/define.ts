import * as z from 'zod/mini';
import { Id } from '../schemas/common.js';
import * as res from '../schemas/responses.js';
import type { XLSX_MEDIA_TYPE } from '../exports/sheet.js';
import type { DOCX_MEDIA_TYPE } from '../retrospective/schemas.js';
import { COMMAND_TYPES, COMMANDS, ticketParamOf, type CommandSpec, type CommandType } from '../ticket/commands.js';

/**
 * What a route is, and the helpers every route module (shared/src/routes/<fn>.ts)
 * declares its routes with; the table itself is shared/src/routes.ts.
 */
export const FUNCTION_NAMES = [
  'system',
  'docs',
  'auth',
  'directory',
  'intake',
  'claim',
  'tickets',
  'inbox',
  'desk',
  'supervision',
  'races',
  'admin',
  'assessment',
  'exports',
  'dev',
  'imports',
  'importTemplates',
  'wechat',
  'platform',
  'policies',
  'visits',
  'retrospectives',
  'retrospectiveDocs',
  'commonIssues',
] as const;
export type HttpFunctionName = (typeof FUNCTION_NAMES)[number];

export type HttpMethod = 'GET' | 'POST' | 'PUT' | 'DELETE';

/** What a route answers when it works: the status, and the body's schema (from schemas/responses.ts or clocks.ts). */
export interface RouteOk {
  status: 200 | 201;
  schema: z.ZodMiniType;
  /** what the status means, when more than "OK" / "Created" */
  description?: string;
  /** other statuses answering a body of the same schema, and when (intake: 200 on an idempotent replay) */
  also?: Readonly<Record<number, string>>;
  /**
   * A file, not JSON: the body is the file's bytes in this media type (`schema` is FileBytes),
   * sent base64-encoded in the Lambda answer (`isBase64Encoded`) with a Content-Disposition
   * naming the file; errors are still the JSON envelope.
   */
  mediaType?: typeof XLSX_MEDIA_TYPE | typeof DOCX_MEDIA_TYPE;
}

export interface RouteDef {
  method: HttpMethod;
  /** API Gateway path syntax: `{param}` */
  path: string;
  fn: HttpFunctionName;
  /** `public`: no token; `user`: a valid token */
  auth: 'public' | 'user';
  /** exists only in the local stack, or where DEV_ROUTES is on; 404 elsewhere */
  devOnly?: true;
  summary: string;
  /**
   * the path parameters' schema (a strict object naming every `{param}` of the
   * path): parsed once by the route wrapper, a 400 naming the parameter
   */
  params?: z.ZodMiniObject;
  body?: z.ZodMiniType;
  /** the body's limit when not the handlers' 64 KB (a file uploaded in JSON) */
  maxBodyBytes?: number;
  query?: z.ZodMiniType;
  /** required request headers (besides Authorization) */
  headers?: Record<string, z.ZodMiniType>;
  /** a ticket command from the catalogue (ticket/commands.ts) */
  command?: CommandType;
  /** the success answer: required, so no route goes undocumented */
  ok: RouteOk;
  /**
   * error statuses this route answers besides those every route of its kind
   * does (see `errorStatuses`), always with the error envelope
   */
  errors?: readonly number[];
}

export const r = (
  method: HttpMethod,
  path: string,
  fn: HttpFunctionName,
  summary: string,
  extra: Partial<Omit<RouteDef, 'method' | 'path' | 'fn' | 'summary' | 'ok'>> & Pick<RouteDef, 'ok'>,
): RouteDef => ({ method, path, fn, summary, auth: 'user', ...extra });

/** A 200 answering `schema`. */
export const ok = (schema: z.ZodMiniType, description?: string): RouteOk => ({ status: 200, schema, ...(description ? { description } : {}) });

/** A 200 answering a file of `mediaType` (see RouteOk.mediaType). */
export const file = (mediaType: NonNullable<RouteOk['mediaType']>, description: string): RouteOk => ({ status: 200, schema: res.FileBytes, mediaType, description });

/** commands limited per caller (429 RATE_LIMITED): claims per officer */
const RATE_LIMITED_COMMANDS: ReadonlySet<CommandType> = new Set(['claim']);

/** A command's path parameters: the ticket's (`{id}` or `{ticketId}`) and the catalogue's own `params`. */
function commandParams(type: CommandType): z.ZodMiniObject {
  const spec: CommandSpec = COMMANDS[type];
  return z.strictObject({ [ticketParamOf(type)]: Id, ...(spec.params?.shape ?? {}) });
}

/** The ticket commands' routes, from the one catalogue. */
export function commandRoutes(which: (fn: CommandSpec['fn']) => boolean): RouteDef[] {
  return COMMAND_TYPES.flatMap((type) => {
    const spec: CommandSpec = COMMANDS[type];
    // every command answers the ticket as the command left it
    const extra = {
      command: type,
      params: commandParams(type),
      ok: ok(res.TicketResponse, 'The ticket after the command'),
      ...(spec.body ? { body: spec.body } : {}),
      ...(RATE_LIMITED_COMMANDS.has(type) ? { errors: [429] } : {}),
    };
    return which(spec.fn) ? [r('POST', spec.path, spec.fn, spec.summary, extra)] : [];
  });
}


/**
 * The error statuses a route answers, each with the error envelope
 * (`ErrorResponse`): those every route can answer (a malformed request, a
 * token that does not verify, a resource or route not found, a body over the
 * limit (413: 64 KB, API Gateway's own 10 MB before it), a failure, a
 * store or queue that does not answer), 403 on signed-in routes, 409 on ticket
 * commands (an invalid transition, already claimed, a concurrent change), and
 * the route's own `errors`. The OpenAPI document lists exactly these, and the
 * integration tests refuse any other status.
 */
export function errorStatuses(route: RouteDef): number[] {
  const all = new Set<number>([400, 401, 404, 413, 500, 503]);
  if (route.auth === 'user') all.add(403);
  if (route.command) all.add(409);
  for (const s of route.errors ?? []) all.add(s);
  // a status the route answers with its own body is not an error of it (health's 503: degraded)
  for (const s of okStatuses(route)) all.delete(s);
  return [...all].sort((a, b) => a - b);
}

/** The statuses a route answers with its success body: `ok.status` and `ok.also`. */
export function okStatuses(route: RouteDef): number[] {
  return [route.ok.status, ...Object.keys(route.ok.also ?? {}).map(Number)];
}

export const routeKey = (route: Pick<RouteDef, 'method' | 'path'>): string => `${route.method} ${route.path}`;

/** Matches a concrete path against some routes; returns the route and its path parameters. */
export function matchRouteIn(
  method: string,
  path: string,
  routes: readonly RouteDef[],
): { route: RouteDef; params: Record<string, string> } | undefined {
  const segments = path.split('/');
  for (const route of routes) {
    if (route.method !== method) continue;
    const pattern = route.path.split('/');
    if (pattern.length !== segments.length) continue;
    const params: Record<string, string> = {};
    let ok = true;
    for (let i = 0; i < pattern.length; i++) {
      const p = pattern[i] ?? '';
      const s = segments[i] ?? '';
      if (p.startsWith('{') && p.endsWith('}')) {
        if (s === '') {
          ok = false;
          break;
        }
        try {
          params[p.slice(1, -1)] = decodeURIComponent(s);
        } catch {
          // a malformed escape (`%ZZ`) names no resource: no match (404), never a crash (500)
          ok = false;
          break;
        }
      } else if (p !== s) {
        ok = false;
        break;
      }
    }
    if (ok) return { route, params };
  }
  return undefined;
}
