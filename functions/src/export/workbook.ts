import { localDateTime, SHANGHAI_OFFSET_MS, type CellFormat, type CellValue, type SheetSpec } from '@whistle/shared';
import writeXlsxFile, { type CellObject, type Row } from 'write-excel-file/node';
import {
  appendMarkupInsideElement,
  findElement,
  getOrderOfSiblings,
  insertElementMarkupAccordingToOrderOfSiblings,
  replaceElement,
  sanitizeTextContent,
} from 'write-excel-file/utility';

/**
 * The workbook writer: sheets declared as data (shared/src/exports/sheet.ts)
 * in, an .xlsx out, ready to print. Each sheet has
 *
 * - row 1: the title (tenant, table, period), merged across the columns;
 * - row 2: the Chinese headers, bold on a tint, repeated at the top of every
 *   printed page and frozen on screen (rows 1–2 stay while the data scrolls);
 * - rows 3…: the data, thin borders all round, each column in its format
 *   (instants, stored as UTC ISO, shown in Shanghai local time);
 * - printing: A4 landscape, fitted to one page wide (as many pages tall as it
 *   takes), centred, a footer with the generation time and the page numbers.
 *
 * Over `write-excel-file` (~75 KB bundled with its zip library, fflate;
 * exceljs would be ~1.1 MB, over the functions' 500 KB budget). What it does not
 * offer itself (fit to width, print titles, the footer) is added by a
 * "feature", the library's documented extension point, which edits the
 * worksheet and workbook XML it writes.
 */

/** The library's types for Node (the last overload: several sheets, then the options). */
type Sheet = Parameters<typeof writeXlsxFile>[0][number];
type Feature = NonNullable<NonNullable<Parameters<typeof writeXlsxFile>[1]>['features']>[number];

/** Excel number formats of the cell formats. */
export const NUMBER_FORMATS: Readonly<Record<CellFormat, string>> = {
  text: '@',
  int: '0',
  percent: '0.0%',
  datetime: 'yyyy-mm-dd hh:mm',
  hours: '0.0',
};

const FONT = { fontFamily: '宋体', fontSize: 10 } as const;
const BORDER = { borderStyle: 'thin', borderColor: '#000000' } as const;
const TITLE_ROW_HEIGHT = 30;
const HEADER_ROW_HEIGHT = 30;
/** the header row, 1-based: what every printed page repeats */
export const HEADER_ROW = 2;

export interface WorkbookOptions {
  /** when the workbook was made (UTC ISO): printed in the footer, in Shanghai time */
  generatedAt: string;
}

const ALIGN: Readonly<Record<CellFormat, 'left' | 'center' | 'right'>> = {
  text: 'left',
  int: 'right',
  percent: 'right',
  datetime: 'center',
  hours: 'right',
};

/** A data cell's style by format (one object per format: a sheet has tens of thousands of cells). */
const EMPTY = Object.fromEntries(
  Object.entries(ALIGN).map(([format, align]) => [format, { ...BORDER, alignVertical: 'center', align }]),
) as Readonly<Record<CellFormat, CellObject>>;
const TYPED = Object.fromEntries(
  Object.entries(EMPTY).map(([format, style]) => [format, { ...style, format: NUMBER_FORMATS[format as CellFormat] }]),
) as Readonly<Record<CellFormat, CellObject>>;

/** One data cell: typed by its column's format; empty (but bordered) when there is no value. */
function dataCell(value: CellValue, format: CellFormat): CellObject {
  if (value === null || value === undefined || value === '') return EMPTY[format];
  if (format === 'datetime') {
    const ms = Date.parse(String(value));
    // Excel's serial number is wall time: the UTC instant shifted to Shanghai's (no daylight saving there)
    if (!Number.isNaN(ms)) return { ...TYPED.datetime, value: new Date(ms + SHANGHAI_OFFSET_MS), type: Date };
  } else if (format !== 'text' && typeof value === 'number') {
    return { ...TYPED[format], value, type: Number };
  }
  return { ...TYPED.text, value: String(value), type: String };
}

function sheetData(spec: SheetSpec): Row[] {
  const span = spec.columns.length;
  const title: Row = [
    {
      value: spec.title,
      type: String,
      columnSpan: span,
      fontSize: 16,
      fontWeight: 'bold',
      align: 'center',
      alignVertical: 'center',
      height: TITLE_ROW_HEIGHT,
    },
    ...Array.from({ length: span - 1 }, () => null),
  ];
  const header: Row = spec.columns.map((c) => ({
    value: c.header,
    type: String,
    fontWeight: 'bold',
    align: 'center',
    alignVertical: 'center',
    wrap: true,
    backgroundColor: '#D9E1F2',
    height: HEADER_ROW_HEIGHT,
    ...BORDER,
  }));
  const rows = spec.rows.map((row): Row => spec.columns.map((c) => dataCell(row[c.key], c.format)));
  return [title, header, ...rows];
}

