import * as z from 'zod/mini';
import { Id } from './schemas/common.js';
import * as api from './schemas/api.js';
import { CalendarYearParam, IdParam, InboxItemParam, NoticeIdParam } from './schemas/params.js';
import * as res from './schemas/responses.js';
import * as asmt from './assessment/api.js';
import { SchemeBody } from './assessment/scheme.js';
import {
  CalendarYearResponse,
  ClockPolicy,
  ClockPolicyResponse,
  DeskQueueResponse,
  DutyRosterBody,
  DutyRosterResponse,
  NoticeAckResponse,
  SupervisionOverviewResponse,
} from './clocks.js';
import { ExportQuery, XLSX_MEDIA_TYPE } from './exports/index.js';
import { RateLimits, RateLimitsResponse } from './rate-limits.js';
import { BallotResponse, CastBallotBody, OpenRaceBody, RaceDetailResponse, RaceIdParam, RaceResponse, RacesResponse } from './race/api.js';
import { COMMAND_TYPES, COMMANDS, ticketParamOf, type CommandSpec, type CommandType } from './ticket/commands.js';

/**
 * The route table: the one list of HTTP routes. The local gateway serves it,
 * the CDK stack creates exactly these routes on the HTTP API, the OpenAPI
 * document is generated from it, and the mini-program's client calls it.
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
] as const;
export type HttpFunctionName = (typeof FUNCTION_NAMES)[number];

export type HttpMethod = 'GET' | 'POST' | 'PUT';

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
  mediaType?: typeof XLSX_MEDIA_TYPE;
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

const r = (
  method: HttpMethod,
  path: string,
  fn: HttpFunctionName,
  summary: string,
  extra: Partial<Omit<RouteDef, 'method' | 'path' | 'fn' | 'summary' | 'ok'>> & Pick<RouteDef, 'ok'>,
): RouteDef => ({ method, path, fn, summary, auth: 'user', ...extra });

/** A 200 answering `schema`. */
const ok = (schema: z.ZodMiniType, description?: string): RouteOk => ({ status: 200, schema, ...(description ? { description } : {}) });

/** A 200 answering a file of `mediaType` (see RouteOk.mediaType). */
const file = (mediaType: NonNullable<RouteOk['mediaType']>, description: string): RouteOk => ({ status: 200, schema: res.FileBytes, mediaType, description });

/** commands limited per caller (429 RATE_LIMITED): claims per officer */
const RATE_LIMITED_COMMANDS: ReadonlySet<CommandType> = new Set(['claim']);

/** A command's path parameters: the ticket's (`{id}` or `{ticketId}`) and the catalogue's own `params`. */
function commandParams(type: CommandType): z.ZodMiniObject {
  const spec: CommandSpec = COMMANDS[type];
  return z.strictObject({ [ticketParamOf(type)]: Id, ...(spec.params?.shape ?? {}) });
}

