import { createHash, createPrivateKey, createPublicKey, type KeyObject } from 'node:crypto';
import { AuthError, Role, type User } from '@whistle/shared';
import { errors, jwtVerify, SignJWT, type JWTHeaderParameters } from 'jose';
import * as z from 'zod/mini';

/**
 * Signed bearer tokens (JWT, EdDSA over Ed25519 with a `kid`): tenant, user,
 * roles and (an official's) unit, an issuer and audience, an expiry. Verified (with `jose`) in one place,
 * the HTTP wrapper, for every route but the public ones.
 *
 * A key is a secret string (at least 32 characters); its Ed25519 key pair is
 * derived from it (the seed is its SHA-256). Only the signer holds the string;
 * the verifiers hold the public keys (TOKEN_PUBLIC_KEYS), which are not secret,
 * so a function that is compromised cannot mint tokens.
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
  /** the caller's unit when the token was signed: a hint that lets the user and the unit be read at once (the user's record decides) */
  unit: z.optional(z.string()),
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
/** the one signature algorithm (jose's name for Ed25519 signatures) */
const ALG = 'EdDSA';

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

/**
 * A public key of the set as configuration carries it (TOKEN_PUBLIC_KEYS): its
 * `kid` and `x`, the raw 32-byte Ed25519 public key in base64url (as in a JWK).
 */
export interface PublicTokenKey {
  kid: string;
  x: string;
}

/** PKCS#8 DER of an Ed25519 private key, up to its 32-byte seed (RFC 8410) */
const ED25519_PKCS8_PREFIX = Buffer.from('302e020100300506032b657004220420', 'hex');

/** The Ed25519 private key of a key string: its seed is the string's SHA-256, so every process that has the key derives the same pair. */
export function privateKeyOf(key: string): KeyObject {
  if (key.length < 32) throw new Error('token signing key must be at least 32 characters');
  const seed = createHash('sha256').update(key, 'utf8').digest();
  return createPrivateKey({ key: Buffer.concat([ED25519_PKCS8_PREFIX, seed]), format: 'der', type: 'pkcs8' });
}

const xOf = (key: KeyObject): string => {
  const { x } = createPublicKey(key).export({ format: 'jwk' });
  if (!x) throw new Error('not an Ed25519 key');
  return x;
};

/**
 * The key id of a key given without one: a short fingerprint of its public key, the same in every process that
 * has the key. (Not of the key string: its SHA-256 is the private key's seed, and a kid is public.)
 */
export const defaultKeyId = (key: string): string => `k-${xOf(privateKeyOf(key)).slice(0, 10)}`;

/** Whether a set of public keys carries this one (its kid with its key): a signer's current key must be published. */
export const publishes = (keys: readonly PublicTokenKey[], key: PublicTokenKey): boolean => keys.some((k) => k.kid === key.kid && k.x === key.x);

/** The claims a user's token carries: tenant, user, roles and (an official's) unit. */
const claimsOf = (user: Pick<User, 'id' | 'tenantId' | 'roles' | 'unitId'>): Omit<TokenClaims, 'iat' | 'exp'> => ({
  sub: user.id,
  ten: user.tenantId,
  roles: user.roles,
  ...(user.unitId ? { unit: user.unitId } : {}),
});

/** The public keys of a key set (current first), as TOKEN_PUBLIC_KEYS carries them: not secret. */
export function publicKeysOf(set: TokenKeySet): PublicTokenKey[] {
  return [set.current, ...(set.previous ?? [])].map((k) => ({ kid: k.kid, x: xOf(privateKeyOf(k.key)) }));
}

/**
 * Verifies tokens (JWT, EdDSA over Ed25519) with public keys only, by `kid`:
 * what every function holds, so none of them can mint a token.
 */
export class TokenVerifier {
  /** node:crypto key objects, made once: jose takes them as they are (a JWK would be imported on every call) */
  private readonly byKid: Map<string, KeyObject>;
  private readonly issuer: string;
  private readonly audience: string;

  constructor(keys: readonly PublicTokenKey[], opts: { issuer?: string; audience?: string } = {}) {
    if (keys.length === 0) throw new Error('token verification needs at least one public key');
    this.byKid = new Map();
    for (const k of keys) {
      if (this.byKid.has(k.kid)) throw new Error(`token public key ${k.kid} is given twice`);
      if (Buffer.from(k.x, 'base64url').length !== 32) throw new Error(`token public key ${k.kid}: x must be 32 bytes in base64url`);
      this.byKid.set(k.kid, createPublicKey({ key: { kty: 'OKP', crv: 'Ed25519', x: k.x }, format: 'jwk' }));
    }
    this.issuer = opts.issuer ?? TOKEN_ISSUER;
    this.audience = opts.audience ?? TOKEN_AUDIENCE;
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
          // the algorithm is fixed: a token of another (an HS256 token of before) is refused, whatever its header says
          algorithms: [ALG],
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

/**
 * Signs tokens with the current key of a set (its private key derived from the
 * key string), and verifies them with the public keys of the whole set. Only
 * the function that signs in (`auth`) holds one.
 */
export class TokenSigner {
  private readonly current: { kid: string; key: KeyObject };
  private readonly verifier: TokenVerifier;
  private readonly issuer: string;
  private readonly audience: string;
  /** the public keys of the set, current first (what TOKEN_PUBLIC_KEYS must carry) */
  readonly publicKeys: PublicTokenKey[];

  constructor(keys: string | TokenKeySet, opts: { issuer?: string; audience?: string } = {}) {
    const set = typeof keys === 'string' ? parseKeySet(keys) : keys;
    this.current = { kid: set.current.kid, key: privateKeyOf(set.current.key) };
    this.publicKeys = publicKeysOf(set);
    this.verifier = new TokenVerifier(this.publicKeys, opts);
    this.issuer = opts.issuer ?? TOKEN_ISSUER;
    this.audience = opts.audience ?? TOKEN_AUDIENCE;
  }

  /** A JWT (EdDSA) with the current key's `kid`, for this issuer and audience. */
  async sign(claims: Omit<TokenClaims, 'iat' | 'exp'>, nowMs: number, ttlSeconds: number): Promise<{ token: string; expiresAt: string }> {
    const iat = Math.floor(nowMs / 1000);
    const token = await new SignJWT({ ten: claims.ten, roles: claims.roles, ...(claims.unit ? { unit: claims.unit } : {}) })
      .setProtectedHeader({ alg: ALG, typ: 'JWT', kid: this.current.kid })
      .setSubject(claims.sub)
      .setIssuer(this.issuer)
      .setAudience(this.audience)
      .setIssuedAt(iat)
      .setExpirationTime(iat + ttlSeconds)
      .sign(this.current.key);
    return { token, expiresAt: new Date((iat + ttlSeconds) * 1000).toISOString() };
  }

  /** A user's token: their tenant, id, roles and (an official's) unit (`claimsOf`). */
  signFor(user: Pick<User, 'id' | 'tenantId' | 'roles' | 'unitId'>, nowMs: number, ttlSeconds: number): Promise<{ token: string; expiresAt: string }> {
    return this.sign(claimsOf(user), nowMs, ttlSeconds);
  }

  /** As TokenVerifier.verify, with the public keys of this set. */
  verify(token: string, nowMs: number): Promise<TokenClaims> {
    return this.verifier.verify(token, nowMs);
  }
}
