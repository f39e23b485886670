import { DEFAULT_LOGIN_RATE_LIMITS, DEFAULT_RATE_LIMITS, ForbiddenError, NotFoundError, RateLimitedError, ValidationError, type User } from '@whistle/shared';
import { describe, expect, it } from 'vitest';
import { devLogin, wechatLogin, type SignToken } from '../../../functions/src/services/auth.js';
import { putRateLimits, rateLimits } from '../../../functions/src/services/settings-admin.js';
import { claim, intake } from '../../../functions/src/services/tickets.js';
import { keys } from '../../../functions/src/store/keys.js';
import { demoPorts } from '../../support/memory/index.js';
import { body, failure, KEY_OWNER, kit, UNLIMITED } from './kit.js';

const sign: SignToken = async (user: User) => ({ token: `token-${user.id}`, expiresAt: '2026-12-07T00:00:00.000Z' });

const limited = (e: Error, what: string): RateLimitedError => {
  expect(e).toBeInstanceOf(RateLimitedError);
  const r = e as RateLimitedError;
  expect(r.code).toBe('RATE_LIMITED');
  expect(r.status).toBe(429);
  expect(r.retryAfterSeconds).toBeGreaterThanOrEqual(1);
  expect(r.details).toEqual({ retryAfterSeconds: r.retryAfterSeconds });
  expect(r.message).toBe(`${what}过于频繁，请 ${r.retryAfterSeconds} 秒后再试`);
  return r;
};

