import * as z from 'zod/mini';
import { Instant, LocalDate } from '../schemas/common.js';

/** `ci` and 10 lowercase letters or digits. (Apart from schemas.ts: the ticket's schema carries it, and schemas.ts reads the ticket's.) */
export const CommonIssueId = z.string({ error: '共性问题编号应为文本' }).check(z.regex(/^ci[a-z0-9]{10}$/, { error: '共性问题编号无效' }));

/** What a linked ticket carries of its common issue, for its owner's view (已纳入共性问题统一解决). */
export const TicketCommonIssue = z.object({
  id: CommonIssueId,
  title: z.string(),
  leadUnitName: z.string(),
  targetDate: LocalDate,
  linkedAt: Instant,
  solvedAt: z.optional(Instant),
});
export type TicketCommonIssue = z.infer<typeof TicketCommonIssue>;
