import * as z from 'zod/mini';
import { Category, Id, Instant, LocalDate } from '../schemas/common.js';

/**
 * Grid visits (走访, seed 000: 走访服务全覆盖, 周跟踪、月分析): a grid officer,
 * a commissioner (亲清特使), a grid chief or an area lead visits an enterprise
 * (on site, by phone, at a symposium), notes the problems found and how the
 * enterprise is doing that week; a problem found becomes a ticket with one
 * tap (channel `visit`), and the finding then links it.
 */

export const VISIT_KINDS = ['onSite', 'phone', 'symposium'] as const;
export const VisitKind = z.enum(VISIT_KINDS, { error: '走访方式只能是 onSite（实地走访）、phone（电话回访）或 symposium（座谈会）' });
export type VisitKind = z.infer<typeof VisitKind>;

export const PRODUCTION_STATES = ['normal', 'reduced', 'halted'] as const;
export const Production = z.enum(PRODUCTION_STATES, { error: '生产情况只能是 normal（正常）、reduced（减产）或 halted（停产）' });
export type Production = z.infer<typeof Production>;

export const ORDER_TRENDS = ['growing', 'steady', 'falling'] as const;
export const Orders = z.enum(ORDER_TRENDS, { error: '订单情况只能是 growing（增长）、steady（平稳）或 falling（下滑）' });
export type Orders = z.infer<typeof Orders>;

export const STAFFING_STATES = ['sufficient', 'short', 'surplus'] as const;
export const Staffing = z.enum(STAFFING_STATES, { error: '用工情况只能是 sufficient（充足）、short（短缺）或 surplus（富余）' });
export type Staffing = z.infer<typeof Staffing>;

/** Chinese labels of the visit's codes (the API speaks the codes). */
export const VISIT_LABELS = {
  kind: { onSite: '实地走访', phone: '电话回访', symposium: '座谈会' },
  production: { normal: '生产正常', reduced: '减产', halted: '停产' },
  orders: { growing: '订单增长', steady: '订单平稳', falling: '订单下滑' },
  staffing: { sufficient: '用工充足', short: '用工短缺', surplus: '人员富余' },
} as const satisfies {
  kind: Record<VisitKind, string>;
  production: Record<Production, string>;
  orders: Record<Orders, string>;
  staffing: Record<Staffing, string>;
};

/** The enterprise's situation that week (周跟踪), in a few structured fields. */
export const Situation = z.object({
  production: Production,
  orders: Orders,
  staffing: Staffing,
  note: z.optional(z.string()),
});
export type Situation = z.infer<typeof Situation>;

/** Who visited, or logged, or turned a finding into a ticket. */
export const Visitor = z.object({ userId: Id, name: z.string() });
export type Visitor = z.infer<typeof Visitor>;

/** The ticket a finding became (转为诉求), once. */
export const FindingTicket = z.object({
  ticketId: Id,
  number: z.string(),
  at: Instant,
  by: Visitor,
});
export type FindingTicket = z.infer<typeof FindingTicket>;

/** A problem found on a visit (走访发现的问题困难). */
export const Finding = z.object({
  text: z.string(),
  category: Category,
  /** solved on the spot (当场解决): no ticket needed, not an open problem */
  resolvedOnSite: z.optional(z.boolean()),
  /** the ticket it became */
  ticket: z.optional(FindingTicket),
});
export type Finding = z.infer<typeof Finding>;

export const Visit = z.object({
  id: Id,
  tenantId: Id,
  /** the enterprise's credit code */
  enterpriseId: z.string(),
  enterpriseName: z.string(),
  /** the enterprise's grid and area when the visit was logged (coverage counts it there) */
  gridId: Id,
  areaId: Id,
  /** the day of the visit (Shanghai), never after the day it was logged */
  date: LocalDate,
  kind: VisitKind,
  /** the logging user first, then the others who went */
  visitors: z.array(Visitor),
  situation: Situation,
  findings: z.array(Finding),
  createdBy: Visitor,
  createdAt: Instant,
  /** 1 when logged; each finding turned into a ticket adds one */
  rev: z.int().check(z.minimum(1)),
});
export type Visit = z.infer<typeof Visit>;

/**
 * What the caller looks after for visits (derived from the directory, shown on
 * `GET /api/me`): the grids they are grid officer (网格员) or grid chief
 * (网格总负责人) of, the areas they lead (片区负责人), and how many
 * enterprises they are commissioner (亲清特使) of.
 */
export const VisitDuties = z.object({
  officerOf: z.array(Id),
  chiefOf: z.array(Id),
  leadOf: z.array(Id),
  /** the grids they oversee as grid chief or area lead (片区诉求) */
  ledGridIds: z.array(Id),
  /** enterprises they serve as resident commissioner (亲清特使) */
  commissioned: z.int().check(z.minimum(0)),
});
export type VisitDuties = z.infer<typeof VisitDuties>;
