import { type AlignmentType, HeadingLevel, Paragraph, Table, TableCell, TableRow, TextRun, WidthType } from 'docx';
import { CLOCK_KIND_LABELS, localDateTime, type Clock, type SupervisionNotice } from '@whistle/shared';

/**
 * The building blocks of the retrospective's Word document (retrospective-doc.ts), shared by
 * its subjects' parts: 宋体 paragraphs, headings, tables, and how a clock and a notice read.
 */
export const FONT = { ascii: 'SimSun', hAnsi: 'SimSun', eastAsia: 'SimSun', cs: 'SimSun' };
/** A4 in twentieths of a point; 2.54 cm margins */
export const A4 = { width: 11906, height: 16838 };
export const MARGIN = 1440;

export const p = (text: string, opts: { bold?: boolean; size?: number; align?: (typeof AlignmentType)[keyof typeof AlignmentType] } = {}): Paragraph =>
  new Paragraph({ ...(opts.align ? { alignment: opts.align } : {}), spacing: { after: 80 }, children: [new TextRun({ text, bold: opts.bold ?? false, ...(opts.size ? { size: opts.size } : {}), font: FONT })] });
export const heading = (text: string): Paragraph =>
  new Paragraph({ heading: HeadingLevel.HEADING_2, spacing: { before: 240, after: 120 }, children: [new TextRun({ text, bold: true, size: 28, font: FONT, color: '000000' })] });
const cell = (text: string, bold = false, pct?: number): TableCell =>
  new TableCell({ ...(pct ? { width: { size: pct, type: WidthType.PERCENTAGE } } : {}), children: [p(text, { bold, size: 21 })] });
export const table = (header: string[], rows: string[][], widths: number[]): Table =>
  new Table({
    width: { size: 100, type: WidthType.PERCENTAGE },
    rows: [
      new TableRow({ tableHeader: true, children: header.map((h, i) => cell(h, true, widths[i])) }),
      ...(rows.length ? rows : [header.map((_, i) => (i === 0 ? '无' : ''))]).map((r) => new TableRow({ children: r.map((t, i) => cell(t, false, widths[i])) })),
    ],
  });
export const numbered = (items: string[]): Paragraph[] => (items.length ? items.map((t, i) => p(`${i + 1}. ${t}`)) : [p('无')]);
export const paragraphs = (text: string): Paragraph[] => text.split(/\n+/).map((line) => p(line));

/** A clock's outcome: met on time or late, or still open (late once past its deadline). */
export function clockResult(c: Clock, now: string): string {
  if (c.metAt) return `${localDateTime(c.metAt)} ${c.metAt <= c.dueAt ? '按时达成' : '超时达成'}`;
  if (c.pausedAt) return '暂停';
  return now > c.dueAt ? '已超时，未达成' : '未到期';
}

/** What a notice was about: its clock, and the item it names. */
export const noticeSubject = (n: SupervisionNotice): string => `${CLOCK_KIND_LABELS[n.clockKind]}${n.itemTitle ? `「${n.itemTitle}」` : ''}超时`;

/** What differs between the subjects: the overview (section 一) and what happened attached automatically (section 四). */
export interface SubjectParts {
  overviewTitle: string;
  overview: string[][];
  storyTitle: string;
  story: Array<Paragraph | Table>;
}
