import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { randomBytes } from 'node:crypto';
import type { AddressInfo } from 'node:net';

/**
 * The WeChat server API on 127.0.0.1, for WechatApi (adapters/wechat.ts) with
 * its base URL pointed here: the tests' double and the local stack's WeChat
 * (`npm start`: sign in "with WeChat" without an AppID). It checks the request
 * shapes WeChat documents and answers as WeChat does:
 *
 * - `GET /sns/jscode2session?appid&secret&js_code&grant_type=authorization_code`:
 *   a code from `issueCode(openid)` is good once (40163 after), for that openid;
 *   any other code `c` answers the openid `o-c` (`bad`: 40029);
 * - `POST /cgi-bin/stable_token`: JSON body grant_type=client_credential,
 *   appid, secret, force_refresh (a boolean);
 * - `POST /cgi-bin/message/subscribe/send?access_token=`: touser, template_id,
 *   optional page, data of `{value}` entries, each value within the limits of
 *   its field's type (thing ≤ 20 characters, phrase ≤ 5 Chinese characters,
 *   time and date as WeChat reads them…: 47003 otherwise); with
 *   `enforceConsents`, one send per consent given (`subscribe`), else 43101.
 *
 * Anything malformed is recorded in `problems` (a test failure for the tests).
 */
export interface WechatSend {
  touser: string;
  template_id: string;
  page?: string;
  data: Record<string, { value: string }>;
  accessToken: string;
}

export interface WechatDouble {
  baseUrl: string;
  appId: string;
  secret: string;
  /** stable_token requests received */
  tokenRequests: Array<Record<string, unknown>>;
  /** subscribe messages accepted (errcode 0) */
  sent: WechatSend[];
  /** subscribe send attempts, accepted or not */
  attempts: number;
  /** errcodes to answer the next sends with, in order (0: accept) */
  failSends: number[];
  /** the access token stable_token hands out (change it to "rotate") */
  accessToken: string;
  /** malformed requests seen */
  problems: string[];
  /** count consents as WeChat does (a send without one: 43101); off by default */
  enforceConsents: boolean;
  /** sends refused for want of a consent (43101) */
  refusedNoConsent: number;
  /** a login code jscode2session will exchange for this openid, once (what wx.login gives on a phone) */
  issueCode(openId: string): string;
  /** the person accepted a template in wx.requestSubscribeMessage: one send more */
  subscribe(openId: string, templateId: string, times?: number): void;
  /** consents left on WeChat's side */
  consentsOf(openId: string, templateId: string): number;
  close(): Promise<void>;
}

const readJson = (req: IncomingMessage): Promise<Record<string, unknown>> =>
  new Promise((resolve) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      try {
        resolve(JSON.parse(Buffer.concat(chunks).toString('utf8') || '{}') as Record<string, unknown>);
      } catch {
        resolve({ __malformed: true });
      }
    });
  });

const count = (s: string) => Array.from(s).length;
const DATE = String.raw`\d{4}(?:-\d{1,2}-\d{1,2}|/\d{1,2}/\d{1,2}|年\d{1,2}月\d{1,2}日)`;
const TIME = String.raw`\d{1,2}:\d{2}(?::\d{2})?`;

/**
 * The documented limits of a subscribe message's field by its type (the key
 * without its number: `thing1` is a `thing`): why a value is refused, or
 * undefined. Types we never send are checked loosely (≤ 32 characters).
 */
export function fieldProblem(key: string, value: string): string | undefined {
  const type = key.replace(/\d+$/, '');
  const ok = (() => {
    switch (type) {
      case 'thing':
        return count(value) >= 1 && count(value) <= 20;
      case 'phrase':
        return /^[\u4e00-\u9fa5]{1,5}$/.test(value);
      case 'name':
        return /^[\u4e00-\u9fa5·]{1,10}$/.test(value) || /^[A-Za-z ]{1,20}$/.test(value);
      case 'number':
        return /^[0-9.]{1,32}$/.test(value);
      case 'letter':
        return /^[A-Za-z]{1,32}$/.test(value);
      case 'character_string':
        return /^[\x21-\x7e]{1,32}$/.test(value);
      case 'time':
        return new RegExp(`^(?:${DATE}\\s+)?${TIME}$`).test(value) || new RegExp(`^${DATE}$`).test(value);
      case 'date':
        return new RegExp(`^${DATE}(?:\\s+${TIME})?$`).test(value);
      case 'phone_number':
        return /^[0-9+\-() ]{1,17}$/.test(value);
      default:
        return count(value) >= 1 && count(value) <= 32;
    }
  })();
  return ok ? undefined : `data.${key}.value ${JSON.stringify(value)} is not a valid ${type}`;
}

