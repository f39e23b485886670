import { localDateTime } from '../calendar/index.js';
import { column, type CellValue, type SheetSpec } from '../exports/sheet.js';
import { CATEGORIES, LABELS } from '../schemas/common.js';
import type { MonthFigures, MonthlyAnalysis } from './schemas.js';

/**
 * The monthly analysis as printable sheets (the workbook writer turns them into
 * an .xlsx): 概要, 按类别, 按行业, 按镇街 (hot spots marked), 趋势, 最慢单位.
 * `title`: the tenant's name, put before each sheet's own title.
 */
const pct = (v: number | null | undefined): string => (v === null || v === undefined ? '—' : `${(v * 100).toFixed(1)}%`);
const num = (v: number | null | undefined): string => (v === null || v === undefined ? '—' : String(v));
const signed = (v: number): string => (v > 0 ? `+${v}` : String(v));

type Headline = { label: string; value: (f: MonthFigures) => number | null; show: (v: number | null) => string; points?: boolean };
const HEADLINES: readonly Headline[] = [
  { label: '诉求总量', value: (f) => f.total, show: num },
  { label: '已办结', value: (f) => f.resolved, show: num },
  { label: '月末未办结', value: (f) => f.openAtEnd, show: num },
  { label: '办结超期', value: (f) => f.overdue, show: num },
  { label: '已评价', value: (f) => f.rated, show: num },
  { label: '满意度', value: (f) => f.satisfactionRate, show: pct, points: true },
];

function change(h: Headline, now: MonthFigures, before: MonthFigures | null): string {
  const a = h.value(now);
  const b = before ? h.value(before) : null;
  if (a === null || b === null) return '—';
  // rates change in percentage points, counts in requests
  return h.points ? `${signed(Number(((a - b) * 100).toFixed(1)))} 个百分点` : signed(a - b);
}

export function analysisSheets(a: MonthlyAnalysis, tenantName: string): SheetSpec[] {
  const title = (what: string) => `${tenantName} 月度分析 · ${what}（${a.label}）`;
  const summaryRows: Array<Record<string, CellValue>> = [
    ...HEADLINES.map((h) => ({ item: h.label, value: h.show(h.value(a.figures)), previous: a.previous ? h.show(h.value(a.previous)) : '—', change: change(h, a.figures, a.previous) })),
    { item: '认领用时中位数（工作小时）', value: num(a.medianClaimHours), previous: '—', change: '—' },
    { item: '办结用时中位数（工作小时）', value: num(a.medianResolveHours), previous: '—', change: '—' },
    { item: '评价率', value: pct(a.satisfaction.ratedShare), previous: '—', change: '—' },
    ...(a.commonIssues
      ? [
          { item: '新确认共性问题', value: a.commonIssues.new, previous: '—', change: '—' },
          { item: '未解决共性问题（月末）', value: a.commonIssues.open, previous: '—', change: '—' },
        ]
      : []),
    { item: '热点（类别 × 镇街）', value: a.hotSpots.map((h) => `${h.townName}·${h.categoryLabel} ${h.count}件`).join('；') || '无', previous: '—', change: '—' },
    { item: '数据截至', value: localDateTime(a.asOf), previous: '', change: a.complete ? '月末口径' : '本月尚未结束' },
  ];
  const summary: SheetSpec = {
    name: '概要',
    title: title('概要'),
    columns: [column('item', '指标', 26), column('value', '本月', 40), column('previous', '上月', 12), column('change', '变化', 16)],
    rows: summaryRows,
  };
  const share = column('share', '占比', 9, 'percent');
  const byCategory: SheetSpec = {
    name: '按类别',
    title: title('按类别'),
    columns: [column('label', '类别', 16), column('count', '诉求数', 9, 'int'), share],
    rows: a.byCategory.map((c) => ({ label: c.label, count: c.count, share: c.share })),
  };
  const byIndustry: SheetSpec = {
    name: '按行业',
    title: title('按行业'),
    columns: [column('label', '行业', 16), column('count', '诉求数', 9, 'int'), share],
    rows: a.byIndustry.map((c) => ({ label: c.label, count: c.count, share: c.share })),
  };
  const byTownship: SheetSpec = {
    name: '按镇街',
    title: title('按镇街'),
    columns: [column('name', '镇街', 16), column('count', '诉求数', 9, 'int'), share, column('top', '主要类别', 36), column('hot', '热点', 24)],
    rows: a.byTownship.map((t) => ({
      name: t.name,
      count: t.count,
      share: t.share,
      top: [...t.byCategory].sort((x, y) => y.count - x.count).map((c) => `${LABELS.category[c.category]} ${c.count}`).join('、'),
      hot: t.hot.map((c) => LABELS.category[c]).join('、'),
    })),
  };
  const trend: SheetSpec = {
    name: '趋势',
    title: title('近月趋势'),
    columns: [column('month', '月份', 10), column('total', '合计', 8, 'int'), ...CATEGORIES.map((c) => column(c, LABELS.category[c], Math.max(8, LABELS.category[c].length * 2 + 2), 'int'))],
    rows: a.trend.map((m) => ({ month: m.month, total: m.total, ...Object.fromEntries(m.byCategory.map((c) => [c.category, c.count])) })),
  };
  const slowest: SheetSpec = {
    name: '最慢单位',
    title: title('办理最慢的单位'),
    columns: [
      column('rank', '序号', 6, 'int'),
      column('name', '单位', 24),
      column('tickets', '承办诉求', 9, 'int'),
      column('claimed', '已认领', 8, 'int'),
      column('resolved', '已办结', 8, 'int'),
      column('claim', '认领用时中位数（工作小时）', 14, 'hours'),
      column('resolve', '办结用时中位数（工作小时）', 14, 'hours'),
    ],
    rows: a.slowestUnits.map((u, i) => ({
      rank: i + 1,
      name: u.name,
      tickets: u.tickets,
      claimed: u.claimed,
      resolved: u.resolved,
      claim: u.medianClaimHours,
      resolve: u.medianResolveHours,
    })),
  };
  return [summary, byCategory, byIndustry, byTownship, trend, slowest];
}
