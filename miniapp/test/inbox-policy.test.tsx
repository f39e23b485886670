import { fireEvent, render, screen, waitFor } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import Inbox from '../src/pages/inbox/index';
import { STORE_KEYS, writeStore } from '../src/lib/storage';
import { ENTERPRISE_ID } from './fixtures';
import { calls, setRequest, type RequestOptions } from './taro';

describe('the inbox', () => {
  it('opens a pushed policy on its page, and a request’s notification on the request', async () => {
    writeStore(STORE_KEYS.session, {
      token: 'tok',
      expiresAt: '2099-01-01T00:00:00Z',
      user: { id: 'owner-01', tenantId: 'demo', name: '孙建国', roles: ['owner'], enterpriseId: ENTERPRISE_ID },
    });
    const read: string[] = [];
    setRequest((o: RequestOptions) => {
      if (o.method === 'POST') {
        read.push(o.url);
        return Promise.resolve({ statusCode: 200, data: { ok: true } });
      }
      return Promise.resolve({
        statusCode: 200,
        data: {
          unread: 2,
          items: [
            { id: 'm1:owner-01', userId: 'owner-01', at: '2026-06-09T02:00:00.000Z', kind: 'policyPushed', title: '新政策：中小微企业信用贷款贴息', body: '符合本企业条件（专属政策）', policyId: 'pol-credit' },
            { id: 'm2:owner-01', userId: 'owner-01', at: '2026-06-09T01:00:00.000Z', kind: 'claimed', title: '诉求已认领', body: '区经信委已认领', ticketId: 't1' },
          ],
        },
      });
    });
    render(<Inbox />);
    fireEvent.click(await screen.findByText('新政策：中小微企业信用贷款贴息'));
    fireEvent.click(screen.getByText('诉求已认领'));
    await waitFor(() => expect(read).toEqual(['/api/inbox/m1%3Aowner-01/read', '/api/inbox/m2%3Aowner-01/read']));
    expect(calls.navigations).toEqual([
      { kind: 'navigateTo', url: '/policy/pages/detail/index?id=pol-credit' },
      { kind: 'navigateTo', url: '/pages/ticket/index?id=t1' },
    ]);
  });
});
