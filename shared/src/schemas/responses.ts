import * as z from 'zod/mini';
import { ERROR_CODES, type ErrorCode } from '../errors.js';
import { Id, Instant, Role } from './common.js';
import { Area, Enterprise, Grid, Group, Unit, User } from './reference.js';
import { FeedCard, InboxItem, SupervisionNotice, Ticket, TimelineEntry } from './ticket.js';
import { VisitDuties } from '../visit/schemas.js';

/** Response bodies: the handlers produce them, the mini-program's client validates them. */
export const DevUser = z.object({
  userId: Id,
  name: z.string(),
  roles: z.array(Role),
  title: z.optional(z.string()),
  unitId: z.optional(Id),
  unitName: z.optional(z.string()),
  enterpriseId: z.optional(z.string()),
  enterpriseName: z.optional(z.string()),
  /** a persona of another tenant than the dev tenant (sign in with it: DevLoginBody.tenantId) */
  tenantId: z.optional(Id),
  tenantName: z.optional(z.string()),
});
export type DevUser = z.infer<typeof DevUser>;

/**
 * A file's bytes: the body of a route that answers a file (its `ok.mediaType`),
 * described in the OpenAPI document as `type: string, format: binary`.
 */
export const FileBytes = z.instanceof(Uint8Array);

export const TokenResponse = z.object({ token: z.string(), expiresAt: z.string(), user: User });
export const MeResponse = z.object({
  user: User,
  unit: z.optional(Unit),
  enterprise: z.optional(Enterprise),
  grid: z.optional(Grid),
  /** officials: the grids, areas and enterprises they look after in the field (走访), from the directory */
  duties: z.optional(VisitDuties),
});
export type MeResponse = z.infer<typeof MeResponse>;

export const Page = <T extends z.ZodMiniType>(item: T) => z.object({ items: z.array(item), cursor: z.optional(z.string()) });

export const FeedResponse = z.object({
  items: z.array(FeedCard),
  /** older page */
  cursor: z.optional(z.string()),
  /** pass as `since` to get only what changed after this answer */
  since: z.string(),
});
export type FeedResponse = z.infer<typeof FeedResponse>;

export const ClockViewSchema = z.object({
  id: z.string(),
  kind: z.string(),
  state: z.enum(['running', 'paused', 'met', 'metLate', 'missed']),
  dueAt: z.string(),
  minutesLeft: z.number(),
  basis: z.enum(['working', 'calendar']),
  calendarMissing: z.boolean(),
});

export const TicketResponse = z.object({ ticket: Ticket });
export const TicketDetailResponse = z.object({
  ticket: Ticket,
  timeline: z.array(TimelineEntry),
  /** the commands the caller may issue now */
  actions: z.array(z.string()),
  clocks: z.array(ClockViewSchema),
});
export type TicketDetailResponse = z.infer<typeof TicketDetailResponse>;

/** A resident commissioner (亲清特使) as an enterprise's board shows them: who, of which unit, how to call. */
export const CommissionerContact = z.object({
  userId: Id,
  name: z.string(),
  unitName: z.optional(z.string()),
  title: z.optional(z.string()),
  phone: z.optional(z.string()),
});
export type CommissionerContact = z.infer<typeof CommissionerContact>;
/** The grid board: the grid (officer, area lead, grid chief), its area, and (an owner's) the enterprise's commissioners. */
export const GridBoardResponse = z.object({ grid: Grid, area: z.optional(Area), commissioners: z.optional(z.array(CommissionerContact)) });
export const GroupsResponse = z.object({ items: z.array(Group) });
export const UnitsResponse = z.object({ items: z.array(Unit) });
export const EnterprisesResponse = z.object({ items: z.array(Enterprise) });
export const LeadersResponse = z.object({ items: z.array(z.object({ userId: Id, name: z.string(), title: z.optional(z.string()) })) });
export const TicketsResponse = Page(Ticket);
export const InboxResponse = z.object({ items: z.array(InboxItem), unread: z.int() });
export const NoticesResponse = Page(SupervisionNotice);
export const HealthResponse = z.object({
  status: z.enum(['ok', 'degraded']),
  checks: z.record(z.string(), z.object({ ok: z.boolean(), ms: z.number(), error: z.optional(z.string()) })),
});

/** `GET /api/auth/dev-users`: the demo personas of the local stack. */
export const DevUsersResponse = z.array(DevUser);

/** An acknowledgement with nothing else to say (`POST /api/inbox/{id}/read`). */
export const OkResponse = z.object({ ok: z.literal(true) });

/** `GET /api/openapi.json`: an OpenAPI 3.1 document (described here by its top level only). */
export const OpenApiResponse = z.looseObject({
  openapi: z.string(),
  info: z.looseObject({ title: z.string(), version: z.string() }),
  paths: z.record(z.string(), z.record(z.string(), z.unknown())),
});

/** `POST /api/dev/clock`: the local stack's time now, and whether it is pinned. */
export const DevClockResponse = z.object({ now: Instant, pinned: z.boolean() });

/** `POST /api/dev/run-schedules`: which schedules ran, how many messages each queue delivered, and the queues still busy when the wait ran out. */
export const RunSchedulesResponse = z.object({
  schedules: z.array(z.string()),
  delivered: z.record(z.string(), z.int()),
  undrained: z.array(z.string()),
  now: Instant,
});

/** The one error envelope every endpoint answers with (shared/src/errors.ts). */
export const ErrorResponse = z.object({
  error: z.object({
    code: z.enum(Object.keys(ERROR_CODES) as [ErrorCode, ...ErrorCode[]]),
    message: z.string(),
    details: z.optional(z.unknown()),
  }),
});
