import { useCallback, useEffect, useRef, useState } from 'react';
import { adminApi } from '../../api/admin';
import { useVisiblePolling } from '../../lib/hooks';
import { readStore, removeStore, writeStore } from '../../lib/storage';
import { toastError } from '../../lib/toast';
import type { ImportReport } from './types';

/** The job the import page shows: kept in storage so it survives closing the page (and the URL's `job` wins). */
export const CURRENT_IMPORT_KEY = 'whistle.admin.import';

/**
 * One import job on screen: loaded by id (a page of its report), polled every
 * second while it runs (only while the page is visible), remembered so that
 * reopening the page resumes it.
 */
export function useImportJob(initialId: string | undefined, onFinished: () => void) {
  const [id, setIdState] = useState<string | undefined>(() => initialId ?? readStore<string>(CURRENT_IMPORT_KEY));
  const [data, setData] = useState<ImportReport | undefined>(undefined);
  const page = useRef(0);
  const finished = useRef(onFinished);
  finished.current = onFinished;
  const load = useCallback(async (jobId: string, p = page.current) => {
    try {
      const r = await adminApi.importJob(jobId, p);
      page.current = p;
      setData((before) => {
        if (before?.job.id === jobId && before.job.status !== 'done' && r.job.status === 'done') finished.current();
        return r;
      });
    } catch (e) {
      toastError(e, '加载导入任务');
    }
  }, []);
  const open = useCallback(
    (jobId: string | undefined, first?: ImportReport) => {
      setIdState(jobId);
      page.current = 0;
      setData(first);
      if (jobId) writeStore(CURRENT_IMPORT_KEY, jobId);
      else removeStore(CURRENT_IMPORT_KEY);
      if (jobId && !first) void load(jobId, 0);
    },
    [load],
  );
  useEffect(() => {
    if (id) void load(id, 0);
    // the first load only: later ones come from open, the pager and the polling
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, []);
  const running = data?.job.status === 'running';
  useVisiblePolling(() => (id ? load(id) : undefined), 1000, running);
  return {
    id,
    data: data && data.job.id === id ? data : undefined,
    open,
    page: (p: number) => (id ? load(id, p) : undefined),
    start: async (skipErrors: boolean) => {
      if (!id) return;
      await adminApi.startImport(id, skipErrors);
      await load(id);
    },
  };
}
