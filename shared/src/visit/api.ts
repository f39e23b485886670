import * as z from 'zod/mini';
import { requiredText } from '../schemas/api.js';
import { Category, cleanText, Id } from '../schemas/common.js';
import { CreditCode } from '../schemas/reference.js';
import { Ticket } from '../schemas/ticket.js';
import { CoverageTotal, GridCoverage } from './coverage.js';
import { LedgerEntry } from './ledger.js';
import { isCalendarDate } from './rules.js';
import { Orders, Production, Staffing, Visit, VisitKind } from './schemas.js';

/** The visits' requests and answers, parsed at the edge (messages for people, in Chinese). */

export const MAX_FINDINGS = 20;
export const MAX_OTHER_VISITORS = 5;

const optionalText = (label: string, max: number) =>
  z.optional(z.string({ error: `${label}应为文本` }).check(z.trim(), z.maxLength(max, { error: `${label}最多 ${max} 个字` }), cleanText()));

/** A day of the visit: `2026-11-24`, a real calendar day. */
export const VisitDate = z.string({ error: '请填写走访日期' }).check(
  z.regex(/^\d{4}-\d{2}-\d{2}$/, { error: '走访日期格式应为 YYYY-MM-DD', abort: true }),
  z.refine(isCalendarDate, { error: '走访日期不是有效的日期' }),
);

/** A month: `2026-11`. */
export const VisitMonth = z.string({ error: '月份应为文本' }).check(
  z.maxLength(7, { error: '月份格式应为 2026-11（四位年份-两位月份）', abort: true }),
  z.regex(/^20\d{2}-(0[1-9]|1[0-2])$/, { error: '月份格式应为 2026-11（四位年份-两位月份）' }),
);

export const SituationInput = z.strictObject(
  {
    production: Production,
    orders: Orders,
    staffing: Staffing,
    note: optionalText('近况说明', 200),
  },
  { error: '请填写企业近况（生产、订单、用工）' },
);

export const FindingInput = z.strictObject(
  {
    text: requiredText('问题描述', 200),
    category: Category,
    /** solved on the spot (当场解决) */
    resolvedOnSite: z.optional(z.boolean({ error: 'resolvedOnSite 应为 true 或 false' })),
  },
  { error: '每条问题应包含描述和类别' },
);
export type FindingInput = z.infer<typeof FindingInput>;

/** `POST /api/visits`: log a visit (its Idempotency-Key makes a retry answer the same visit). */
export const LogVisitBody = z.strictObject({
  enterpriseId: CreditCode,
  date: VisitDate,
  kind: VisitKind,
  /** the others who went (users of the tenant; the logging user is always a visitor) */
  visitorIds: z._default(
    z.array(Id, { error: '同行人员应为用户编号的数组' }).check(z.maxLength(MAX_OTHER_VISITORS, { error: `同行人员最多 ${MAX_OTHER_VISITORS} 人` })),
    [],
  ),
  situation: SituationInput,
  findings: z._default(
    z.array(FindingInput, { error: '发现的问题应为数组' }).check(z.maxLength(MAX_FINDINGS, { error: `一次走访最多记录 ${MAX_FINDINGS} 个问题` })),
    [],
  ),
});
export type LogVisitBody = z.infer<typeof LogVisitBody>;
/** what a client sends (the lists have defaults) */
export type LogVisitInput = z.input<typeof LogVisitBody>;

const cursor = () => z.optional(z.string({ error: '应为文本' }).check(z.maxLength(1024, { error: '过长' }), cleanText()));
const limit = (max: number, byDefault: number) =>
  z._default(
    z.coerce.number({ error: `每页条数应为 1–${max} 的整数` }).check(
      z.int({ error: `每页条数应为 1–${max} 的整数` }),
      z.minimum(1, { error: `每页条数应为 1–${max} 的整数` }),
      z.maximum(max, { error: `每页条数应为 1–${max} 的整数` }),
    ),
    byDefault,
  );

/**
 * `GET /api/visits`: an enterprise's visits (`enterpriseId`), a grid's in a
 * month (`gridId`, `month`: default this month), or, with neither, the
 * caller's own; newest first.
 */
export const VisitListQuery = z.strictObject({
  enterpriseId: z.optional(CreditCode),
  gridId: z.optional(Id),
  month: z.optional(VisitMonth),
  cursor: cursor(),
  limit: limit(100, 20),
});
export type VisitListQuery = z.infer<typeof VisitListQuery>;

export const VisitIdParam = z.strictObject({ visitId: Id });

/** A finding of a visit: its position in the visit's list, 0 first. */
export const FindingParam = z.strictObject({
  visitId: Id,
  n: z.string({ error: '必须是文本' }).check(z.regex(/^(0|[1-9]\d?)$/, { error: '问题序号应为 0–99 的整数' })),
});

export const LedgerParam = z.strictObject({ enterpriseId: CreditCode });

/** `GET /api/enterprises/{enterpriseId}/ledger` */
export const LedgerQuery = z.strictObject({ cursor: cursor(), limit: limit(100, 30) });

/** `GET /api/coverage`: a month (default this month), and optionally one area. */
export const CoverageQuery = z.strictObject({ month: z.optional(VisitMonth), areaId: z.optional(Id) });

export const VisitResponse = z.object({
  visit: Visit,
  /** whether the caller may turn its findings into tickets (转为诉求) */
  canRaise: z.boolean(),
});
export type VisitResponse = z.infer<typeof VisitResponse>;

export const VisitsResponse = z.object({ items: z.array(Visit), cursor: z.optional(z.string()) });
export type VisitsResponse = z.infer<typeof VisitsResponse>;

/** A finding turned into a ticket: the visit (its finding linking the ticket) and the ticket. */
export const FindingTicketResponse = z.object({ visit: Visit, ticket: Ticket });
export type FindingTicketResponse = z.infer<typeof FindingTicketResponse>;

export const LedgerResponse = z.object({
  enterprise: z.object({ id: z.string(), name: z.string(), gridId: Id }),
  items: z.array(LedgerEntry),
  cursor: z.optional(z.string()),
});
export type LedgerResponse = z.infer<typeof LedgerResponse>;

export const CoverageResponse = z.object({
  month: VisitMonth,
  areaId: z.optional(Id),
  grids: z.array(GridCoverage),
  total: CoverageTotal,
  /** more open tickets than one read takes: the open-ticket counts are a lower bound */
  truncated: z.boolean(),
});
export type CoverageResponse = z.infer<typeof CoverageResponse>;
