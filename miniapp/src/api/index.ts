import * as z from 'zod/mini';
import {
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
  SupervisionOverviewResponse,
  TicketDetailResponse,
  TicketResponse,
  TicketsResponse,
  TokenResponse,
  UnitsResponse,
  type CreateTicketBody,
  type RatingScore,
  type ResolutionKind,
} from '@whistle/shared';
import { request, type Query } from './client';

/** GET /api/auth/dev-users answers `DevUser[]` (an `{items}` page is accepted too). */
export const DevUsersResponse = z.pipe(
  z.union([z.array(DevUser), z.object({ items: z.array(DevUser) })]),
  z.transform((v: DevUser[] | { items: DevUser[] }) => (Array.isArray(v) ? v : v.items)),
);

/** Every ticket command answers the updated ticket. */
const ActionResponse = TicketResponse;
const Anything = z.unknown();

export type TicketView = 'mine' | 'unit' | 'supervision' | 'leader';
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
const cmd = (id: string, verb: string, body?: unknown) => post(`/api/tickets/${enc(id)}/${verb}`, ActionResponse, body);

export const api = {
  devUsers: () => request({ method: 'GET', path: '/api/auth/dev-users', schema: DevUsersResponse, auth: false }),
  devLogin: (userId: string) =>
    request({ method: 'POST', path: '/api/auth/dev-login', schema: TokenResponse, body: { userId }, auth: false }),
  wechatLogin: (code: string) =>
    request({ method: 'POST', path: '/api/auth/wechat', schema: TokenResponse, body: { code }, auth: false }),
  me: () => get('/api/me', MeResponse),

  groups: () => get('/api/groups', GroupsResponse),
  feed: (groupId: string, q: { cursor?: string; since?: string; limit?: number } = {}) =>
    get(`/api/groups/${enc(groupId)}/feed`, FeedResponse, q),
  units: () => get('/api/units', UnitsResponse),
  leaders: () => get('/api/leaders', LeadersResponse),
  enterprises: () => get('/api/enterprises', EnterprisesResponse),
  gridMine: () => get('/api/grids/mine', GridBoardResponse),

  createTicket: (body: CreateTicketBody, idempotencyKey: string) =>
    post('/api/tickets', TicketResponse, body, { 'Idempotency-Key': idempotencyKey }),
  tickets: (view: TicketView, q: { status?: TicketStatusFilter; cursor?: string; limit?: number } = {}) =>
    get('/api/tickets', TicketsResponse, { view, ...q }),
  ticket: (id: string) => get(`/api/tickets/${enc(id)}`, TicketDetailResponse),

  claim: (id: string) => cmd(id, 'claim'),
  decline: (id: string, reason: string) => cmd(id, 'decline', { reason }),
  assign: (id: string, unitId: string) => cmd(id, 'assign', { unitId }),
  transfer: (id: string, unitId: string, reason: string) => cmd(id, 'transfer', { unitId, reason }),
  message: (id: string, text: string) => cmd(id, 'messages', { text }),
  progress: (id: string, text: string, cadence?: 'progress' | 'onsite' | 'review') =>
    cmd(id, 'progress', cadence ? { text, cadence } : { text }),
  requestInfo: (id: string, text: string) => cmd(id, 'request-info', { text }),
  joint: (id: string, body: { leadUnitId: string; coUnits: Array<{ unitId: string; task: string }> }) =>
    cmd(id, 'joint', body),
  taskDone: (id: string, unitId: string, note?: string) =>
    post(`/api/tickets/${enc(id)}/tasks/${enc(unitId)}/done`, ActionResponse, note ? { note } : {}),
  lead: (id: string, leaderUserId: string) => cmd(id, 'lead', { leaderUserId }),
  resolve: (id: string, kind: ResolutionKind, summary: string) => cmd(id, 'resolve', { kind, summary }),
  rate: (id: string, score: RatingScore, comment?: string) => cmd(id, 'rating', comment ? { score, comment } : { score }),
  reopen: (id: string, reason: string) => cmd(id, 'reopen', { reason }),

  inbox: () => get('/api/inbox', InboxResponse),
  readInbox: (id: string) => post(`/api/inbox/${enc(id)}/read`, Anything),

  deskQueue: () => get('/api/desk/queue', DeskQueueResponse),
  deskAnswer: (ticketId: string, text: string) => post(`/api/desk/${enc(ticketId)}/answer`, ActionResponse, { text }),
  deskForward: (ticketId: string, text?: string) =>
    post(`/api/desk/${enc(ticketId)}/forward`, ActionResponse, text ? { text } : {}),

  notices: (q: { ticketId?: string; unit?: string; level?: 'reminder' | 'urge' | 'warning'; cursor?: string } = {}) =>
    get('/api/supervision/notices', NoticesResponse, q),
  ackNotice: (id: string) => post(`/api/supervision/notices/${enc(id)}/ack`, NoticeAckResponse),
  overview: () => get('/api/supervision/overview', SupervisionOverviewResponse),
};

export type Api = typeof api;
export { ApiError, isApiError } from './client';
