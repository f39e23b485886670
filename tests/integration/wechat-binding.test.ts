import type { AuditEntry, InboxItem, InvitationView, SubscriptionsResponse } from '@whistle/shared';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { WechatApi } from '../../functions/src/adapters/wechat.js';
import { registerLocalRuntime } from '../../functions/src/dev-controls.js';
import type { SqsPoller } from '../../functions/src/local/sqs-poller.js';
import { keys } from '../../functions/src/store/keys.js';
import { startWechatDouble, type WechatDouble } from '../support/wechat-double.js';
import { newKey, outboxPoller, startKit, type Kit } from './requests-kit.js';

/**
 * Binding WeChat by invitation and subscribe messages the WeChat way, over
 * HTTP, with the functions' WeChat adapter pointed at the WeChat double
 * (which checks every request's shape and counts consents as WeChat does).
 */
let kit: Kit;
let wx: WechatDouble;
let poller: SqsPoller;
let saved: { wechat: Kit['env']['deps']['wechat']; templates: Record<string, string> };
beforeAll(async () => {
  kit = await startKit();
  wx = await startWechatDouble({ enforceConsents: true });
  const deps = kit.env.deps;
  saved = { wechat: deps.wechat, templates: deps.config.wechat.templates };
  // what the wiring builds from WECHAT_APP_ID and the app secret, against the double
  deps.wechat = new WechatApi(wx.appId, async () => wx.secret, { baseUrl: wx.baseUrl });
  // the deployment's default: the tenant's own templates must win over it
  deps.config.wechat.templates = { replied: 'tpl-deployment-replied' };
  registerLocalRuntime({ runSchedules: () => Promise.reject(new Error('not used')), wechatCode: (openId) => wx.issueCode(openId) });
  poller = await outboxPoller(kit.env);
  await poller.drain();
});
afterAll(async () => {
  kit.env.deps.wechat = saved.wechat;
  kit.env.deps.config.wechat.templates = saved.templates;
  registerLocalRuntime(undefined);
  await wx.close();
  await kit.close();
});

const as = async (userId: string) => ({ token: await kit.token(userId) });
const invite = async (userIds: string[], days?: number) => {
  const res = await kit.api.call('POST', '/api/wechat/invitations', { ...(await as('admin')), body: { userIds, ...(days ? { days } : {}) } });
  expect(res.status, JSON.stringify(res.body)).toBe(201);
  return (res.body as { items: InvitationView[] }).items;
};
const signIn = (code: string, invitation?: string) => kit.api.call('POST', '/api/auth/wechat', { body: { code, ...(invitation ? { invitation } : {}) } });
const audits = async () => (await kit.env.deps.audit.list(kit.tenantId, { month: kit.now().toISOString().slice(0, 7), limit: 500 })).items;
const invitationOf = async (userId: string) =>
  ((await kit.api.call('GET', `/api/wechat/invitations?userId=${userId}`, await as('admin'))).body as { items: InvitationView[] }).items;

describe('invitations', () => {
  it('issues a typeable one-time code and a QR path per user, lists it pending, and only an admin may', async () => {
    const [inv, other] = await invite(['owner-05', 'officer-fgw']);
    expect(inv).toMatchObject({ userId: 'owner-05', status: 'pending', statusLabel: '待使用', path: `pages/login/index?invite=${inv?.code}` });
    expect(inv?.code).toMatch(/^[23456789ABCDEFGHJKMNPQRSTVWXYZ]{10}$/);
    expect(inv?.display).toBe(`${inv?.code.slice(0, 5)}-${inv?.code.slice(5)}`);
    expect(Date.parse(inv?.expiresAt ?? '') - Date.parse(inv?.issuedAt ?? '')).toBe(7 * 86_400_000);
    expect(other?.userId).toBe('officer-fgw');
    expect((await invitationOf('owner-05')).map((i) => i.code)).toEqual([inv?.code]);
    for (const who of ['supervisor', 'owner-05', 'officer-jxw']) {
      const res = await kit.api.call('POST', '/api/wechat/invitations', { ...(await as(who)), body: { userIds: ['owner-05'] } });
      expect(res.status, who).toBe(403);
      expect((await kit.api.call('GET', '/api/wechat/invitations', await as(who))).status, who).toBe(403);
    }
    const unknown = await kit.api.call('POST', '/api/wechat/invitations', { ...(await as('admin')), body: { userIds: ['owner-05', 'nobody'] } });
    expect(unknown.status).toBe(400);
    expect(unknown.body.error.details).toEqual([{ field: 'userIds.1', message: '用户 nobody 不存在' }]);
    expect((await audits()).filter((a) => a.action === 'invite' && a.targetId === inv?.code)).toHaveLength(1);
  });

  it('replaces the pending invitation of a user issued again, and revokes on request', async () => {
    const [first] = await invite(['owner-06']);
    const [second] = await invite(['owner-06']);
    // (issued in the same pinned instant: their order in the list is the codes')
    const list = await invitationOf('owner-06');
    expect(Object.fromEntries(list.map((i) => [i.code, i.status]))).toEqual({ [second?.code ?? '']: 'pending', [first?.code ?? '']: 'revoked' });
    const revoked = await kit.api.call('POST', `/api/wechat/invitations/${second?.code}/revoke`, await as('admin'));
    expect(revoked.status).toBe(200);
    expect(revoked.body.invitation.status).toBe('revoked');
    const again = await kit.api.call('POST', `/api/wechat/invitations/${second?.code}/revoke`, await as('admin'));
    expect(again.status).toBe(409);
    expect(again.body.error.message).toMatch(/已作废/);
    // typed in lower case with a dash, the code is the same code
    const lower = await kit.api.call('POST', `/api/wechat/invitations/${second?.display.toLowerCase()}/revoke`, await as('admin'));
    expect(lower.status).toBe(409);
    expect((await audits()).filter((a) => a.action === 'revoke' && [first?.code, second?.code].includes(a.targetId))).toHaveLength(2);
  });
});

