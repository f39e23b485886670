import { column, type CellValue, type SheetSpec } from '../exports/sheet.js';
import { IMPORT_COLUMNS, IMPORT_KIND_LABELS, IMPORT_VALUE_LISTS, type ImportKind } from './columns.js';

/**
 * A kind's template as sheets declared as data (the workbook writer makes
 * the .xlsx): the table to fill in (a required column's header marked `*`,
 * one example row, which the reader leaves out if it is left in), the allowed
 * values of the coded columns, and how to fill each column.
 */
export function templateSheets(kind: ImportKind, tenantName: string): SheetSpec[] {
  const columns = IMPORT_COLUMNS[kind];
  const label = IMPORT_KIND_LABELS[kind];
  const table: SheetSpec = {
    name: label,
    title: `${tenantName} · ${label}导入模板（带 * 的列必填；第 3 行是示例，可删除）`,
    columns: columns.map((c) => column(c.key, c.required ? `${c.header}*` : c.header, c.width)),
    rows: [Object.fromEntries(columns.map((c) => [c.key, c.example]))],
  };
  const longest = Math.max(...IMPORT_VALUE_LISTS.map((l) => l.values.length));
  const values: SheetSpec = {
    name: '可选值',
    title: '可选值（请从下列取值中填写）',
    columns: IMPORT_VALUE_LISTS.map((l, i) => column(`v${i}`, l.header, 16)),
    rows: Array.from({ length: longest }, (_, r) => Object.fromEntries(IMPORT_VALUE_LISTS.map((l, i): [string, CellValue] => [`v${i}`, l.values[r] ?? null]))),
  };
  const help: SheetSpec = {
    name: '填写说明',
    title: `${label}导入：各列填写说明`,
    columns: [column('header', '列', 20), column('required', '必填', 8), column('format', '填写说明', 60)],
    rows: columns.map((c) => ({ header: c.header, required: c.required ? '是' : '否', format: c.format })),
  };
  return [table, values, help];
}

/** The template's file name: 清溪区-企业导入模板.xlsx */
export const templateFileName = (kind: ImportKind, tenantName: string): string => `${tenantName}-${IMPORT_KIND_LABELS[kind]}导入模板.xlsx`;
export const templateFallbackFileName = (kind: ImportKind): string => `import-template-${kind}.xlsx`;
