import { Text } from '@tarojs/components';
import { IMPORT_KIND_LABELS, IMPORT_STATUS_LABELS, type ImportJob } from '@whistle/shared';
import { formatDateTime } from '../../../lib/format';
import { DataTable, type Column } from '../../../console/Table';
import { ProgressBar } from './ProgressBar';
import { countsLine } from './JobView';

const COLUMNS: ReadonlyArray<Column<ImportJob>> = [
  { key: 'kind', title: '类型', render: (j) => <Text>{IMPORT_KIND_LABELS[j.kind]}</Text> },
  { key: 'file', title: '文件', render: (j) => <Text>{j.fileName}</Text> },
  { key: 'status', title: '状态', render: (j) => <Text className={`job-status job-status--${j.status}`}>{IMPORT_STATUS_LABELS[j.status]}</Text> },
  { key: 'progress', title: '进度', render: (j) => (j.status === 'validated' ? <Text className="muted">未开始</Text> : <ProgressBar done={j.progress.done} total={j.progress.total} />) },
  { key: 'counts', title: '校验结果', render: (j) => <Text className="muted">{countsLine(j.counts)}</Text> },
  { key: 'at', title: '上传', render: (j) => <Text>{`${j.createdBy.name} ${formatDateTime(j.createdAt)}`}</Text> },
];

/** The tenant's import jobs, newest first (running ones show their progress); a row opens the job. */
export function JobList(props: { items: readonly ImportJob[]; onOpen: (j: ImportJob) => void }) {
  return <DataTable columns={COLUMNS} rows={props.items} rowKey={(j) => j.id} onRow={props.onOpen} empty="还没有导入记录" className="job-list" />;
}