describe('binding WeChat by invitation', () => {
  it('binds on the first sign-in with the invitation, signs in with the code alone after, and is 403 once unbound', async () => {
    expect((await signIn(wx.issueCode('o-owner-07'))).status).toBe(403);
    const [inv] = await invite(['owner-07']);
    // typed as a person reads it
    const first = await signIn(wx.issueCode('o-owner-07'), inv?.display.toLowerCase());
    expect(first.status, JSON.stringify(first.body)).toBe(200);
    expect(first.body.user).toMatchObject({ id: 'owner-07', tenantId: kit.tenantId, wechatOpenId: 'o-owner-07' });
    const me = await kit.api.call('GET', '/api/me', { token: first.body.token });
    expect(me.body.user.id).toBe('owner-07');
    const later = await signIn(wx.issueCode('o-owner-07'));
    expect(later.status).toBe(200);
    expect(later.body.user.id).toBe('owner-07');
    expect((await invitationOf('owner-07'))[0]?.status).toBe('used');

    const unbound = await kit.api.call('DELETE', '/api/wechat/bindings/owner-07', await as('admin'));
    expect(unbound.status).toBe(200);
    expect(unbound.body).toEqual({ userId: 'owner-07', unbound: true });
    expect((await kit.env.deps.refs.user(kit.tenantId, 'owner-07'))?.wechatOpenId).toBeUndefined();
    expect(await kit.env.deps.store.get(keys.wechatUser('o-owner-07'), true)).toBeUndefined();
    const refused = await signIn(wx.issueCode('o-owner-07'));
    expect(refused.status).toBe(403);
    expect(refused.body.error.message).toMatch(/邀请码/);
    expect((await kit.api.call('DELETE', '/api/wechat/bindings/owner-07', await as('admin'))).body.unbound).toBe(false);
    expect((await kit.api.call('DELETE', '/api/wechat/bindings/owner-07', await as('supervisor'))).status).toBe(403);

    const trail = (await audits()).filter((a: AuditEntry) => a.targetId === 'owner-07');
    expect(trail.map((a) => a.action).sort()).toEqual(['bind', 'unbind']);
    expect(trail.find((a) => a.action === 'bind')?.actor.userId).toBe('owner-07');
    expect(trail.find((a) => a.action === 'unbind')?.actor.userId).toBe('admin');
    expect(wx.problems).toEqual([]);
  });

  it('refuses a used, an expired, a revoked and an unknown invitation with 400 naming the field, in Chinese', async () => {
    const [used, expired, revoked] = await invite(['owner-08', 'owner-09', 'owner-10']);
    expect((await signIn(wx.issueCode('o-owner-08'), used?.code)).status).toBe(200);
    await kit.api.call('POST', `/api/wechat/invitations/${revoked?.code}/revoke`, await as('admin'));
    const start = kit.now().getTime();
    kit.advance(7 * 86_400_000 + 1);
    try {
      const cases: Array<[string | undefined, RegExp]> = [
        [used?.code, /已被使用/],
        [expired?.code, /已过期/],
        [revoked?.code, /已作废/],
        ['ABCDE23456', /不存在/],
        ['ABC', /格式不正确/],
      ];
      for (const [code, message] of cases) {
        const res = await signIn(wx.issueCode('o-stranger'), code);
        expect(res.status, String(code)).toBe(400);
        expect(res.body.error.details).toEqual([{ field: 'invitation', message: expect.stringMatching(message) }]);
      }
      expect((await invitationOf('owner-09'))[0]?.status).toBe('expired');
    } finally {
      kit.setNow(start);
    }
    expect(await kit.env.deps.refs.findByWechat('o-stranger')).toBeUndefined();
  });

  it('binds exactly one of 20 devices racing with one invitation', async () => {
    const [inv] = await invite(['owner-11']);
    const results = await Promise.all(Array.from({ length: 20 }, (_, i) => signIn(wx.issueCode(`o-racer-${i}`), inv?.code)));
    const winners = results.flatMap((r, i) => (r.status === 200 ? [i] : []));
    expect(winners).toHaveLength(1);
    expect(results.filter((r) => r.status === 400).every((r) => /已被使用/.test(r.body.error.message))).toBe(true);
    const winner = `o-racer-${winners[0]}`;
    expect((await kit.env.deps.refs.user(kit.tenantId, 'owner-11'))?.wechatOpenId).toBe(winner);
    const links = await Promise.all(Array.from({ length: 20 }, (_, i) => kit.env.deps.refs.findByWechat(`o-racer-${i}`)));
    expect(links.filter(Boolean)).toEqual([{ tenantId: kit.tenantId, userId: 'owner-11' }]);
    expect((await audits()).filter((a) => a.action === 'bind' && a.targetId === 'owner-11')).toHaveLength(1);
  });

  it('refuses to bind a WeChat bound to someone else (409, the invitation stays usable), and re-binds a user to a new WeChat', async () => {
    const [a] = await invite(['owner-12']);
    expect((await signIn(wx.issueCode('o-phone-a'), a?.code)).status).toBe(200);
    const [b] = await invite(['owner-13']);
    const taken = await signIn(wx.issueCode('o-phone-a'), b?.code);
    expect(taken.status).toBe(409);
    expect(taken.body.error.message).toMatch(/已绑定其他账号/);
    expect((await invitationOf('owner-13'))[0]?.status).toBe('pending');
    // owner-12 moves to a new phone: a new invitation re-binds, the old phone signs in no more
    const [again] = await invite(['owner-12']);
    expect((await signIn(wx.issueCode('o-phone-b'), again?.code)).body.user.wechatOpenId).toBe('o-phone-b');
    expect((await signIn(wx.issueCode('o-phone-a'))).status).toBe(403);
    expect((await signIn(wx.issueCode('o-phone-b'))).body.user.id).toBe('owner-12');
  });

  it('signs in "with WeChat (simulated)" through the dev route: a code of the double for a test openid', async () => {
    const [inv] = await invite(['owner-14']);
    const code = await kit.api.call('POST', '/api/dev/wechat-code', { body: { openId: 'o-simulated-14' } });
    expect(code.status).toBe(200);
    const res = await signIn(code.body.code, inv?.code);
    expect(res.body.user.id).toBe('owner-14');
    // a login code is good once, as WeChat's
    expect((await signIn(code.body.code)).status).toBe(401);
    expect((await kit.api.call('POST', '/api/dev/wechat-code', { body: { openId: 'bad id' } })).status).toBe(400);
  });
});

