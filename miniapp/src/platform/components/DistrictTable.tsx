import { Text } from '@tarojs/components';
import type { DistrictFigures } from '@whistle/shared';
import { DataTable, type Column } from '../../console/Table';

export type SortKey = 'index' | 'raised' | 'claimInTimeRate' | 'onTimeRate' | 'satisfactionRate' | 'avgClaimHours';
export const SORTS: ReadonlyArray<{ value: SortKey; label: string }> = [
  { value: 'index', label: '服务指数' },
  { value: 'raised', label: '诉求量' },
  { value: 'claimInTimeRate', label: '接哨率' },
  { value: 'onTimeRate', label: '按时办结率' },
  { value: 'satisfactionRate', label: '满意率' },
  { value: 'avgClaimHours', label: '认领最慢' },
];

/** Best first (for 认领最慢: the slowest first); a missing figure goes last. */
export function sortDistricts(ds: readonly DistrictFigures[], key: SortKey): DistrictFigures[] {
  return [...ds].sort((a, b) => {
    const x = a[key];
    const y = b[key];
    if (x === null || y === null) return x === y ? a.name.localeCompare(b.name) : x === null ? 1 : -1;
    return y - x || a.name.localeCompare(b.name);
  });
}

const pct = (r: number | null) => (r === null ? '—' : `${r.toFixed(1)}%`);
const num = (n: number | null, digits = 1) => (n === null ? '—' : n.toFixed(digits));

const COLUMNS: ReadonlyArray<Column<DistrictFigures>> = [
  { key: 'rank', title: '排名', render: (d) => <Text>{d.rank ?? '—'}</Text> },
  { key: 'name', title: '区县', render: (d) => <Text>{d.name}</Text> },
  { key: 'index', title: '服务指数', render: (d) => <Text className="district-index">{num(d.index)}</Text> },
  { key: 'raised', title: '诉求量', render: (d) => <Text>{d.raised}</Text> },
  { key: 'claim', title: '接哨率', render: (d) => <Text>{pct(d.claimInTimeRate)}</Text> },
  { key: 'ontime', title: '按时办结率', render: (d) => <Text>{pct(d.onTimeRate)}</Text> },
  { key: 'satisfaction', title: '满意率', render: (d) => <Text>{pct(d.satisfactionRate)}</Text> },
  { key: 'open', title: '未办结', render: (d) => <Text>{d.open}</Text> },
  { key: 'overdue', title: '超时', render: (d) => <Text>{d.overdue}</Text> },
  { key: 'notices', title: '督办单（提醒/催办/警告）', render: (d) => <Text>{`${d.notices.reminders}/${d.notices.urges}/${d.notices.warnings}`}</Text> },
  { key: 'hours', title: '平均认领（工作小时）', render: (d) => <Text>{num(d.avgClaimHours)}</Text> },
];

/** The province's districts in a period, the slowest to claim highlighted. */
export function DistrictTable(props: { districts: readonly DistrictFigures[]; slowest: ReadonlySet<string> }) {
  return (
    <DataTable
      columns={COLUMNS}
      rows={props.districts}
      rowKey={(d) => d.tenantId}
      rowClass={(d) => (props.slowest.has(d.tenantId) ? 'ctable__row--slow' : '')}
      empty="该省级下还没有区县"
      className="district-table"
    />
  );
}
