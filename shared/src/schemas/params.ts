import * as z from 'zod/mini';
import { CALENDAR_YEAR_MAX, CALENDAR_YEAR_MIN } from '../calendar/index.js';
import { parseNoticeId } from '../ticket/ladder.js';
import { Id } from './common.js';

/**
 * Path parameters, parsed at the edge (http/handler.ts) with the route's
 * `params` schema before any implementation runs: an id too long or of the
 * wrong shape is a 400 naming the parameter, and never reaches the store.
 */

/** A supervision notice (督办单): `<ticket>~<clock>~<cycle>~<level>` (ticket/ladder.ts `noticeId`). */
export const NoticeId = z.string({ error: '必须是文本' }).check(
  z.minLength(1, { error: '不能为空' }),
  // abort: nothing more is checked of an over-long id (one issue, and no pattern run over 3,000 characters)
  z.maxLength(200, { error: '过长（最多 200 个字符）', abort: true }),
  z.refine((id) => parseNoticeId(id) !== undefined, { error: '不是有效的督办单编号' }),
);

/**
 * An inbox item: `<message>:<user>`, the message being `<ticket>:<version>:<index>`
 * (ticket/effects.ts, services/notify.ts). Accepted as one to four
 * colon-separated segments of at most 64 characters each (an unknown item of
 * any such shape is simply not there: 404), so no segment can outgrow an id.
 */
export const InboxItemId = z.string({ error: '必须是文本' }).check(
  z.minLength(1, { error: '不能为空' }),
  z.maxLength(4 * 64 + 3, { error: '过长', abort: true }),
  z.regex(/^[A-Za-z0-9][A-Za-z0-9_-]{0,63}(:[A-Za-z0-9_-]{1,64}){0,3}$/, { error: '不是有效的通知编号' }),
);

/** A calendar year in the path: four digits, within the calendar's range. */
export const YearParam = z.string({ error: '必须是文本' }).check(
  z.regex(/^\d{4}$/, { error: '年份应为四位数字，如 2027', abort: true }),
  z.refine((y) => Number(y) >= CALENDAR_YEAR_MIN && Number(y) <= CALENDAR_YEAR_MAX, {
    error: `年份应为 ${CALENDAR_YEAR_MIN}–${CALENDAR_YEAR_MAX} 之间的整数`,
  }),
);

export const IdParam = z.strictObject({ id: Id });
export const NoticeIdParam = z.strictObject({ id: NoticeId });
export const InboxItemParam = z.strictObject({ id: InboxItemId });
export const CalendarYearParam = z.strictObject({ year: YearParam });