export async function startWechatDouble(opts: { appId?: string; secret?: string; port?: number; enforceConsents?: boolean } = {}): Promise<WechatDouble> {
  const issued = new Map<string, { openId: string; used: boolean }>();
  const consents = new Map<string, number>();
  const consentKey = (openId: string, templateId: string) => `${openId}\u0000${templateId}`;
  const state: WechatDouble = {
    baseUrl: '',
    appId: opts.appId ?? 'wx-test-app',
    secret: opts.secret ?? 'wx-test-secret',
    tokenRequests: [],
    sent: [],
    attempts: 0,
    failSends: [],
    accessToken: 'token-1',
    problems: [],
    enforceConsents: opts.enforceConsents ?? false,
    refusedNoConsent: 0,
    issueCode(openId) {
      // what wx.login hands a phone: opaque, one-time
      const code = `0${randomBytes(12).toString('hex')}`;
      issued.set(code, { openId, used: false });
      return code;
    },
    subscribe(openId, templateId, times = 1) {
      consents.set(consentKey(openId, templateId), state.consentsOf(openId, templateId) + times);
    },
    consentsOf: (openId, templateId) => consents.get(consentKey(openId, templateId)) ?? 0,
    close: async () => undefined,
  };
  const reply = (res: ServerResponse, body: unknown) => {
    res.writeHead(200, { 'content-type': 'application/json' });
    res.end(JSON.stringify(body));
  };
  const server: Server = createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://wechat');
    void (async () => {
      if (req.method === 'POST' && url.pathname === '/cgi-bin/stable_token') {
        const body = await readJson(req);
        state.tokenRequests.push(body);
        if (body.grant_type !== 'client_credential' || body.appid !== state.appId || body.secret !== state.secret || typeof body.force_refresh !== 'boolean') {
          state.problems.push(`stable_token body ${JSON.stringify(body)}`);
          return reply(res, { errcode: 40013, errmsg: 'invalid appid' });
        }
        return reply(res, { access_token: state.accessToken, expires_in: 7200 });
      }
      if (req.method === 'POST' && url.pathname === '/cgi-bin/message/subscribe/send') {
        const body = await readJson(req);
        state.attempts++;
        const token = url.searchParams.get('access_token') ?? '';
        const data = body.data as Record<string, unknown> | undefined;
        const wellFormed =
          typeof body.touser === 'string' &&
          body.touser !== '' &&
          typeof body.template_id === 'string' &&
          body.template_id !== '' &&
          (body.page === undefined || typeof body.page === 'string') &&
          data !== undefined &&
          typeof data === 'object' &&
          data !== null &&
          Object.values(data).every((v) => typeof v === 'object' && v !== null && Object.keys(v).join() === 'value' && typeof (v as { value: unknown }).value === 'string');
        if (!wellFormed) {
          state.problems.push(`subscribe send body ${JSON.stringify(body)}`);
          return reply(res, { errcode: 47003, errmsg: 'argument invalid' });
        }
        const fieldIssues = Object.entries(data as Record<string, { value: string }>).flatMap(([k, v]) => fieldProblem(k, v.value) ?? []);
        if (fieldIssues.length > 0) {
          state.problems.push(`subscribe send ${fieldIssues.join('; ')}`);
          return reply(res, { errcode: 47003, errmsg: `argument invalid! ${fieldIssues[0] ?? ''}` });
        }
        if (token !== state.accessToken) return reply(res, { errcode: 40001, errmsg: 'invalid credential, access_token is invalid or not latest' });
        const fail = state.failSends.shift() ?? 0;
        if (fail !== 0) return reply(res, { errcode: fail, errmsg: 'injected failure' });
        const touser = body.touser as string;
        const templateId = body.template_id as string;
        if (state.enforceConsents) {
          const left = state.consentsOf(touser, templateId);
          if (left <= 0) {
            state.refusedNoConsent++;
            return reply(res, { errcode: 43101, errmsg: 'user refuse to accept the msg' });
          }
          consents.set(consentKey(touser, templateId), left - 1);
        }
        state.sent.push({ ...(body as unknown as Omit<WechatSend, 'accessToken'>), accessToken: token });
        return reply(res, { errcode: 0, errmsg: 'ok' });
      }
      if (req.method === 'GET' && url.pathname === '/sns/jscode2session') {
        const code = url.searchParams.get('js_code') ?? '';
        const q = url.searchParams;
        if (q.get('appid') !== state.appId || q.get('secret') !== state.secret || q.get('grant_type') !== 'authorization_code' || code === '') {
          state.problems.push(`jscode2session ${url.search}`);
          return reply(res, { errcode: 40013, errmsg: 'invalid appid' });
        }
        const mine = issued.get(code);
        if (mine) {
          if (mine.used) return reply(res, { errcode: 40163, errmsg: 'code been used' });
          mine.used = true;
          return reply(res, { openid: mine.openId, session_key: randomBytes(16).toString('base64') });
        }
        return reply(res, code === 'bad' ? { errcode: 40029, errmsg: 'invalid code' } : { openid: `o-${code}`, session_key: 'sk' });
      }
      state.problems.push(`unexpected ${req.method} ${url.pathname}`);
      res.writeHead(404);
      res.end();
    })();
  });
  await new Promise<void>((r) => server.listen(opts.port ?? 0, '127.0.0.1', () => r()));
  state.baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  state.close = () =>
    new Promise<void>((r) => {
      server.closeAllConnections();
      server.close(() => r());
    });
  return state;
}
