import { fireEvent, render, screen, waitFor } from '@testing-library/react';
import type { CommandRequest, Plan } from '@whistle/shared';
import { describe, expect, it, vi } from 'vitest';
import { CommandForm, type CommandContext } from '../src/components/commands';
import { ticket } from './fixtures';

/** The forms of classification and the plan, from the catalogue's schemas. */
const units = [
  { id: 'ghzy', tenantId: 'demo', name: '区规划和自然资源局', track: 'department' as const },
  { id: 'nsz', tenantId: 'demo', name: '南山镇', track: 'township' as const },
  { id: 'zjw', tenantId: 'demo', name: '区住房和城乡建设委员会', track: 'department' as const },
];
const item = (id: string, ownerUnitId: string, title: string) => ({
  id,
  title,
  ownerUnitId,
  ownerUnitName: units.find((u) => u.id === ownerUnitId)?.name ?? ownerUnitId,
  dueDate: '2026-11-25',
  dueAt: '2026-11-25T09:30:00.000Z',
  status: 'open' as const,
  addedAt: '2026-11-24T02:00:00.000Z',
  addedBy: 'officer-ghzy',
});
const plan: Plan = {
  leadUnitId: 'ghzy',
  leadUnitName: '区规划和自然资源局',
  coUnits: [{ unitId: 'nsz', unitName: '南山镇' }, { unitId: 'zjw', unitName: '区住房和城乡建设委员会' }],
  items: [item('pia000000001', 'nsz', '签订土地流转协议'), item('pia000000002', 'zjw', '办理施工许可'), item('pia000000003', 'nsz', '完成青苗补偿')],
  setAt: '2026-11-24T02:00:00.000Z',
  setBy: 'officer-ghzy',
};
const ctx = (patch: Partial<CommandContext> = {}): CommandContext => ({
  ticket: { ...ticket({ status: 'claimed', handlingUnitId: 'ghzy', handlingUnitName: '区规划和自然资源局' }), plan },
  me: { userId: 'officer-nsz', unitId: 'nsz', isSupervisor: false, isLeader: false, name: '王芳' },
  units,
  leaders: [],
  ...patch,
});
/** a due date ten days on (the picker opens on today) */
const DUE = new Date(Date.now() + 10 * 86_400_000).toISOString().slice(0, 10);
const type = (selector: string, value: string) => fireEvent.change(document.querySelector(selector) as Element, { target: { value } });

describe('classify form', () => {
  it('asks for the class and a reason', async () => {
    const submit = vi.fn((_r: CommandRequest) => Promise.resolve(true));
    render(<CommandForm type="classify" ctx={ctx()} submit={submit} />);
    fireEvent.click(screen.getByText('确认问题分类'));
    expect(screen.getByText('请选择分类')).toBeTruthy();
    fireEvent.click(screen.getByText('重点问题'));
    fireEvent.click(screen.getByText('确认问题分类'));
    expect(screen.getByText('分类理由不能为空')).toBeTruthy();
    type('.action-text', '需多部门协同');
    fireEvent.click(screen.getByText('确认问题分类'));
    await waitFor(() => expect(submit).toHaveBeenCalledWith({ type: 'classify', class: 'key', reason: '需多部门协同' }));
  });
});

describe('item done form', () => {
  it('offers the caller’s unit’s open items only, opening on the one asked for', async () => {
    const submit = vi.fn((_r: CommandRequest) => Promise.resolve(true));
    const { container } = render(<CommandForm type="itemDone" ctx={ctx({ focusItemId: 'pia000000003' })} submit={submit} />);
    expect(container.querySelector('.options')?.textContent).not.toContain('办理施工许可');
    expect(screen.getByText('事项：完成青苗补偿（2026-11-25 前）')).toBeTruthy();
    fireEvent.click(screen.getByText('确认完成方案事项'));
    await waitFor(() => expect(submit).toHaveBeenCalledWith({ type: 'itemDone', itemId: 'pia000000003' }));
  });
});

describe('plan form', () => {
  it('sends the co-units and the first item, with its owner unit and due date', async () => {
    const submit = vi.fn((_r: CommandRequest) => Promise.resolve(true));
    const bare = { ...ticket({ status: 'claimed', handlingUnitId: 'ghzy', handlingUnitName: '区规划和自然资源局' }) };
    render(<CommandForm type="plan" ctx={ctx({ ticket: bare, me: { userId: 'officer-ghzy', unitId: 'ghzy', isSupervisor: false, isLeader: false, name: '陈' } })} submit={submit} />);
    type('.plan-title', '签订土地流转协议');
    fireEvent.click(screen.getByText('确认制定方案'));
    expect(screen.getByText('请选择责任单位')).toBeTruthy();
    fireEvent.click(screen.getAllByText('南山镇')[1] as HTMLElement);
    fireEvent.click(screen.getByText('确认制定方案'));
    expect(screen.getByText('请选择完成时限')).toBeTruthy();
    type('.picker__input', DUE);
    fireEvent.click(screen.getAllByText('区住房和城乡建设委员会')[0] as HTMLElement);
    fireEvent.click(screen.getByText('确认制定方案'));
    await waitFor(() =>
      expect(submit).toHaveBeenCalledWith({ type: 'plan', coUnitIds: ['zjw'], items: [{ title: '签订土地流转协议', ownerUnitId: 'nsz', dueDate: DUE }] }),
    );
  });
});
