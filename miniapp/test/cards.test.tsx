import { fireEvent, render, screen } from '@testing-library/react';
import { describe, expect, it, vi } from 'vitest';
import { DEFAULT_CLOCK_POLICY } from '@whistle/shared';
import { FeedBubble } from '../src/components/FeedBubble';
import { ClockChip, TicketCard } from '../src/components/TicketCard';
import { Timeline } from '../src/components/Timeline';
import { card, clock, iso, ticket, TUESDAY_10 } from './fixtures';

describe('TicketCard', () => {
  it('shows status, category and the clock in plain words', () => {
    const t = ticket({
      status: 'claimed',
      handlingUnitName: '区经信委',
      priority: 'urgent',
      clocks: [clock('resolve', TUESDAY_10)],
    });
    const onTap = vi.fn();
    const { container } = render(<TicketCard ticket={t} now={TUESDAY_10 + 60_000} onTap={onTap} />);
    expect(screen.getByText('办理中')).toBeTruthy();
    expect(screen.getByText('水电气网')).toBeTruthy();
    expect(screen.getByText('紧急')).toBeTruthy();
    expect(container.querySelector('.ticket-card__summary')?.textContent).toBe('已由 区经信委 认领 · 距办结时限 2 个工作日');
    fireEvent.click(screen.getByText(t.title));
    expect(onTap).toHaveBeenCalledTimes(1);
  });

  it('turns the summary red when a clock is missed', () => {
    const t = ticket({ clocks: [clock('claim', TUESDAY_10, DEFAULT_CLOCK_POLICY.normal.claim)] });
    const { container } = render(<TicketCard ticket={t} now={TUESDAY_10 + 4 * 3600_000} />);
    const summary = container.querySelector('.ticket-card__summary');
    expect(summary?.className).toContain('summary--danger');
    expect(summary?.textContent).toMatch(/^待认领 · 认领已超时/);
  });

  it('lists extra clocks (leader cadence) as chips', () => {
    const t = ticket({
      status: 'claimed',
      clocks: [clock('leaderProgress', TUESDAY_10, DEFAULT_CLOCK_POLICY.leader.progress), clock('resolve', TUESDAY_10)],
    });
    const { container } = render(<TicketCard ticket={t} now={TUESDAY_10} clockKinds={['leaderProgress']} />);
    const chips = [...container.querySelectorAll('.ticket-card__clocks .clock')].map((c) => c.textContent);
    expect(chips).toEqual(['距月度进展时限 30 天']);
  });
});

describe('ClockChip', () => {
  it('is red when missed and says by how much', () => {
    const { container } = render(
      <ClockChip clock={{ id: 'resolve', kind: 'resolve', state: 'missed', minutesLeft: -500, basis: 'working' }} />,
    );
    const chip = container.querySelector('.clock');
    expect(chip?.className).toContain('clock--danger');
    expect(chip?.getAttribute('data-state')).toBe('missed');
    expect(chip?.textContent).toBe('办结已超时 1 个工作日 1 小时');
  });
});

describe('FeedBubble (a request in a group)', () => {
  const base = { now: TUESDAY_10 + 30 * 60_000, onOpen: () => undefined };

  it('offers 认领 while the request waits, with its claim clock', () => {
    const onClaim = vi.fn();
    const { container } = render(<FeedBubble {...base} card={card()} canClaim onClaim={onClaim} />);
    expect(container.querySelector('.feed-card__clock')?.textContent).toBe('距认领时限 1 小时 30 分钟');
    fireEvent.click(screen.getByText('认领'));
    expect(onClaim).toHaveBeenCalledTimes(1);
  });

  it('shows the press at once and blocks a second press', () => {
    const onClaim = vi.fn();
    render(<FeedBubble {...base} card={card()} canClaim claim={{ kind: 'pending' }} onClaim={onClaim} />);
    const btn = screen.getByText('认领中').closest('button');
    expect(btn?.disabled).toBe(true);
    if (btn) fireEvent.click(btn);
    expect(onClaim).not.toHaveBeenCalled();
  });

  it('says who won when the race is lost, and offers no claim', () => {
    const { container } = render(
      <FeedBubble {...base} card={card()} canClaim claim={{ kind: 'lost', unitName: '区市场监管局', message: '已被 区市场监管局 认领' }} onClaim={() => undefined} />,
    );
    expect(container.querySelector('.feed-card__result--lost')?.textContent).toBe('已被 区市场监管局 认领');
    expect(screen.queryByText('认领')).toBeNull();
    expect(container.querySelector('.feed-card__clock')).toBeNull();
  });

  it('tells the winner to go and handle it', () => {
    render(<FeedBubble {...base} card={card()} canClaim claim={{ kind: 'won' }} onClaim={() => undefined} />);
    expect(screen.getByText('认领成功 · 本单位办理')).toBeTruthy();
    expect(screen.getByText('去办理')).toBeTruthy();
  });

  it('shows who handles a card claimed elsewhere', () => {
    render(
      <FeedBubble
        {...base}
        card={card({ status: 'claimed', handlingUnitId: 'scjg', handlingUnitName: '区市场监管局' })}
        canClaim
        myUnitId="jxw"
        onClaim={() => undefined}
      />,
    );
    expect(screen.getByText('已由 区市场监管局 认领')).toBeTruthy();
    expect(screen.queryByText('认领')).toBeNull();
  });
});

describe('Timeline', () => {
  it('puts my messages on the right and events in the middle', () => {
    const at = iso(TUESDAY_10);
    const { container } = render(
      <Timeline
        now={TUESDAY_10}
        meId="owner-01"
        entries={[
          { ticketId: 't1', seq: 1, at, actor: { userId: 'owner-01', name: '孙建国', role: 'owner' }, kind: 'created' },
          { ticketId: 't1', seq: 2, at, actor: { userId: 'o1', name: '刘伟', role: 'officer', unitName: '区经信委' }, kind: 'claimed', data: { unitName: '区经信委' } },
          { ticketId: 't1', seq: 3, at, actor: { userId: 'o1', name: '刘伟', role: 'officer', unitName: '区经信委' }, kind: 'message', text: '已联系供电所' },
          { ticketId: 't1', seq: 4, at, actor: { userId: 'owner-01', name: '孙建国', role: 'owner' }, kind: 'message', text: '谢谢' },
          { ticketId: 't1', seq: 5, at, actor: { userId: 'o1', name: '刘伟', role: 'officer', unitName: '区经信委' }, kind: 'resolved', text: '已送电', data: { kind: 'resolved' } },
        ]}
      />,
    );
    const events = [...container.querySelectorAll('.tl-event__text')].map((e) => e.textContent);
    expect(events).toEqual(['孙建国 提交了诉求 · 10:00', '区经信委 已认领，一办到底 · 10:00']);
    const msgs = [...container.querySelectorAll('.tl-msg')];
    expect(msgs.map((m) => m.classList.contains('tl-msg--mine'))).toEqual([false, true, false]);
    expect(msgs[2]?.querySelector('.tl-bubble__label')?.textContent).toBe('办结（协调解决）');
  });
});
