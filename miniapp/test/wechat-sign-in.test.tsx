import { fireEvent, render, screen, waitFor } from '@testing-library/react';
import { describe, expect, it, vi } from 'vitest';
import { WechatSignIn } from '../src/pages/login/WechatSignIn';
import { setRequest, type RequestOptions } from './taro';

const user = { id: 'owner-07', tenantId: 'demo', name: '周敏', roles: ['owner'] };
const envelope = (status: number, code: string, message: string, details?: unknown) =>
  Promise.resolve({ statusCode: status, data: { error: { code, message, ...(details ? { details } : {}) } } });

describe('signing in with WeChat', () => {
  it('asks for the invitation when the WeChat is not bound (403), then sends the code with it', async () => {
    const sent: RequestOptions[] = [];
    setRequest((o) => {
      sent.push(o);
      const body = o.data as { code: string; invitation?: string };
      if (!body.invitation) return envelope(403, 'FORBIDDEN', '该微信尚未绑定账号，请输入管理员发放的邀请码完成绑定');
      if (body.invitation === 'USED-CODE') return envelope(400, 'VALIDATION', 'invitation：邀请码已被使用', [{ field: 'invitation', message: '邀请码已被使用' }]);
      return Promise.resolve({ statusCode: 200, data: { token: 't', expiresAt: '2099-01-01T00:00:00Z', user } });
    });
    const finish = vi.fn(() => Promise.resolve());
    render(<WechatSignIn finish={finish} />);
    fireEvent.click(screen.getByText('微信一键登录'));
    await waitFor(() => expect(document.querySelector('.invite-form__code')).not.toBeNull());
    const input = document.querySelector('.invite-form__code') as HTMLInputElement;
    expect(screen.getByText('绑定并登录')).toBeTruthy();
    fireEvent.change(input, { target: { value: 'USED-CODE' } });
    fireEvent.click(screen.getByText('绑定并登录'));
    await waitFor(() => expect(screen.getByText('invitation：邀请码已被使用')).toBeTruthy());
    fireEvent.change(input, { target: { value: 'abcde-fghjk' } });
    fireEvent.click(screen.getByText('绑定并登录'));
    await waitFor(() => expect(finish).toHaveBeenCalledTimes(1));
    expect(sent.map((o) => o.data)).toEqual([{ code: 'test-code' }, { code: 'test-code', invitation: 'USED-CODE' }, { code: 'test-code', invitation: 'abcde-fghjk' }]);
  });

  it('fills in the invitation from the QR code’s link, and on H5 simulates WeChat with the double’s code', async () => {
    const sent: RequestOptions[] = [];
    setRequest((o) => {
      sent.push(o);
      if (o.url.endsWith('/api/dev/wechat-code')) return Promise.resolve({ statusCode: 200, data: { code: 'c-1', openId: 'o-demo-1' } });
      return Promise.resolve({ statusCode: 200, data: { token: 't', expiresAt: '2099-01-01T00:00:00Z', user } });
    });
    const finish = vi.fn(() => Promise.resolve());
    render(<WechatSignIn simulated invite="ABCDEFGHJK" finish={finish} />);
    expect((document.querySelector('.invite-form__code') as HTMLInputElement).value).toBe('ABCDEFGHJK');
    fireEvent.click(screen.getByText('模拟微信登录'));
    await waitFor(() => expect(finish).toHaveBeenCalledTimes(1));
    expect(sent.map((o) => [o.url.replace(/^.*\/api/, '/api'), o.data])).toEqual([
      ['/api/dev/wechat-code', { openId: 'o-demo-1' }],
      ['/api/auth/wechat', { code: 'c-1', invitation: 'ABCDEFGHJK' }],
    ]);
  });
});
