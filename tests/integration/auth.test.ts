import type { DevUser, MeResponse } from '@whistle/shared';
import { SignJWT } from 'jose';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TokenSigner } from '../../functions/src/adapters/tokens.js';
import { handler as authHandler } from '../../functions/src/handlers/auth.js';
import { handler as docsHandler } from '../../functions/src/handlers/docs.js';
import { TEST_SIGNING_KEY } from '../support/env.js';
import { httpEvent, isEnvelope, startKit, withEnv, type Kit } from './requests-kit.js';

let kit: Kit;
beforeAll(async () => {
  kit = await startKit();
});
afterAll(async () => {
  await kit.close();
});

const signer = new TokenSigner(TEST_SIGNING_KEY);
const b64 = (v: unknown) => Buffer.from(JSON.stringify(v)).toString('base64url');
const me = (token?: string) => kit.api.call('GET', '/api/me', token ? { token } : {});

describe('dev sign-in (local stack)', () => {
  it('lists the demo personas of the dev tenant', async () => {
    const res = await kit.api.call('GET', '/api/auth/dev-users');
    expect(res.status).toBe(200);
    // the dev tenant's own (other tenants' operators, province readers and admins come tagged with their tenant)
    const users = (res.body as DevUser[]).filter((u) => u.tenantId === undefined);
    expect(users.length).toBe(kit.env.data.users.length);
    const owner = users.find((u) => u.userId === 'owner-01');
    expect(owner).toMatchObject({ roles: ['owner'], enterpriseId: kit.enterpriseOf('owner-01') });
    expect(owner?.enterpriseName).toMatch(/有限公司$/);
    expect(users.find((u) => u.userId === 'officer-jxw')).toMatchObject({ unitId: 'jxw', unitName: '区经济和信息化委员会' });
    for (const id of ['leader-zhang', 'supervisor', 'agent-1', 'admin', 'grid-g01', 'lead-dgjd']) {
      expect(users.some((u) => u.userId === id), id).toBe(true);
    }
  });

  it('signs in a persona and answers who they are', async () => {
    const res = await kit.api.call('POST', '/api/auth/dev-login', { body: { userId: 'owner-01' } });
    expect(res.status).toBe(200);
    expect(res.body.user).toMatchObject({ id: 'owner-01', tenantId: kit.tenantId, roles: ['owner'] });
    expect(Date.parse(res.body.expiresAt)).toBeGreaterThan(Date.now());
    const mine = await me(res.body.token);
    expect(mine.status).toBe(200);
    const body = mine.body as MeResponse;
    expect(body.user.id).toBe('owner-01');
    expect(body.enterprise?.id).toBe(kit.enterpriseOf('owner-01'));
    expect(body.grid?.id).toBe(body.enterprise?.gridId);
    expect(body.unit).toBeUndefined();
  });

  it('answers an officer with their unit, a leader with neither unit nor enterprise', async () => {
    const officer = (await me(await kit.token('grid-g04'))).body as MeResponse;
    expect(officer.unit?.id).toBe('xcjd');
    expect(officer.enterprise).toBeUndefined();
    const leader = (await me(await kit.token('leader-li'))).body as MeResponse;
    expect(leader.user.roles).toEqual(['leader']);
    expect(leader.unit).toBeUndefined();
    expect(leader.enterprise).toBeUndefined();
  });

  it('answers 404 for an unknown persona and 400 naming the field for a bad body', async () => {
    const unknown = await kit.api.call('POST', '/api/auth/dev-login', { body: { userId: 'nobody-here' } });
    expect(unknown.status).toBe(404);
    expect(unknown.body.error.code).toBe('NOT_FOUND');
    const bad = await kit.api.call('POST', '/api/auth/dev-login', { body: { userId: 'a b' } });
    expect(bad.status).toBe(400);
    expect(bad.body.error.details).toEqual([expect.objectContaining({ field: 'userId' })]);
    const extra = await kit.api.call('POST', '/api/auth/dev-login', { body: { userId: 'owner-01', roles: ['supervisor'] } });
    expect(extra.status).toBe(400);
    const none = await kit.api.call('POST', '/api/auth/dev-login');
    expect(none.status).toBe(400);
    expect(none.body.error.details[0].field).toBe('userId');
  });

  it('answers 404 on the dev routes when DEV_ROUTES is not on', async () => {
    for (const value of ['false', undefined, 'TRUE']) {
      await withEnv({ DEV_ROUTES: value }, async () => {
        const list = await authHandler(httpEvent('GET', '/api/auth/dev-users'));
        expect(list.statusCode, String(value)).toBe(404);
        expect(JSON.parse(String(list.body)).error.code).toBe('NOT_FOUND');
        const login = await authHandler(httpEvent('POST', '/api/auth/dev-login', { body: { userId: 'owner-01' } }));
        expect(login.statusCode).toBe(404);
        // the same through the gateway, which runs the same handler
        expect((await kit.api.call('POST', '/api/auth/dev-login', { body: { userId: 'owner-01' } })).status).toBe(404);
        // and the API description leaves them out
        const doc = JSON.parse(String((await docsHandler()).body)) as { paths: Record<string, unknown> };
        expect(doc.paths['/api/auth/dev-login']).toBeUndefined();
        expect(doc.paths['/api/tickets']).toBeDefined();
      });
    }
    // restored: on again
    expect((await authHandler(httpEvent('GET', '/api/auth/dev-users'))).statusCode).toBe(200);
  });
});

