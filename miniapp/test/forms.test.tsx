import { fireEvent, render, screen, waitFor } from '@testing-library/react';
import type { CommandRequest } from '@whistle/shared';
import { describe, expect, it, vi } from 'vitest';
import { CommandForm, type CommandContext } from '../src/components/commands';
import { ticket } from './fixtures';

const units = [
  { id: 'jxw', tenantId: 'demo', name: '区经济和信息化委员会', track: 'department' as const },
  { id: 'ghzy', tenantId: 'demo', name: '区规划和自然资源局', track: 'department' as const },
  { id: 'nsz', tenantId: 'demo', name: '南山镇', track: 'township' as const },
];

const ctx = (patch: Partial<CommandContext> = {}): CommandContext => ({
  ticket: ticket({ status: 'claimed', handlingUnitId: 'jxw', handlingUnitName: '区经济和信息化委员会' }),
  me: { userId: 'o1', unitId: 'jxw', isSupervisor: false, isLeader: false, name: '刘伟' },
  units,
  leaders: [{ userId: 'leader-li', name: '李春梅', title: '区委常委' }],
  ...patch,
});

const type = (selector: string, value: string, index = 0) =>
  fireEvent.change(document.querySelectorAll(selector)[index] as Element, { target: { value } });

describe('resolve form', () => {
  it('asks for the kind and the summary before it submits', async () => {
    const submit = vi.fn((_r: CommandRequest) => Promise.resolve(true));
    render(<CommandForm type="resolve" ctx={ctx()} submit={submit} />);
    fireEvent.click(screen.getByText('确认办结'));
    expect(screen.getByText('请选择办结方式')).toBeTruthy();
    fireEvent.click(screen.getByText('直接解答'));
    fireEvent.click(screen.getByText('确认办结'));
    expect(screen.getByText('办理结果不能为空')).toBeTruthy();
    type('.action-text', '  已答复政策口径  ');
    fireEvent.click(screen.getByText('确认办结'));
    await waitFor(() => expect(submit).toHaveBeenCalledWith({ type: 'resolve', kind: 'answered', summary: '已答复政策口径' }));
  });
});

describe('joint handling form', () => {
  it('needs a task for every co-unit and never the lead unit as a co-unit', async () => {
    const submit = vi.fn((_r: CommandRequest) => Promise.resolve(true));
    render(<CommandForm type="joint" ctx={ctx()} submit={submit} />);
    fireEvent.click(screen.getByText('确认发起联办'));
    expect(screen.getByText('至少选择一个协办单位')).toBeTruthy();
    // the co-unit list leaves out the lead (the handling unit)
    const coList = document.querySelectorAll('.options')[1] as HTMLElement;
    expect(coList.textContent).not.toContain('区经济和信息化委员会');
    fireEvent.click(screen.getAllByText('区规划和自然资源局')[1] as HTMLElement);
    fireEvent.click(screen.getByText('确认发起联办'));
    expect(screen.getByText('请填写 区规划和自然资源局 的协办任务')).toBeTruthy();
    type('.co-task__input', '出具规划条件');
    fireEvent.click(screen.getByText('确认发起联办'));
    await waitFor(() =>
      expect(submit).toHaveBeenCalledWith({ type: 'joint', leadUnitId: 'jxw', coUnits: [{ unitId: 'ghzy', task: '出具规划条件' }] }),
    );
  });
});

describe('transfer form', () => {
  it('offers other units only and requires a reason', async () => {
    const submit = vi.fn((_r: CommandRequest) => Promise.resolve(true));
    const { container } = render(<CommandForm type="transfer" ctx={ctx()} submit={submit} />);
    expect(container.querySelector('.options')?.textContent).not.toContain('区经济和信息化委员会');
    fireEvent.click(screen.getByText('确认移交'));
    expect(screen.getByText('请选择移交给哪个单位')).toBeTruthy();
    fireEvent.click(screen.getByText('南山镇'));
    fireEvent.click(screen.getByText('确认移交'));
    expect(screen.getByText('原因不能为空')).toBeTruthy();
    type('.action-text', '属地问题，由镇里协调');
    fireEvent.click(screen.getByText('确认移交'));
    await waitFor(() => expect(submit).toHaveBeenCalledWith({ type: 'transfer', unitId: 'nsz', reason: '属地问题，由镇里协调' }));
  });
});

describe('rating form', () => {
  it('sends the score and an optional comment', async () => {
    const submit = vi.fn((_r: CommandRequest) => Promise.resolve(true));
    render(<CommandForm type="rate" ctx={ctx({ ticket: ticket({ status: 'resolved' }) })} submit={submit} />);
    fireEvent.click(screen.getByText('确认评价'));
    expect(screen.getByText('请选择满意程度')).toBeTruthy();
    fireEvent.click(screen.getByText('不满意'));
    fireEvent.click(screen.getByText('确认评价'));
    await waitFor(() => expect(submit).toHaveBeenCalledWith({ type: 'rate', score: 'unsatisfied' }));
  });
});

describe('leader assignment', () => {
  it('lets a supervisor pick the leader, and a leader take it on themselves', async () => {
    const submit = vi.fn((_r: CommandRequest) => Promise.resolve(true));
    const sup = render(
      <CommandForm type="lead" ctx={ctx({ me: { userId: 'sup', isSupervisor: true, isLeader: false, name: '督办' } })} submit={submit} />,
    );
    fireEvent.click(screen.getByText('李春梅'));
    fireEvent.click(screen.getByText('确认领导领办'));
    await waitFor(() => expect(submit).toHaveBeenLastCalledWith({ type: 'lead', leaderUserId: 'leader-li' }));
    sup.unmount();
    render(<CommandForm type="lead" ctx={ctx({ me: { userId: 'leader-zhang', isSupervisor: false, isLeader: true, name: '张卫东' } })} submit={submit} />);
    fireEvent.click(screen.getByText('确认领导领办'));
    await waitFor(() => expect(submit).toHaveBeenLastCalledWith({ type: 'lead', leaderUserId: 'leader-zhang' }));
  });
});

describe('co-unit task form', () => {
  it('marks the acting unit’s own pending task done, the note only when one was written', async () => {
    const submit = vi.fn((_r: CommandRequest) => Promise.resolve(true));
    const joint = {
      leadUnitId: 'jxw',
      leadUnitName: '区经济和信息化委员会',
      since: '2026-06-09T02:00:00.000Z',
      coUnits: [
        { unitId: 'nsz', unitName: '南山镇', task: '现场核实' },
        { unitId: 'ghzy', unitName: '区规划和自然资源局', task: '出具规划条件' },
      ],
    };
    const me = { userId: 'o2', unitId: 'ghzy', isSupervisor: false, isLeader: false, name: '王芳' };
    const view = render(<CommandForm type="taskDone" ctx={ctx({ ticket: { ...ctx().ticket, joint }, me })} submit={submit} />);
    expect(screen.getByText('任务：出具规划条件')).toBeTruthy();
    fireEvent.click(screen.getByText('确认完成协办任务'));
    await waitFor(() => expect(submit).toHaveBeenLastCalledWith({ type: 'taskDone', unitId: 'ghzy' }));
    view.unmount();
    render(<CommandForm type="taskDone" ctx={ctx({ ticket: { ...ctx().ticket, joint }, me })} submit={submit} />);
    type('.action-text', ' 规划条件已出具 ');
    fireEvent.click(screen.getByText('确认完成协办任务'));
    await waitFor(() => expect(submit).toHaveBeenLastCalledWith({ type: 'taskDone', unitId: 'ghzy', note: '规划条件已出具' }));
  });
});
