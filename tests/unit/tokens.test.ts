import { AuthError } from '@whistle/shared';
import { jwtVerify, SignJWT } from 'jose';
import { describe, expect, it } from 'vitest';
import { defaultKeyId, parseKeySet, TokenSigner } from '../../functions/src/adapters/tokens.js';

const KEY_A = 'key-a-0123456789abcdef0123456789abcdef';
const KEY_B = 'key-b-0123456789abcdef0123456789abcdef';
const claims = { sub: 'owner-01', ten: 'qingxi', roles: ['owner' as const] };
const NOW = Date.parse('2026-11-24T02:00:00.000Z');
const bytes = (k: string) => new TextEncoder().encode(k);

const rejection = async (p: Promise<unknown>) => {
  const e = await p.catch((x: unknown) => x);
  expect(e).toBeInstanceOf(AuthError);
  return (e as AuthError).message;
};

describe('tokens', () => {
  it('are standard HS256 JWTs with a kid, issuer and audience: jose verifies ours, we verify jose’s', async () => {
    const { token, expiresAt } = await new TokenSigner({ current: { kid: 'a', key: KEY_A } }).sign(claims, NOW, 3600);
    expect(expiresAt).toBe('2026-11-24T03:00:00.000Z');
    const { payload, protectedHeader } = await jwtVerify(token, bytes(KEY_A), { issuer: 'whistle', audience: 'whistle-api', currentDate: new Date(NOW) });
    expect(protectedHeader).toEqual({ alg: 'HS256', typ: 'JWT', kid: 'a' });
    expect(payload).toMatchObject({ ...claims, iss: 'whistle', aud: 'whistle-api', exp: NOW / 1000 + 3600 });

    const theirs = await new SignJWT({ ten: 'qingxi', roles: ['owner'] })
      .setProtectedHeader({ alg: 'HS256', kid: 'a' })
      .setSubject('owner-01')
      .setIssuer('whistle')
      .setAudience('whistle-api')
      .setIssuedAt(NOW / 1000)
      .setExpirationTime(NOW / 1000 + 60)
      .sign(bytes(KEY_A));
    expect(await new TokenSigner({ current: { kid: 'a', key: KEY_A } }).verify(theirs, NOW)).toEqual({ ...claims, iat: NOW / 1000, exp: NOW / 1000 + 60 });
  });

  it('rotate: tokens of the previous key stay valid, the new key signs, an unknown kid is refused', async () => {
    const before = new TokenSigner({ current: { kid: 'a', key: KEY_A } });
    const after = new TokenSigner({ current: { kid: 'b', key: KEY_B }, previous: [{ kid: 'a', key: KEY_A }] });
    const old = (await before.sign(claims, NOW, 3600)).token;
    expect((await after.verify(old, NOW)).sub).toBe('owner-01');
    const fresh = (await after.sign(claims, NOW, 3600)).token;
    expect(JSON.parse(Buffer.from(fresh.split('.')[0] ?? '', 'base64url').toString())).toMatchObject({ kid: 'b' });
    expect(await rejection(before.verify(fresh, NOW))).toBe('登录凭证无效，请重新登录');
    // the key of another kid does not verify a token naming this one
    const swapped = new TokenSigner({ current: { kid: 'a', key: KEY_B } });
    expect(await rejection(after.verify((await swapped.sign(claims, NOW, 60)).token, NOW))).toBe('登录凭证无效，请重新登录');
  });

  it('refuse another issuer or audience, and expire by the wall clock passed in', async () => {
    const ours = new TokenSigner(KEY_A);
    const stranger = new TokenSigner(KEY_A, { audience: 'another-api' });
    expect(await rejection(ours.verify((await stranger.sign(claims, NOW, 60)).token, NOW))).toBe('登录凭证无效，请重新登录');
    const foreign = new TokenSigner(KEY_A, { issuer: 'someone-else' });
    expect(await rejection(ours.verify((await foreign.sign(claims, NOW, 60)).token, NOW))).toBe('登录凭证无效，请重新登录');
    const t = (await ours.sign(claims, NOW, 60)).token;
    expect((await ours.verify(t, NOW + 59_000)).sub).toBe('owner-01');
    expect(await rejection(ours.verify(t, NOW + 60_000))).toBe('登录已过期，请重新登录');
    expect(await rejection(ours.verify('not-a-token', NOW))).toBe('登录凭证无效，请重新登录');
  });

  it('read a single key or a JSON key set from configuration', () => {
    expect(parseKeySet(KEY_A)).toEqual({ current: { kid: defaultKeyId(KEY_A), key: KEY_A } });
    expect(parseKeySet(KEY_A, 'k7')).toEqual({ current: { kid: 'k7', key: KEY_A } });
    expect(parseKeySet(JSON.stringify({ current: { kid: 'b', key: KEY_B }, previous: [{ kid: 'a', key: KEY_A }] }))).toEqual({
      current: { kid: 'b', key: KEY_B },
      previous: [{ kid: 'a', key: KEY_A }],
    });
    expect(() => parseKeySet('{"current": 1}')).toThrow(/key set/);
    expect(() => new TokenSigner('short')).toThrow(/32 characters/);
  });
});
