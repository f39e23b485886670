import { fireEvent, render, screen, waitFor } from '@testing-library/react';
import type { DecideDisputeBody, DisputeBody } from '@whistle/shared';
import { describe, expect, it, vi } from 'vitest';
import { ApiError } from '../src/api/client';
import { DecideForm } from '../src/assess/components/DecideForm';
import { DisputeForm, DrillRow, type DrillItem } from '../src/assess/components/Drill';
import { PeriodPicker } from '../src/components/PeriodPicker';
import { HonorLists, RankBars, rankRows } from '../src/assess/components/RankBars';
import { DisputeItem, ManualEntries } from '../src/assess/components/Records';
import { IndicatorList, UnitHeader } from '../src/assess/components/UnitFigures';
import { departments, dispute, scoreOf } from './assessment-fixtures';
import { TUESDAY_10 } from './fixtures';

const texts = (selector: string) => [...document.querySelectorAll(selector)].map((e) => e.textContent);
const invalid = (field: string, message: string) => new ApiError(400, 'VALIDATION', `${field}：${message}`, [{ field, message }]);

describe('PeriodPicker', () => {
  it('offers month, quarter and year, and the current period of each with the ones before it', () => {
    const onChange = vi.fn();
    render(<PeriodPicker value="2026-Q2" onChange={onChange} now={TUESDAY_10} />);
    expect(texts('.period-chip')).toEqual(['2026年第二季度', '2026年第一季度', '2025年第四季度', '2025年第三季度']);
    expect(document.querySelector('.period-chip--on')?.getAttribute('data-period')).toBe('2026-Q2');
    fireEvent.click(screen.getByText('2025年第四季度'));
    fireEvent.click(screen.getByText('月度'));
    expect(onChange.mock.calls).toEqual([['2025-Q4'], ['2026-06']]);
  });
});

describe('RankBars and the red and black lists', () => {
  const rows = rankRows(departments, 'ghzy');

  it('draws a bar per unit in rank order, the lists highlighted, the unmeasured last', () => {
    render(<RankBars rows={rows} canOpen={() => true} onOpen={() => undefined} />);
    expect(texts('.rank-bar__name')).toEqual(['区经信委', '区发改委', '区人社局', '区规资局', '区金融办']);
    expect(texts('.rank-bar__rank')).toEqual(['1', '2', '3', '4', '—']);
    expect([...document.querySelectorAll('.rank-bar--red')].map((e) => e.getAttribute('data-unit'))).toEqual(departments.redList);
    expect([...document.querySelectorAll('.rank-bar--black')].map((e) => e.getAttribute('data-unit')).sort()).toEqual([...departments.blackList].sort());
    expect(document.querySelector('.rank-bar--mine')?.getAttribute('data-unit')).toBe('ghzy');
    const top = document.querySelector('.rank-bar[data-unit="jxw"] .rank-bar__fill') as HTMLElement;
    expect(top.style.width).toBe(`${scoreOf('jxw').index ?? 0}%`);
    expect(document.querySelector('.rank-bar[data-unit="jrb"]')?.textContent).toContain('暂无数据');
    render(<HonorLists rows={rows} />);
    expect(texts('.honor__names')).toEqual(['区经信委、区发改委', '区规资局、区人社局']);
  });

  it('opens only the units the viewer may see', () => {
    const onOpen = vi.fn();
    render(<RankBars rows={rows} canOpen={(id) => id === 'ghzy'} onOpen={onOpen} />);
    fireEvent.click(screen.getByText('区经信委'));
    fireEvent.click(screen.getByText('区规资局'));
    expect(onOpen.mock.calls.map((c) => (c[0] as { unitId: string }).unitId)).toEqual(['ghzy']);
  });
});

describe('a unit’s figures', () => {
  it('shows the index, the rank of N and the first-level scores', () => {
    const s = scoreOf('fgw');
    render(<UnitHeader score={s} rankedOf={4} />);
    expect(document.querySelector('.unit-head__value')?.textContent).toBe(String(s.index));
    expect(screen.getByText('第 2 名')).toBeTruthy();
    expect(screen.getByText('共 4 个单位')).toBeTruthy();
    expect(texts('.unit-level__label')).toEqual(['问题回复', '事项办结', '满意度']);
  });

  it('lists every indicator with value, score and num / den, and taps a computed one or the deduction through', () => {
    const onOpen = vi.fn();
    render(<IndicatorList score={scoreOf('rsj')} onOpen={onOpen} />);
    expect(document.querySelectorAll('.ind-row[data-code]')).toHaveLength(15);
    const row = (code: string) => document.querySelector(`.ind-row[data-code="${code}"]`) as HTMLElement;
    expect(row('claimRate').textContent).toContain('1 / 2');
    expect(row('claimRate').querySelector('.ind-row__value')?.textContent).toBe('50%');
    expect(row('avgClaimHours').querySelector('.ind-row__value')?.textContent).toBe('2.5 小时');
    expect(row('reopenRate').querySelector('.ind-row__score')?.textContent).toBe('0');
    expect(row('notices').textContent).toContain('提醒 2 · 催办 1 · 警告 0');
    expect(row('notices').querySelector('.ind-row__value')?.textContent).toBe('−2');
    fireEvent.click(row('policyPromotion'));
    fireEvent.click(row('claimRate'));
    fireEvent.click(row('notices'));
    expect(onOpen.mock.calls).toEqual([['claimRate'], ['notices']]);
  });

  it('shows entered scores with their evidence trail, and disputes with their status', () => {
    render(
      <ManualEntries
        entries={[{ id: 'm1', period: '2026-Q2', unitId: 'jxw', indicator: 'policyPromotion', score: 90, previous: 80, evidence: '宣讲 3 场', by: 'assessor', byName: '王敏', at: '2026-06-10T02:00:00.000Z' }]}
      />,
    );
    expect(document.querySelector('.manual-entry')?.textContent).toBe('政策宣传80 → 90 分佐证：宣讲 3 场王敏 · 2026-06-10 10:00');
    const onOpenTicket = vi.fn();
    render(<DisputeItem dispute={dispute({ status: 'rejected', decision: '未提供联系记录' })} onOpenTicket={onOpenTicket} />);
    expect(document.querySelector('.dispute')?.textContent).toContain('已驳回');
    expect(document.querySelector('.dispute__decision')?.textContent).toContain('未提供联系记录');
    fireEvent.click(screen.getByText('诉求 2026-000001 ›'));
    expect(onOpenTicket).toHaveBeenCalledWith('t1');
  });
});

