import ExcelJS from 'exceljs';

/**
 * Reads an .xlsx back with exceljs (a reader the project does not write
 * with): what a spreadsheet program will find in the file.
 */
export async function readWorkbook(bytes: Uint8Array): Promise<ExcelJS.Workbook> {
  const wb = new ExcelJS.Workbook();
  const copy = bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength) as ArrayBuffer;
  await wb.xlsx.load(copy);
  return wb;
}

/** The values of a row, column A first (exceljs keeps index 0 empty). */
export const rowValues = (ws: ExcelJS.Worksheet, row: number): unknown[] => (ws.getRow(row).values as unknown[]).slice(1);

/** A sheet's data rows (from row 3: title, header, data) as objects keyed by header. */
export function dataRows(ws: ExcelJS.Worksheet): Array<Record<string, unknown>> {
  const headers = rowValues(ws, 2).map(String);
  const out: Array<Record<string, unknown>> = [];
  for (let r = 3; r <= ws.rowCount; r++) {
    const row = ws.getRow(r);
    out.push(Object.fromEntries(headers.map((h, i) => [h, row.getCell(i + 1).value ?? null])));
  }
  return out;
}

/** A Shanghai wall time as exceljs reads a date cell: a Date whose UTC fields are the wall time. */
export const wallTime = (local: string): Date => new Date(`${local}:00.000Z`);
