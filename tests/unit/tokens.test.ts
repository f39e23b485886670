import { createHmac, generateKeyPairSync } from 'node:crypto';
import { AuthError } from '@whistle/shared';
import { importJWK, jwtVerify, SignJWT } from 'jose';
import { describe, expect, it } from 'vitest';
import { defaultKeyId, parseKeySet, publicKeysOf, TokenSigner, TokenVerifier } from '../../functions/src/adapters/tokens.js';

const KEY_A = 'key-a-0123456789abcdef0123456789abcdef';
const KEY_B = 'key-b-0123456789abcdef0123456789abcdef';
const claims = { sub: 'owner-01', ten: 'qingxi', roles: ['owner' as const] };
const NOW = Date.parse('2026-11-24T02:00:00.000Z');
const INVALID = '登录凭证无效，请重新登录';
const header = (token: string): unknown => JSON.parse(Buffer.from(token.split('.')[0] ?? '', 'base64url').toString());

const rejection = async (p: Promise<unknown>) => {
  const e = await p.catch((x: unknown) => x);
  expect(e).toBeInstanceOf(AuthError);
  return (e as AuthError).message;
};

describe('tokens', () => {
  it('are standard EdDSA JWTs with a kid, issuer and audience: jose verifies ours with the public JWK, we verify jose’s', async () => {
    const signer = new TokenSigner({ current: { kid: 'a', key: KEY_A } });
    const { token, expiresAt } = await signer.sign(claims, NOW, 3600);
    expect(expiresAt).toBe('2026-11-24T03:00:00.000Z');
    const [pub] = signer.publicKeys;
    expect(pub).toEqual({ kid: 'a', x: expect.stringMatching(/^[A-Za-z0-9_-]{43}$/) as unknown });
    const jwk = await importJWK({ kty: 'OKP', crv: 'Ed25519', x: pub?.x ?? '' }, 'EdDSA');
    const { payload, protectedHeader } = await jwtVerify(token, jwk, { issuer: 'whistle', audience: 'whistle-api', currentDate: new Date(NOW) });
    expect(protectedHeader).toEqual({ alg: 'EdDSA', typ: 'JWT', kid: 'a' });
    expect(payload).toMatchObject({ ...claims, iss: 'whistle', aud: 'whistle-api', exp: NOW / 1000 + 3600 });
    expect(payload).not.toHaveProperty('unit');
    // a user's token: an official's names their unit (a hint for reading the principal), and verifying keeps it
    const official = await signer.signFor({ id: 'officer-jxw', tenantId: 'qingxi', roles: ['officer'], unitId: 'jxw' }, NOW, 3600);
    expect(await signer.verify(official.token, NOW)).toMatchObject({ sub: 'officer-jxw', ten: 'qingxi', roles: ['officer'], unit: 'jxw' });
    const owner = await signer.signFor({ id: 'owner-01', tenantId: 'qingxi', roles: ['owner'] }, NOW, 3600);
    expect(await signer.verify(owner.token, NOW)).not.toHaveProperty('unit');

    // a token jose signs with an Ed25519 key of its own, its public key given as {kid, x}
    const { privateKey, publicKey } = generateKeyPairSync('ed25519');
    const theirs = await new SignJWT({ ten: 'qingxi', roles: ['owner'] })
      .setProtectedHeader({ alg: 'EdDSA', kid: 'j' })
      .setSubject('owner-01')
      .setIssuer('whistle')
      .setAudience('whistle-api')
      .setIssuedAt(NOW / 1000)
      .setExpirationTime(NOW / 1000 + 60)
      .sign(privateKey);
    const verifier = new TokenVerifier([{ kid: 'j', x: publicKey.export({ format: 'jwk' }).x ?? '' }]);
    expect(await verifier.verify(theirs, NOW)).toEqual({ ...claims, iat: NOW / 1000, exp: NOW / 1000 + 60 });
  });

  it('derive the same key pair from the same key string in every process, and a verifier of the public keys alone verifies what the signer signed', async () => {
    const signer = new TokenSigner(KEY_A);
    expect(new TokenSigner(KEY_A).publicKeys).toEqual(signer.publicKeys);
    expect(publicKeysOf(parseKeySet(KEY_A))).toEqual(signer.publicKeys);
    // the public key (what a verifying function holds) is neither the key string nor anything a token names as key
    expect(JSON.stringify(signer.publicKeys)).not.toContain(KEY_A);
    const verifier = new TokenVerifier(JSON.parse(JSON.stringify(signer.publicKeys)) as TokenSigner['publicKeys']);
    const { token } = await signer.sign(claims, NOW, 60);
    expect((await verifier.verify(token, NOW)).sub).toBe('owner-01');
  });

  it('rotate: tokens of the previous key stay valid, the new key signs, an unknown kid is refused', async () => {
    const before = new TokenSigner({ current: { kid: 'a', key: KEY_A } });
    const after = new TokenSigner({ current: { kid: 'b', key: KEY_B }, previous: [{ kid: 'a', key: KEY_A }] });
    expect(after.publicKeys.map((k) => k.kid)).toEqual(['b', 'a']);
    const verifier = new TokenVerifier(after.publicKeys);
    const old = (await before.sign(claims, NOW, 3600)).token;
    expect((await verifier.verify(old, NOW)).sub).toBe('owner-01');
    expect((await after.verify(old, NOW)).sub).toBe('owner-01');
    const fresh = (await after.sign(claims, NOW, 3600)).token;
    expect(header(fresh)).toMatchObject({ kid: 'b' });
    expect(await rejection(before.verify(fresh, NOW))).toBe(INVALID);
    expect(await rejection(new TokenVerifier(before.publicKeys).verify(fresh, NOW))).toBe(INVALID);
    // the key of another kid does not verify a token naming this one
    const swapped = new TokenSigner({ current: { kid: 'a', key: KEY_B } });
    expect(await rejection(verifier.verify((await swapped.sign(claims, NOW, 60)).token, NOW))).toBe(INVALID);
  });

  it('refuse a token signed by another key, and the HS256 tokens of before', async () => {
    const ours = new TokenVerifier(new TokenSigner({ current: { kid: 'a', key: KEY_A } }).publicKeys);
    const stranger = new TokenSigner({ current: { kid: 'a', key: KEY_B } });
    expect(await rejection(ours.verify((await stranger.sign(claims, NOW, 60)).token, NOW))).toBe(INVALID);
    // the old format: HS256 with the key string as HMAC key, the same kid
    const hs256 = await new SignJWT({ ten: 'qingxi', roles: ['owner'] })
      .setProtectedHeader({ alg: 'HS256', typ: 'JWT', kid: 'a' })
      .setSubject('owner-01')
      .setIssuer('whistle')
      .setAudience('whistle-api')
      .setIssuedAt(NOW / 1000)
      .setExpirationTime(NOW / 1000 + 60)
      .sign(new TextEncoder().encode(KEY_A));
    expect(await rejection(ours.verify(hs256, NOW))).toBe(INVALID);
    // nor an HS256 token keyed with a public key (the algorithm confusion of old): the algorithm is fixed
    const x = new TokenSigner({ current: { kid: 'a', key: KEY_A } }).publicKeys[0]?.x ?? '';
    const [h, p] = [{ alg: 'HS256', typ: 'JWT', kid: 'a' }, { ...claims, iss: 'whistle', aud: 'whistle-api', iat: NOW / 1000, exp: NOW / 1000 + 60 }].map((o) =>
      Buffer.from(JSON.stringify(o)).toString('base64url'),
    );
    const confused = `${h}.${p}.${createHmac('sha256', Buffer.from(x, 'base64url')).update(`${h}.${p}`).digest('base64url')}`;
    expect(await rejection(ours.verify(confused, NOW))).toBe(INVALID);
    // nor an unsigned one
    expect(await rejection(ours.verify(`${Buffer.from('{"alg":"none","kid":"a"}').toString('base64url')}.${p}.`, NOW))).toBe(INVALID);
  });

  it('refuse another issuer or audience, and expire by the wall clock passed in', async () => {
    const ours = new TokenSigner(KEY_A);
    const stranger = new TokenSigner(KEY_A, { audience: 'another-api' });
    expect(await rejection(ours.verify((await stranger.sign(claims, NOW, 60)).token, NOW))).toBe(INVALID);
    const foreign = new TokenSigner(KEY_A, { issuer: 'someone-else' });
    expect(await rejection(ours.verify((await foreign.sign(claims, NOW, 60)).token, NOW))).toBe(INVALID);
    const t = (await ours.sign(claims, NOW, 60)).token;
    expect((await ours.verify(t, NOW + 59_000)).sub).toBe('owner-01');
    expect(await rejection(ours.verify(t, NOW + 60_000))).toBe('登录已过期，请重新登录');
    expect(await rejection(ours.verify('not-a-token', NOW))).toBe(INVALID);
  });

  it('read a single key or a JSON key set from configuration', () => {
    expect(parseKeySet(KEY_A)).toEqual({ current: { kid: defaultKeyId(KEY_A), key: KEY_A } });
    // the default kid names the public key, not the key string (whose SHA-256 is the private key's seed)
    expect(defaultKeyId(KEY_A)).toBe(`k-${new TokenSigner(KEY_A).publicKeys[0]?.x.slice(0, 10)}`);
    expect(parseKeySet(KEY_A, 'k7')).toEqual({ current: { kid: 'k7', key: KEY_A } });
    expect(parseKeySet(JSON.stringify({ current: { kid: 'b', key: KEY_B }, previous: [{ kid: 'a', key: KEY_A }] }))).toEqual({
      current: { kid: 'b', key: KEY_B },
      previous: [{ kid: 'a', key: KEY_A }],
    });
    expect(() => parseKeySet('{"current": 1}')).toThrow(/key set/);
    expect(() => new TokenSigner('short')).toThrow(/32 characters/);
    expect(() => new TokenSigner({ current: { kid: 'a', key: KEY_A }, previous: [{ kid: 'p', key: 'short' }] })).toThrow(/32 characters/);
  });

  it('a verifier refuses public keys it cannot use', () => {
    const [a] = new TokenSigner({ current: { kid: 'a', key: KEY_A } }).publicKeys;
    if (!a) throw new Error('no public key');
    expect(() => new TokenVerifier([])).toThrow(/at least one/);
    expect(() => new TokenVerifier([a, a])).toThrow(/twice/);
    expect(() => new TokenVerifier([{ kid: 'a', x: 'c2hvcnQ' }])).toThrow(/32 bytes/);
  });
});