/** The ticket commands' routes, from the one catalogue. */
function commandRoutes(which: (fn: CommandSpec['fn']) => boolean): RouteDef[] {
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

export const ROUTES: readonly RouteDef[] = [
  r('GET', '/api/health', 'system', 'Whether the store and the queues answer', {
    auth: 'public',
    ok: { status: 200, schema: res.HealthResponse, description: 'Every check passed', also: { 503: 'Degraded: a check failed (the same body says which)' } },
  }),
  r('GET', '/api/openapi.json', 'docs', 'This API, described from the zod schemas', {
    auth: 'public',
    ok: ok(res.OpenApiResponse, 'An OpenAPI 3.1 document'),
  }),

  r('GET', '/api/auth/dev-users', 'auth', 'Demo personas (local stack only)', { auth: 'public', devOnly: true, ok: ok(res.DevUsersResponse) }),
  r('POST', '/api/auth/dev-login', 'auth', 'Sign in as a demo persona (local stack only)', {
    auth: 'public',
    devOnly: true,
    body: api.DevLoginBody,
    ok: ok(res.TokenResponse, 'Signed in: a bearer token'),
    // 429: too many sign-ins for this user or from this source
    errors: [429],
  }),
  r('POST', '/api/auth/wechat', 'auth', 'Sign in with a WeChat login code (code2Session)', {
    auth: 'public',
    body: api.WechatLoginBody,
    ok: ok(res.TokenResponse, 'Signed in: a bearer token'),
    // 403: the WeChat account is bound to no user; 429: too many sign-ins for this openid or from this source;
    // 501: no WeChat app configured (the local stack)
    errors: [403, 429, 501],
  }),
  r('GET', '/api/me', 'auth', 'The signed-in user, their unit, enterprise and grid', { ok: ok(res.MeResponse) }),

  r('GET', '/api/groups', 'directory', 'Groups the caller may see', { ok: ok(res.GroupsResponse) }),
  r('GET', '/api/groups/{id}/feed', 'directory', 'A group feed, newest first; `since` polls for changes', {
    params: IdParam,
    query: api.FeedQuery,
    ok: ok(res.FeedResponse),
  }),
  r('GET', '/api/units', 'directory', 'Units of the tenant', { ok: ok(res.UnitsResponse) }),
  r('GET', '/api/leaders', 'directory', 'County leaders who may lead key matters', { ok: ok(res.LeadersResponse) }),
  r('GET', '/api/enterprises', 'directory', 'Enterprises the caller may raise requests for', { ok: ok(res.EnterprisesResponse) }),
  r('GET', '/api/grids/mine', 'directory', "The caller's grid board: grid officer, area lead, grid chief", { ok: ok(res.GridBoardResponse) }),

  r('POST', '/api/tickets', 'intake', 'Raise a request (企业吹哨); idempotent by Idempotency-Key', {
    body: api.CreateTicketBody,
    headers: { 'idempotency-key': api.IdempotencyKey },
    ok: {
      status: 201,
      schema: res.TicketResponse,
      description: 'Created: the new ticket (header Idempotent-Replayed: false)',
      also: { 200: 'An idempotent replay: this Idempotency-Key already raised this ticket (header Idempotent-Replayed: true)' },
    },
    // 409: a concurrent write won the race; 422: the Idempotency-Key was used for a different request;
    // 429: the enterprise raised too many requests this hour (a replay is never limited)
    errors: [409, 422, 429],
  }),
  r('GET', '/api/tickets', 'tickets', 'List tickets by view', { query: api.TicketListQuery, ok: ok(res.TicketsResponse) }),
  r('GET', '/api/tickets/{id}', 'tickets', 'A ticket with its timeline and conversation', { params: IdParam, ok: ok(res.TicketDetailResponse) }),
  ...commandRoutes((fn) => fn !== 'desk'),

  r('GET', '/api/inbox', 'inbox', 'Notifications for the caller', { ok: ok(res.InboxResponse) }),
  r('POST', '/api/inbox/{id}/read', 'inbox', 'Mark a notification read', { params: InboxItemParam, ok: ok(res.OkResponse, 'Marked read') }),

  r('GET', '/api/desk/queue', 'desk', 'After-hours requests waiting for the desk', { ok: ok(DeskQueueResponse) }),
  ...commandRoutes((fn) => fn === 'desk'),

  r('GET', '/api/supervision/notices', 'supervision', 'Supervision notices (督办单)', { query: api.NoticeQuery, ok: ok(res.NoticesResponse) }),
  r('POST', '/api/supervision/notices/{id}/ack', 'supervision', 'Acknowledge a notice', { params: NoticeIdParam, ok: ok(NoticeAckResponse) }),
  r('GET', '/api/supervision/overview', 'supervision', 'Overdue and unclaimed tickets, calendar warnings', { ok: ok(SupervisionOverviewResponse) }),

  r('GET', '/api/races', 'races', 'Quarterly races (赛马比拼), the newest quarter first; a closed one with its tally', { ok: ok(RacesResponse) }),
  r('POST', '/api/races', 'races', "Open a quarter's vote for five-star units and best-practice cases (supervisor, admin)", {
    body: OpenRaceBody,
    ok: { status: 201, schema: RaceResponse, description: "Opened: the race, each track's candidates being the tenant's units of that track" },
    // 409: the quarter has its race already (one per tenant and quarter)
    errors: [409],
  }),
  r('GET', '/api/races/{raceId}', 'races', 'A race (its tally only once closed), and whether the caller has voted', {
    params: RaceIdParam,
    ok: ok(RaceDetailResponse),
  }),
  r('POST', '/api/races/{raceId}/ballots', 'races', "Cast the ballot of the caller's enterprise (owner) or unit (unit lead), once", {
    params: RaceIdParam,
    body: CastBallotBody,
    ok: { status: 201, schema: BallotResponse, description: 'Cast: the ballot, counted' },
    // 409: this enterprise or unit has voted already, or the vote has ended
    errors: [409],
  }),
  r('POST', '/api/races/{raceId}/close', 'races', 'Close the vote: the tally is computed once and kept with the race (supervisor, admin)', {
    params: RaceIdParam,
    ok: ok(RaceResponse, 'Closed: the race with its tally'),
    // 409: the race is closed already
    errors: [409],
  }),

  r('GET', '/api/admin/calendar/{year}', 'admin', "A year's working calendar", { params: CalendarYearParam, ok: ok(CalendarYearResponse) }),
  r('PUT', '/api/admin/calendar/{year}', 'admin', "Load a year's holiday arrangement", {
    params: CalendarYearParam,
    body: api.CalendarYearBody,
    ok: ok(CalendarYearResponse, 'The year as loaded'),
  }),
  r('GET', '/api/admin/clock-policy', 'admin', 'Clock policy per priority', { ok: ok(ClockPolicyResponse) }),
  r('PUT', '/api/admin/clock-policy', 'admin', 'Set the clock policy', { body: ClockPolicy, ok: ok(ClockPolicyResponse, 'The policy as set') }),
  r('GET', '/api/admin/duty-roster', 'admin', "The after-hours desk's duty roster, and who is on duty now", { ok: ok(DutyRosterResponse) }),
  r('PUT', '/api/admin/duty-roster', 'admin', 'Set the duty roster', { body: DutyRosterBody, ok: ok(DutyRosterResponse, 'The roster as set') }),

  r('GET', '/api/assessment', 'assessment', 'The service index (助企服务指数) by track: every unit ranked, the red and black lists', {
    query: asmt.AssessmentQuery,
    ok: ok(asmt.AssessmentResponse),
  }),
  r('GET', '/api/assessment/units/{unitId}', 'assessment', "A unit's indicators, trend, entered scores and disputes in a period", {
    params: asmt.UnitIdParam,
    query: asmt.UnitAssessmentQuery,
    ok: ok(asmt.UnitAssessmentResponse),
  }),
  r('GET', '/api/assessment/units/{unitId}/tickets', 'assessment', 'The tickets behind one figure of a unit (the drill-down)', {
    params: asmt.UnitIdParam,
    query: asmt.DrillQuery,
    ok: ok(asmt.DrillResponse),
  }),
  r('GET', '/api/assessment/audit', 'assessment', "The assessor's audit: a period recomputed from the tickets, compared with the running figures", {
    query: asmt.UnitAssessmentQuery,
    ok: ok(asmt.AuditResponse),
  }),
  r('PUT', '/api/assessment/manual', 'assessment', 'Enter a scored indicator (政策宣传 / 供需对接 / 精准服务) with evidence', {
    body: asmt.ManualScoreBody,
    ok: ok(asmt.ManualEntryResponse, 'The entry as recorded in the audit trail'),
  }),
  r('GET', '/api/assessment/disputes', 'assessment', 'Disputes (申诉) the caller may see', { query: asmt.DisputeQuery, ok: ok(asmt.DisputesResponse) }),
  r('POST', '/api/assessment/disputes', 'assessment', 'Dispute an item counted against the caller’s unit', {
    body: asmt.DisputeBody,
    ok: { status: 201, schema: asmt.DisputeResponse, description: 'Raised' },
    // 409: this unit has disputed this item already
    errors: [409],
  }),
  r('POST', '/api/assessment/disputes/{disputeId}/decide', 'assessment', 'Accept or reject a dispute (the figures are recomputed)', {
    params: asmt.DisputeIdParam,
    body: asmt.DecideDisputeBody,
    ok: ok(asmt.DisputeResponse, 'The dispute as decided'),
    // 409: decided already
    errors: [409],
  }),
  r('GET', '/api/admin/assessment', 'assessment', 'The assessment scheme: weights, targets, deductions, and its versions', { ok: ok(asmt.SchemeResponse) }),
  r('PUT', '/api/admin/assessment', 'assessment', 'A new version of the assessment scheme, from a month on (never a closed period)', {
    body: SchemeBody,
    ok: ok(asmt.SchemeResponse, 'The scheme with the new version'),
    errors: [409],
  }),

  r('GET', '/api/admin/rate-limits', 'admin', "The tenant's rate limits (intake, claims) and the deployment's login limits", {
    ok: ok(RateLimitsResponse),
  }),
  r('PUT', '/api/admin/rate-limits', 'admin', "Set the tenant's rate limits", { body: RateLimits, ok: ok(RateLimitsResponse, 'The limits as set') }),

  r('GET', '/api/assessment/export', 'exports', 'Export a sheet of a period as an .xlsx ready to print: the ticket ledger (台账)', {
    query: ExportQuery,
    ok: file(
      XLSX_MEDIA_TYPE,
      'The workbook (Content-Disposition: attachment, with the UTF-8 file name, e.g. 清溪区-诉求台账-2026-Q4.xlsx). Supervisors, admins and leaders get the whole district; a unit lead gets the tickets its unit handles or co-handles.',
    ),
  }),

  r('POST', '/api/dev/clock', 'dev', "Set the local stack's clock", { devOnly: true, body: api.DevClockBody, ok: ok(res.DevClockResponse) }),
  r('POST', '/api/dev/run-schedules', 'dev', 'Run the scheduled handlers now', {
    devOnly: true,
    ok: ok(res.RunSchedulesResponse, 'The schedules ran and the queues they fed are drained'),
    // 501: no local runtime to run them
    errors: [501],
  }),
];

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
