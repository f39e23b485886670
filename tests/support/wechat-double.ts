import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

/**
 * The WeChat server API on 127.0.0.1, for WechatApi (adapters/wechat.ts) with
 * its base URL pointed here. It checks the request shapes WeChat documents
 * and answers as WeChat does: `POST /cgi-bin/stable_token` (JSON body with
 * grant_type, appid, secret, force_refresh), `POST
 * /cgi-bin/message/subscribe/send?access_token=` (touser, template_id, data of
 * `{value}` entries), `GET /sns/jscode2session`. Anything malformed is a test
 * failure, recorded in `problems`.
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

export async function startWechatDouble(opts: { appId?: string; secret?: string } = {}): Promise<WechatDouble> {
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
        if (body.grant_type !== 'client_credential' || body.appid !== state.appId || body.secret !== state.secret || body.force_refresh !== false) {
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
          data !== undefined &&
          typeof data === 'object' &&
          Object.values(data).every((v) => typeof v === 'object' && v !== null && Object.keys(v).join() === 'value' && typeof (v as { value: unknown }).value === 'string');
        if (!wellFormed) {
          state.problems.push(`subscribe send body ${JSON.stringify(body)}`);
          return reply(res, { errcode: 47003, errmsg: 'argument invalid' });
        }
        if (token !== state.accessToken) return reply(res, { errcode: 40001, errmsg: 'invalid credential, access_token is invalid or not latest' });
        const fail = state.failSends.shift() ?? 0;
        if (fail !== 0) return reply(res, { errcode: fail, errmsg: 'injected failure' });
        state.sent.push({ ...(body as unknown as Omit<WechatSend, 'accessToken'>), accessToken: token });
        return reply(res, { errcode: 0, errmsg: 'ok' });
      }
      if (req.method === 'GET' && url.pathname === '/sns/jscode2session') {
        const code = url.searchParams.get('js_code');
        if (url.searchParams.get('appid') !== state.appId || url.searchParams.get('secret') !== state.secret || url.searchParams.get('grant_type') !== 'authorization_code') {
          state.problems.push(`jscode2session ${url.search}`);
        }
        return reply(res, code === 'bad' ? { errcode: 40029, errmsg: 'invalid code' } : { openid: `o-${code}`, session_key: 'sk' });
      }
      state.problems.push(`unexpected ${req.method} ${url.pathname}`);
      res.writeHead(404);
      res.end();
    })();
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', () => r()));
  state.baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  state.close = () =>
    new Promise<void>((r) => {
      server.closeAllConnections();
      server.close(() => r());
    });
  return state;
}
