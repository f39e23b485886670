import { act, fireEvent, render, screen, waitFor } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import NewTicket from '../src/owner/pages/new/index';
import { flushOutbox, listOutbox, loadDraft } from '../src/lib/outbox';
import { STORE_KEYS, writeStore } from '../src/lib/storage';
import { ENTERPRISE_ID, ticket } from './fixtures';
import Taro, { calls, setRequest, type RequestOptions } from './taro';

function signInOwner() {
  writeStore(STORE_KEYS.session, {
    token: 'tok',
    expiresAt: '2099-01-01T00:00:00Z',
    user: { id: 'owner-01', tenantId: 'demo', name: '孙建国', roles: ['owner'], enterpriseId: ENTERPRISE_ID },
  });
}

function fill() {
  fireEvent.click(screen.getByText('水电气网'));
  fireEvent.change(document.querySelector('.title-input') as HTMLInputElement, { target: { value: '新厂房用电增容' } });
  fireEvent.change(document.querySelector('.description-input') as HTMLTextAreaElement, {
    target: { value: '新建厂房需要增容，申请已提交三周。' },
  });
}

const created = (o: RequestOptions) =>
  Promise.resolve({
    statusCode: 201,
    data: { ticket: ticket({ id: 'tk-new', title: (o.data as { title: string }).title }) },
  });