describe('subscribe messages, one consent per send', () => {
  const inbox = async (userId: string, ticketId: string) =>
    ((await kit.api.call('GET', '/api/inbox', await as(userId))).body as { items: InboxItem[] }).items.filter((i) => i.ticketId === ticketId).map((i) => i.kind);

  it('uses the tenant’s templates, sends one message per accepted consent, then the inbox only', async () => {
    const put = await kit.api.call('PUT', '/api/wechat/templates', { ...(await as('admin')), body: { templates: { claimed: 'tpl-claimed', replied: 'tpl-replied' } } });
    expect(put.status).toBe(200);
    expect(put.body.effective).toEqual({ claimed: 'tpl-claimed', replied: 'tpl-replied' });
    expect((await kit.api.call('PUT', '/api/wechat/templates', { ...(await as('admin')), body: { templates: { nothing: 'x' } } })).status).toBe(400);
    const [inv] = await invite(['owner-03']);
    expect((await signIn(wx.issueCode('o-owner-03'), inv?.code)).status).toBe(200);

    const mine = (await kit.api.call('GET', '/api/me/subscriptions', await as('owner-03'))).body as SubscriptionsResponse;
    expect(mine).toEqual({ moments: { raised: ['tpl-claimed', 'tpl-replied'], claimed: ['tpl-replied'] }, remaining: {}, bound: true });
    // the mini-program asked twice after raising; the person accepted the reply template both times (WeChat counts it too)
    const answer = { 'tpl-replied': 'accept', 'tpl-claimed': 'reject', errMsg: 'requestSubscribeMessage:ok' };
    const key = newKey();
    for (const k of [key, key, newKey()]) {
      const res = await kit.api.call('POST', '/api/me/subscriptions', { ...(await as('owner-03')), headers: { 'idempotency-key': k }, body: { results: answer } });
      expect(res.status).toBe(200);
    }
    wx.subscribe('o-owner-03', 'tpl-replied', 2);
    expect(((await kit.api.call('GET', '/api/me/subscriptions', await as('owner-03'))).body as SubscriptionsResponse).remaining).toEqual({ 'tpl-replied': 2 });

    const t = await kit.raise('owner-03');
    await poller.drain();
    expect((await kit.post('officer-nsz', `/api/tickets/${t.id}/claim`)).status).toBe(200);
    for (const text of ['南山镇已认领', '已联系供电所', '预计本周答复']) {
      kit.advance(60_000);
      expect((await kit.post('officer-nsz', `/api/tickets/${t.id}/messages`, { text })).status).toBe(200);
    }
    await poller.drain();
    const toOwner = wx.sent.filter((s) => s.touser === 'o-owner-03');
    expect(toOwner.map((s) => s.template_id)).toEqual(['tpl-replied', 'tpl-replied']);
    expect(toOwner[0]?.page).toBe(`pages/ticket/index?id=${t.id}`);
    // no send was attempted without a consent: WeChat refused none
    expect(wx.refusedNoConsent).toBe(0);
    expect(wx.consentsOf('o-owner-03', 'tpl-replied')).toBe(0);
    expect((await inbox('owner-03', t.id)).sort()).toEqual(['claimed', 'replied', 'replied', 'replied']);
    expect(((await kit.api.call('GET', '/api/me/subscriptions', await as('owner-03'))).body as SubscriptionsResponse).remaining).toEqual({});
    expect(wx.problems).toEqual([]);
  });
});

