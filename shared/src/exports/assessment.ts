import { FIRST_LEVEL, FIRST_LEVEL_LABELS, INDICATOR_CODES, INDICATORS, NOTICE_DEDUCTION, type IndicatorSpec } from '../assessment/indicators.js';
import type { TrackRanking } from '../assessment/score.js';
import { LABELS } from '../schemas/common.js';
import { column, type CellValue, type SheetColumn, type SheetSpec } from './sheet.js';

/**
 * The assessment table (助企服务指数考核表): every unit of every track with its
 * rank, index, first-level scores, each indicator's value, the notices and
 * their deduction, and the red and black lists: what the third-party
 * assessor checks and the district prints.
 */
const indicatorColumns: SheetColumn[] = INDICATOR_CODES.map((code) => {
  const spec: IndicatorSpec = INDICATORS[code];
  const format = spec.kind === 'hours' ? 'hours' : spec.kind === 'manual' ? 'int' : 'percent';
  return column(code, spec.kind === 'hours' ? `${spec.label}（小时）` : spec.label, Math.max(9, spec.label.length * 2 + 2), format);
});

export const ASSESSMENT_COLUMNS: SheetColumn[] = [
  column('track', '赛道', 7),
  column('rank', '排名', 6, 'int'),
  column('unit', '单位', 24),
  column('index', '服务指数', 9),
  ...FIRST_LEVEL.map((l) => column(l, FIRST_LEVEL_LABELS[l], 9)),
  ...indicatorColumns,
  column('reminders', '提醒', 6, 'int'),
  column('urges', '催办', 6, 'int'),
  column('warnings', '警告', 6, 'int'),
  column('deduction', NOTICE_DEDUCTION.label, 9),
  column('handled', '承办诉求', 9, 'int'),
  column('list', '红黑榜', 8),
];

const fixed2 = (n: number | null | undefined): CellValue => (n === null || n === undefined ? null : n.toFixed(2));

export function assessmentSheet(input: { title: string; tracks: readonly TrackRanking[] }): SheetSpec {
  const rows = input.tracks.flatMap((track) =>
    track.units.map((u) => {
      const byCode = new Map(u.indicators.map((i) => [i.code, i]));
      const value = (code: (typeof INDICATOR_CODES)[number]): CellValue => {
        const v = byCode.get(code)?.value;
        if (v === null || v === undefined) return null;
        // rates are percentages in the API; the sheet's percent format wants the fraction
        return INDICATORS[code].kind === 'rate' || INDICATORS[code].kind === 'inverseRate' ? v / 100 : v;
      };
      const row: Record<string, CellValue> = {
        track: LABELS.track[u.track],
        rank: u.rank,
        unit: u.unitName,
        index: fixed2(u.index),
        ...Object.fromEntries(FIRST_LEVEL.map((l) => [l, fixed2(u.levels[l])])),
        ...Object.fromEntries(INDICATOR_CODES.map((c) => [c, value(c)])),
        reminders: u.counters.reminders,
        urges: u.counters.urges,
        warnings: u.counters.warnings,
        deduction: fixed2(u.deduction),
        handled: u.counters.handled,
        list: track.redList.includes(u.unitId) ? '红榜' : track.blackList.includes(u.unitId) ? '黑榜' : '',
      };
      return row;
    }),
  );
  return { name: '服务指数', title: input.title, columns: ASSESSMENT_COLUMNS, rows };
}
