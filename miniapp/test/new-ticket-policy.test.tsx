import { act, fireEvent, render, screen, waitFor } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import NewTicket from '../src/owner/pages/new/index';
import { listOutbox, loadDraft } from '../src/lib/outbox';
import { STORE_KEYS, writeStore } from '../src/lib/storage';
import { ENTERPRISE_ID, ticket } from './fixtures';
import { policy, suggestion } from './policy-fixtures';
import { calls, setModalAnswer, setRequest, setRouterParams, type RequestOptions } from './taro';

/** 我要吹哨 and the policy supermarket: suggestions while the owner types, and a consultation about one policy. */

function signIn(roles: Array<'owner' | 'officer'> = ['owner']) {
  writeStore(STORE_KEYS.session, {
    token: 'tok',
    expiresAt: '2099-01-01T00:00:00Z',
    user: { id: 'owner-01', tenantId: 'demo', name: '孙建国', roles, ...(roles.includes('owner') ? { enterpriseId: ENTERPRISE_ID } : { unitId: 'jxw' }) },
  });
}

const describeIt = (text: string) => fireEvent.change(document.querySelector('.description-input') as HTMLTextAreaElement, { target: { value: text } });
const path = (o: RequestOptions) => o.url.split('?')[0];
const qOf = (o: RequestOptions) => decodeURIComponent(/[?&]q=([^&]*)/.exec(o.url)?.[1] ?? '');

/** The stack's answers: suggestions for any text, the policy, "answered", a new ticket. */
function answering(sent: RequestOptions[]) {
  setRequest((o) => {
    sent.push(o);
    const p = path(o);
    if (p === '/api/policies/suggest') return Promise.resolve({ statusCode: 200, data: { items: [suggestion()] } });
    if (p === '/api/policies/pol-credit') return Promise.resolve({ statusCode: 200, data: { policy: policy() } });
    if (p === '/api/policies/pol-credit/answered') return Promise.resolve({ statusCode: 200, data: { counted: true } });
    if (p === '/api/tickets') return Promise.resolve({ statusCode: 201, data: { ticket: ticket({ id: 'tk-consult', category: 'policy' }) } });
    return Promise.resolve({ statusCode: 404, data: { error: { code: 'NOT_FOUND', message: '不存在' } } });
  });
}

afterEach(() => {
  vi.useRealTimers();
});

describe('suggested policies while the owner types', () => {
  it('asks once typing pauses, with enough words, for the last text only', async () => {
    vi.useFakeTimers();
    signIn();
    const sent: RequestOptions[] = [];
    answering(sent);
    render(<NewTicket />);
    const suggests = () => sent.filter((o) => path(o) === '/api/policies/suggest');
    describeIt('贷款');
    await act(() => vi.advanceTimersByTimeAsync(1000));
    expect(suggests()).toHaveLength(0);
    describeIt('想申请贷');
    await act(() => vi.advanceTimersByTimeAsync(200));
    describeIt('想申请贷款贴息，需要什么材料');
    await act(() => vi.advanceTimersByTimeAsync(1000));
    expect(suggests().map(qOf)).toEqual(['想申请贷款贴息，需要什么材料']);
    expect(screen.getByText('相关政策，或许能直接解答')).toBeTruthy();
    expect(screen.getByText('中小微企业信用贷款贴息')).toBeTruthy();
  });

  it('asks nothing for an officer raising on behalf of an enterprise', async () => {
    vi.useFakeTimers();
    signIn(['officer']);
    const sent: RequestOptions[] = [];
    answering(sent);
    render(<NewTicket />);
    describeIt('企业想申请贷款贴息，需要什么材料');
    await act(() => vi.advanceTimersByTimeAsync(1000));
    expect(sent.filter((o) => path(o) === '/api/policies/suggest')).toHaveLength(0);
  });

  it('“已解决，不再提交” counts the answer, says a kind word, forgets the draft and goes home without raising anything', async () => {
    signIn();
    const sent: RequestOptions[] = [];
    answering(sent);
    setModalAnswer({ confirm: true, cancel: false });
    render(<NewTicket />);
    describeIt('想申请贷款贴息，需要什么材料');
    const answered = await screen.findByLabelText('政策“中小微企业信用贷款贴息”已解决我的问题，不再提交诉求', {}, { timeout: 3000 });
    fireEvent.click(answered);
    await waitFor(() => expect(calls.navigations).toEqual([{ kind: 'reLaunch', url: '/pages/index/index' }]));
    expect(calls.modals[0]?.title).toBe('很高兴帮到您');
    const post = sent.find((o) => path(o) === '/api/policies/pol-credit/answered');
    expect(post?.method).toBe('POST');
    expect(post?.data).toEqual({ q: '想申请贷款贴息，需要什么材料' });
    expect(sent.some((o) => path(o) === '/api/tickets')).toBe(false);
    expect(loadDraft()).toBeUndefined();
  });
});

