import { fireEvent, render, screen } from '@testing-library/react';
import type { PolicyConditions } from '@whistle/shared';
import { useState } from 'react';
import { describe, expect, it, vi } from 'vitest';
import { ConditionsView } from '../src/policy/components/ConditionsView';
import { ConditionsEditor } from '../src/policy/components/editor/ConditionsEditor';
import { MatchView } from '../src/policy/components/MatchView';
import { MineList } from '../src/policy/components/MineList';
import { SuggestionPanel } from '../src/policy/components/SuggestionPanel';
import { card, matched, suggestion, universal } from './policy-fixtures';

const NOW = Date.parse('2026-06-09T02:00:00Z');

describe('the match (普惠 / 专属, and why)', () => {
  it('shows a matched policy with one reason per condition met, and warns when it ends soon', () => {
    render(<MatchView match={matched({ daysLeft: 12, expiringSoon: true })} />);
    expect(screen.getByText('专属')).toBeTruthy();
    expect(screen.getByText('本企业符合这项政策的条件（专属政策）')).toBeTruthy();
    expect(screen.getByText('✓ 行业：装备制造')).toBeTruthy();
    expect(screen.getByText('✓ 企业资质：专精特新')).toBeTruthy();
    expect(screen.getByText('即将到期：还剩 12 天，请尽快申报')).toBeTruthy();
  });

  it('shows a universal policy without reasons or a warning while it runs', () => {
    render(<MatchView match={universal({ daysLeft: 200 })} />);
    expect(screen.getByText('普惠')).toBeTruthy();
    expect(screen.getByText('面向全区企业的普惠政策，本企业可以申报')).toBeTruthy();
    expect(screen.queryByText('匹配原因')).toBeNull();
    expect(document.querySelector('.match__expiry')).toBeNull();
  });

  it('says why in one line under a card', () => {
    render(<MatchView match={matched()} compact />);
    expect(screen.getByText('符合：行业：装备制造；企业资质：专精特新')).toBeTruthy();
  });

  it('sorts 我的政策 into 专属, 普惠 and 即将到期, each item with why', () => {
    const items = [
      { policy: card({ id: 'p-a', title: '专精特新“小巨人”奖励' }), match: matched() },
      { policy: card({ id: 'p-b', title: '稳岗返还' }), match: universal() },
      { policy: card({ id: 'p-c', title: '技改贷款贴息', validTo: '2026-06-20' }), match: matched({ reasons: ['企业类型：成长型企业'], daysLeft: 11, expiringSoon: true }) },
    ];
    render(<MineList items={items} now={NOW} />);
    expect(screen.getByText('专属（2）')).toBeTruthy();
    expect(screen.getByText('普惠（1）')).toBeTruthy();
    expect(screen.getByText('即将到期（1）')).toBeTruthy();
    const titles = () => [...document.querySelectorAll('.policy-card__title')].map((e) => e.textContent);
    expect(titles()).toEqual(['专精特新“小巨人”奖励', '技改贷款贴息']);
    expect(screen.getByText('符合：企业类型：成长型企业')).toBeTruthy();
    expect(screen.getByText('即将到期 · 还剩 11 天')).toBeTruthy();
    fireEvent.click(screen.getByText('普惠（1）'));
    expect(titles()).toEqual(['稳岗返还']);
    expect(screen.getByText('普惠政策：全区企业均可申报')).toBeTruthy();
    fireEvent.click(screen.getByText('即将到期（1）'));
    expect(titles()).toEqual(['技改贷款贴息']);
  });
});

