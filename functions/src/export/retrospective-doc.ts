import { AlignmentType, BorderStyle, Document, Packer, Table, TableCell, TableRow, WidthType, type ISectionOptions } from 'docx';
import {
  CLOCK_KIND_LABELS,
  FINDING_TAG_LABELS,
  FINDING_TAGS,
  LABELS,
  LEVEL_LABELS,
  localDateTime,
  PLAN_ITEM_STATUS_LABELS,
  RECOMMENDATION_TAG_LABELS,
  RETROSPECTIVE_STATUS_LABELS,
  TIMELINE_KIND_LABELS,
  type RetrospectiveDossier,
  type TicketRetrospectiveDossier,
} from '@whistle/shared';
import { A4, clockResult, FONT, heading, MARGIN, noticeSubject, numbered, p, paragraphs, table, type SubjectParts } from './docx-parts.js';
import { commonIssueParts } from './retrospective-doc-common-issue.js';

/**
 * The retrospective as a Word document ready to print and sign: A4, 宋体
 * (SimSun, set for East Asian text too), its subject (a ticket, or a common
 * issue: retrospective-doc-common-issue.ts), the participating units, what
 * happened attached automatically with its clocks and 督办单, causes, findings
 * by tag, recommendations, rectification tasks, and a signature row per unit.
 * Every time is Asia/Shanghai (`localDateTime`). Its building blocks: docx-parts.ts.
 */

/** A ticket's parts: its overview, and its timeline with the 督办单 in time order, then its clocks. */
function ticketParts(d: TicketRetrospectiveDossier, generatedAt: string): SubjectParts {
  const t = d.ticket;
  const timeline = [
    ...d.timeline.map((e) => ({ at: e.at, row: [localDateTime(e.at), TIMELINE_KIND_LABELS[e.kind] ?? e.kind, e.actor.unitName ? `${e.actor.name}（${e.actor.unitName}）` : e.actor.name, e.text ?? ''] })),
    ...d.notices.map((n) => ({
      at: n.issuedAt,
      row: [localDateTime(n.issuedAt), `督办单·${LEVEL_LABELS[n.level]}`, '系统', `${n.number} ${noticeSubject(n)}${n.acknowledgedAt ? `，${localDateTime(n.acknowledgedAt)} 已签收` : ''}`],
    })),
  ].sort((a, b) => a.at.localeCompare(b.at));
  const clocks = t.clocks.map((c) => [CLOCK_KIND_LABELS[c.kind], localDateTime(c.startedAt), localDateTime(c.dueAt), clockResult(c, generatedAt), String(c.escalations)]);
  return {
    overviewTitle: '诉求概况',
    overview: [
      ['诉求编号', t.number],
      ['企业', t.enterpriseName],
      ['类别', LABELS.category[t.category]],
      ['标题', t.title],
      ['提交时间', localDateTime(t.createdAt)],
      ['认领时间', t.claimedAt ? localDateTime(t.claimedAt) : '—'],
      ['承办单位', t.handlingUnitName ?? '—'],
    ],
    storyTitle: '办理时间线（北京时间）',
    story: [
      table(['时间', '环节', '经办人', '内容'], timeline.map((x) => x.row), [20, 15, 20, 45]),
      p('时限', { bold: true }),
      table(['时限', '起算', '截止', '结果', '督办次数'], clocks, [18, 22, 22, 26, 12]),
    ],
  };
}

const signatureBlock = (units: Array<{ unitName: string }>): Table =>
  new Table({
    width: { size: 100, type: WidthType.PERCENTAGE },
    rows: [['单位', '负责人签字', '日期'], ...units.map((u) => [u.unitName, '', '    年   月   日'])].map(
      (row, ri) =>
        new TableRow({
          height: { value: ri === 0 ? 400 : 800, rule: 'atLeast' },
          children: row.map((text, i) =>
            new TableCell({
              width: { size: [40, 35, 25][i] ?? 30, type: WidthType.PERCENTAGE },
              borders: { top: { style: BorderStyle.SINGLE, size: 4, color: '000000' }, bottom: { style: BorderStyle.SINGLE, size: 4, color: '000000' } },
              children: [p(text, { bold: ri === 0, size: 21 })],
            }),
          ),
        }),
    ),
  });

