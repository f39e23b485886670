import { describe, expect, it, vi } from 'vitest';
import { api, ApiError } from '../src/api';
import { claimTicket } from '../src/lib/claim';
import { mergeFeed } from '../src/lib/feed';
import { STORE_KEYS, writeStore, readStore } from '../src/lib/storage';
import { groupByRole } from '../src/pages/login/index';
import { card, ticket } from './fixtures';
import { calls, setRequest, type RequestOptions } from './taro';

const answer = (statusCode: number, data: unknown) => () => Promise.resolve({ statusCode, data });

describe('API client', () => {
  it('validates answers against the shared schemas and reports drift as an error', async () => {
    setRequest(answer(200, { ticket: { ...ticket(), status: 'lost-in-space' } }));
    // the drift is logged for the developer: expected here, so caught rather than printed
    const logged = vi.spyOn(console, 'error').mockImplementation(() => undefined);
    const e = await api.command('t1', { type: 'claim' }).catch((x: unknown) => x);
    expect(String(logged.mock.calls[0]?.[0])).toContain('schema drift on POST /api/tickets/t1/claim');
    logged.mockRestore();
    expect(e).toBeInstanceOf(ApiError);
    expect((e as ApiError).code).toBe('SCHEMA_DRIFT');
    expect((e as ApiError).message).toContain('请更新小程序');
    expect(String((e as ApiError).details)).toContain('ticket.status');
  });

  it('turns the error envelope into a typed error with the server’s Chinese message', async () => {
    setRequest(answer(409, { error: { code: 'ALREADY_CLAIMED', message: '已被 区市场监管局 认领', details: { unitId: 'scjg', unitName: '区市场监管局' } } }));
    const e = (await api.command('t1', { type: 'claim' }).catch((x: unknown) => x)) as ApiError;
    expect([e.status, e.code, e.message]).toEqual([409, 'ALREADY_CLAIMED', '已被 区市场监管局 认领']);
    expect(e.retryable).toBe(false);
  });

  it('says the network failed when there is no answer', async () => {
    setRequest(() => Promise.reject(new Error('request:fail')));
    const e = (await api.inbox().catch((x: unknown) => x)) as ApiError;
    expect(e.code).toBe('NETWORK');
    expect(e.offline).toBe(true);
  });

  it('signs out and goes to sign-in on 401', async () => {
    writeStore(STORE_KEYS.session, { token: 'old', expiresAt: '2099-01-01T00:00:00Z', user: { id: 'u', tenantId: 'd', name: 'x', roles: ['owner'] } });
    setRequest(answer(401, { error: { code: 'UNAUTHENTICATED', message: '登录已过期' } }));
    await api.me().catch(() => undefined);
    expect(readStore(STORE_KEYS.session)).toBeUndefined();
    await new Promise((r) => setTimeout(r, 5));
    expect(calls.navigations).toEqual([{ kind: 'reLaunch', url: '/pages/login/index' }]);
  });

  it('builds query strings and leaves out empty values', async () => {
    const seen: RequestOptions[] = [];
    setRequest((o) => {
      seen.push(o);
      return Promise.resolve({ statusCode: 200, data: { items: [], since: 's2' } });
    });
    await api.feed('ind equipment', { since: 's1', cursor: undefined });
    expect(seen[0]?.url).toBe('/api/groups/ind%20equipment/feed?since=s1');
    expect(seen[0]?.data).toBeUndefined();
  });
});

describe('ticket commands', () => {
  it('fill the catalogue’s route with the ticket and the request’s own path parameters, and send the rest as the body', async () => {
    const seen: RequestOptions[] = [];
    setRequest((o) => {
      seen.push(o);
      return Promise.resolve({ statusCode: 200, data: { ticket: ticket() } });
    });
    await api.command('t 1', { type: 'taskDone', unitId: 'gh/zy', note: '已出具' });
    await api.command('t1', { type: 'deskForward' });
    await api.command('t1', { type: 'resolve', kind: 'answered', summary: '已答复' });
    await api.command('t1', { type: 'claim' });
    expect(seen.map((o) => [o.method, o.url, o.data])).toEqual([
      ['POST', '/api/tickets/t%201/tasks/gh%2Fzy/done', { note: '已出具' }],
      ['POST', '/api/desk/t1/forward', {}],
      ['POST', '/api/tickets/t1/resolve', { kind: 'answered', summary: '已答复' }],
      ['POST', '/api/tickets/t1/claim', {}],
    ]);
  });
});

describe('claiming', () => {
  const fail = (status: number, code: string, message: string, details?: unknown) =>
    Promise.reject(new ApiError(status, code, message, details));

  it('answers who won from the 409 details', async () => {
    const r = await claimTicket('t1', {
      command: () => fail(409, 'ALREADY_CLAIMED', '已被 区市场监管局 认领', { unitId: 'scjg', unitName: '区市场监管局' }),
      ticket: () => Promise.reject(new Error('not needed')),
    });
    expect(r).toEqual({ kind: 'lost', unitName: '区市场监管局', message: '已被 区市场监管局 认领' });
  });

  it('finds the winner when the server refused for another reason', async () => {
    const r = await claimTicket('t1', {
      command: () => fail(409, 'INVALID_TRANSITION', '该诉求已不在待认领状态'),
      ticket: () => Promise.resolve({ ticket: { handlingUnitName: '南山镇' } }),
    });
    expect(r).toEqual({ kind: 'lost', unitName: '南山镇', message: '已被 南山镇 认领' });
  });

  it('never reports a lost race as a generic error, and says what to do offline', async () => {
    const won = await claimTicket('t1', { command: () => Promise.resolve({ ticket: { handlingUnitName: '区经信委' } }), ticket: () => Promise.reject(new Error('x')) });
    expect(won).toEqual({ kind: 'won', unitName: '区经信委' });
    const offline = await claimTicket('t1', { command: () => fail(0, 'NETWORK', '网络连接失败'), ticket: () => Promise.reject(new Error('x')) });
    expect(offline).toEqual({ kind: 'error', message: '网络连接失败，认领未成功，请检查网络后重试' });
  });
});

describe('feed merging', () => {
  it('replaces changed cards by ticket and keeps chat order', () => {
    const a = card({ ticketId: 'a', publishedAt: '2026-06-09T02:00:00Z', updatedAt: '2026-06-09T02:00:00Z' });
    const b = card({ ticketId: 'b', publishedAt: '2026-06-09T03:00:00Z', updatedAt: '2026-06-09T03:00:00Z' });
    const claimedA = { ...a, status: 'claimed' as const, handlingUnitName: '区经信委', updatedAt: '2026-06-09T04:00:00Z' };
    const merged = mergeFeed([b, a], [claimedA]);
    expect(merged.map((c) => c.ticketId)).toEqual(['a', 'b']);
    expect(merged[0]?.handlingUnitName).toBe('区经信委');
    // an older copy (overlapping `since`) does not undo the newer one
    expect(mergeFeed(merged, [a])[0]?.status).toBe('claimed');
  });
});

describe('persona picker', () => {
  it('groups personas by their first role in role order', () => {
    const groups = groupByRole([
      { userId: 'o1', name: '刘伟', roles: ['officer'] },
      { userId: 'ow', name: '孙建国', roles: ['owner'] },
      { userId: 'l1', name: '何红', roles: ['unitLead', 'officer'] },
    ]);
    expect(groups.map((g) => [g.role, g.users.map((u) => u.userId)])).toEqual([
      ['owner', ['ow']],
      ['officer', ['o1']],
      ['unitLead', ['l1']],
    ]);
  });
});
