import { column, LEDGER_COLUMNS, type SheetSpec } from '@whistle/shared';
import { describe, expect, it } from 'vitest';
import { NUMBER_FORMATS, writeWorkbook } from '../../functions/src/export/workbook.js';
import { dataRows, readWorkbook, rowValues, wallTime } from '../support/xlsx.js';

/** The workbook writer, read back with exceljs: what a spreadsheet program finds in the file. */
const COLUMNS = [
  column('code', '编号', 14),
  column('at', '提交时间', 17, 'datetime'),
  column('count', '次数', 6, 'int'),
  column('rate', '满意率', 8, 'percent'),
  column('hours', '用时（小时）', 9, 'hours'),
  column('note', '备注', 20),
] as const;
type Key = (typeof COLUMNS)[number]['key'];

const SHEET: SheetSpec<Key> = {
  name: '诉求台账',
  title: '清溪区 诉求台账（2026年第四季度）',
  columns: COLUMNS,
  rows: [
    { code: '2026-000001', at: '2026-11-24T02:00:00.000Z', count: 3, rate: 0.985, hours: 12.25, note: '按期办结' },
    // empty cells, a number-like code that must stay text, markup and an ampersand
    { code: '00123', at: null, count: 0, rate: undefined, hours: 1, note: '<b>A & B</b>' },
  ],
};
const GENERATED = '2026-11-24T02:05:00.000Z';

describe('writeWorkbook', () => {
  it('writes the title row merged over the columns, the Chinese headers, then the rows', async () => {
    const wb = await readWorkbook(await writeWorkbook([SHEET], { generatedAt: GENERATED }));
    expect(wb.worksheets.map((w) => w.name)).toEqual(['诉求台账']);
    const ws = wb.worksheets[0]!;
    expect(ws.getCell('A1').value).toBe('清溪区 诉求台账（2026年第四季度）');
    expect(ws.model.merges).toEqual(['A1:F1']);
    expect(ws.getCell('A1').font?.bold).toBe(true);
    expect(rowValues(ws, 2)).toEqual(['编号', '提交时间', '次数', '满意率', '用时（小时）', '备注']);
    expect(ws.getCell('B2').font?.bold).toBe(true);
    expect(ws.rowCount).toBe(4);
    expect(dataRows(ws)).toEqual([
      // the instant in Shanghai wall time: 02:00 UTC is 10:00 there
      { 编号: '2026-000001', 提交时间: wallTime('2026-11-24T10:00'), 次数: 3, 满意率: 0.985, '用时（小时）': 12.25, 备注: '按期办结' },
      { 编号: '00123', 提交时间: null, 次数: 0, 满意率: null, '用时（小时）': 1, 备注: '<b>A & B</b>' },
    ]);
    expect(ws.columns.map((c) => c.width)).toEqual([14, 17, 6, 8, 9, 20]);
  });

  it('formats each column by its format, and borders every data cell, empty ones too', async () => {
    const ws = (await readWorkbook(await writeWorkbook([SHEET], { generatedAt: GENERATED }))).worksheets[0]!;
    expect(['A3', 'B3', 'C3', 'D3', 'E3', 'F3'].map((a) => ws.getCell(a).numFmt)).toEqual([
      NUMBER_FORMATS.text,
      'yyyy-mm-dd hh:mm',
      '0',
      '0.0%',
      '0.0',
      '@',
    ]);
    expect(ws.getCell('A4').type).toBe(3); // ValueType.String: the code stays text
    for (const address of ['A2', 'F2', 'A3', 'F3', 'B4', 'D4']) {
      const border = ws.getCell(address).border;
      expect([border?.top?.style, border?.left?.style, border?.bottom?.style, border?.right?.style], address).toEqual(['thin', 'thin', 'thin', 'thin']);
    }
  });

  it('is ready to print: A4 landscape, one page wide, header row on every page, footer with the time it was made', async () => {
    const ws = (await readWorkbook(await writeWorkbook([SHEET], { generatedAt: GENERATED }))).worksheets[0]!;
    expect(ws.pageSetup).toMatchObject({
      paperSize: 9,
      orientation: 'landscape',
      fitToPage: true,
      fitToWidth: 1,
      fitToHeight: 0,
      printTitlesRow: '2:2',
      horizontalCentered: true,
    });
    expect(ws.pageSetup.margins).toMatchObject({ left: 0.4, right: 0.4 });
    // 10:05 in Shanghai; page numbers
    expect(ws.headerFooter.oddFooter).toBe('&L生成时间：2026-11-24 10:05&R第 &P 页，共 &N 页');
  });

  it('freezes the title and the header on screen', async () => {
    const ws = (await readWorkbook(await writeWorkbook([SHEET], { generatedAt: GENERATED }))).worksheets[0]!;
    expect(ws.views[0]).toMatchObject({ state: 'frozen', ySplit: 2, xSplit: 0, topLeftCell: 'A3' });
  });

  it('writes several sheets, each with its own repeated header row; a sheet is one declaration', async () => {
    const other: SheetSpec = { name: "赛马's 指数", title: '清溪区 助企服务指数', columns: [column('unit', '单位', 20), column('score', '得分', 8, 'int')], rows: [{ unit: '区经信委', score: 97 }] };
    const wb = await readWorkbook(await writeWorkbook([SHEET, other], { generatedAt: GENERATED }));
    expect(wb.worksheets.map((w) => w.name)).toEqual(['诉求台账', "赛马's 指数"]);
    expect(wb.worksheets.map((w) => w.pageSetup.printTitlesRow)).toEqual(['2:2', '2:2']);
    expect(rowValues(wb.worksheets[1]!, 3)).toEqual(['区经信委', 97]);
  });

  it('writes the ledger columns in Chinese, an empty ledger too', async () => {
    const ws = (await readWorkbook(await writeWorkbook([{ name: '诉求台账', title: '空', columns: LEDGER_COLUMNS, rows: [] }], { generatedAt: GENERATED }))).worksheets[0]!;
    expect(rowValues(ws, 2)).toEqual(LEDGER_COLUMNS.map((c) => c.header));
    expect(rowValues(ws, 2)).toContain('督办警告');
    expect(ws.rowCount).toBe(2);
  });

  it('refuses sheets Excel would not open', async () => {
    const bad = (name: string) => writeWorkbook([{ ...SHEET, name }], { generatedAt: GENERATED });
    await expect(bad('a/b')).rejects.toThrow(/sheet name/);
    await expect(bad('x'.repeat(32))).rejects.toThrow(/sheet name/);
    await expect(writeWorkbook([SHEET, SHEET], { generatedAt: GENERATED })).rejects.toThrow(/two sheets/);
    await expect(writeWorkbook([], { generatedAt: GENERATED })).rejects.toThrow(/needs a sheet/);
  });
});
