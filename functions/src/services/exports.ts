import {
  assessmentSheet,
  EXPORT_SHEETS,
  ForbiddenError,
  hasRole,
  ledgerSheet,
  periodRange,
  ValidationError,
  type ExportQuery,
  type ExportSheetName,
  type PeriodRange,
  type Principal,
  type SheetSpec,
  type Ticket,
} from '@whistle/shared';
import type { Ports } from '../ports.js';
import { rankingOf } from './assessment.js';

/**
 * The exports (`GET /api/assessment/export`): a sheet of a period, declared
 * as data (shared/src/exports) for the workbook writer. Who gets what: the
 * supervisor, admins and county leaders the whole district; a unit lead the
 * tickets its unit handles or co-handles; nobody else.
 */

/** Whose tickets an export covers. */
export type ExportScope = { kind: 'district' } | { kind: 'unit'; unitId: string; unitName: string };

/** What a sheet's builder is given. */
export interface SheetContext {
  tenantId: string;
  scope: ExportScope;
  range: PeriodRange;
  /** the export's time (UTC ISO): clocks still running are judged as of it */
  now: string;
  /** the title row: tenant, scope, table and period */
  title: string;
}

export type SheetBuilder = (deps: Ports, ctx: SheetContext) => Promise<SheetSpec>;

/**
 * At most this many rows in one export. A district's month is a few
 * thousand tickets; past this the file nears what one Lambda answer carries
 * (6 MB, base64 included) and the time one request may take: a shorter period then.
 */
export const MAX_EXPORT_ROWS = 20_000;
/** At most this many index items read for one export (a unit's tickets are filtered from the district's period). */
export const MAX_EXPORT_SCANNED = 100_000;
/** index items per page */
const PAGE = 500;

export const tooLarge = (what: string): ValidationError =>
  new ValidationError([{ field: 'period', message: `该时段的${what}，无法一次导出，请按季度或月份分段导出` }]);

/** The ledger (台账): every ticket created in the period, oldest first, with its notices counted by level. */
const ledger: SheetBuilder = async (deps, ctx) => {
  const unit = ctx.scope.kind === 'unit' ? { unitId: ctx.scope.unitId } : {};
  const tickets: Ticket[] = [];
  let cursor: string | undefined;
  let scanned = 0;
  do {
    const page = await deps.tickets.createdBetween(ctx.tenantId, ctx.range, { ...unit, limit: PAGE, ...(cursor ? { cursor } : {}) });
    tickets.push(...page.items);
    scanned += page.scanned;
    if (tickets.length > MAX_EXPORT_ROWS) throw tooLarge(`诉求超过 ${MAX_EXPORT_ROWS} 条`);
    if (scanned > MAX_EXPORT_SCANNED) throw tooLarge(`诉求超过 ${MAX_EXPORT_SCANNED} 条`);
    cursor = page.cursor;
  } while (cursor);
  const notices = await deps.notices.countsByTicket(
    ctx.tenantId,
    tickets.map((t) => t.id),
    ctx.range.from,
  );
  return ledgerSheet({ title: ctx.title, tickets, notices, now: ctx.now });
};

/** The assessment table: every unit of both tracks, ranked (published to every unit, so one table for all). */
const index: SheetBuilder = async (deps, ctx) => assessmentSheet({ title: ctx.title, tracks: (await rankingOf(deps, ctx.tenantId, ctx.range.period)).tracks });

/** Each sheet's builder: a sheet added to EXPORT_SHEETS needs its entry here (the type says so). */
export const SHEET_BUILDERS: Readonly<Record<ExportSheetName, SheetBuilder>> = { ledger, index };

export function exportScope(p: Principal): ExportScope {
  if (hasRole(p, 'supervisor', 'admin', 'leader', 'assessor')) return { kind: 'district' };
  if (hasRole(p, 'unitLead') && p.unitId) return { kind: 'unit', unitId: p.unitId, unitName: p.unitName ?? p.unitId };
  throw new ForbiddenError('只有督办人员、管理员、县领导和单位负责人可以导出台账');
}

export interface ExportedSheets {
  sheets: SheetSpec[];
  /** for people: 清溪区-诉求台账-2026-Q4.xlsx (a unit's: 清溪区-区经济和信息化委员会-诉求台账-2026-Q4.xlsx) */
  filename: string;
  /** ASCII only: ledger-2026-Q4.xlsx */
  fallbackFilename: string;
  generatedAt: string;
}

/** Characters no file name should carry on any system, and controls. */
export const fileSafe = (s: string): string => [...s].map((c) => (/[\\/:*?"<>|]/.test(c) || c.charCodeAt(0) < 0x20 || c === '\u007f' ? '_' : c)).join('');

/** The sheets of an export, as data: the handler writes the workbook. */
export async function exportSheets(deps: Ports, p: Principal, q: ExportQuery): Promise<ExportedSheets> {
  const scope = exportScope(p);
  const range = periodRange(q.period);
  // the edge parsed the period already: this only guards a caller that did not
  if (!range) throw new ValidationError([{ field: 'period', message: '应为月份（如 2026-11）、季度（如 2026-Q4）或年份（如 2026）' }]);
  const now = deps.clock.now().toISOString();
  const tenantName = (await deps.refs.tenant(p.tenantId))?.name ?? p.tenantId;
  const { label } = EXPORT_SHEETS[q.sheet];
  const who = scope.kind === 'unit' ? [tenantName, scope.unitName] : [tenantName];
  const title = `${who.join(' ')} ${label}（${range.label}）`;
  const sheet = await SHEET_BUILDERS[q.sheet](deps, { tenantId: p.tenantId, scope, range, now, title });
  return {
    sheets: [sheet],
    filename: `${fileSafe([...who, label, q.period].join('-'))}.xlsx`,
    fallbackFilename: `${q.sheet}-${q.period}.xlsx`,
    generatedAt: now,
  };
}
