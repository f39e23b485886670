import { Text, View } from '@tarojs/components';
import { IMPORT_OUTCOME_LABELS } from '@whistle/shared';
import { Chip } from '../../../components/ui';
import { DataTable, type Column } from '../../../console/Table';
import type { ReportRow } from '../../lib/types';


const TONE = { create: 'ok', update: 'info', unchanged: 'muted', error: 'danger' } as const;

const COLUMNS: ReadonlyArray<Column<ReportRow>> = [
  { key: 'row', title: '行号', width: '64px', render: (r) => <Text className="report-row-no">第 {r.row} 行</Text> },
  { key: 'outcome', title: '结果', width: '72px', render: (r) => <Chip tone={TONE[r.outcome]}>{IMPORT_OUTCOME_LABELS[r.outcome]}</Chip> },
  { key: 'record', title: '记录', render: (r) => <Text>{[r.name, r.id].filter(Boolean).join(' · ') || '—'}</Text> },
  {
    key: 'detail',
    title: '问题 / 变更',
    render: (r) =>
      r.issues.length ? (
        <View className="report-issues">
          {r.issues.map((i, k) => (
            <Text key={k} className="report-issue" data-field={i.field}>
              <Text className="report-cell--bad">{i.column}</Text>：{issueText(i)}
            </Text>
          ))}
        </View>
      ) : r.changed?.length ? (
        <Text className="muted">变更：{r.changed.join('、')}</Text>
      ) : (
        <Text className="muted">—</Text>
      ),
  },
];

/** A message that already names its column (统一社会信用代码校验位不正确) is not prefixed with it twice. */
const issueText = (i: { column: string; message: string }): string => (i.message.startsWith(i.column) && i.message.length > i.column.length ? i.message.slice(i.column.length) : i.message);

/** An import's per-row report: each row's outcome, the record, and its problems by column (rows with errors highlighted). */
export function ReportTable(props: { rows: readonly ReportRow[] }) {
  return (
    <DataTable
      columns={COLUMNS}
      rows={props.rows}
      rowKey={(r) => String(r.row)}
      rowClass={(r) => (r.outcome === 'error' ? 'ctable__row--warn report-row--error' : `report-row--${r.outcome}`)}
      empty="文件中没有数据行"
      className="report-table"
    />
  );
}