describe('我要吹哨', () => {
  it('shows the shared schema’s Chinese messages and sends nothing', async () => {
    signInOwner();
    const sent: RequestOptions[] = [];
    setRequest((o) => {
      sent.push(o);
      return created(o);
    });
    render(<NewTicket />);
    fireEvent.click(screen.getByText('提交吹哨'));
    await waitFor(() => expect(screen.getByText('请选择诉求类别')).toBeTruthy());
    expect(screen.getByText('标题不能为空')).toBeTruthy();
    expect(screen.getByText('问题描述不能为空')).toBeTruthy();
    expect(sent).toHaveLength(0);
    // too long a title is caught too
    fireEvent.change(document.querySelector('.title-input') as HTMLInputElement, { target: { value: '长'.repeat(61) } });
    fireEvent.click(screen.getByText('提交吹哨'));
    await waitFor(() => expect(screen.getByText('标题最多 60 个字')).toBeTruthy());
  });

  it('sends once with the draft’s idempotency key and opens the new request', async () => {
    signInOwner();
    const sent: RequestOptions[] = [];
    setRequest((o) => {
      sent.push(o);
      return created(o);
    });
    render(<NewTicket />);
    fill();
    const key = loadDraft()?.key;
    expect(key).toMatch(/^[A-Za-z0-9_-]{8,128}$/);
    fireEvent.click(screen.getByText('提交吹哨'));
    await waitFor(() => expect(calls.navigations).toEqual([{ kind: 'redirectTo', url: '/pages/ticket/index?id=tk-new' }]));
    expect(sent).toHaveLength(1);
    expect(sent[0]?.method).toBe('POST');
    expect(sent[0]?.url).toBe('/api/tickets');
    expect(sent[0]?.header?.['Idempotency-Key']).toBe(key);
    expect(sent[0]?.header?.Authorization).toBe('Bearer tok');
    expect(sent[0]?.data).toEqual({ title: '新厂房用电增容', description: '新建厂房需要增容，申请已提交三周。', category: 'utilities', priority: 'normal' });
    expect(loadDraft()).toBeUndefined();
    expect(listOutbox()).toEqual([]);
  });

  it('keeps a request written offline and sends it later with the same key, once', async () => {
    signInOwner();
    const sent: RequestOptions[] = [];
    setRequest((o) => {
      sent.push(o);
      return Promise.reject(new Error('request:fail timeout'));
    });
    const view = render(<NewTicket />);
    fill();
    const key = loadDraft()?.key;
    fireEvent.click(screen.getByText('提交吹哨'));
    await waitFor(() => expect(calls.modals[0]?.title).toBe('已保存在手机上'));
    expect(listOutbox().map((e) => e.key)).toEqual([key]);
    expect(listOutbox()[0]?.attempts).toBe(1);
    expect(loadDraft()).toBeUndefined();

    // the app is closed; later the network is back
    view.unmount();
    let release: () => void = () => undefined;
    setRequest((o) => {
      sent.push(o);
      return new Promise((resolve) => {
        release = () => resolve({ statusCode: 200, data: { ticket: ticket({ id: 'tk-new' }) } });
      });
    });
    let sentEvent: unknown;
    Taro.eventCenter.on('whistle:outbox-sent', (t: unknown) => {
      sentEvent = t;
    });
    // two triggers at once (network change + page show): one request
    const a = flushOutbox();
    const b = flushOutbox();
    await waitFor(() => expect(sent).toHaveLength(2));
    // still in the outbox until the server has answered with the ticket
    expect(listOutbox()).toHaveLength(1);
    await act(async () => {
      release();
      await Promise.all([a, b]);
    });
    expect(sent).toHaveLength(2);
    expect(sent.map((s) => s.header?.['Idempotency-Key'])).toEqual([key, key]);
    expect(listOutbox()).toEqual([]);
    expect(Array.isArray(sentEvent) && (sentEvent as Array<{ id: string }>)[0]?.id).toBe('tk-new');
    // nothing left: no further request
    await flushOutbox();
    expect(sent).toHaveLength(2);
  });

  it('gives the form back when the server refuses it for good', async () => {
    signInOwner();
    setRequest(() =>
      Promise.resolve({ statusCode: 400, data: { error: { code: 'VALIDATION', message: 'enterpriseId：企业不存在' } } }),
    );
    render(<NewTicket />);
    fill();
    const key = loadDraft()?.key;
    fireEvent.click(screen.getByText('提交吹哨'));
    await waitFor(() => expect(screen.getByText('enterpriseId：企业不存在')).toBeTruthy());
    expect(listOutbox()).toEqual([]);
    expect(loadDraft()?.key).toBe(key);
    expect((document.querySelector('.title-input') as HTMLInputElement).value).toBe('新厂房用电增容');
  });

  it('keeps a request the server rate-limited (429) in the outbox, and waits out its Retry-After before sending again', async () => {
    signInOwner();
    const sent: RequestOptions[] = [];
    setRequest((o) => {
      sent.push(o);
      return Promise.resolve({ statusCode: 429, data: { error: { code: 'RATE_LIMITED', message: '提交过于频繁，请 60 秒后再试', details: { retryAfterSeconds: 60 } } } });
    });
    render(<NewTicket />);
    fill();
    fireEvent.click(screen.getByText('提交吹哨'));
    await waitFor(() => expect(sent).toHaveLength(1));
    await waitFor(() => expect(listOutbox()[0]?.notBefore).toBeDefined());
    expect(listOutbox()[0]?.lastError).toBe('提交过于频繁，请 60 秒后再试');
    // within the minute: nothing is sent
    await flushOutbox();
    expect(sent).toHaveLength(1);
    // after it: sent again, under the same key
    const entry = listOutbox()[0];
    if (!entry) throw new Error('no outbox entry');
    writeStore(STORE_KEYS.outbox, [{ ...entry, notBefore: new Date(Date.now() - 1000).toISOString() }]);
    setRequest((o) => {
      sent.push(o);
      return created(o);
    });
    await flushOutbox();
    expect(sent).toHaveLength(2);
    expect(sent[1]?.header?.['Idempotency-Key']).toBe(sent[0]?.header?.['Idempotency-Key']);
    expect(listOutbox()).toEqual([]);
  });

  it('restores an unfinished draft after the app was closed', () => {
    signInOwner();
    const first = render(<NewTicket />);
    fireEvent.change(document.querySelector('.title-input') as HTMLInputElement, { target: { value: '草稿标题' } });
    const key = loadDraft()?.key;
    first.unmount();
    render(<NewTicket />);
    expect((document.querySelector('.title-input') as HTMLInputElement).value).toBe('草稿标题');
    expect(screen.getByText('已恢复上次未提交的草稿')).toBeTruthy();
    expect(loadDraft()?.key).toBe(key);
  });
});
