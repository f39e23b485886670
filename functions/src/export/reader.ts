import { ImportFileError, type ImportSheet } from '@whistle/shared';
import readXlsxFile from 'read-excel-file/universal';

/**
 * The workbook reader: an uploaded .xlsx's sheets as cell values (text,
 * numbers, booleans, dates), for the imports. Over `read-excel-file` (by the
 * author of the writer we use). Its `universal` entry reads an ArrayBuffer
 * with fflate, which the writer bundles already: ~50 KB more in the imports
 * function (the `node` entry's stream unzipper would add ~70 KB); imported
 * only by that function, so no other bundle carries it.
 */
export async function readWorkbook(bytes: Buffer): Promise<ImportSheet[]> {
  try {
    const sheets = await readXlsxFile(bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength) as ArrayBuffer);
    return sheets.map((s) => ({ name: s.sheet, data: s.data as ImportSheet['data'] }));
  } catch (cause) {
    throw new ImportFileError({ field: 'file', message: '文件不是有效的 .xlsx 工作簿（请用 Excel 或 WPS 另存为 .xlsx 后上传）' }, { cause });
  }
}
