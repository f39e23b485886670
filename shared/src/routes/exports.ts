import { r, file, ok, type RouteDef } from './define.js';
import { ExportQuery, XLSX_MEDIA_TYPE } from '../exports/index.js';
import { MonthlyAnalysisQuery, MonthlyAnalysisResponse } from '../analysis/schemas.js';

/** The `exports` function's routes (see routes.ts: the one table is their concatenation). */
export const EXPORTS_ROUTES: readonly RouteDef[] = [
  r('GET', '/api/assessment/export', 'exports', 'Export a sheet of a period as an .xlsx ready to print: the ticket ledger (台账)', {
    query: ExportQuery,
    ok: file(
      XLSX_MEDIA_TYPE,
      'The workbook (Content-Disposition: attachment, with the UTF-8 file name, e.g. 清溪区-诉求台账-2026-Q4.xlsx). Supervisors, admins and leaders get the whole district; a unit lead gets the tickets its unit handles or co-handles.',
    ),
  }),
  r('GET', '/api/analysis/monthly', 'exports', 'The monthly analysis (月分析): a month’s requests by category, industry and township, the trend, hot spots, the slowest units, satisfaction', {
    query: MonthlyAnalysisQuery,
    ok: ok(MonthlyAnalysisResponse, 'The figures (a finished month as kept when first opened; the current month as of now). Supervisors, county leaders and admins only.'),
  }),
  r('GET', '/api/analysis/monthly/export', 'exports', 'The monthly analysis as an .xlsx ready to print', {
    query: MonthlyAnalysisQuery,
    ok: file(
      XLSX_MEDIA_TYPE,
      'The workbook (Content-Disposition: attachment, e.g. 清溪区-月度分析-2026-11.xlsx): 概要, 按类别, 按行业, 按镇街, 趋势, 最慢单位. Supervisors, county leaders and admins only.',
    ),
  }),
];