describe('WeChat sign-in', () => {
  it('answers NOT_CONFIGURED (501) locally, where no mini-program AppID is set', async () => {
    const res = await kit.api.call('POST', '/api/auth/wechat', { body: { code: '081abcDEF' } });
    expect(res.status).toBe(501);
    expect(res.body.error.code).toBe('NOT_CONFIGURED');
    expect(res.body.error.message).toMatch(/微信登录/);
  });

  it('validates the code before anything else', async () => {
    const res = await kit.api.call('POST', '/api/auth/wechat', { body: {} });
    expect(res.status).toBe(400);
    expect(res.body.error.details[0].field).toBe('code');
    const empty = await kit.api.call('POST', '/api/auth/wechat', { body: { code: '' } });
    expect(empty.status).toBe(400);
  });
});

describe('tokens', () => {
  const expectUnauthenticated = (res: { status: number; body: unknown }) => {
    expect(res.status).toBe(401);
    expect(isEnvelope(res.body) && res.body.error.code).toBe('UNAUTHENTICATED');
  };

  it('refuses a missing token, and a header that is not a bearer token', async () => {
    expectUnauthenticated(await me());
    expectUnauthenticated(await kit.api.call('GET', '/api/me', { headers: { authorization: 'Basic b3duZXI6cHc=' } }));
    expectUnauthenticated(await kit.api.call('GET', '/api/tickets', { headers: { authorization: 'Bearer' } }));
  });

  it('refuses a tampered token', async () => {
    const token = await kit.token('owner-01');
    const [h, , sig] = token.split('.');
    const now = Math.floor(Date.now() / 1000);
    const forged = `${h}.${b64({ sub: 'supervisor', ten: kit.tenantId, roles: ['supervisor'], iat: now, exp: now + 3600 })}.${sig}`;
    expectUnauthenticated(await me(forged));
    expectUnauthenticated(await me(`${token.slice(0, -2)}${token.endsWith('AA') ? 'BB' : 'AA'}`));
    expectUnauthenticated(await me(`${b64({ alg: 'none', typ: 'JWT' })}.${token.split('.')[1]}.`));
    expectUnauthenticated(await me('not-a-token'));
    expectUnauthenticated(await me(`${token}.extra`));
    const otherKey = new TokenSigner('another-key-0123456789abcdef0123456789abcdef');
    expectUnauthenticated(await me((await otherKey.sign({ sub: 'owner-01', ten: kit.tenantId, roles: ['owner'] }, Date.now(), 3600)).token));
  });

  it('signs in with EdDSA tokens and refuses the HS256 tokens of before, even signed with the deployment key string and its kid', async () => {
    const token = await kit.token('owner-01');
    const header = JSON.parse(Buffer.from(token.split('.')[0] ?? '', 'base64url').toString()) as { alg: string; kid: string };
    expect(header.alg).toBe('EdDSA');
    const now = Math.floor(Date.now() / 1000);
    const hs256 = await new SignJWT({ ten: kit.tenantId, roles: ['owner'] })
      .setProtectedHeader({ alg: 'HS256', typ: 'JWT', kid: header.kid })
      .setSubject('owner-01')
      .setIssuer('whistle')
      .setAudience('whistle-api')
      .setIssuedAt(now)
      .setExpirationTime(now + 3600)
      .sign(new TextEncoder().encode(TEST_SIGNING_KEY));
    expectUnauthenticated(await me(hs256));
    expect((await me(token)).status).toBe(200);
  });

  it('refuses an expired token, also when the local clock is pinned in the past', async () => {
    const expired = await signer.sign({ sub: 'owner-01', ten: kit.tenantId, roles: ['owner'] }, Date.now() - 2 * 24 * 3600_000, 3600);
    expectUnauthenticated(await me(expired.token));
    const fresh = await signer.sign({ sub: 'owner-01', ten: kit.tenantId, roles: ['owner'] }, Date.now(), 3600);
    expect((await me(fresh.token)).status).toBe(200);
  });

  it('refuses a well-signed token for a user the tenant does not have', async () => {
    const ghost = await signer.sign({ sub: 'owner-99', ten: kit.tenantId, roles: ['owner'] }, Date.now(), 3600);
    expectUnauthenticated(await me(ghost.token));
    const wrongTenant = await signer.sign({ sub: 'owner-01', ten: 'no-such-tenant', roles: ['owner'] }, Date.now(), 3600);
    expectUnauthenticated(await me(wrongTenant.token));
  });

  it('takes roles from the user record, not from the token', async () => {
    const stale = await signer.sign({ sub: 'owner-01', ten: kit.tenantId, roles: ['supervisor'] }, Date.now(), 3600);
    const res = await kit.api.call('GET', '/api/tickets?view=supervision', { token: stale.token });
    expect(res.status).toBe(403);
    expect((await me(stale.token)).body.user.roles).toEqual(['owner']);
  });

  it('refuses a bad token on a public route rather than ignoring it', async () => {
    expectUnauthenticated(await kit.api.call('GET', '/api/auth/dev-users', { token: 'garbage' }));
    const ok = await kit.api.call('GET', '/api/health');
    expect([200, 503]).toContain(ok.status);
  });
});
