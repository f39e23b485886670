import { fireEvent, render, screen } from '@testing-library/react';
import type { LedgerEntry, Situation } from '@whistle/shared';
import { useState } from 'react';
import { describe, expect, it, vi } from 'vitest';
import { FindingsEditor } from '../src/visit/components/FindingsEditor';
import { LedgerTimeline } from '../src/visit/components/LedgerTimeline';
import { SituationForm } from '../src/visit/components/SituationForm';
import { draftProblems, newVisitDraft, visitBody, type FindingDraft } from '../src/visit/lib/visit';

/** The visit subpackage's components: the week's situation, the findings, the enterprise's ledger. */
function SituationHarness(props: { errors?: Record<string, string>; onChange: (s: Partial<Situation>) => void }) {
  const [value, setValue] = useState<Partial<Situation>>({});
  return (
    <SituationForm
      value={value}
      errors={props.errors ?? {}}
      onChange={(s) => {
        setValue(s);
        props.onChange(s);
      }}
    />
  );
}

describe('the situation form', () => {
  it('picks production, orders and staffing and keeps a note; each pick keeps the others', () => {
    const onChange = vi.fn();
    const { container } = render(<SituationHarness onChange={onChange} />);
    fireEvent.click(screen.getByText('减产'));
    fireEvent.click(screen.getByText('订单下滑'));
    fireEvent.click(screen.getByText('用工短缺'));
    fireEvent.change(container.querySelector('.situation-note') as HTMLInputElement, { target: { value: '部分产线轮休' } });
    expect(onChange).toHaveBeenLastCalledWith({ production: 'reduced', orders: 'falling', staffing: 'short', note: '部分产线轮休' });
    expect(container.querySelectorAll('.choice--on')).toHaveLength(3);
  });

  it('shows the messages at their fields', () => {
    render(<SituationHarness errors={{ 'situation.orders': '请选择订单情况' }} onChange={() => undefined} />);
    expect(screen.getByText('请选择订单情况')).toBeTruthy();
  });
});

describe('the findings editor', () => {
  it('adds, edits, marks solved on the spot and removes findings; the draft says what is missing', () => {
    let findings: FindingDraft[] = [];
    const Harness = () => {
      const [v, setV] = useState<FindingDraft[]>([]);
      findings = v;
      return <FindingsEditor value={v} errors={{ 'findings.0.text': '请填写问题描述' }} onChange={setV} />;
    };
    const { container } = render(<Harness />);
    fireEvent.click(screen.getByText('＋ 添加发现的问题'));
    fireEvent.click(screen.getByText('＋ 添加发现的问题'));
    expect(screen.getByText('请填写问题描述')).toBeTruthy();
    fireEvent.change(container.querySelectorAll('.finding-text')[0] as HTMLTextAreaElement, { target: { value: '物流成本上涨' } });
    fireEvent.click(screen.getAllByText('市场与供应链')[0] as HTMLElement);
    fireEvent.click(container.querySelectorAll('.finding-onsite')[1] as HTMLElement);
    expect(findings).toEqual([
      { text: '物流成本上涨', category: 'market', resolvedOnSite: false },
      { text: '', resolvedOnSite: true },
    ]);
    const draft = { ...newVisitDraft(Date.parse('2026-11-24T02:00:00Z'), 'E1'), situation: { production: 'normal' as const, orders: 'steady' as const, staffing: 'short' as const }, findings };
    expect(draftProblems(draft).map((p) => p.field)).toEqual(['findings.1.text', 'findings.1.category']);
    fireEvent.click(container.querySelectorAll('.finding-remove')[1] as HTMLElement);
    expect(findings).toHaveLength(1);
    expect(visitBody({ ...draft, findings })).toEqual({
      enterpriseId: 'E1',
      date: '2026-11-24',
      kind: 'onSite',
      situation: { production: 'normal', orders: 'steady', staffing: 'short' },
      findings: [{ text: '物流成本上涨', category: 'market' }],
    });
  });
});

const entries: LedgerEntry[] = [
  { kind: 'profileChanged', id: 'p1', at: '2026-11-24T05:00:00.000Z', changes: [{ field: 'headcountBand', label: '人数规模', before: '50–299 人', after: '300–999 人' }] },
  { kind: 'ticket', id: 't1', at: '2026-11-24T03:00:00.000Z', number: '2026-000123', title: '新产线需用电增容', category: 'utilities', channel: 'visit', priority: 'normal', status: 'claimed', handlingUnitName: '区经信委' },
  { kind: 'visit', id: 'v1', at: '2026-11-24T02:30:00.000Z', date: '2026-11-24', visitKind: 'onSite', visitors: ['王建国', '李海燕'], situation: { production: 'reduced', orders: 'falling', staffing: 'short' }, findings: 3, pendingFindings: 1, ticketIds: ['t1'] },
  { kind: 'policyPushed', id: 'pp1', at: '2026-11-20T02:00:00.000Z', policyId: 'credit-loan', title: '成长型企业信用贷' },
];

describe('the ledger timeline', () => {
  it('shows every kind with its icon, newest first as given, in plain words', () => {
    const { container } = render(<LedgerTimeline entries={entries} onOpen={() => undefined} />);
    const icons = [...container.querySelectorAll('.ledger-entry__icon')].map((e) => e.textContent);
    expect(icons).toEqual(['档', '诉', '访', '策']);
    const text = (id: string) => container.querySelector(`[data-id="${id}"]`)?.textContent ?? '';
    expect(text('t1')).toContain('2026-000123 · 办理中 · 走访 · 区经信委');
    expect(text('v1')).toContain('实地走访 · 王建国、李海燕');
    expect(text('v1')).toContain('减产 · 订单下滑 · 用工短缺 · 发现问题 3 个 · 转诉求 1 件 · 待解决 1 个');
    expect(text('pp1')).toContain('推送政策：成长型企业信用贷');
    expect(text('p1')).toContain('人数规模：50–299 人 → 300–999 人');
  });

  it('opens tickets and visits on tap; pushes and profile changes do not open', () => {
    const onOpen = vi.fn();
    const { container } = render(<LedgerTimeline entries={entries} onOpen={onOpen} />);
    for (const id of ['p1', 't1', 'v1', 'pp1']) fireEvent.click(container.querySelector(`[data-id="${id}"]`) as HTMLElement);
    expect(onOpen.mock.calls.map((c) => (c[0] as LedgerEntry).id)).toEqual(['t1', 'v1']);
  });
});
