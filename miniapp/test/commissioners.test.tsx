import { fireEvent, render, screen, waitFor } from '@testing-library/react';
import type { Ticket } from '@whistle/shared';
import { describe, expect, it, vi } from 'vitest';
import { ApiError } from '../src/api/client';
import { CommissionerEditor, type Official, type PairedRecord } from '../src/admin/components/directory/CommissionerEditor';
import { ServedEnterprise } from '../src/officer/components/ServedEnterprise';
import { calls } from './taro';

/** The pairing editor (亲清特使 in the console's enterprise form) and a commissioner's enterprise card. */
const OFFICIALS: Official[] = [
  { id: 'qq-jrb', name: '周婷', sub: '亲清特使（区金融办）', phone: '13823546411' },
  { id: 'qq-fgw', name: '吴斌', sub: '亲清特使（区发改委）', phone: '13823554330' },
  { id: 'leader-li', name: '李春梅', sub: '区委常委' },
];
const ENT: PairedRecord = { id: '91500108MA6000262Y', name: '清溪青石新材料有限公司', key: true, rev: 3, commissionerUserIds: ['qq-jrb'] };
const chosen = () => [...document.querySelectorAll('.commissioner-chip')].map((e) => e.getAttribute('data-user'));
const type = (selector: string, value: string) => fireEvent.change(document.querySelector(selector) as Element, { target: { value } });

describe('the pairing editor', () => {
  it('shows who serves the enterprise, adds an official found by name or phone, and saves with the rev read', async () => {
    const save = vi.fn((ids: string[], rev: number) => Promise.resolve({ ...ENT, commissionerUserIds: ids, rev: rev + 1 }));
    const onSaved = vi.fn();
    render(<CommissionerEditor enterprise={ENT} officials={OFFICIALS} save={save} onSaved={onSaved} />);
    expect(chosen()).toEqual(['qq-jrb']);
    expect(screen.getByText('重点企业至少一名')).toBeTruthy();
    // the one already chosen is not offered again
    expect(screen.queryAllByText('周婷')).toHaveLength(1);
    type('.commissioner-search', '13823554');
    expect([...document.querySelectorAll('.option__label')].map((e) => e.textContent)).toEqual(['吴斌']);
    fireEvent.click(screen.getByText('吴斌'));
    expect(chosen()).toEqual(['qq-jrb', 'qq-fgw']);
    fireEvent.click(screen.getByText('保存结对'));
    await waitFor(() => expect(onSaved).toHaveBeenCalledWith({ ...ENT, commissionerUserIds: ['qq-jrb', 'qq-fgw'], rev: 4 }));
    expect(save).toHaveBeenCalledWith(['qq-jrb', 'qq-fgw'], 3);
  });

  it('shows the server’s reason when the last commissioner of a key enterprise is removed, and saves nothing unchanged', async () => {
    const save = vi.fn(() => Promise.reject(new ApiError(409, 'CONFLICT', '「清溪青石新材料有限公司」是重点企业，至少保留一名亲清特使', { field: 'commissionerUserIds' })));
    render(<CommissionerEditor enterprise={ENT} officials={OFFICIALS} save={save} onSaved={vi.fn()} />);
    fireEvent.click(screen.getByText('保存结对'));
    expect(save).not.toHaveBeenCalled();
    fireEvent.click(document.querySelector('.commissioner-chip__remove') as Element);
    expect(screen.getByText('尚未结对亲清特使')).toBeTruthy();
    fireEvent.click(screen.getByText('保存结对'));
    await waitFor(() => expect(document.querySelector('.commissioner-error')?.textContent).toBe('「清溪青石新材料有限公司」是重点企业，至少保留一名亲清特使'));
  });

  it('on a stale save shows the pairing as it now stands and saves again from its rev', async () => {
    const current = { ...ENT, commissionerUserIds: ['leader-li'], rev: 5 };
    const save = vi
      .fn<(ids: string[], rev: number) => Promise<PairedRecord>>()
      .mockRejectedValueOnce(new ApiError(409, 'CONFLICT', '该企业已被他人修改，请按最新内容重新编辑', { current }))
      .mockImplementation((ids, rev) => Promise.resolve({ ...ENT, commissionerUserIds: ids, rev: rev + 1 }));
    render(<CommissionerEditor enterprise={ENT} officials={OFFICIALS} save={save} onSaved={vi.fn()} />);
    fireEvent.click(screen.getByText('吴斌'));
    fireEvent.click(screen.getByText('保存结对'));
    await waitFor(() => expect(chosen()).toEqual(['leader-li']));
    expect(document.querySelector('.commissioner-error')?.textContent).toMatch(/已被他人修改/);
    fireEvent.click(screen.getByText('吴斌'));
    fireEvent.click(screen.getByText('保存结对'));
    await waitFor(() => expect(save).toHaveBeenLastCalledWith(['leader-li', 'qq-fgw'], 5));
  });
});

describe('a served enterprise (我服务的企业)', () => {
  const ticket = { id: 'tk1', title: '用地指标', status: 'published', category: 'land', priority: 'urgent', enterpriseName: ENT.name, createdAt: '2026-11-24T02:00:00.000Z', clocks: [], groupIds: [] } as unknown as Ticket;
  const ent = { id: ENT.id, name: ENT.name, key: true, tier: 'backbone', industry: 'materials', gridId: 'g03' } as const;

  it('lists its open requests and raises one on its behalf', () => {
    render(<ServedEnterprise enterprise={ent} open={[ticket]} now={Date.parse('2026-11-24T03:00:00.000Z')} />);
    expect(screen.getByText('用地指标')).toBeTruthy();
    expect(screen.getByText('重点企业')).toBeTruthy();
    fireEvent.click(screen.getByText('代企业吹哨'));
    expect(calls.navigations.at(-1)).toEqual({ kind: 'navigateTo', url: `/owner/pages/new/index?enterpriseId=${ENT.id}` });
  });

  it('says when nothing is open', () => {
    render(<ServedEnterprise enterprise={ent} open={[]} now={Date.now()} />);
    expect(screen.getByText('暂无办理中的诉求')).toBeTruthy();
  });
});