describe('conditions in words', () => {
  it('reads every condition, naming the townships when their names are known', () => {
    const c: PolicyConditions = { industries: ['equipment', 'electronics'], tiers: ['growth'], revenueBands: ['r2000to10000'], keyOnly: true, townUnitIds: ['dgjd'] };
    render(<ConditionsView conditions={c} townNames={{ dgjd: '东关街道' }} />);
    expect(screen.getByText('需同时满足以下条件：')).toBeTruthy();
    expect(
      [...document.querySelectorAll('.conditions__line')].map((e) => e.textContent),
    ).toEqual(['· 行业：装备制造、电子信息', '· 企业类型：成长型企业', '· 年营业收入：2000 万–1 亿元', '· 仅限重点企业', '· 所在镇街：东关街道']);
  });

  it('says 普惠 when there is no condition, and counts townships it cannot name', () => {
    const { unmount } = render(<ConditionsView conditions={{ tags: [] }} />);
    expect(screen.getByText('不限条件：全区企业均可申报（普惠政策）')).toBeTruthy();
    unmount();
    render(<ConditionsView conditions={{ townUnitIds: ['dgjd', 'nsz'] }} />);
    expect(screen.getByText('· 所在镇街：限 2 个指定镇街')).toBeTruthy();
  });

  it('edits the conditions: picks within a condition, reads them back, and is 普惠 again with nothing picked', () => {
    const seen: PolicyConditions[] = [];
    function Harness() {
      const [c, setC] = useState<PolicyConditions>({});
      return (
        <ConditionsEditor
          value={c}
          towns={[{ id: 'dgjd', tenantId: 'demo', name: '东关街道', track: 'township' }, { id: 'jxw', tenantId: 'demo', name: '区经信委', track: 'department' }]}
          onChange={(next) => {
            seen.push(next);
            setC(next);
          }}
        />
      );
    }
    render(<Harness />);
    expect(screen.getByText('不限条件：全区企业均可申报（普惠政策）')).toBeTruthy();
    // departments are not townships
    expect(screen.queryByText('区经信委')).toBeNull();
    fireEvent.click(screen.getByLabelText('装备制造，未选'));
    fireEvent.click(screen.getByLabelText('电子信息，未选'));
    fireEvent.click(screen.getByLabelText('专精特新，未选'));
    fireEvent.click(screen.getByLabelText('东关街道，未选'));
    fireEvent.click(screen.getByLabelText('仅限重点企业，未选'));
    expect(seen.at(-1)).toEqual({ industries: ['equipment', 'electronics'], tags: ['specialized'], townUnitIds: ['dgjd'], keyOnly: true });
    expect(screen.getByText('· 行业：装备制造、电子信息')).toBeTruthy();
    expect(screen.getByText('· 所在镇街：东关街道')).toBeTruthy();
    expect(screen.getByLabelText('专精特新，已选')).toBeTruthy();
    for (const label of ['装备制造，已选', '电子信息，已选', '专精特新，已选', '东关街道，已选', '仅限重点企业，已选']) fireEvent.click(screen.getByLabelText(label));
    expect(seen.at(-1)).toEqual({});
    expect(screen.getByText('不限条件：全区企业均可申报（普惠政策）')).toBeTruthy();
  });
});

describe('the suggestion panel', () => {
  it('shows each suggested policy with the words it matched and its contact, and answers 查看 and 已解决', () => {
    const onOpen = vi.fn();
    const onAnswered = vi.fn();
    const items = [suggestion(), suggestion({ id: 'pol-jobs', title: '稳岗返还', unitName: '区人社局', contact: { name: '赵强', phone: '0571-8666 0001' } }, ['稳岗'])];
    render(<SuggestionPanel items={items} onOpen={onOpen} onAnswered={onAnswered} />);
    expect(screen.getByText('相关政策，或许能直接解答')).toBeTruthy();
    expect(screen.getByText('匹配：贷款、贴息')).toBeTruthy();
    expect(screen.getByText('区人社局 · 首问负责人 赵强 0571-8666 0001')).toBeTruthy();
    fireEvent.click(screen.getByLabelText('查看政策：稳岗返还'));
    expect(onOpen).toHaveBeenCalledWith('pol-jobs');
    fireEvent.click(screen.getByLabelText('政策“中小微企业信用贷款贴息”已解决我的问题，不再提交诉求'));
    expect(onAnswered).toHaveBeenCalledWith(items[0]);
  });

  it('blocks the other 已解决 while one is being sent, and shows nothing without suggestions', () => {
    const onAnswered = vi.fn();
    const items = [suggestion(), suggestion({ id: 'pol-jobs', title: '稳岗返还' }, ['稳岗'])];
    const { unmount } = render(<SuggestionPanel items={items} busyId="pol-credit" onOpen={() => undefined} onAnswered={onAnswered} />);
    fireEvent.click(screen.getByLabelText('政策“稳岗返还”已解决我的问题，不再提交诉求'));
    expect(onAnswered).not.toHaveBeenCalled();
    unmount();
    render(<SuggestionPanel items={[]} onOpen={() => undefined} onAnswered={onAnswered} />);
    expect(document.querySelector('.suggest')).toBeNull();
  });
});
