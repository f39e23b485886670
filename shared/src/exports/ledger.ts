import { LABELS } from '../schemas/common.js';
import {
  LEVEL_LABELS,
  RATING_LABELS,
  RESOLUTION_LABELS,
  STATUS_LABELS,
  type Clock,
  type SupervisionLevel,
  type Ticket,
} from '../schemas/ticket.js';
import { column, type CellValue, type SheetSpec } from './sheet.js';

/**
 * The ticket ledger (诉求台账): every ticket of a period, one row each, with
 * its clocks, its supervision notices by level, its unit and its rating.
 */

/** How many 督办单 of each level a ticket received. */
export type NoticeCounts = Readonly<Record<SupervisionLevel, number>>;
export const NO_NOTICES: NoticeCounts = { reminder: 0, urge: 0, warning: 0 };

const W_TIME = 16;

export const LEDGER_COLUMNS = [
  column('number', '编号', 13),
  column('title', '标题', 28),
  column('enterprise', '企业', 24),
  column('category', '类别', 11),
  column('priority', '优先级', 7),
  column('channel', '渠道', 9),
  column('status', '状态', 10),
  column('unit', '承办单位', 20),
  column('createdAt', '提交时间', W_TIME, 'datetime'),
  column('claimedAt', '认领时间', W_TIME, 'datetime'),
  column('claimDue', '认领时限', W_TIME, 'datetime'),
  column('claimMet', '认领完成时间', W_TIME, 'datetime'),
  column('contactDue', '联系时限', W_TIME, 'datetime'),
  column('contactMet', '联系完成时间', W_TIME, 'datetime'),
  column('resolveDue', '办结时限', W_TIME, 'datetime'),
  column('resolveMet', '办结完成时间', W_TIME, 'datetime'),
  column('overdue', '是否超时', 8),
  column('reminders', `督办${LEVEL_LABELS.reminder}`, 8, 'int'),
  column('urges', `督办${LEVEL_LABELS.urge}`, 8, 'int'),
  column('warnings', `督办${LEVEL_LABELS.warning}`, 8, 'int'),
  column('resolution', '办结方式', 10),
  column('resolvedAt', '办结时间', W_TIME, 'datetime'),
  column('rating', '评价', 9),
  column('reopens', '重开次数', 8, 'int'),
  column('coUnits', '联办单位', 22),
  column('leader', '领办领导', 10),
] as const;
export type LedgerKey = (typeof LEDGER_COLUMNS)[number]['key'];
export type LedgerRow = Record<LedgerKey, CellValue>;

/** A clock missed its deadline: met after it, or not met and past it (a paused clock as of its pause). */
export const clockLate = (c: Clock, now: string): boolean => (c.metAt ? c.metAt > c.dueAt : (c.pausedAt ?? now) > c.dueAt);

const clockOf = (t: Ticket, kind: 'claim' | 'contact' | 'resolve'): Clock | undefined => t.clocks.find((c) => c.id === kind);

/**
 * One ticket's row. 是否超时 is 是 when any deadline on record was missed:
 * a clock of the ticket is late as of `now`, or a 督办单 was issued on it
 * (a recurring clock restarts when met, so its past misses live on only as notices).
 */
export function ledgerRow(t: Ticket, notices: NoticeCounts, now: string): LedgerRow {
  const claim = clockOf(t, 'claim');
  const contact = clockOf(t, 'contact');
  const resolve = clockOf(t, 'resolve');
  const late = t.clocks.some((c) => clockLate(c, now)) || notices.reminder + notices.urge + notices.warning > 0;
  return {
    number: t.number,
    title: t.title,
    enterprise: t.enterpriseName,
    category: LABELS.category[t.category],
    priority: LABELS.priority[t.priority],
    channel: LABELS.channel[t.channel],
    status: STATUS_LABELS[t.status],
    unit: t.handlingUnitName,
    createdAt: t.createdAt,
    claimedAt: t.claimedAt,
    claimDue: claim?.dueAt,
    claimMet: claim?.metAt,
    contactDue: contact?.dueAt,
    contactMet: contact?.metAt,
    resolveDue: resolve?.dueAt,
    resolveMet: resolve?.metAt,
    overdue: late ? '是' : '否',
    reminders: notices.reminder,
    urges: notices.urge,
    warnings: notices.warning,
    resolution: t.resolution ? RESOLUTION_LABELS[t.resolution.kind] : undefined,
    resolvedAt: t.resolution?.at,
    rating: t.rating ? RATING_LABELS[t.rating.score] : undefined,
    reopens: t.reopenCount,
    coUnits: t.joint?.coUnits.map((c) => c.unitName).join('、'),
    leader: t.leader?.name,
  };
}

/** The ledger sheet of these tickets (in the order given: the index's, by creation time). */
export function ledgerSheet(opts: {
  title: string;
  tickets: readonly Ticket[];
  notices: ReadonlyMap<string, NoticeCounts>;
  now: string;
}): SheetSpec<LedgerKey> {
  return {
    name: '诉求台账',
    title: opts.title,
    columns: LEDGER_COLUMNS,
    rows: opts.tickets.map((t) => ledgerRow(t, opts.notices.get(t.id) ?? NO_NOTICES, opts.now)),
  };
}
