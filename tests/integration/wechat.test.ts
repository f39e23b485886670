import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { WechatApi } from '../../functions/src/adapters/wechat.js';
import { startWechatDouble, type WechatDouble } from '../support/wechat-double.js';

/** The WeChat adapter against a WeChat double on 127.0.0.1 (the request shapes are checked there). */
let wx: WechatDouble;
beforeAll(async () => {
  wx = await startWechatDouble();
});
afterAll(() => wx.close());
beforeEach(() => {
  wx.tokenRequests.length = 0;
  wx.sent.length = 0;
  wx.attempts = 0;
  wx.failSends.length = 0;
  wx.problems.length = 0;
  wx.accessToken = 'token-1';
});

const api = (now?: () => number) => new WechatApi(wx.appId, async () => wx.secret, { baseUrl: wx.baseUrl, ...(now ? { now } : {}) });

describe('WechatApi', () => {
  it('takes the stable access token once and sends subscribe messages with it', async () => {
    const a = api();
    await a.sendSubscribeMessage('o-1', 'tmpl-1', { thing1: '企业用电增容', time3: '2026-11-24 10:00' }, 'pages/ticket/index?id=x');
    await a.sendSubscribeMessage('o-2', 'tmpl-1', { thing1: '收到👍' });
    expect(wx.problems).toEqual([]);
    expect(wx.tokenRequests).toEqual([{ grant_type: 'client_credential', appid: wx.appId, secret: wx.secret, force_refresh: false }]);
    expect(wx.sent).toEqual([
      { touser: 'o-1', template_id: 'tmpl-1', page: 'pages/ticket/index?id=x', data: { thing1: { value: '企业用电增容' }, time3: { value: '2026-11-24 10:00' } }, accessToken: 'token-1' },
      { touser: 'o-2', template_id: 'tmpl-1', data: { thing1: { value: '收到👍' } }, accessToken: 'token-1' },
    ]);
  });

  it('refetches the token once when WeChat says it is invalid or expired, and resends', async () => {
    const a = api();
    await a.sendSubscribeMessage('o-1', 'tmpl-1', { thing1: 'a' });
    wx.accessToken = 'token-2';
    await a.sendSubscribeMessage('o-1', 'tmpl-1', { thing1: 'b' });
    expect(wx.tokenRequests).toHaveLength(2);
    expect(wx.sent.map((s) => s.accessToken)).toEqual(['token-1', 'token-2']);
    // 42001 (expired) too, but only once per send
    wx.failSends.push(42001, 42001);
    await expect(a.sendSubscribeMessage('o-1', 'tmpl-1', { thing1: 'c' })).rejects.toThrow(/42001/);
    expect(wx.tokenRequests).toHaveLength(3);
    expect(wx.problems).toEqual([]);
  });

  it('takes a new token shortly before the old one expires', async () => {
    let now = 1_000_000;
    const a = api(() => now);
    await a.sendSubscribeMessage('o-1', 'tmpl-1', { thing1: 'a' });
    now += 7200_000 - 6 * 60_000;
    await a.sendSubscribeMessage('o-1', 'tmpl-1', { thing1: 'b' });
    expect(wx.tokenRequests).toHaveLength(1);
    now += 2 * 60_000;
    await a.sendSubscribeMessage('o-1', 'tmpl-1', { thing1: 'c' });
    expect(wx.tokenRequests).toHaveLength(2);
  });

  it('treats an unsubscribed user (43101) as done and other errors as failures', async () => {
    const a = api();
    wx.failSends.push(43101, 45009);
    await a.sendSubscribeMessage('o-1', 'tmpl-1', { thing1: 'a' });
    await expect(a.sendSubscribeMessage('o-1', 'tmpl-1', { thing1: 'a' })).rejects.toThrow(/45009/);
    expect(wx.sent).toEqual([]);
  });

  it('exchanges a login code for the openid', async () => {
    expect(await api().code2Session('081abc')).toEqual({ openId: 'o-081abc' });
    await expect(api().code2Session('bad')).rejects.toMatchObject({ code: 'UNAUTHENTICATED' });
    expect(wx.problems).toEqual([]);
  });
});
