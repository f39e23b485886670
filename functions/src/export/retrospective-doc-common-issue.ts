import {
  COMMON_ISSUE_STATUS_LABELS,
  findItem,
  itemIdOfClock,
  LABELS,
  LEVEL_LABELS,
  localDateTime,
  PLAN_ITEM_STATUS_LABELS,
  type Clock,
  type CommonIssue,
  type CommonIssueRetrospectiveDossier,
  type SupervisionNotice,
} from '@whistle/shared';
import { clockResult, p, table, type SubjectParts } from './docx-parts.js';

/**
 * A common issue's parts of the retrospective's document (retrospective-doc.ts): what happened,
 * attached automatically, is the common issue's own story — its confirmation (by whom, when), the
 * linked requests, the steps with their owners, due dates and state, the progress notes and the
 * solution in time order, its clocks (the target and each step: met on time or late) and its 督办单.
 */
const unitNames = (ci: CommonIssue, d: CommonIssueRetrospectiveDossier): Map<string, string> =>
  new Map([
    ...d.retrospective.units.map((u) => [u.unitId, u.unitName] as const),
    ...ci.plan.coUnits.map((u) => [u.unitId, u.unitName] as const),
    ...ci.plan.items.map((i) => [i.ownerUnitId, i.ownerUnitName] as const),
    [ci.leadUnitId, ci.leadUnitName] as const,
  ]);

/** A clock of the common issue: its target (the lead unit's), or a step's. */
function clockName(ci: CommonIssue, c: Clock): string {
  const itemId = itemIdOfClock(c.id);
  const item = itemId ? findItem(ci.plan, itemId) : undefined;
  if (item) return `措施「${item.title}」`;
  return c.kind === 'resolve' ? '解决目标' : c.kind;
}

/** What a notice of the partition was about: the target, a step, or a task of a retrospective on it. */
function noticeAbout(n: SupervisionNotice): string {
  if (!n.itemTitle) return '解决目标超时';
  return `${n.holder?.kind === 'retrospective' ? '整改任务' : '措施'}「${n.itemTitle}」超时`;
}

export function commonIssueParts(d: CommonIssueRetrospectiveDossier, generatedAt: string): SubjectParts {
  const ci = d.commonIssue;
  const names = unitNames(ci, d);
  const enterprises = new Set(ci.tickets.map((t) => t.enterpriseId)).size;
  const story = [
    { at: ci.createdAt, row: [localDateTime(ci.createdAt), '确认共性问题', ci.createdByName, `牵头单位 ${ci.leadUnitName}，目标 ${ci.targetDate}，关联诉求 ${ci.tickets.length} 件`] },
    ...ci.tickets
      .filter((t) => t.linkedAt && t.linkedAt > ci.createdAt)
      .map((t) => ({ at: t.linkedAt ?? ci.createdAt, row: [localDateTime(t.linkedAt ?? ci.createdAt), '纳入诉求', '—', `${t.number} ${t.enterpriseName}`] })),
    ...ci.progress.map((n) => ({ at: n.at, row: [localDateTime(n.at), '进展', n.byName, n.text] })),
    ...ci.plan.items.flatMap((i) =>
      i.status === 'done' && i.doneAt ? [{ at: i.doneAt, row: [localDateTime(i.doneAt), '措施完成', i.doneByName ?? '—', `${i.title}${i.note ? `：${i.note}` : ''}`] }] : [],
    ),
    ...(ci.solution ? [{ at: ci.solution.at, row: [localDateTime(ci.solution.at), '解决', ci.solution.byName, ci.solution.summary] }] : []),
  ].sort((a, b) => a.at.localeCompare(b.at));
  const notices = [...d.notices].sort((a, b) => a.issuedAt.localeCompare(b.issuedAt));
  return {
    overviewTitle: '共性问题概况',
    overview: [
      ['共性问题', ci.title],
      ['类别', LABELS.category[ci.category]],
      ['状态', COMMON_ISSUE_STATUS_LABELS[ci.status]],
      ['问题概述', ci.summary],
      ['长效机制', ci.fix],
      ['牵头单位', ci.leadUnitName],
      ['目标日期', ci.targetDate],
      ['确认', `${ci.createdByName}，${localDateTime(ci.createdAt)}`],
      ['涉及', `${enterprises} 家企业、${ci.tickets.length} 件诉求`],
      ['解决', ci.solution ? `${ci.solution.byName}，${localDateTime(ci.solution.at)}` : '—'],
    ],
    storyTitle: '共性问题经过（北京时间）',
    story: [
      p('关联诉求', { bold: true }),
      table(['诉求编号', '企业', '标题', '提交时间'], ci.tickets.map((t) => [t.number, t.enterpriseName, t.title, localDateTime(t.createdAt)]), [20, 25, 35, 20]),
      p('措施', { bold: true }),
      table(
        ['措施', '责任单位', '完成时限', '状态'],
        ci.plan.items.map((i) => [i.title, i.ownerUnitName, i.dueDate, i.doneAt ? `${PLAN_ITEM_STATUS_LABELS[i.status]}（${localDateTime(i.doneAt)}）` : PLAN_ITEM_STATUS_LABELS[i.status]]),
        [40, 22, 16, 22],
      ),
      p('经过', { bold: true }),
      table(['时间', '环节', '经办人', '内容'], story.map((x) => x.row), [20, 15, 20, 45]),
      ...(ci.solution ? [p('解决情况', { bold: true }), p(ci.solution.summary)] : []),
      p('时限', { bold: true }),
      table(['时限', '截止', '结果', '督办次数'], ci.clocks.map((c) => [clockName(ci, c), localDateTime(c.dueAt), clockResult(c, generatedAt), String(c.escalations)]), [34, 22, 32, 12]),
      p('督办单', { bold: true }),
      table(
        ['编号', '级别', '签发时间', '单位', '事由'],
        notices.map((n) => [n.number, LEVEL_LABELS[n.level], localDateTime(n.issuedAt), n.unitId ? (names.get(n.unitId) ?? n.unitId) : '—', noticeAbout(n)]),
        [20, 10, 20, 20, 30],
      ),
    ],
  };
}
