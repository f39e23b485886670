import { describe, expect, it } from 'vitest';
import { DEFAULT_CLOCK_POLICY } from '@whistle/shared';
import { clockText, feedClock, formatDuration, formatTime, headlineClock, ticketSummary, viewClocks, withResume } from '../src/lib/format';
import { clock, iso, ticket, TUESDAY_10 } from './fixtures';

describe('clock words', () => {
  it('counts working days on working clocks and days on calendar clocks', () => {
    // office hours 09:00–12:00, 13:30–17:30: 420 working minutes a day
    expect(formatDuration(3 * 420 - 5, 'working')).toBe('2 个工作日');
    expect(formatDuration(420 + 125, 'working')).toBe('1 个工作日 2 小时');
    expect(formatDuration(420, 'working')).toBe('1 个工作日');
    expect(formatDuration(95, 'working')).toBe('1 小时 35 分钟');
    expect(formatDuration(45, 'calendar')).toBe('45 分钟');
    expect(formatDuration(3 * 1440 + 60, 'calendar')).toBe('3 天');
    expect(formatDuration(-200, 'calendar')).toBe('3 小时');
  });

  it('says missed clocks in red words and paused clocks as waiting', () => {
    expect(clockText({ id: 'claim', kind: 'claim', state: 'missed', minutesLeft: -35, basis: 'working' })).toEqual({
      text: '认领已超时 35 分钟',
      tone: 'danger',
    });
    expect(clockText({ id: 'resolve', kind: 'resolve', state: 'paused', minutesLeft: 300, basis: 'working' }).text).toBe(
      '办结计时暂停 · 等待企业补充',
    );
    expect(clockText({ id: 'contact', kind: 'contact', state: 'running', minutesLeft: 90, basis: 'calendar' })).toEqual({
      text: '距联系企业时限 1 小时 30 分钟',
      tone: 'warn',
    });
    expect(clockText({ id: 'claim', kind: 'claim', state: 'met', minutesLeft: 0, basis: 'working' }).tone).toBe('done');
  });

  it('tells when a working clock counts again out of office hours', () => {
    const saturdayNight = Date.parse('2026-06-13T14:00:00Z');
    const c = withResume({ id: 'claim', kind: 'claim', state: 'running', minutesLeft: 120, basis: 'working' }, saturdayNight);
    expect(c.resumesAt).toBe('2026-06-15T01:00:00.000Z');
    expect(clockText(c).text).toBe('距认领时限 2 小时 · 6月15日 09:00 起计');
    // calendar clocks and working time need no hint
    expect(withResume({ id: 'x', kind: 'contact', state: 'running', minutesLeft: 1, basis: 'calendar' }, saturdayNight).resumesAt).toBeUndefined();
    expect(withResume({ id: 'x', kind: 'claim', state: 'running', minutesLeft: 1, basis: 'working' }, TUESDAY_10).resumesAt).toBeUndefined();
  });

  it('puts a claimed ticket in one line of plain words', () => {
    const t = ticket({
      status: 'claimed',
      handlingUnitId: 'jxw',
      handlingUnitName: '区经信委',
      clocks: [clock('resolve', TUESDAY_10), clock('contact', TUESDAY_10, DEFAULT_CLOCK_POLICY.normal.contact)],
    });
    expect(ticketSummary(t, TUESDAY_10 + 5 * 60_000)).toEqual({ text: '已由 区经信委 认领 · 距办结时限 2 个工作日', tone: 'ok' });
  });

  it('leads with the most overdue clock', () => {
    const t = ticket({ clocks: [clock('claim', TUESDAY_10, DEFAULT_CLOCK_POLICY.normal.claim)] });
    // Wednesday 10:00: the 2 working-hour claim clock ran out on Tuesday 12:00
    const s = ticketSummary(t, TUESDAY_10 + 24 * 3600_000);
    expect(s.tone).toBe('danger');
    expect(s.text).toBe('待认领 · 认领已超时 5 小时');
    const views = viewClocks(t.clocks, TUESDAY_10 + 24 * 3600_000);
    expect(headlineClock(views)?.state).toBe('missed');
  });

  it('says what happened after resolution', () => {
    expect(ticketSummary(ticket({ status: 'closed', rating: { score: 'fair', at: iso(TUESDAY_10) } })).text).toBe('已销号 · 评价：基本满意');
    expect(ticketSummary(ticket({ status: 'waitingEnterprise', handlingUnitName: '南山镇' })).text).toBe(
      '南山镇 请企业补充材料 · 办结计时已暂停',
    );
  });

  it('formats Shanghai wall time relative to today', () => {
    const now = TUESDAY_10;
    expect(formatTime(iso(TUESDAY_10 - 30 * 60_000), now)).toBe('09:30');
    expect(formatTime(iso(TUESDAY_10 - 24 * 3600_000), now)).toBe('昨天 10:00');
    expect(formatTime(iso(TUESDAY_10 - 7 * 24 * 3600_000), now)).toBe('6月2日 10:00');
    expect(formatTime('2025-12-31T16:30:00Z', now)).toBe('1月1日 00:30'); // already 2026 in Shanghai
    expect(formatTime('2025-06-01T02:00:00Z', now)).toBe('2025年6月1日');
  });
});

describe('feed card clock', () => {
  const card = {
    groupId: 'key',
    ticketId: 'tk1',
    number: '2026-000001',
    title: '用电增容',
    enterpriseName: '清溪恒通机械有限公司',
    category: 'utilities' as const,
    priority: 'normal' as const,
    status: 'published' as const,
    publishedAt: '2026-11-20T09:00:00.000Z',
    updatedAt: '2026-11-20T09:00:00.000Z',
  };
  // Friday 2026-11-20 18:00 Shanghai; the claim is due Monday 23 Nov 11:00 on working time
  const fridayEvening = Date.parse('2026-11-20T10:00:00.000Z');
  const due = '2026-11-23T03:00:00.000Z';

  it('counts the time left on the basis the card names', () => {
    const working = feedClock({ ...card, claimDueAt: due, claimBasis: 'working' }, fridayEvening);
    const calendar = feedClock({ ...card, claimDueAt: due, claimBasis: 'calendar' }, fridayEvening);
    expect(working?.basis).toBe('working');
    expect(working?.minutesLeft).toBe(120);
    expect(calendar?.basis).toBe('calendar');
    expect(calendar?.minutesLeft).toBe(65 * 60);
  });

  it('has no clock once claimed', () => {
    expect(feedClock({ ...card, status: 'claimed', claimDueAt: due, claimBasis: 'working' }, fridayEvening)).toBeUndefined();
  });
});
