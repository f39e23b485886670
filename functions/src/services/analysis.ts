import {
  commonIssuesOfMonth,
  ForbiddenError,
  hasRole,
  monthlyAnalysis,
  monthOf,
  monthRange,
  monthsBefore,
  ValidationError,
  type AnalysisDirectory,
  type MonthFigures,
  type MonthlyAnalysis,
  type Principal,
  type SheetSpec,
  type Ticket,
  type WorkingCalendar,
  analysisSheets,
} from '@whistle/shared';
import type { Ports } from '../ports.js';
import { fileSafe } from './exports.js';

/**
 * The monthly analysis (月分析, `GET /api/analysis/monthly`): the figures of a
 * month's requests (shared/src/analysis). A finished month is computed once
 * and kept (one item per tenant and month, the first writer wins): opening it
 * again is one read. The current month is computed on every open and never
 * kept. The trend and hot spots read the six months before: those kept, in
 * one Query; a month not kept (never opened) is counted from its tickets.
 */

/** At most this many requests in one month (a district's month is a few thousand). */
export const MAX_MONTH_TICKETS = 20_000;
/** index items per page */
const PAGE = 500;

const tooLarge = (): ValidationError =>
  new ValidationError([{ field: 'month', message: `该月诉求超过 ${MAX_MONTH_TICKETS} 条，无法生成月度分析` }]);

/** The supervisor, county leaders and admins read the monthly analysis; nobody else. */
export function mayReadAnalysis(p: Principal): void {
  if (!hasRole(p, 'supervisor', 'leader', 'admin')) throw new ForbiddenError('只有督办人员、县领导和管理员可以查看月度分析');
}

/** A month's requests, oldest first (pattern 16's range of the tenant's ticket index). */
async function ticketsOfMonth(deps: Ports, tenantId: string, month: string): Promise<Ticket[]> {
  const range = monthRange(month);
  const out: Ticket[] = [];
  let cursor: string | undefined;
  do {
    const page = await deps.tickets.createdBetween(tenantId, range, { limit: PAGE, ...(cursor ? { cursor } : {}) });
    out.push(...page.items);
    if (out.length > MAX_MONTH_TICKETS) throw tooLarge();
    cursor = page.cursor;
  } while (cursor);
  return out;
}

async function directoryOf(deps: Ports, tenantId: string): Promise<AnalysisDirectory> {
  const [grids, units, enterprises] = await Promise.all([deps.refs.list('GRID', tenantId), deps.refs.list('UNIT', tenantId), deps.refs.list('ENT', tenantId)]);
  return { grids, units, enterprises };
}

interface Context {
  tenantId: string;
  now: string;
  calendar: WorkingCalendar;
  directory: AnalysisDirectory;
}

/** The figures of a month not kept, from its tickets (its own trend and hot spots are not needed here). */
async function figuresOfMonth(deps: Ports, ctx: Context, month: string): Promise<MonthFigures> {
  const tickets = await ticketsOfMonth(deps, ctx.tenantId, month);
  return monthlyAnalysis({ month, tickets, history: [], directory: ctx.directory, calendar: ctx.calendar, now: ctx.now }).figures;
}

/** A month's analysis: a finished month kept (or computed now and kept), the current one computed. */
export async function monthlyAnalysisOf(deps: Ports, p: Principal, month: string): Promise<MonthlyAnalysis> {
  mayReadAnalysis(p);
  const now = deps.clock.now().toISOString();
  const current = monthOf(now);
  if (month > current) throw new ValidationError([{ field: 'month', message: '该月份尚未开始' }]);
  const finished = month < current;
  if (finished) {
    const kept = await deps.analysis.get(p.tenantId, month);
    if (kept) return kept;
  }
  const before = monthsBefore(month);
  const [calendar, directory, keptBefore, tickets, commonIssues] = await Promise.all([
    deps.settings.calendar(p.tenantId),
    directoryOf(deps, p.tenantId),
    deps.analysis.months(p.tenantId, before[0] ?? month, before.at(-1) ?? month),
    ticketsOfMonth(deps, p.tenantId, month),
    // the common issues confirmed in the month and those not solved at its end (one Query of the tenant's ledger)
    commonIssueFigures(deps, p.tenantId, monthRange(month)),
  ]);
  const ctx: Context = { tenantId: p.tenantId, now, calendar, directory };
  const keptByMonth = new Map(keptBefore.map((a) => [a.month, a.figures]));
  const history: MonthFigures[] = [];
  // one month at a time: each not kept reads up to a month of tickets
  for (const m of before) history.push(keptByMonth.get(m) ?? (await figuresOfMonth(deps, ctx, m)));
  const analysis = monthlyAnalysis({ month, tickets, history, directory, calendar, now, commonIssues });
  if (!finished) return analysis;
  if (await deps.analysis.keep(p.tenantId, analysis)) return analysis;
  // another request kept it first: answer that one, so every reader sees the same figures
  return (await deps.analysis.get(p.tenantId, month)) ?? analysis;
}

export interface AnalysisWorkbook {
  sheets: SheetSpec[];
  /** 清溪区-月度分析-2026-11.xlsx */
  filename: string;
  /** analysis-2026-11.xlsx */
  fallbackFilename: string;
  generatedAt: string;
}

/** The same figures as sheets (the handler writes the workbook). */
export async function monthlyAnalysisSheets(deps: Ports, p: Principal, month: string): Promise<AnalysisWorkbook> {
  const analysis = await monthlyAnalysisOf(deps, p, month);
  const tenantName = (await deps.refs.tenant(p.tenantId))?.name ?? p.tenantId;
  return {
    sheets: analysisSheets(analysis, tenantName),
    filename: `${fileSafe(`${tenantName}-月度分析-${month}`)}.xlsx`,
    fallbackFilename: `analysis-${month}.xlsx`,
    generatedAt: deps.clock.now().toISOString(),
  };
}

/** The month's common issues for the monthly analysis: confirmed in it, and not solved at its end. */
async function commonIssueFigures(ports: Pick<Ports, 'commonIssues'>, tenantId: string, range: { from: string; to: string }): Promise<{ new: number; open: number }> {
  return commonIssuesOfMonth(await ports.commonIssues.list(tenantId), range);
}
