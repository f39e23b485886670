import * as z from 'zod/mini';
import { ExportPeriod } from './period.js';

export * from './period.js';
export * from './sheet.js';
export * from './ledger.js';
export * from './assessment.js';

/**
 * The sheets `GET /api/assessment/export` makes, by the name the query gives
 * (`sheet=ledger`), with the label its file and title carry. Adding a sheet is
 * one entry here (the query's enum follows) and its builder in
 * functions/src/services/exports.ts (the type checker asks for it).
 */
export const EXPORT_SHEETS = {
  ledger: { label: '诉求台账' },
  index: { label: '助企服务指数考核表' },
} as const satisfies Record<string, { label: string }>;
export type ExportSheetName = keyof typeof EXPORT_SHEETS;
const SHEET_NAMES = Object.keys(EXPORT_SHEETS) as [ExportSheetName, ...ExportSheetName[]];

export const ExportSheet = z.enum(SHEET_NAMES, { error: `sheet 只能是 ${SHEET_NAMES.join('、')}` });

export const ExportQuery = z.strictObject({
  period: ExportPeriod,
  sheet: ExportSheet,
});
export type ExportQuery = z.infer<typeof ExportQuery>;