describe('a consultation about a policy (我要申报/咨询)', () => {
  it('shows the policy and its contact, names the request after it, and sends its policyId, with no suggestions', async () => {
    vi.useFakeTimers();
    signIn();
    // a request being written meanwhile is kept apart
    writeStore(STORE_KEYS.draft, { key: 'wx-draft-aaaaaaaaaaaa', startedAt: '2026-06-09T01:00:00.000Z', priority: 'normal', title: '厂区道路破损', description: '' });
    setRouterParams({ policyId: 'pol-credit' });
    const sent: RequestOptions[] = [];
    answering(sent);
    render(<NewTicket />);
    await act(() => vi.advanceTimersByTimeAsync(0));
    expect((document.querySelector('.title-input') as HTMLInputElement).value).toBe('政策咨询：中小微企业信用贷款贴息');
    expect(screen.getByText('王敏')).toBeTruthy();
    expect(screen.getByText('首问负责人 · 区金融办')).toBeTruthy();
    expect(document.querySelector('.category-choices .choice--on')?.textContent).toBe('政策咨询');
    describeIt('我们是专精特新企业，去年新增信用贷款 500 万元，能贴息多少？');
    await act(() => vi.advanceTimersByTimeAsync(1000));
    // worded as a consultation: no claim to wait for, only the answer's clock
    expect(document.body.textContent).not.toContain('认领');
    expect(screen.getByText('责任单位 3 个工作日内答复办结')).toBeTruthy();
    fireEvent.click(screen.getByText('提交咨询'));
    await act(() => vi.advanceTimersByTimeAsync(0));
    expect(sent.filter((o) => path(o) === '/api/policies/suggest')).toHaveLength(0);
    const created = sent.filter((o) => path(o) === '/api/tickets');
    expect(created).toHaveLength(1);
    expect(created[0]?.data).toEqual({
      title: '政策咨询：中小微企业信用贷款贴息',
      description: '我们是专精特新企业，去年新增信用贷款 500 万元，能贴息多少？',
      category: 'policy',
      priority: 'normal',
      policyId: 'pol-credit',
    });
    expect(calls.navigations).toEqual([{ kind: 'redirectTo', url: '/pages/ticket/index?id=tk-consult' }]);
    expect(listOutbox()).toEqual([]);
    expect(loadDraft()?.title).toBe('厂区道路破损');
  });

  it('names a long policy’s request within 60 characters', async () => {
    vi.useFakeTimers();
    signIn();
    setRouterParams({ policyId: 'pol-credit' });
    const long = '关于进一步支持中小微企业、个体工商户和农业经营主体纾困发展，加大信用贷款投放、降低综合融资成本并实施贷款贴息和担保费补贴的若干措施';
    setRequest(() => Promise.resolve({ statusCode: 200, data: { policy: policy({ title: long }) } }));
    render(<NewTicket />);
    await act(() => vi.advanceTimersByTimeAsync(0));
    const title = (document.querySelector('.title-input') as HTMLInputElement).value;
    expect(title.length).toBe(60);
    expect(title.startsWith('政策咨询：关于进一步支持')).toBe(true);
    expect(title.endsWith('…')).toBe(true);
  });
});