describe('rate limits on in-memory ports', () => {
  it('lets exactly `max` of a concurrent burst of intakes from one enterprise through, and writes nothing for the rest', async () => {
    const k = await kit(undefined, { rateLimits: { ...UNLIMITED, intakePerEnterprise: { max: 5, windowSeconds: 3600 } } });
    const owner = await k.as(KEY_OWNER);
    const before = k.ports.table.dump().length;
    const results = await Promise.allSettled(Array.from({ length: 30 }, (_, i) => intake(k.ports, owner, body({ title: `第 ${i} 件` }), `burst-${i}`)));
    const created = results.filter((r) => r.status === 'fulfilled');
    expect(created).toHaveLength(5);
    for (const r of results) if (r.status === 'rejected') limited(r.reason as Error, '提交');
    expect(k.ports.table.dump().filter((i) => i.entity === 'TICKET')).toHaveLength(5);
    // what five intakes write, plus one counter: the refused 25 added nothing (no ticket, number or count)
    const counter = { tenantId: k.tenantId, name: 'intake', subject: owner.enterpriseId ?? '', max: 5, windowSeconds: 3600 };
    expect(k.ports.rateLimiter.count(counter, Date.now())).toBe(5);
    expect(k.ports.table.dump().filter((i) => i.entity === 'COUNTER').map((i) => i.value)).toEqual([5]);
    expect(k.ports.table.dump().length).toBeGreaterThan(before);
    // another enterprise is not affected
    await expect(intake(k.ports, await k.as('owner-03'), body(), 'other')).resolves.toMatchObject({ created: true });
  });

  it('never counts an idempotent replay, and answers it even with the budget spent', async () => {
    const k = await kit(undefined, { rateLimits: { ...UNLIMITED, intakePerEnterprise: { max: 2, windowSeconds: 3600 } } });
    const owner = await k.as(KEY_OWNER);
    const first = await intake(k.ports, owner, body(), 'same');
    for (let i = 0; i < 5; i++) expect((await intake(k.ports, owner, body(), 'same')).created).toBe(false);
    await intake(k.ports, owner, body(), 'second');
    limited(await failure(() => intake(k.ports, owner, body(), 'third')), '提交');
    const replay = await intake(k.ports, owner, body(), 'same');
    expect(replay).toEqual({ ticket: first.ticket, created: false });
  });

  it('counts claims per officer; a claim of a ticket not there gives its count back; another officer is not affected', async () => {
    const k = await kit(undefined, { rateLimits: { ...UNLIMITED, claimsPerOfficer: { max: 2, windowSeconds: 60 } } });
    const tickets = [await k.raise(), await k.raise(), await k.raise()];
    const jxw = await k.as('officer-jxw');
    await claim(k.ports, jxw, tickets[0]?.id ?? '');
    expect(await failure(() => claim(k.ports, jxw, 'tk-missing'))).toBeInstanceOf(NotFoundError);
    await claim(k.ports, jxw, tickets[1]?.id ?? '');
    const third = tickets[2]?.id ?? '';
    const before = await k.ports.tickets.get(k.tenantId, third);
    limited(await failure(() => claim(k.ports, jxw, third)), '认领');
    // nothing written: no claim lock, same version
    expect(await k.ports.tickets.get(k.tenantId, third)).toEqual(before);
    expect((await claim(k.ports, await k.as('officer-fgw'), third)).handlingUnitId).toBe('fgw');
  });

  it('limits dev sign-in per persona and per source; a refused sign-in leaves no count', async () => {
    const { ports } = await demoPorts({ loginLimits: { perUser: { max: 2, windowSeconds: 900 }, perSource: { max: 3, windowSeconds: 900 } } });
    const t = 'qingxi';
    expect((await devLogin(ports, sign, t, 'owner-01', '10.0.0.1')).token).toBe('token-owner-01');
    await devLogin(ports, sign, t, 'owner-01', '10.0.0.1');
    limited(await failure(() => devLogin(ports, sign, t, 'owner-01', '10.0.0.1')), '登录');
    const source = { name: 'login-source', subject: '10.0.0.1', max: 3, windowSeconds: 900 };
    expect(ports.rateLimiter.count(source, Date.now())).toBe(2);
    await devLogin(ports, sign, t, 'owner-02', '10.0.0.1');
    limited(await failure(() => devLogin(ports, sign, t, 'owner-03', '10.0.0.1')), '登录');
    // another source; the persona's own limit holds wherever it signs in from
    await devLogin(ports, sign, t, 'owner-03', '10.0.0.2');
    limited(await failure(() => devLogin(ports, sign, t, 'owner-01', '10.0.0.2')), '登录');
    // an unknown persona counts too (guessing is what the limit slows down)
    expect(await failure(() => devLogin(ports, sign, t, 'nobody', '10.0.0.3'))).toBeInstanceOf(NotFoundError);
    expect(ports.rateLimiter.count({ ...source, subject: '10.0.0.3' }, Date.now())).toBe(1);
  });

  it('limits WeChat sign-in per openid once WeChat names it, and per source before WeChat is asked', async () => {
    const { ports, data } = await demoPorts({ loginLimits: { perUser: { max: 2, windowSeconds: 900 }, perSource: { max: 4, windowSeconds: 900 } } });
    await ports.refs.linkWechat('openid-abc', data.tenant.id, 'owner-01');
    expect((await wechatLogin(ports, sign, 'abc', '10.0.0.1')).user.id).toBe('owner-01');
    await wechatLogin(ports, sign, 'abc', '10.0.0.2');
    limited(await failure(() => wechatLogin(ports, sign, 'abc', '10.0.0.3')), '登录');
    // the refusal gave back its source's count
    expect(ports.rateLimiter.count({ name: 'login-source', subject: '10.0.0.3', max: 4, windowSeconds: 900 }, Date.now())).toBe(0);
    // an unbound openid: 403, and it counts
    expect(await failure(() => wechatLogin(ports, sign, 'zzz', '10.0.0.4'))).toBeInstanceOf(ForbiddenError);
    for (let i = 0; i < 3; i++) await failure(() => wechatLogin(ports, sign, `code-${i}`, '10.0.0.4'));
    limited(await failure(() => wechatLogin(ports, sign, 'abc', '10.0.0.4')), '登录');
  });

  it('lets an admin read and set the tenant’s limits; the defaults show as such; bad limits are refused in Chinese', async () => {
    const { ports, as } = await demoPorts();
    // a tenant without a stored setting (one seeded before the setting existed): the defaults
    const bare = await demoPorts();
    bare.ports.table.delete(keys.rateLimits(bare.data.tenant.id));
    expect(await rateLimits(bare.ports, await bare.as('admin'))).toEqual({ limits: DEFAULT_RATE_LIMITS, isDefault: true, login: DEFAULT_LOGIN_RATE_LIMITS });
    // the demo district writes them out
    expect(await rateLimits(ports, await as('admin'))).toMatchObject({ limits: DEFAULT_RATE_LIMITS, isDefault: false });
    const next = { intakePerEnterprise: { max: 5, windowSeconds: 600 }, claimsPerOfficer: { max: 10, windowSeconds: 60 } };
    expect(await putRateLimits(ports, await as('admin'), next)).toEqual({ limits: next, isDefault: false, login: DEFAULT_LOGIN_RATE_LIMITS });
    expect((await rateLimits(ports, await as('supervisor'))).limits).toEqual(next);
    const supervisor = await as('supervisor');
    expect(await failure(() => putRateLimits(ports, supervisor, next))).toBeInstanceOf(ForbiddenError);
    const bad = await failure(async () => putRateLimits(ports, await as('admin'), { ...next, intakePerEnterprise: { max: 5, windowSeconds: 0 } }));
    expect(bad).toBeInstanceOf(ValidationError);
    expect(bad.message).toContain('时间窗口至少 1 秒');
    expect(await failure(async () => putRateLimits(ports, await as('admin'), { ...next, extra: 1 }))).toBeInstanceOf(ValidationError);
  });
});
