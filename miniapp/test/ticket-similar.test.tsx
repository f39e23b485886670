import { fireEvent, render, screen } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import type { SimilarTicket } from '@whistle/shared';
import { TicketSimilar } from '../src/components/ticket/TicketSimilar';
import { calls } from './taro';

const similar: SimilarTicket[] = [
  { ticketId: 'tka', number: '2026-000101', enterpriseName: '东港精密机械有限公司', title: '园区周边缺少餐饮配套', score: 0.53, commonIssueId: 'cicatering01' },
  { ticketId: 'tkb', number: '2026-000102', enterpriseName: '南山新材料股份有限公司', title: '厂区附近没有食堂，工人就餐不便', score: 0.36 },
];

describe('TicketSimilar (相似诉求)', () => {
  it('lists each similar request with its number, enterprise and title, and counts them', () => {
    const { container } = render(<TicketSimilar similar={similar} />);
    expect(screen.getByText('相似诉求（2 件）')).toBeTruthy();
    const rows = [...container.querySelectorAll('.similar__row')];
    expect(rows.map((r) => r.getAttribute('data-ticket'))).toEqual(['tka', 'tkb']);
    expect(rows[0]?.textContent).toContain('2026-000101');
    expect(rows[0]?.textContent).toContain('东港精密机械有限公司');
    expect(rows[1]?.textContent).toContain('厂区附近没有食堂，工人就餐不便');
  });

  it('marks a request that belongs to a common issue and opens that common issue', () => {
    const { container } = render(<TicketSimilar similar={similar} />);
    const marks = container.querySelectorAll('.similar__issue');
    expect(marks).toHaveLength(1);
    expect(screen.getByText('属于共性问题')).toBeTruthy();
    const before = calls.navigations.length;
    fireEvent.click(marks[0] as Element);
    expect(calls.navigations.slice(before)).toEqual([{ kind: 'navigateTo', url: '/common-issues/pages/issue/index?id=cicatering01' }]);
  });

  it('shows nothing when the ticket carries none (an owner’s view, none found, or not looked for)', () => {
    expect(render(<TicketSimilar similar={undefined} />).container.innerHTML).toBe('');
    expect(render(<TicketSimilar similar={[]} />).container.innerHTML).toBe('');
  });
});
