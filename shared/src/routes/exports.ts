import { r, file, type RouteDef } from './define.js';
import { ExportQuery, XLSX_MEDIA_TYPE } from '../exports/index.js';

/** The `exports` function's routes (see routes.ts: the one table is their concatenation). */
export const EXPORTS_ROUTES: readonly RouteDef[] = [
  r('GET', '/api/assessment/export', 'exports', 'Export a sheet of a period as an .xlsx ready to print: the ticket ledger (台账)', {
    query: ExportQuery,
    ok: file(
      XLSX_MEDIA_TYPE,
      'The workbook (Content-Disposition: attachment, with the UTF-8 file name, e.g. 清溪区-诉求台账-2026-Q4.xlsx). Supervisors, admins and leaders get the whole district; a unit lead gets the tickets its unit handles or co-handles.',
    ),
  }),
];
