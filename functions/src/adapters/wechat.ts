import { NotConfiguredError, WhistleError } from '@whistle/shared';
import { WechatRecipientRefused, type WechatPort } from '../ports.js';

/**
 * Errors that concern one recipient and never go away on retry: 40003 an
 * openid that is not this app's, 43104 an appid and openid that do not match,
 * 47003 template data the template refuses. (43101, not subscribed, is no error.)
 */
const RECIPIENT_REFUSED: ReadonlySet<number> = new Set([40003, 43104, 47003]);

export const WECHAT_API = 'https://api.weixin.qq.com';

/** access_token invalid (40001) or expired (42001): refetch once and resend */
const TOKEN_INVALID = new Set([40001, 42001]);
/** refetch this long before WeChat's expiry */
const EARLY_MS = 5 * 60_000;

/**
 * WeChat server API adapter: code2Session (jscode2session) for login and
 * subscribe messages for notifications. The app secret comes from SSM; in the
 * local stack nothing is configured and login says so clearly.
 *
 * The access token comes from `cgi-bin/stable_token` (force_refresh false):
 * every caller gets the same valid token, so warm notifiers do not invalidate
 * each other's (as `cgi-bin/token` does). It is cached per process until
 * shortly before it expires; a send WeChat answers with "token invalid or
 * expired" refetches it once.
 */
export class WechatApi implements WechatPort {
  private accessToken: { value: string; until: number } | undefined;
  private fetching: Promise<string> | undefined;
  private readonly base: string;
  private readonly fetchImpl: typeof fetch;
  private readonly now: () => number;

  constructor(
    private readonly appId: string,
    private readonly secret: () => Promise<string>,
    opts: { baseUrl?: string; fetchImpl?: typeof fetch; now?: () => number } = {},
  ) {
    this.base = (opts.baseUrl ?? WECHAT_API).replace(/\/$/, '');
    this.fetchImpl = opts.fetchImpl ?? fetch;
    this.now = opts.now ?? Date.now;
  }

  async code2Session(code: string): Promise<{ openId: string }> {
    const secret = await this.secret();
    const url = `${this.base}/sns/jscode2session?appid=${encodeURIComponent(this.appId)}&secret=${encodeURIComponent(secret)}&js_code=${encodeURIComponent(code)}&grant_type=authorization_code`;
    const res = await this.fetchImpl(url);
    const body = (await res.json()) as { openid?: string; errcode?: number; errmsg?: string };
    if (!body.openid) {
      throw new WhistleError('UNAUTHENTICATED', '微信登录失败，请重试', { details: { errcode: body.errcode, errmsg: body.errmsg } });
    }
    return { openId: body.openid };
  }

  /** The cached access token, or a fresh one (one request in flight per process). */
  private token(): Promise<string> {
    if (this.accessToken && this.accessToken.until > this.now()) return Promise.resolve(this.accessToken.value);
    this.fetching ??= this.fetchToken().finally(() => {
      this.fetching = undefined;
    });
    return this.fetching;
  }

  private async fetchToken(): Promise<string> {
    const secret = await this.secret();
    const res = await this.fetchImpl(`${this.base}/cgi-bin/stable_token`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ grant_type: 'client_credential', appid: this.appId, secret, force_refresh: false }),
    });
    const body = (await res.json().catch(() => ({}))) as { access_token?: string; expires_in?: number; errcode?: number; errmsg?: string };
    if (!body.access_token) throw new Error(`WeChat stable_token: ${body.errcode ?? res.status} ${body.errmsg ?? 'no token'}`);
    const ttlMs = (body.expires_in ?? 7200) * 1000;
    this.accessToken = { value: body.access_token, until: this.now() + Math.max(ttlMs - EARLY_MS, ttlMs / 2) };
    return body.access_token;
  }

  async sendSubscribeMessage(openId: string, templateId: string, data: Record<string, string>, page?: string): Promise<void> {
    const payload = JSON.stringify({
      touser: openId,
      template_id: templateId,
      ...(page ? { page } : {}),
      data: Object.fromEntries(Object.entries(data).map(([k, v]) => [k, { value: v }])),
    });
    for (let attempt = 0; ; attempt++) {
      const token = await this.token();
      const res = await this.fetchImpl(`${this.base}/cgi-bin/message/subscribe/send?access_token=${encodeURIComponent(token)}`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: payload,
      });
      const body = (await res.json().catch(() => ({ errcode: res.status }))) as { errcode?: number; errmsg?: string };
      if (body.errcode && TOKEN_INVALID.has(body.errcode) && attempt === 0) {
        if (this.accessToken?.value === token) this.accessToken = undefined;
        continue;
      }
      // 43101: the user has not subscribed to this template: not an error to retry
      if (body.errcode && RECIPIENT_REFUSED.has(body.errcode)) throw new WechatRecipientRefused(body.errcode, body.errmsg ?? '');
      if (body.errcode && body.errcode !== 43101) throw new Error(`WeChat subscribe message: ${body.errcode} ${body.errmsg ?? ''}`.trim());
      return;
    }
  }
}

/** The local stack has no WeChat app: login answers "not configured". */
export const unconfiguredWechat: WechatPort = {
  code2Session: () => Promise.reject(new NotConfiguredError('微信登录', '本地环境没有小程序 AppID 和密钥，请使用演示账号登录')),
  sendSubscribeMessage: () => Promise.reject(new NotConfiguredError('微信订阅消息')),
};
