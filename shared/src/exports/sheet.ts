/**
 * A printable sheet, declared as data: what the exports produce and the
 * workbook writer (functions/src/export/workbook.ts) turns into an .xlsx.
 * Nothing here knows the file format.
 */

/**
 * How a column's values are shown:
 * - `text`: as written (Excel's Text format, so a number-like code stays text);
 * - `int`: a whole number;
 * - `percent`: a fraction (0.985) shown as a percentage (98.5%);
 * - `datetime`: a UTC ISO instant, shown in Shanghai local time (2026-11-24 10:00);
 * - `hours`: a number of hours, one decimal.
 */
export const CELL_FORMATS = ['text', 'int', 'percent', 'datetime', 'hours'] as const;
export type CellFormat = (typeof CELL_FORMATS)[number];

/** A cell's value: empty when null or undefined. */
export type CellValue = string | number | null | undefined;

export interface SheetColumn<K extends string = string> {
  /** the row field this column shows */
  key: K;
  /** the header, for people (Chinese) */
  header: string;
  /** width in characters (a Chinese character counts about two) */
  width: number;
  format: CellFormat;
}

export interface SheetSpec<K extends string = string> {
  /** the tab's name: at most 31 characters, none of []:*?/\ */
  name: string;
  /** the merged title row above the header: the tenant, the table and the period */
  title: string;
  columns: ReadonlyArray<SheetColumn<K>>;
  rows: ReadonlyArray<Readonly<Record<K, CellValue>>>;
}

/** A column declaration, in the order of SheetColumn's fields as people read them. */
export const column = <K extends string>(key: K, header: string, width: number, format: CellFormat = 'text'): SheetColumn<K> => ({
  key,
  header,
  width,
  format,
});

/** The media type of an .xlsx file (Office Open XML spreadsheet). */
export const XLSX_MEDIA_TYPE = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
