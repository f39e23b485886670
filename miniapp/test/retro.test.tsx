import { fireEvent, render, screen, waitFor } from '@testing-library/react';
import type { CreateRetrospectiveBody, Retrospective } from '@whistle/shared';
import { describe, expect, it, vi } from 'vitest';
import { RetroCard } from '../src/supervise/components/retro/RetroCard';
import { RetroFormView } from '../src/supervise/components/retro/RetroFormView';
import { retroApi, retroBody } from '../src/supervise/lib/retro';

/** 典型问题复盘 in the supervise subpackage: the body built from the form, the form itself, a retrospective's card. */
const units = [
  { id: 'ghzy', tenantId: 'demo', name: '区规划和自然资源局', track: 'department' as const },
  { id: 'zjw', tenantId: 'demo', name: '区住房和城乡建设委员会', track: 'department' as const },
];
const type = (selector: string, value: string) => fireEvent.change(document.querySelector(selector) as Element, { target: { value } });

describe('retroBody', () => {
  it('takes one cause, finding or recommendation a line, findings tagged by their box, recommendations by their prefix', () => {
    const body = retroBody({
      unitIds: ['ghzy'],
      happened: '  经过  ',
      causes: '原因一\n\n 原因二 ',
      findings: { style: '联系不及时', blockage: '材料重复提交\n审批链条长', loophole: '' },
      recommendations: '政策修订：补充联办时限\n机制调整:建立共享清单\n加强培训',
    });
    expect(body).toEqual({
      unitIds: ['ghzy'],
      happened: '经过',
      causes: ['原因一', '原因二'],
      findings: [
        { tag: 'style', text: '联系不及时' },
        { tag: 'blockage', text: '材料重复提交' },
        { tag: 'blockage', text: '审批链条长' },
      ],
      recommendations: [
        { tag: 'policy', text: '补充联办时限' },
        { tag: 'mechanism', text: '建立共享清单' },
        { tag: 'other', text: '加强培训' },
      ],
      tasks: [],
    });
    expect(retroApi.documentPath({ kind: 'ticket', id: 'tk 1' }, 'rt1')).toBe('/api/tickets/tk%201/retrospectives/rt1/document');
  });
});

describe('the form', () => {
  it('opens with the handling unit chosen, adds a unit, and sends what was typed', async () => {
    const submit = vi.fn((_b: CreateRetrospectiveBody) => Promise.resolve());
    render(<RetroFormView units={units} handlingUnitId="ghzy" submit={submit} />);
    fireEvent.click(screen.getByText('区住房和城乡建设委员会'));
    type('.retro-happened', '企业反映用地手续缓慢');
    type('.retro-finding-loophole', '联办时限未纳入督办');
    fireEvent.click(screen.getAllByText('发起复盘').at(-1) as Element);
    await waitFor(() => expect(submit).toHaveBeenCalledTimes(1));
    expect(submit.mock.calls[0]?.[0]).toMatchObject({ unitIds: ['ghzy', 'zjw'], happened: '企业反映用地手续缓慢', findings: [{ tag: 'loophole', text: '联办时限未纳入督办' }], tasks: [] });
  });

  it('asks for the task’s owner before sending a task', () => {
    const submit = vi.fn((_b: CreateRetrospectiveBody) => Promise.resolve());
    render(<RetroFormView units={units} handlingUnitId="ghzy" submit={submit} />);
    fireEvent.click(screen.getByText('添加一项整改任务'));
    fireEvent.click(screen.getAllByText('发起复盘').at(-1) as Element);
    expect(screen.getByText('请选择责任单位')).toBeTruthy();
    expect(submit).not.toHaveBeenCalled();
  });
});

describe('a retrospective’s card', () => {
  it('shows its status, units, findings by tag and tasks, and downloads the Word document', () => {
    const retro = {
      id: 'rtabcdefghij',
      title: '关于2026-000001的典型问题复盘',
      status: 'draft',
      units: [{ unitId: 'ghzy', unitName: '区规划和自然资源局' }, { unitId: 'zjw', unitName: '区住房和城乡建设委员会' }],
      findings: [{ tag: 'style', text: 'a' }, { tag: 'loophole', text: 'b' }, { tag: 'loophole', text: 'c' }],
      plan: { items: [{ id: 'pi0000000001', title: '梳理共享材料清单', ownerUnitName: '区规划和自然资源局', dueDate: '2026-12-04' }] },
    } as unknown as Retrospective;
    const onDownload = vi.fn();
    render(<RetroCard retro={retro} downloading={false} onDownload={onDownload} />);
    expect(screen.getByText('草稿')).toBeTruthy();
    expect(screen.getByText('参与单位：区规划和自然资源局、区住房和城乡建设委员会')).toBeTruthy();
    expect(screen.getByText('作风 1 条 · 漏洞 2 条')).toBeTruthy();
    expect(screen.getByText('整改：梳理共享材料清单（区规划和自然资源局，2026-12-04 前）')).toBeTruthy();
    fireEvent.click(screen.getByText('下载 Word'));
    expect(onDownload).toHaveBeenCalledTimes(1);
  });

  it('lets the task’s owner unit mark it done once issued, and shows 已超期 and 已完成', () => {
    const item = (id: string, status: 'open' | 'done', dueAt: string) => ({ id, title: `任务${id}`, ownerUnitId: 'ghzy', ownerUnitName: '区规划和自然资源局', dueDate: dueAt.slice(0, 10), dueAt, status });
    const retro = {
      id: 'rtabcdefghij',
      title: '复盘',
      status: 'issued',
      units: [{ unitId: 'ghzy', unitName: '区规划和自然资源局' }],
      findings: [],
      plan: { items: [item('pi0000000001', 'open', '2026-12-04T09:30:00.000Z'), item('pi0000000002', 'done', '2026-12-04T09:30:00.000Z'), item('pi0000000003', 'open', '2026-12-20T09:30:00.000Z')] },
    } as unknown as Retrospective;
    const onDone = vi.fn();
    const tasks = { now: '2026-12-05T02:00:00.000Z', mayComplete: (u: string) => u === 'ghzy', busyItemId: undefined, onDone };
    const { unmount } = render(<RetroCard retro={retro} downloading={false} onDownload={() => undefined} tasks={tasks} />);
    expect(screen.getByText('已超期')).toBeTruthy();
    expect(screen.getByText('已完成')).toBeTruthy();
    expect(screen.getAllByText('标记完成')).toHaveLength(2);
    fireEvent.click(screen.getAllByText('标记完成')[0] as Element);
    expect(onDone).toHaveBeenCalledWith('pi0000000001');
    unmount();
    // another unit, or a draft: no button
    render(<RetroCard retro={retro} downloading={false} onDownload={() => undefined} tasks={{ ...tasks, mayComplete: () => false }} />);
    expect(screen.queryByText('标记完成')).toBeNull();
  });
});
