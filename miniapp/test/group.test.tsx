import { act, fireEvent, render, screen, waitFor } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import GroupPage from '../src/officer/pages/group/index';
import { STORE_KEYS, writeStore } from '../src/lib/storage';
import { card } from './fixtures';
import { calls, firePageHide, firePageShow, setRequest, setRouterParams, type RequestOptions } from './taro';

function signInOfficer() {
  writeStore(STORE_KEYS.session, {
    token: 'tok',
    expiresAt: '2099-01-01T00:00:00Z',
    user: { id: 'officer-jxw', tenantId: 'demo', name: '刘伟', roles: ['officer'], unitId: 'jxw' },
  });
  writeStore(STORE_KEYS.groups, [
    { id: 'ind-equipment', tenantId: 'demo', kind: 'industry', name: '装备制造行业群', memberUnitIds: ['jxw', 'scjg'] },
  ]);
}

describe('group view (chat-like feed)', () => {
  afterEach(() => {
    vi.useRealTimers();
  });

  it('polls with `since` while visible, merges changed cards, stops when hidden', async () => {
    vi.useFakeTimers({ toFake: ['setInterval', 'clearInterval'] });
    signInOfficer();
    setRouterParams({ id: 'ind-equipment', name: '装备制造行业群' });
    const seen: string[] = [];
    let round = 0;
    setRequest((o: RequestOptions) => {
      seen.push(o.url);
      round++;
      if (!o.url.includes('since=')) return Promise.resolve({ statusCode: 200, data: { items: [card()], since: 's1' } });
      const items =
        round === 2 ? [card({ status: 'claimed', handlingUnitId: 'scjg', handlingUnitName: '区市场监管局', updatedAt: '2026-06-09T02:10:00Z' })] : [];
      return Promise.resolve({ statusCode: 200, data: { items, since: `s${round}` } });
    });
    render(<GroupPage />);
    await waitFor(() => expect(screen.getByText('认领')).toBeTruthy());
    expect(seen[0]).toBe('/api/groups/ind-equipment/feed?limit=30');

    await act(async () => {
      vi.advanceTimersByTime(4000);
    });
    await waitFor(() => expect(screen.getByText('已由 区市场监管局 认领')).toBeTruthy());
    expect(seen[1]).toBe('/api/groups/ind-equipment/feed?since=s1');
    expect(screen.queryByText('认领')).toBeNull();

    await act(async () => {
      vi.advanceTimersByTime(4000);
    });
    await waitFor(() => expect(seen[2]).toBe('/api/groups/ind-equipment/feed?since=s2'));

    firePageHide();
    const before = seen.length;
    await act(async () => {
      vi.advanceTimersByTime(20_000);
    });
    expect(seen.length).toBe(before);
    firePageShow();
    await act(async () => {
      vi.advanceTimersByTime(4000);
    });
    await waitFor(() => expect(seen.length).toBe(before + 1));
  });

  it('shows 已被 XX 认领 on the card when the race is lost, not a generic error', async () => {
    signInOfficer();
    setRouterParams({ id: 'ind-equipment' });
    setRequest((o: RequestOptions) => {
      if (o.url.endsWith('/claim'))
        return Promise.resolve({
          statusCode: 409,
          data: { error: { code: 'ALREADY_CLAIMED', message: '已被 区市场监管局 认领', details: { unitId: 'scjg', unitName: '区市场监管局' } } },
        });
      return Promise.resolve({ statusCode: 200, data: { items: [card()], since: 's1' } });
    });
    const { container } = render(<GroupPage />);
    fireEvent.click(await screen.findByText('认领'));
    await waitFor(() => expect(container.querySelector('.feed-card__result--lost')?.textContent).toBe('已被 区市场监管局 认领'));
    expect(calls.toasts).toContain('已被 区市场监管局 认领');
    expect(calls.toasts.some((t) => /失败|错误/.test(t))).toBe(false);
  });
});
