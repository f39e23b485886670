import { act, fireEvent, render, screen, waitFor } from '@testing-library/react';
import { describe, expect, it, vi } from 'vitest';
import { JobView } from '../src/admin/components/imports/JobView';
import { percent, ProgressBar } from '../src/admin/components/imports/ProgressBar';
import { ReportTable } from '../src/admin/components/imports/ReportTable';
import type { ImportReport, ReportRow } from '../src/admin/lib/types';
import { CURRENT_IMPORT_KEY } from '../src/admin/lib/useImportJob';
import ImportsPage from '../src/admin/pages/imports/index';
import { readStore, STORE_KEYS, writeStore } from '../src/lib/storage';
import { setRequest, type RequestOptions } from './taro';

const texts = (selector: string) => [...document.querySelectorAll(selector)].map((e) => e.textContent);

const rows: ReportRow[] = [
  { row: 2, outcome: 'create', id: '91500000MA0000001X', name: '清溪精密机械', issues: [], writes: [] },
  { row: 3, outcome: 'error', name: '无名企业', issues: [{ field: 'gridId', column: '网格编号', message: '网格「g-99」不存在' }, { field: 'id', column: '统一社会信用代码', message: '统一社会信用代码校验位不正确' }], writes: [] },
  { row: 4, outcome: 'update', id: '91500000MA0000002X', name: '清溪食品', issues: [], changed: ['tier', 'address'], writes: [] },
];
const job = (over: Partial<ImportReport['job']> = {}): ImportReport['job'] => ({
  id: 'imp-1',
  tenantId: 'demo',
  kind: 'enterprises',
  fileName: '企业.xlsx',
  status: 'validated',
  createdAt: '2026-06-09T02:00:00.000Z',
  createdBy: { userId: 'admin', name: '管理员' },
  rows: 3,
  counts: { create: 1, update: 1, unchanged: 0, error: 1 },
  progress: { done: 0, total: 2 },
  pages: 1,
  summary: '',
  ...over,
});
const report = (j: ImportReport['job']): ImportReport => ({ job: j, report: { page: 0, pages: 1, pageSize: 100, rows } });

describe('the import report', () => {
  it('shows each row’s outcome, errors highlighted with their column, and what an update changes', () => {
    render(<ReportTable rows={rows} />);
    expect([...document.querySelectorAll('.report-table .ctable__row[data-id]')].map((r) => [r.getAttribute('data-id'), r.classList.contains('report-row--error')])).toEqual([
      ['2', false],
      ['3', true],
      ['4', false],
    ]);
    expect(texts('.report-row--error .report-issue')).toEqual(['网格编号：网格「g-99」不存在', '统一社会信用代码：校验位不正确']);
    expect(document.querySelector('.report-issue')?.getAttribute('data-field')).toBe('gridId');
    expect(document.querySelector('.ctable__row[data-id="4"]')?.textContent).toContain('变更：tier、address');
  });

  it('does not start with error rows until told to skip them', async () => {
    const start = vi.fn(() => Promise.resolve());
    render(<JobView data={report(job())} onPage={vi.fn()} start={start} />);
    expect(document.querySelector('.import-counts')?.textContent).toBe('新增 1 · 更新 1 · 未变 0 · 错误 1');
    fireEvent.click(screen.getByText('开始导入'));
    expect(start).not.toHaveBeenCalled();
    fireEvent.click(screen.getByText('跳过 1 行错误，导入其余'));
    fireEvent.click(screen.getByText('开始导入'));
    await waitFor(() => expect(start).toHaveBeenCalledWith(true));
  });

  it('counts progress in whole percent, 100 only when every row is written', () => {
    expect([percent(0, 0), percent(1, 3), percent(199, 200), percent(200, 200)]).toEqual([0, 33, 99, 100]);
    render(<ProgressBar done={150} total={200} />);
    expect(document.querySelector('.progress')?.getAttribute('data-pct')).toBe('75');
    expect(document.querySelector('.progress__text')?.textContent).toBe('150 / 200（75%）');
  });
});

describe('the import page', () => {
  it('resumes the job kept in storage and polls it until it is done', async () => {
    vi.useFakeTimers({ shouldAdvanceTime: true });
    try {
      writeStore(STORE_KEYS.session, { token: 'tok', expiresAt: '2099-01-01T00:00:00Z', user: { id: 'admin', tenantId: 'demo', name: '管理员', roles: ['admin'] } });
      writeStore(CURRENT_IMPORT_KEY, 'imp-1');
      let reads = 0;
      const steps = [job({ status: 'running', progress: { done: 0, total: 2 } }), job({ status: 'running', progress: { done: 1, total: 2 } }), job({ status: 'done', progress: { done: 2, total: 2 }, summary: '新增 1 家企业，更新 1 家' })];
      setRequest((o: RequestOptions) => {
        if (o.url.startsWith('/api/admin/imports/imp-1')) {
          const j = steps[Math.min(reads++, steps.length - 1)] as ImportReport['job'];
          return Promise.resolve({ statusCode: 200, data: report(j) });
        }
        if (o.url.startsWith('/api/admin/imports')) return Promise.resolve({ statusCode: 200, data: { items: [] } });
        return Promise.reject(new Error(`unexpected ${o.url}`));
      });
      render(<ImportsPage />);
      await waitFor(() => expect(document.querySelector('.import-job')?.getAttribute('data-status')).toBe('running'));
      expect(document.querySelector('.import-job .progress')?.getAttribute('data-pct')).toBe('0');
      await act(async () => {
        await vi.advanceTimersByTimeAsync(2500);
      });
      await waitFor(() => expect(document.querySelector('.import-job')?.getAttribute('data-status')).toBe('done'));
      expect(document.querySelector('.import-job .progress')?.getAttribute('data-pct')).toBe('100');
      expect(document.querySelector('.import-summary')?.textContent).toBe('新增 1 家企业，更新 1 家');
      const after = reads;
      await act(async () => {
        await vi.advanceTimersByTimeAsync(3000);
      });
      expect(reads).toBe(after); // no polling once done
      expect(readStore(CURRENT_IMPORT_KEY)).toBe('imp-1');
    } finally {
      vi.useRealTimers();
    }
  });
});
