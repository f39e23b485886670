import '../wiring/analysis.js';
import '../wiring/assessment.js';
import '../wiring/common-issues.js';
import { XLSX_MEDIA_TYPE, type ExportQuery, EXPORTS_ROUTES, type MonthlyAnalysisQuery } from '@whistle/shared';
import { writeWorkbook } from '../export/workbook.js';
import { httpFunction } from '../http/handler.js';
import { monthlyAnalysisOf, monthlyAnalysisSheets } from '../services/analysis.js';
import { exportSheets, tooLarge } from '../services/exports.js';

/**
 * A file this large or larger is refused: Lambda's answer holds at most 6 MB,
 * and a file travels base64-encoded in it (4/3 of its size).
 */
export const MAX_FILE_BYTES = 4 * 1024 * 1024;

/** Excel exports: a sheet of a period, as an .xlsx ready to print; the monthly analysis (月分析), as figures and as an .xlsx. */
export const handler = httpFunction(EXPORTS_ROUTES, {
  'GET /api/assessment/export': async ({ deps, principal, req }) => {
    const started = Date.now();
    const query = req.query as ExportQuery;
    const book = await exportSheets(deps, principal, query);
    const bytes = await writeWorkbook(book.sheets, { generatedAt: book.generatedAt });
    if (bytes.length >= MAX_FILE_BYTES) throw tooLarge('数据过多（文件超过 4 MB）');
    deps.logger.info('export', {
      sheet: query.sheet,
      period: query.period,
      rows: book.sheets.reduce((n, s) => n + s.rows.length, 0),
      bytes: bytes.length,
      ms: Date.now() - started,
    });
    return { file: { bytes, mediaType: XLSX_MEDIA_TYPE, filename: book.filename, fallbackFilename: book.fallbackFilename } };
  },
  'GET /api/analysis/monthly': async ({ deps, principal, req }) => ({ body: await monthlyAnalysisOf(deps, principal, (req.query as MonthlyAnalysisQuery).month) }),
  'GET /api/analysis/monthly/export': async ({ deps, principal, req }) => {
    const { month } = req.query as MonthlyAnalysisQuery;
    const book = await monthlyAnalysisSheets(deps, principal, month);
    const bytes = await writeWorkbook(book.sheets, { generatedAt: book.generatedAt });
    deps.logger.info('analysis export', { month, bytes: bytes.length });
    return { file: { bytes, mediaType: XLSX_MEDIA_TYPE, filename: book.filename, fallbackFilename: book.fallbackFilename } };
  },
});
