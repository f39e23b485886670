import * as z from 'zod/mini';
import {
  DevWechatCodeResponse,
  SubscriptionsResponse,
  BallotResponse,
  CommissionedResponse,
  COMMANDS,
  DeskQueueResponse,
  DevUser,
  EnterprisesResponse,
  FeedResponse,
  GridBoardResponse,
  GroupsResponse,
  InboxResponse,
  LeadersResponse,
  MeResponse,
  NoticeAckResponse,
  NoticesResponse,
  RaceDetailResponse,
  RaceResponse,
  RacesResponse,
  SupervisionOverviewResponse,
  TicketDetailResponse,
  TicketResponse,
  TicketsResponse,
  TokenResponse,
  UnitsResponse,
  ticketParamOf,
  type CastBallotBody,
  type CommandRequest,
  type CreateTicketBody,
  type OpenRaceInput,
} from '@whistle/shared';
import { request, type Query } from './client';

/** GET /api/auth/dev-users answers `DevUser[]` (an `{items}` page is accepted too). */
export const DevUsersResponse = z.pipe(
  z.union([z.array(DevUser), z.object({ items: z.array(DevUser) })]),
  z.transform((v: DevUser[] | { items: DevUser[] }) => (Array.isArray(v) ? v : v.items)),
);

const Anything = z.unknown();

/** `commissioned`: the enterprises the caller serves as 亲清特使; `area`: the grids they lead (片区负责人, 网格总负责人) */
export type TicketView = 'mine' | 'unit' | 'supervision' | 'leader' | 'commissioned' | 'area';
export type TicketStatusFilter =
  | 'published'
  | 'claimed'
  | 'waitingEnterprise'
  | 'resolved'
  | 'closed'
  | 'open'
  | 'overdue';

const enc = encodeURIComponent;
const post = <S extends z.ZodMiniType>(path: string, schema: S, body?: unknown, headers?: Record<string, string>) =>
  request({ method: 'POST', path, schema, body: body ?? {}, ...(headers ? { headers } : {}) });
const get = <S extends z.ZodMiniType>(path: string, schema: S, query?: Query) =>
  request({ method: 'GET', path, schema, ...(query ? { query } : {}) });

/**
 * Where a command goes and what it sends, from the catalogue: the route's
 * `{id}`/`{ticketId}` is the ticket, any other `{param}` is the request's field
 * of that name (URL-encoded); the remaining fields, less `type`, are the body.
 */
export function commandRoute(ticketId: string, req: CommandRequest): { path: string; body: Record<string, unknown> } {
  const route = COMMANDS[req.type].path;
  const ticketParam = ticketParamOf(req.type);
  const fields = new Map<string, unknown>(Object.entries(req));
  const inPath = new Set<string>(['type']);
  const path = route.replace(/\{(\w+)\}/g, (_m, name: string) => {
    if (name === ticketParam) return enc(ticketId);
    const v = fields.get(name);
    if (typeof v !== 'string' || !v) throw new Error(`command ${req.type}: path parameter ${name} missing`);
    inPath.add(name);
    return enc(v);
  });
  const body = Object.fromEntries([...fields].filter(([k, v]) => !inPath.has(k) && v !== undefined));
  return { path, body };
}

export const api = {
  devUsers: () => request({ method: 'GET', path: '/api/auth/dev-users', schema: DevUsersResponse, auth: false }),
  /** `tenantId`: a persona of another tenant than the dev tenant (DevUser.tenantId) */
  devLogin: (userId: string, tenantId?: string) =>
    request({ method: 'POST', path: '/api/auth/dev-login', schema: TokenResponse, body: tenantId ? { userId, tenantId } : { userId }, auth: false }),
  wechatLogin: (code: string, invitation?: string) =>
    request({ method: 'POST', path: '/api/auth/wechat', schema: TokenResponse, body: { code, ...(invitation ? { invitation } : {}) }, auth: false }),
  /** local stack only: a login code of the WeChat double for a test openid (the H5 page's simulated WeChat sign-in) */
  devWechatCode: (openId: string) =>
    request({ method: 'POST', path: '/api/dev/wechat-code', schema: DevWechatCodeResponse, body: { openId }, auth: false }),
  subscriptions: () => get('/api/me/subscriptions', SubscriptionsResponse),
  recordSubscriptions: (results: Record<string, string>, idempotencyKey: string) =>
    request({ method: 'POST', path: '/api/me/subscriptions', schema: SubscriptionsResponse, body: { results }, headers: { 'Idempotency-Key': idempotencyKey } }),
  me: () => get('/api/me', MeResponse),

  groups: () => get('/api/groups', GroupsResponse),
  feed: (groupId: string, q: { cursor?: string; since?: string; limit?: number } = {}) =>
    get(`/api/groups/${enc(groupId)}/feed`, FeedResponse, q),
  units: () => get('/api/units', UnitsResponse),
  leaders: () => get('/api/leaders', LeadersResponse),
  enterprises: () => get('/api/enterprises', EnterprisesResponse),
  /** the enterprises the caller serves as resident commissioner (亲清特使) */
  commissioned: () => get('/api/enterprises/commissioned', CommissionedResponse),
  gridMine: () => get('/api/grids/mine', GridBoardResponse),

  createTicket: (body: CreateTicketBody, idempotencyKey: string) =>
    post('/api/tickets', TicketResponse, body, { 'Idempotency-Key': idempotencyKey }),
  tickets: (view: TicketView, q: { status?: TicketStatusFilter; cursor?: string; limit?: number } = {}) =>
    get('/api/tickets', TicketsResponse, { view, ...q }),
  ticket: (id: string) => get(`/api/tickets/${enc(id)}`, TicketDetailResponse),

  /** Any ticket command of the catalogue; every one answers the updated ticket. */
  command: async (ticketId: string, req: CommandRequest) => {
    const { path, body } = commandRoute(ticketId, req);
    return post(path, TicketResponse, body);
  },

  inbox: () => get('/api/inbox', InboxResponse),
  readInbox: (id: string) => post(`/api/inbox/${enc(id)}/read`, Anything),

  deskQueue: () => get('/api/desk/queue', DeskQueueResponse),

  notices: (q: { ticketId?: string; unit?: string; level?: 'reminder' | 'urge' | 'warning'; cursor?: string } = {}) =>
    get('/api/supervision/notices', NoticesResponse, q),
  ackNotice: (id: string) => post(`/api/supervision/notices/${enc(id)}/ack`, NoticeAckResponse),
  overview: () => get('/api/supervision/overview', SupervisionOverviewResponse),

  /** the quarterly race (赛马比拼) */
  races: () => get('/api/races', RacesResponse),
  race: (raceId: string) => get(`/api/races/${enc(raceId)}`, RaceDetailResponse),
  openRace: (body: OpenRaceInput) => post('/api/races', RaceResponse, body),
  castBallot: (raceId: string, body: CastBallotBody) => post(`/api/races/${enc(raceId)}/ballots`, BallotResponse, body),
  closeRace: (raceId: string) => post(`/api/races/${enc(raceId)}/close`, RaceResponse),
};

export type Api = typeof api;
export { ApiError, isApiError } from './client';