describe('the WeChat double checks what it is sent', () => {
  const post = (path: string, body: unknown) =>
    fetch(`${wx.baseUrl}${path}`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) }).then((r) => r.json() as Promise<{ errcode?: number }>);

  it('refuses malformed requests, values over their field limits, and a send without consent', async () => {
    const before = wx.problems.length;
    expect((await post('/cgi-bin/stable_token', { grant_type: 'client_credential', appid: wx.appId, secret: wx.secret })).errcode).toBe(40013);
    expect((await post(`/cgi-bin/message/subscribe/send?access_token=${wx.accessToken}`, { touser: 'o-x', template_id: 't', data: { thing1: '收到' } })).errcode).toBe(47003);
    const send = (data: Record<string, unknown>) => post(`/cgi-bin/message/subscribe/send?access_token=${wx.accessToken}`, { touser: 'o-x', template_id: 't', data });
    expect((await send({ thing1: '收到' })).errcode).toBe(47003); // a bare string, not {value}
    expect((await send({ thing1: { value: '一二三四五六七八九十一二三四五六七八九十一' } })).errcode).toBe(47003); // 21 characters
    expect((await send({ phrase2: { value: '处理中了吗啊' } })).errcode).toBe(47003); // 6 characters
    expect((await send({ time3: { value: '明天上午' } })).errcode).toBe(47003);
    const login = await fetch(`${wx.baseUrl}/sns/jscode2session?appid=${wx.appId}&secret=${wx.secret}&js_code=abc`).then((r) => r.json() as Promise<{ errcode?: number }>);
    expect(login.errcode).toBe(40013); // no grant_type
    expect(wx.problems.length - before).toBe(7);
    wx.problems.length = before;
    // well formed, within the limits, but no consent on WeChat's side: 43101 (the adapter takes it as done, nothing sent)
    const sent = wx.sent.length;
    await new WechatApi(wx.appId, async () => wx.secret, { baseUrl: wx.baseUrl }).sendSubscribeMessage('o-none', 'tpl-replied', { thing1: '收到👍', time3: '2026-11-24 10:00', phrase2: '处理中' });
    expect(wx.sent.length).toBe(sent);
    expect(wx.refusedNoConsent).toBe(1);
    expect(wx.problems).toEqual([]);
  });
});
