import { createHash, createSecretKey, type KeyObject } from 'node:crypto';
import { AuthError, Role } from '@whistle/shared';
import { errors, jwtVerify, SignJWT, type JWTHeaderParameters } from 'jose';
import * as z from 'zod/mini';

/**
 * Signed bearer tokens (JWT, HS256 with a `kid`): tenant, user and roles, an
 * issuer and audience, an expiry. Verified (with `jose`) in one place, the
 * HTTP wrapper, for every route but the public ones.
 *
 * Keys rotate without signing anybody out: tokens are signed with the current
 * key and name it in their `kid`; verification accepts any key of the set
 * (current + previous), so tokens signed before a rotation stay valid until
 * they expire.
 */
export const TokenClaims = z.object({
  sub: z.string(),
  ten: z.string(),
  roles: z.array(Role).check(z.minLength(1)),
  iat: z.number(),
  exp: z.number(),
});
export type TokenClaims = z.infer<typeof TokenClaims>;

export interface TokenKey {
  kid: string;
  key: string;
}
export interface TokenKeySet {
  current: TokenKey;
  previous?: TokenKey[];
}

export const TOKEN_ISSUER = 'whistle';
export const TOKEN_AUDIENCE = 'whistle-api';

/** The key id of a key given without one: a short fingerprint, the same in every process that has the key. */
export const defaultKeyId = (key: string): string => `k-${createHash('sha256').update(key, 'utf8').digest('base64url').slice(0, 10)}`;

const KeyShape = z.object({ kid: z.optional(z.string().check(z.minLength(1))), key: z.string() });
const KeySetShape = z.object({ current: KeyShape, previous: z.optional(z.array(KeyShape)) });

/**
 * A key set from configuration: either a single key (its id from `kid` or its
 * fingerprint), or JSON `{"current": {"kid", "key"}, "previous": [{"kid", "key"}]}`.
 */
export function parseKeySet(raw: string, kid?: string): TokenKeySet {
  const text = raw.trim();
  if (text.startsWith('{')) {
    let parsed: z.infer<typeof KeySetShape>;
    try {
      parsed = KeySetShape.parse(JSON.parse(text));
    } catch (cause) {
      throw new Error('token key set must be {"current": {"kid", "key"}, "previous": [...]}', { cause });
    }
    const withId = (k: z.infer<typeof KeyShape>): TokenKey => ({ kid: k.kid ?? defaultKeyId(k.key), key: k.key });
    return { current: withId(parsed.current), previous: (parsed.previous ?? []).map(withId) };
  }
  return { current: { kid: kid ?? defaultKeyId(text), key: text } };
}

const INVALID = '登录凭证无效，请重新登录';

export class TokenSigner {
  private readonly current: { kid: string; key: KeyObject };
  /** node:crypto key objects, made once: jose takes them as they are (a byte array would be imported on every call) */
  private readonly byKid: Map<string, KeyObject>;
  private readonly issuer: string;
  private readonly audience: string;

  constructor(keys: string | TokenKeySet, opts: { issuer?: string; audience?: string } = {}) {
    const set = typeof keys === 'string' ? parseKeySet(keys) : keys;
    const all = [set.current, ...(set.previous ?? [])];
    for (const k of all) if (k.key.length < 32) throw new Error('token signing key must be at least 32 characters');
    this.byKid = new Map(all.map((k) => [k.kid, createSecretKey(Buffer.from(k.key, 'utf8'))]));
    this.current = { kid: set.current.kid, key: this.byKid.get(set.current.kid) as KeyObject };
    this.issuer = opts.issuer ?? TOKEN_ISSUER;
    this.audience = opts.audience ?? TOKEN_AUDIENCE;
  }

  /** A JWT (HS256) with the current key's `kid`, for this issuer and audience. */
  async sign(claims: Omit<TokenClaims, 'iat' | 'exp'>, nowMs: number, ttlSeconds: number): Promise<{ token: string; expiresAt: string }> {
    const iat = Math.floor(nowMs / 1000);
    const token = await new SignJWT({ ten: claims.ten, roles: claims.roles })
      .setProtectedHeader({ alg: 'HS256', typ: 'JWT', kid: this.current.kid })
      .setSubject(claims.sub)
      .setIssuer(this.issuer)
      .setAudience(this.audience)
      .setIssuedAt(iat)
      .setExpirationTime(iat + ttlSeconds)
      .sign(this.current.key);
    return { token, expiresAt: new Date((iat + ttlSeconds) * 1000).toISOString() };
  }

  /** The claims of a token signed by a key of the set, for this issuer and audience, not expired at `nowMs` (wall clock). */
  async verify(token: string, nowMs: number): Promise<TokenClaims> {
    let payload: unknown;
    try {
      ({ payload } = await jwtVerify(
        token,
        (header: JWTHeaderParameters) => {
          const key = header.kid === undefined ? undefined : this.byKid.get(header.kid);
          if (!key) throw new errors.JWKSNoMatchingKey();
          return key;
        },
        {
          algorithms: ['HS256'],
          issuer: this.issuer,
          audience: this.audience,
          requiredClaims: ['iat', 'exp', 'sub'],
          // wall-clock expiry: the dev clock must not make tokens live forever or die early
          currentDate: new Date(nowMs),
        },
      ));
    } catch (cause) {
      if (cause instanceof errors.JWTExpired) throw new AuthError('登录已过期，请重新登录', cause);
      throw new AuthError(INVALID, cause);
    }
    const parsed = TokenClaims.safeParse(payload);
    if (!parsed.success) throw new AuthError(INVALID, parsed.error);
    return parsed.data;
  }
}