/** The document's sections (the content, for the writer): the frame both subjects share, around the subject's parts. */
export function retrospectiveSections(d: RetrospectiveDossier, generatedAt: string): ISectionOptions[] {
  const r = d.retrospective;
  const parts = d.kind === 'ticket' ? ticketParts(d, generatedAt) : commonIssueParts(d, generatedAt);
  const findings = FINDING_TAGS.flatMap((tag) => {
    const of = r.findings.filter((f) => f.tag === tag);
    return of.length ? [p(`【${FINDING_TAG_LABELS[tag]}】`, { bold: true }), ...of.map((f, i) => p(`${i + 1}. ${f.text}`))] : [];
  });
  return [
    {
      properties: { page: { size: A4, margin: { top: MARGIN, bottom: MARGIN, left: MARGIN, right: MARGIN } } },
      children: [
        p(d.tenantName ? `${d.tenantName}企业吹哨·部门报到` : '企业吹哨·部门报到', { align: AlignmentType.CENTER, size: 24 }),
        p('典型问题复盘报告', { bold: true, size: 36, align: AlignmentType.CENTER }),
        p(r.title, { bold: true, size: 28, align: AlignmentType.CENTER }),
        p(`状态：${RETROSPECTIVE_STATUS_LABELS[r.status]}\u3000发起：${r.createdByName}\u3000${localDateTime(r.createdAt)}\u3000生成：${localDateTime(generatedAt)}`, { size: 20, align: AlignmentType.CENTER }),
        heading(`一、${parts.overviewTitle}`),
        table(['项目', '内容'], parts.overview, [25, 75]),
        heading('二、参与单位'),
        p(r.units.map((u) => u.unitName).join('、')),
        heading('三、事件经过'),
        ...paragraphs(r.happened),
        heading(`四、${parts.storyTitle}`),
        ...parts.story,
        heading('五、原因分析'),
        ...numbered(r.causes),
        heading('六、发现的问题'),
        ...(findings.length ? findings : [p('无')]),
        heading('七、建议'),
        ...numbered(r.recommendations.map((x) => `【${RECOMMENDATION_TAG_LABELS[x.tag]}】${x.text}`)),
        heading('八、整改任务'),
        table(
          ['整改任务', '责任单位', '完成时限', '状态'],
          r.plan.items.map((i) => [i.title, i.ownerUnitName, i.dueDate, PLAN_ITEM_STATUS_LABELS[i.status]]),
          [40, 25, 17, 18],
        ),
        heading('各参与单位签字、日期'),
        signatureBlock(r.units),
      ],
    },
  ];
}

/** The file's names: UTF-8 (典型问题复盘-<ticket number>.docx, or 典型问题复盘-共性问题-<title>.docx) and an ASCII fallback. */
export function retrospectiveDocName(d: RetrospectiveDossier): { filename: string; fallbackFilename: string } {
  if (d.kind === 'ticket') return { filename: `典型问题复盘-${d.ticket.number}.docx`, fallbackFilename: `retrospective-${d.ticket.number}.docx` };
  const title = d.commonIssue.title.replace(/[\\/:*?"<>|\s]+/g, '_').slice(0, 40);
  return { filename: `典型问题复盘-共性问题-${title}.docx`, fallbackFilename: `retrospective-${d.commonIssue.id}.docx` };
}

export async function writeRetrospectiveDoc(d: RetrospectiveDossier, generatedAt: string): Promise<Buffer> {
  const doc = new Document({
    creator: 'Whistle',
    title: d.retrospective.title,
    styles: { default: { document: { run: { font: FONT, size: 24 } } } },
    sections: retrospectiveSections(d, generatedAt),
  });
  return Packer.toBuffer(doc);
}