/** A sheet name as a formula reference: quoted, quotes doubled. */
const quoteSheet = (name: string) => `'${name.replaceAll("'", "''")}'`;
/** Header/footer text: `&` starts a code there, so a literal one is doubled. */
const footerText = (s: string) => s.replaceAll('&', '&&');

/** Print setup the library does not write itself: fit to width, centring, the footer, the repeated header row. */
function printSetup(specs: readonly SheetSpec[], opts: WorkbookOptions): Feature {
  const footer = `&L${footerText(`生成时间：${localDateTime(opts.generatedAt)}`)}&R第 &P 页，共 &N 页`;
  const worksheetOrder = getOrderOfSiblings('xl/worksheets/sheet{id}.xml', 'worksheet') ?? [];
  const workbookOrder = getOrderOfSiblings('xl/workbook.xml', 'workbook') ?? [];
  return {
    files: {
      transform: {
        'xl/worksheets/sheet{id}.xml': {
          transformElementAttributes: (tag, attributes) => {
            // A4 landscape (the library writes these two when given an orientation), one page wide, as tall as needed
            if (tag === 'pageSetup') return { ...attributes, paperSize: 9, orientation: 'landscape', fitToWidth: 1, fitToHeight: 0 };
            // narrow margins (inches): more of the table per page
            if (tag === 'pageMargins') return { left: 0.4, right: 0.4, top: 0.6, bottom: 0.6, header: 0.3, footer: 0.3 };
            return attributes;
          },
          transform: (xml) => {
            const insert = (markup: string, into: string) => insertElementMarkupAccordingToOrderOfSiblings(into, markup, worksheetOrder, 'worksheet');
            let out = insert('<sheetPr><pageSetUpPr fitToPage="1"/></sheetPr>', xml);
            out = insert('<printOptions horizontalCentered="1"/>', out);
            return insert(`<headerFooter><oddFooter>${sanitizeTextContent(footer)}</oddFooter></headerFooter>`, out);
          },
        },
        'xl/workbook.xml': {
          transform: (xml) => {
            const names = specs
              .map(
                (s, i) =>
                  `<definedName name="_xlnm.Print_Titles" localSheetId="${i}">${sanitizeTextContent(`${quoteSheet(s.name)}!$${HEADER_ROW}:$${HEADER_ROW}`)}</definedName>`,
              )
              .join('');
            // the library may write an (empty) <definedNames/> of its own: a second one would make the file corrupt
            const existing = findElement(xml, 'definedNames');
            if (!existing) return insertElementMarkupAccordingToOrderOfSiblings(xml, `<definedNames>${names}</definedNames>`, workbookOrder, 'workbook');
            return existing.selfClosingTag ? replaceElement(xml, existing, `<definedNames>${names}</definedNames>`) : appendMarkupInsideElement(xml, existing, names);
          },
        },
      },
    },
  };
}

/** Characters a sheet's tab name may not hold. */
const BAD_SHEET_NAME = /[[\]:*?/\\]/;

/** Writes the sheets as one .xlsx workbook, ready to print. */
export async function writeWorkbook(specs: readonly SheetSpec[], opts: WorkbookOptions): Promise<Buffer> {
  if (specs.length === 0) throw new Error('a workbook needs a sheet');
  const seen = new Set<string>();
  for (const s of specs) {
    if (s.name.length === 0 || s.name.length > 31 || BAD_SHEET_NAME.test(s.name)) throw new Error(`sheet name "${s.name}": 1–31 characters, none of []:*?/\\`);
    if (seen.has(s.name)) throw new Error(`two sheets named "${s.name}"`);
    seen.add(s.name);
    if (s.columns.length === 0) throw new Error(`sheet "${s.name}" has no columns`);
  }
  const sheets: Sheet[] = specs.map((s) => ({
    data: sheetData(s),
    sheet: s.name,
    columns: s.columns.map((c) => ({ width: c.width })),
    orientation: 'landscape',
    stickyRowsCount: HEADER_ROW,
  }));
  return writeXlsxFile(sheets, { ...FONT, features: [printSetup(specs, opts)] }).toBuffer();
}
