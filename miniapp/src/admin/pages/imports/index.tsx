import { View } from '@tarojs/components';
import { useRouter } from '@tarojs/taro';
import { adminApi } from '../../../api/admin';
import { LoadState } from '../../../components/LoadState';
import { Btn, Loading } from '../../../components/ui';
import { useLoader } from '../../../lib/hooks';
import { AdminPage } from '../../../console/AdminPage';
import { JobList } from '../../components/imports/JobList';
import { JobView } from '../../components/imports/JobView';
import { UploadCard } from '../../components/imports/UploadCard';
import { useImportJob } from '../../lib/useImportJob';

/**
 * Excel 导入: choose the kind, download its template, upload the filled-in
 * file; the per-row report comes back before anything is written; 开始导入
 * runs it as one job whose progress survives closing the page. The jobs so
 * far below (running ones with their progress).
 */
export default function Imports() {
  const { params } = useRouter();
  const jobs = useLoader(() => adminApi.imports(), '加载导入记录');
  const job = useImportJob(params.job || undefined, () => void jobs.reload());
  return (
    <AdminPage
      current="adminImports"
      title="Excel 导入"
      actions={
        job.id ? (
          <Btn size="small" className="import-new" onClick={() => job.open(undefined)}>
            新的导入
          </Btn>
        ) : undefined
      }
    >
      <View className="admin-imports">
        {!job.id ? (
          <UploadCard
            upload={async (kind, f) => {
              const r = await adminApi.createImport({ kind, fileName: f.name, file: f.base64 }, `import-${Date.now().toString(36)}-${Math.random().toString(36).slice(2, 10)}`);
              job.open(r.job.id, r);
              void jobs.reload();
            }}
          />
        ) : job.data ? (
          <JobView data={job.data} onPage={(p) => void job.page(p)} start={async (skip) => (await job.start(skip), void jobs.reload())} />
        ) : (
          <Loading />
        )}
        <LoadState loaded={jobs} what="加载导入记录">
          {(d) => <JobList items={d.items} onOpen={(j) => job.open(j.id)} />}
        </LoadState>
      </View>
    </AdminPage>
  );
}
