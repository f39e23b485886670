import type * as z from 'zod/mini';
import * as api from './schemas/api.js';
import { ClockPolicy, DutyRosterBody } from './clocks.js';
import { COMMAND_TYPES, COMMANDS, type CommandSpec, type CommandType } from './ticket/commands.js';

/**
 * The route table: the one list of HTTP routes. The local gateway serves it,
 * the CDK stack creates exactly these routes on the HTTP API, the OpenAPI
 * document is generated from it, and the mini-program's client calls it.
 */
export const FUNCTION_NAMES = [
  'system',
  'auth',
  'directory',
  'intake',
  'claim',
  'tickets',
  'inbox',
  'desk',
  'supervision',
  'admin',
  'dev',
] as const;
export type HttpFunctionName = (typeof FUNCTION_NAMES)[number];

export type HttpMethod = 'GET' | 'POST' | 'PUT';

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
  body?: z.ZodMiniType;
  query?: z.ZodMiniType;
  /** required request headers (besides Authorization) */
  headers?: Record<string, z.ZodMiniType>;
  /** a ticket command from the catalogue (ticket/commands.ts) */
  command?: CommandType;
}

const r = (
  method: HttpMethod,
  path: string,
  fn: HttpFunctionName,
  summary: string,
  extra: Partial<Omit<RouteDef, 'method' | 'path' | 'fn' | 'summary'>> = {},
): RouteDef => ({ method, path, fn, summary, auth: 'user', ...extra });

/** The ticket commands' routes, from the one catalogue. */
function commandRoutes(which: (fn: CommandSpec['fn']) => boolean): RouteDef[] {
  return COMMAND_TYPES.flatMap((type) => {
    const spec: CommandSpec = COMMANDS[type];
    return which(spec.fn) ? [r('POST', spec.path, spec.fn, spec.summary, { command: type, ...(spec.body ? { body: spec.body } : {}) })] : [];
  });
}

export const ROUTES: readonly RouteDef[] = [
  r('GET', '/api/health', 'system', 'Whether the store and the queues answer', { auth: 'public' }),
  r('GET', '/api/openapi.json', 'system', 'This API, described from the zod schemas', { auth: 'public' }),

  r('GET', '/api/auth/dev-users', 'auth', 'Demo personas (local stack only)', { auth: 'public', devOnly: true }),
  r('POST', '/api/auth/dev-login', 'auth', 'Sign in as a demo persona (local stack only)', {
    auth: 'public',
    devOnly: true,
    body: api.DevLoginBody,
  }),
  r('POST', '/api/auth/wechat', 'auth', 'Sign in with a WeChat login code (code2Session)', {
    auth: 'public',
    body: api.WechatLoginBody,
  }),
  r('GET', '/api/me', 'auth', 'The signed-in user, their unit, enterprise and grid'),

  r('GET', '/api/groups', 'directory', 'Groups the caller may see'),
  r('GET', '/api/groups/{id}/feed', 'directory', 'A group feed, newest first; `since` polls for changes', {
    query: api.FeedQuery,
  }),
  r('GET', '/api/units', 'directory', 'Units of the tenant'),
  r('GET', '/api/leaders', 'directory', 'County leaders who may lead key matters'),
  r('GET', '/api/enterprises', 'directory', 'Enterprises the caller may raise requests for'),
  r('GET', '/api/grids/mine', 'directory', "The caller's grid board: grid officer, area lead, grid chief"),

  r('POST', '/api/tickets', 'intake', 'Raise a request (企业吹哨); idempotent by Idempotency-Key', {
    body: api.CreateTicketBody,
    headers: { 'idempotency-key': api.IdempotencyKey },
  }),
  r('GET', '/api/tickets', 'tickets', 'List tickets by view', { query: api.TicketListQuery }),
  r('GET', '/api/tickets/{id}', 'tickets', 'A ticket with its timeline and conversation'),
  ...commandRoutes((fn) => fn !== 'desk'),

  r('GET', '/api/inbox', 'inbox', 'Notifications for the caller'),
  r('POST', '/api/inbox/{id}/read', 'inbox', 'Mark a notification read'),

  r('GET', '/api/desk/queue', 'desk', 'After-hours requests waiting for the desk'),
  ...commandRoutes((fn) => fn === 'desk'),

  r('GET', '/api/supervision/notices', 'supervision', 'Supervision notices (督办单)', { query: api.NoticeQuery }),
  r('POST', '/api/supervision/notices/{id}/ack', 'supervision', 'Acknowledge a notice'),
  r('GET', '/api/supervision/overview', 'supervision', 'Overdue and unclaimed tickets, calendar warnings'),

  r('GET', '/api/admin/calendar/{year}', 'admin', "A year's working calendar"),
  r('PUT', '/api/admin/calendar/{year}', 'admin', "Load a year's holiday arrangement", { body: api.CalendarYearBody }),
  r('GET', '/api/admin/clock-policy', 'admin', 'Clock policy per priority'),
  r('PUT', '/api/admin/clock-policy', 'admin', 'Set the clock policy', { body: ClockPolicy }),
  r('GET', '/api/admin/duty-roster', 'admin', "The after-hours desk's duty roster, and who is on duty now"),
  r('PUT', '/api/admin/duty-roster', 'admin', 'Set the duty roster', { body: DutyRosterBody }),

  r('POST', '/api/dev/clock', 'dev', "Set the local stack's clock", { devOnly: true, body: api.DevClockBody }),
  r('POST', '/api/dev/run-schedules', 'dev', 'Run the scheduled handlers now', { devOnly: true }),
];

export const routeKey = (route: Pick<RouteDef, 'method' | 'path'>): string => `${route.method} ${route.path}`;

/** Matches a concrete path against the table; returns the route and its path parameters. */
export function matchRoute(
  method: string,
  path: string,
  routes: readonly RouteDef[] = ROUTES,
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
