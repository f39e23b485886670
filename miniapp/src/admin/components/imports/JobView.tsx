import { Text, View } from '@tarojs/components';
import { IMPORT_KIND_LABELS, IMPORT_STATUS_LABELS } from '@whistle/shared';
import { useState } from 'react';
import { Btn, ChoiceChips, Chip } from '../../../components/ui';
import { formatDateTime } from '../../../lib/format';
import { errorText } from '../../../lib/toast';
import { ProgressBar } from './ProgressBar';
import { ReportTable } from './ReportTable';
import type { ImportReport } from '../../lib/types';

type Job = ImportReport['job'];

/** The counts of a report in one line: 新增 3 · 更新 1 · 未变 0 · 错误 2. */
export const countsLine = (c: Job['counts']): string => `新增 ${c.create} · 更新 ${c.update} · 未变 ${c.unchanged} · 错误 ${c.error}`;

/**
 * One import job: its file, counts and status; before it starts the report
 * (errors highlighted) and 开始导入 (rows with errors skipped only when said
 * so); while running and after, the progress.
 */
export function JobView(props: { data: ImportReport; onPage: (page: number) => void; start: (skipErrors: boolean) => Promise<void> }) {
  const { job, report } = props.data;
  const [skip, setSkip] = useState<'no' | 'yes'>('no');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | undefined>(undefined);
  const writable = job.counts.create + job.counts.update;
  const blocked = job.counts.error > 0 && skip === 'no';
  const start = () => {
    setBusy(true);
    setError(undefined);
    props
      .start(skip === 'yes')
      .catch((e: unknown) => setError(errorText(e, '开始导入')))
      .finally(() => setBusy(false));
  };
  return (
    <View className="ccard import-job" data-job={job.id} data-status={job.status}>
      <View className="invitation-card__head">
        <Text className="ccard__title">
          {IMPORT_KIND_LABELS[job.kind]}导入 · {job.fileName}
        </Text>
        <Chip tone={job.status === 'done' ? 'done' : job.status === 'running' ? 'warn' : 'info'}>{IMPORT_STATUS_LABELS[job.status]}</Chip>
      </View>
      <Text className="kv muted">
        {job.createdBy.name} 于 {formatDateTime(job.createdAt)} 上传 · 共 {job.rows} 行 · <Text className="import-counts">{countsLine(job.counts)}</Text>
      </Text>
      {job.status !== 'validated' ? <ProgressBar done={job.progress.done} total={job.progress.total} label={job.status === 'done' ? '已写入' : '写入中'} /> : null}
      {job.status === 'done' ? <Text className="kv import-summary">{job.summary}</Text> : null}
      {job.status === 'validated' ? (
        <View className="import-start">
          <Text className="kv">以下为逐行校验结果，尚未写入任何数据。{writable ? `确认后将写入 ${writable} 行。` : '没有需要写入的行。'}</Text>
          {job.counts.error ? (
            <ChoiceChips<'no' | 'yes'> options={[{ value: 'no', label: '先修改文件' }, { value: 'yes', label: `跳过 ${job.counts.error} 行错误，导入其余` }]} value={skip} columns={2} onChange={setSkip} />
          ) : null}
          {error ? <Text className="field__error form-error">{error}</Text> : null}
          <Btn kind="primary" className="import-start-btn" loading={busy} disabled={blocked} onClick={start}>
            开始导入
          </Btn>
        </View>
      ) : null}
      <ReportTable rows={report.rows} />
      {report.pages > 1 ? (
        <View className="cpager">
          <Btn size="small" disabled={report.page <= 0} onClick={() => props.onPage(report.page - 1)}>
            上一页
          </Btn>
          <Text className="muted">
            {report.page + 1} / {report.pages}
          </Text>
          <Btn size="small" disabled={report.page + 1 >= report.pages} onClick={() => props.onPage(report.page + 1)}>
            下一页
          </Btn>
        </View>
      ) : null}
    </View>
  );
}