describe('the drill-down', () => {
  const item: DrillItem = { ticketId: 't1', number: '2026-000001', title: '厂房用电增容', month: '2026-06', counters: { handled: 1, claimed: 1 }, noticeIds: ['t1~claim~0~reminder', 't1~contact~0~reminder'] };
  const row = (patch: Partial<Parameters<typeof DrillRow>[0]> = {}) => (
    <DrillRow code="claimRate" item={item} disputes={[]} canDispute onOpen={() => undefined} onDispute={() => undefined} {...patch} />
  );

  it('says the ticket’s fact and offers 申诉 to the unit until it is disputed', () => {
    const onOpen = vi.fn();
    const onDispute = vi.fn();
    const { rerender } = render(row({ onOpen, onDispute }));
    expect(document.querySelector('.drill-row__fact')?.textContent).toBe('超时认领');
    fireEvent.click(screen.getByText('申诉'));
    expect([onDispute.mock.calls.length, onOpen.mock.calls.length]).toEqual([1, 0]);
    fireEvent.click(screen.getByText('厂房用电增容'));
    expect(onOpen).toHaveBeenCalledTimes(1);
    rerender(row({ disputes: [dispute()] }));
    expect(screen.queryByText('申诉')).toBeNull();
    expect(document.querySelector('.drill-row__disputed')?.textContent).toBe('已申诉 · 待处理');
    rerender(row({ canDispute: false }));
    expect(screen.queryByText('申诉')).toBeNull();
  });

  it('disputes each notice on its own', () => {
    render(row({ code: 'notices', item: { ...item, counters: { reminders: 2 } }, disputes: [dispute({ indicator: 'notices', noticeId: 't1~claim~0~reminder' })] }));
    expect(document.querySelector('.drill-row__notices')?.textContent).toBe('认领提醒、联系企业提醒');
    expect(document.querySelector('.drill-row__disputed')?.textContent).toBe('已申诉（认领提醒） · 待处理');
    expect(screen.getByText('申诉')).toBeTruthy();
  });

  it('shows the API’s message at the reason, then sends the dispute', async () => {
    const submit = vi.fn((b: DisputeBody) => (b.reason ? Promise.resolve() : Promise.reject(invalid('reason', '请填写申诉理由'))));
    render(<DisputeForm code="notices" item={item} noticeIds={['t1~contact~0~reminder']} submit={submit} />);
    fireEvent.click(screen.getByText('提交申诉'));
    await waitFor(() => expect(document.querySelector('.field--error .field__error')?.textContent).toBe('请填写申诉理由'));
    fireEvent.change(document.querySelector('.dispute-reason') as Element, { target: { value: '企业负责人出差' } });
    fireEvent.click(screen.getByText('提交申诉'));
    await waitFor(() => expect(submit).toHaveBeenCalledTimes(2));
    expect(submit.mock.calls[1]?.[0]).toEqual({ ticketId: 't1', indicator: 'notices', noticeId: 't1~contact~0~reminder', reason: '企业负责人出差' });
  });
});

describe('the supervisor’s decision', () => {
  it('asks for the reason as the API says, then accepts or rejects', async () => {
    const submit = vi.fn((b: DecideDisputeBody) => (b.reason ? Promise.resolve() : Promise.reject(invalid('reason', '请填写处理意见'))));
    render(<DecideForm dispute={dispute()} accept={false} submit={submit} />);
    fireEvent.click(screen.getByText('确认驳回'));
    await waitFor(() => expect(document.querySelector('.field__error')?.textContent).toBe('请填写处理意见'));
    fireEvent.change(document.querySelector('.decide-reason') as Element, { target: { value: '未提供联系记录' } });
    fireEvent.click(screen.getByText('确认驳回'));
    await waitFor(() => expect(submit).toHaveBeenLastCalledWith({ accept: false, reason: '未提供联系记录' }));
  });
});
