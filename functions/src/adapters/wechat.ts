import { NotConfiguredError, WhistleError } from '@whistle/shared';
import type { WechatPort } from '../ports.js';

/**
 * WeChat server API adapter: code2Session (jscode2session) for login and
 * subscribe messages for notifications. The app secret comes from SSM at cold
 * start; in the local stack nothing is configured and login says so clearly.
 */
export class WechatApi implements WechatPort {
  private accessToken: { value: string; until: number } | undefined;

  constructor(
    private readonly appId: string,
    private readonly secret: () => Promise<string>,
    private readonly fetchImpl: typeof fetch = fetch,
  ) {}

  async code2Session(code: string): Promise<{ openId: string }> {
    const secret = await this.secret();
    const url = `https://api.weixin.qq.com/sns/jscode2session?appid=${encodeURIComponent(this.appId)}&secret=${encodeURIComponent(secret)}&js_code=${encodeURIComponent(code)}&grant_type=authorization_code`;
    const res = await this.fetchImpl(url);
    const body = (await res.json()) as { openid?: string; errcode?: number; errmsg?: string };
    if (!body.openid) {
      throw new WhistleError('UNAUTHENTICATED', '微信登录失败，请重试', { details: { errcode: body.errcode, errmsg: body.errmsg } });
    }
    return { openId: body.openid };
  }

  private async token(): Promise<string> {
    if (this.accessToken && this.accessToken.until > Date.now()) return this.accessToken.value;
    const secret = await this.secret();
    const res = await this.fetchImpl(
      `https://api.weixin.qq.com/cgi-bin/token?grant_type=client_credential&appid=${encodeURIComponent(this.appId)}&secret=${encodeURIComponent(secret)}`,
    );
    const body = (await res.json()) as { access_token?: string; expires_in?: number; errmsg?: string };
    if (!body.access_token) throw new Error(`WeChat access token: ${body.errmsg ?? 'no token'}`);
    this.accessToken = { value: body.access_token, until: Date.now() + ((body.expires_in ?? 7200) - 300) * 1000 };
    return body.access_token;
  }

  async sendSubscribeMessage(openId: string, templateId: string, data: Record<string, string>, page?: string): Promise<void> {
    const token = await this.token();
    const res = await this.fetchImpl(`https://api.weixin.qq.com/cgi-bin/message/subscribe/send?access_token=${token}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({
        touser: openId,
        template_id: templateId,
        ...(page ? { page } : {}),
        data: Object.fromEntries(Object.entries(data).map(([k, v]) => [k, { value: v }])),
      }),
    });
    const body = (await res.json()) as { errcode?: number; errmsg?: string };
    // 43101: the user has not subscribed to this template: not an error to retry
    if (body.errcode && body.errcode !== 43101) throw new Error(`WeChat subscribe message: ${body.errcode} ${body.errmsg ?? ''}`);
  }
}

/** The local stack has no WeChat app: login answers "not configured". */
export const unconfiguredWechat: WechatPort = {
  code2Session: () => Promise.reject(new NotConfiguredError('微信登录', '本地环境没有小程序 AppID 和密钥，请使用演示账号登录')),
  sendSubscribeMessage: () => Promise.reject(new NotConfiguredError('微信订阅消息')),
};
