import type * as z from 'zod/mini';
import * as api from './schemas/api.js';
import { ClockPolicy, DutyRosterBody } from './clocks.js';

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
}

const r = (
  method: HttpMethod,
  path: string,
  fn: HttpFunctionName,
  summary: string,
  extra: Partial<Omit<RouteDef, 'method' | 'path' | 'fn' | 'summary'>> = {},
): RouteDef => ({ method, path, fn, summary, auth: 'user', ...extra });

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
  r('POST', '/api/tickets/{id}/claim', 'claim', 'Claim for your unit (发声认领); exactly one unit wins'),
  r('POST', '/api/tickets/{id}/decline', 'tickets', 'Say the ticket is not your unit’s', { body: api.ReasonBody }),
  r('POST', '/api/tickets/{id}/assign', 'tickets', 'Supervisor assigns an unclaimed ticket', { body: api.AssignBody }),
  r('POST', '/api/tickets/{id}/transfer', 'tickets', 'The handling unit hands over', { body: api.TransferBody }),
  r('POST', '/api/tickets/{id}/messages', 'tickets', 'Conversation between enterprise and handling unit', {
    body: api.TextBody,
  }),
  r('POST', '/api/tickets/{id}/progress', 'tickets', 'A progress report', { body: api.ProgressBody }),
  r('POST', '/api/tickets/{id}/request-info', 'tickets', 'Ask the enterprise for information (pauses resolve)', {
    body: api.TextBody,
  }),
  r('POST', '/api/tickets/{id}/joint', 'tickets', 'Start joint handling (lead unit + co-units)', {
    body: api.JointBody,
  }),
  r('POST', '/api/tickets/{id}/tasks/{unitId}/done', 'tickets', 'A co-unit marks its task done', {
    body: api.TaskDoneBody,
  }),
  r('POST', '/api/tickets/{id}/lead', 'tickets', 'A county leader takes the matter (领导领办)', { body: api.LeadBody }),
  r('POST', '/api/tickets/{id}/resolve', 'tickets', 'Resolve: answered or resolved', { body: api.ResolveBody }),
  r('POST', '/api/tickets/{id}/rating', 'tickets', 'The owner rates the handling, once', { body: api.RatingBody }),
  r('POST', '/api/tickets/{id}/reopen', 'tickets', 'The owner reopens within the window', { body: api.ReasonBody }),

  r('GET', '/api/inbox', 'inbox', 'Notifications for the caller'),
  r('POST', '/api/inbox/{id}/read', 'inbox', 'Mark a notification read'),

  r('GET', '/api/desk/queue', 'desk', 'After-hours requests waiting for the desk'),
  r('POST', '/api/desk/{ticketId}/answer', 'desk', 'The desk answers (consultation)', { body: api.DeskAnswerBody }),
  r('POST', '/api/desk/{ticketId}/forward', 'desk', 'The desk forwards to the groups', { body: api.DeskForwardBody }),

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
